package definition

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

func openAPIKind(version string) Kind {
	switch {
	case version == "2.0":
		return KindOAS2
	case strings.HasPrefix(version, "3.0."):
		return KindOAS3
	case strings.HasPrefix(version, "3.1."):
		return KindOAS31
	}
	return ""
}

// parseOpenAPI handles Swagger 2.0 and OpenAPI 3.x.
//
// Operations are read from the node tree rather than from kin-openapi's
// model so that a document kin refuses to load (a dangling $ref, say) still
// shows its operations next to its problems, and so the count rules are the
// same for every version.
func parseOpenAPI(ctx context.Context, def *Definition, data []byte, src *source) {
	root := src.root
	versionPtr := "/openapi"
	def.SpecVersion = scalar(root, "openapi")
	if _, v := mapEntry(root, "swagger"); v != nil {
		versionPtr = "/swagger"
		def.SpecVersion = scalar(root, "swagger")
	}
	def.Kind = openAPIKind(def.SpecVersion)
	if def.Kind == "" {
		msg := fmt.Sprintf("unsupported OpenAPI version %q; supported are 2.0, 3.0.x and 3.1.x", def.SpecVersion)
		if strings.HasPrefix(def.SpecVersion, "3.") {
			msg += "; OpenAPI " + def.SpecVersion + " is newer than this importer, convert it to 3.1 (drop the newer fields) and upload again"
		}
		def.Problems = append(def.Problems, src.problemAt(SeverityError, versionPtr, msg))
	}

	info := mapValue(root, "info")
	def.Title, def.Version, def.Description = scalar(info, "title"), scalar(info, "version"), scalar(info, "description")
	checkInfo(def, src, info)
	def.Servers = openAPIServers(root, def.Kind == KindOAS2)

	refProblems := src.checkRefs()
	def.Problems = append(def.Problems, refProblems...)

	v2Broken := false
	if def.Kind == KindOAS2 {
		v2Broken = checkV2Schemas(def, src)
	}
	ops := extractOpenAPIOperations(def, src)
	checkOperationIDs(def, src, ops)
	warned := checkPathParams(def, src, ops)

	if def.Kind == "" {
		return // kin-openapi would only repeat that it does not know the version
	}
	if v2Broken {
		return // kin-openapi cannot decode these schemas and would only say "cannot unmarshal array"
	}
	infoReported := false
	for _, p := range def.Problems {
		infoReported = infoReported || strings.HasPrefix(p.Pointer, "/info")
	}
	validateWithKin(ctx, def, data, src, kinSkips{refs: len(refProblems) > 0, info: infoReported, pathParams: warned})
}

// checkV2Schemas finds JSON Schema keywords that Swagger 2.0 schema objects
// do not have. kin-openapi refuses such a document with a message that names
// no location, so each use is reported here where it is written.
func checkV2Schemas(def *Definition, src *source) bool {
	found := false
	var visit func(n *yaml.Node, ptr string, depth int)
	visit = func(n *yaml.Node, ptr string, depth int) {
		if n == nil || depth > 512 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if isLiteralKeyword(k.Value) || strings.HasPrefix(k.Value, "x-") {
					continue
				}
				p := ptr + "/" + escapeToken(k.Value)
				if msg := v2SchemaMisuse(k.Value, v); msg != "" && !strings.HasSuffix(ptr, "/properties") && !strings.HasSuffix(ptr, "/definitions") {
					// Real documents (Slack's) use these JSON Schema forms; they
					// change payload schemas, not routes, so they warn rather
					// than refuse the import.
					found = true
					def.Problems = append(def.Problems, src.problemAt(SeverityWarning, p, msg))
					continue
				}
				visit(v, p, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				visit(c, ptr+"/"+strconv.Itoa(i), depth+1)
			}
		}
	}
	visit(src.root, "", 0)
	return found
}

func v2SchemaMisuse(key string, v *yaml.Node) string {
	if v.Kind != yaml.SequenceNode {
		return ""
	}
	switch key {
	case "oneOf", "anyOf":
		return key + " is not allowed in Swagger 2.0 schemas (only allOf is); convert the document to OpenAPI 3, or use allOf"
	case "type":
		return "type must be a single string in Swagger 2.0, not a list; use one type (and x-nullable for null), or convert the document to OpenAPI 3.1"
	case "items":
		return "items must be a single schema in Swagger 2.0, not a list; use one schema, or convert the document to OpenAPI 3.1 (prefixItems)"
	}
	return ""
}

// checkInfo reports a missing title or version ourselves because kin-openapi
// says "must be an object" without saying what it needs.
func checkInfo(def *Definition, src *source, info *yaml.Node) {
	switch {
	case info == nil:
		def.Problems = append(def.Problems, src.problemAt(SeverityError, "/info", "the required info object is missing; add info with a title and a version"))
	case info.Kind != yaml.MappingNode:
		def.Problems = append(def.Problems, src.problemAt(SeverityError, "/info", "info must be an object with a title and a version"))
	default:
		for _, f := range []string{"title", "version"} {
			if scalar(info, f) == "" {
				def.Problems = append(def.Problems, src.problemAt(SeverityError, "/info/"+f, "info."+f+" is required and must be a non-empty string"))
			}
		}
	}
}

var serverVar = regexp.MustCompile(`\{([^{}]+)\}`)

// openAPIServers keeps only absolute URLs: a relative server URL means
// "wherever the document was served from", which an upload does not have.
// Server variables take their defaults. Swagger 2.0 without schemes defaults
// to https, as kin-openapi's converter does.
func openAPIServers(root *yaml.Node, v2 bool) []string {
	var out []string
	add := func(u string) {
		if p, err := url.Parse(u); err == nil && p.Scheme != "" && p.Host != "" {
			out = append(out, u)
		}
	}
	if v2 {
		host := scalar(root, "host")
		if host == "" {
			return nil
		}
		base := scalar(root, "basePath")
		schemes := []string{}
		if s := mapValue(root, "schemes"); s != nil && s.Kind == yaml.SequenceNode {
			for _, c := range s.Content {
				schemes = append(schemes, c.Value)
			}
		}
		if len(schemes) == 0 {
			schemes = []string{"https"}
		}
		for _, sc := range schemes {
			add(sc + "://" + host + base)
		}
		return out
	}
	servers := mapValue(root, "servers")
	if servers == nil || servers.Kind != yaml.SequenceNode {
		return nil
	}
	for _, s := range servers.Content {
		vars := mapValue(s, "variables")
		add(serverVar.ReplaceAllStringFunc(scalar(s, "url"), func(m string) string {
			if d := scalar(mapValue(vars, m[1:len(m)-1]), "default"); d != "" {
				return d
			}
			return m
		}))
	}
	return out
}

// openAPIMethods are the path item fields that hold operations. Webhooks and
// callbacks are not operations: they are calls the API makes, not routes a
// gateway exposes. "query" and additionalOperations are OpenAPI 3.2.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}

// located is an operation with where it was written, for the checks.
type located struct {
	op       Operation
	path     string
	ptr      string // the operation object
	item     *yaml.Node
	itemPtr  string
	node     *yaml.Node
	security *yaml.Node
}

func extractOpenAPIOperations(def *Definition, src *source) []located {
	root := src.root
	schemes := securitySchemes(src)
	var ops []located
	pairs(mapValue(root, "paths"), func(k, item *yaml.Node) {
		if strings.HasPrefix(k.Value, "x-") {
			return
		}
		itemPtr := pointer("paths", k.Value)
		item = deAlias(item)
		if ref := scalar(item, "$ref"); strings.HasPrefix(ref, "#/") {
			if n := src.lookup(ref[1:]); n != nil {
				item, itemPtr = n, ref[1:]
			}
		}
		add := func(method string, op *yaml.Node, ptr string) {
			op = deAlias(op)
			if op == nil || op.Kind != yaml.MappingNode {
				return
			}
			sec := mapValue(op, "security")
			if sec == nil {
				sec = mapValue(root, "security")
			}
			o := Operation{
				Method:      strings.ToUpper(method),
				Target:      k.Value,
				OperationID: scalar(op, "operationId"),
				Summary:     scalar(op, "summary"),
			}
			o.Scopes, o.Secured = securityOf(sec, schemes)
			o.Gateway = gatewaySettings(def, src, op, ptr)
			ops = append(ops, located{op: o, path: k.Value, ptr: ptr, item: item, itemPtr: itemPtr, node: op, security: sec})
		}
		for _, m := range openAPIMethods {
			if _, op := mapEntry(item, m); op != nil {
				add(m, op, itemPtr+"/"+m)
			}
		}
		pairs(mapValue(item, "additionalOperations"), func(mk, op *yaml.Node) {
			add(mk.Value, op, itemPtr+"/additionalOperations/"+escapeToken(mk.Value))
		})
	})
	for _, o := range ops {
		def.Operations = append(def.Operations, o.op)
	}
	return ops
}

// securitySchemes maps scheme names to their type; only OAuth2 and OpenID
// Connect requirements list scopes (in 3.1 other schemes may list roles,
// which are not scopes a token carries).
func securitySchemes(src *source) map[string]string {
	out := map[string]string{}
	collect := func(m *yaml.Node) {
		pairs(m, func(k, v *yaml.Node) {
			v = deAlias(v)
			if ref := scalar(v, "$ref"); strings.HasPrefix(ref, "#/") {
				if n := src.lookup(ref[1:]); n != nil {
					v = n
				}
			}
			out[k.Value] = scalar(v, "type")
		})
	}
	collect(mapValue(mapValue(src.root, "components"), "securitySchemes"))
	collect(mapValue(src.root, "securityDefinitions"))
	return out
}

// securityOf reads an effective security requirement list. Requirements are
// alternatives: an empty one ({}) means anonymous access is allowed, so such
// an operation is not Secured even if other alternatives need a token.
func securityOf(sec *yaml.Node, schemes map[string]string) (scopes []string, secured bool) {
	if sec == nil || sec.Kind != yaml.SequenceNode || len(sec.Content) == 0 {
		return nil, false
	}
	secured = true
	for _, req := range sec.Content {
		req = deAlias(req)
		if req.Kind != yaml.MappingNode || len(req.Content) == 0 {
			secured = false
			continue
		}
		pairs(req, func(k, v *yaml.Node) {
			switch schemes[k.Value] {
			case "oauth2", "openIdConnect":
			default:
				return
			}
			if v = deAlias(v); v.Kind == yaml.SequenceNode {
				for _, s := range v.Content {
					if s.Kind == yaml.ScalarNode && s.Value != "" {
						scopes = append(scopes, s.Value)
					}
				}
			}
		})
	}
	return scopes, secured
}

// checkOperationIDs reports every reuse of an operationId, each at its own
// line: code generators turn them into method names, so a duplicate breaks
// every generated client.
func checkOperationIDs(def *Definition, src *source, ops []located) {
	first := map[string]located{}
	for _, o := range ops {
		id := o.op.OperationID
		if id == "" {
			continue
		}
		if f, ok := first[id]; ok {
			def.Problems = append(def.Problems, src.problemAt(SeverityError, o.ptr+"/operationId",
				fmt.Sprintf("operationId %q of %s %s is already used by %s %s; operationIds must be unique, rename one", id, o.op.Method, o.path, f.op.Method, f.path)))
			continue
		}
		first[id] = o
	}
}

var pathTemplateParam = regexp.MustCompile(`\{([^{}/]+)\}`)

// checkPathParams warns when a path template names a parameter the operation
// does not declare. It is a warning, not an error, because the gateway can
// still route the template; only request validation of that segment is lost.
// It returns the operations it warned about so kin-openapi's error for the
// same thing is not reported twice.
func checkPathParams(def *Definition, src *source, ops []located) map[string]bool {
	warned := map[string]bool{}
	for _, o := range ops {
		names := pathTemplateParam.FindAllStringSubmatch(o.path, -1)
		if len(names) == 0 {
			continue
		}
		declared := map[string]bool{}
		for _, list := range []*yaml.Node{mapValue(o.item, "parameters"), mapValue(o.node, "parameters")} {
			if list == nil || list.Kind != yaml.SequenceNode {
				continue
			}
			for _, p := range list.Content {
				p = deAlias(p)
				if ref := scalar(p, "$ref"); strings.HasPrefix(ref, "#/") {
					p = src.lookup(ref[1:])
				}
				if scalar(p, "in") == "path" {
					declared[scalar(p, "name")] = true
				}
			}
		}
		for _, n := range names {
			if declared[n[1]] {
				continue
			}
			warned[o.op.Method+" "+o.path] = true
			def.Problems = append(def.Problems, src.problemAt(SeverityWarning, o.ptr,
				fmt.Sprintf("path %s uses {%s} but %s does not declare it; add a parameter with name: %s, in: path, required: true", o.path, n[1], o.op.Method, n[1])))
		}
	}
	return warned
}

// validateWithKin runs kin-openapi's loader and validator and maps each of
// its findings to a pointer and a position.
// largeDocument is the size above which example and default values are not
// validated.
const largeDocument = 1 << 20

func validateWithKin(ctx context.Context, def *Definition, data []byte, src *source, skip kinSkips) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = ctx
	v2 := def.Kind == KindOAS2

	var doc *openapi3.T
	var err error
	if v2 {
		var d2 openapi2.T
		if err = openapi2.UnmarshalFromData(data, &d2); err == nil {
			doc, err = openapi2conv.ToV3WithLoader(&d2, loader, nil)
		}
	} else {
		doc, err = loader.LoadFromData(data)
	}
	if err != nil {
		// A loader stops at the first broken $ref, which checkRefs has
		// already reported along with all the others.
		if !skip.refs {
			def.Problems = append(def.Problems, src.problemAt(SeverityError, "", "the document could not be loaded: "+firstLine(err.Error())))
		}
		return
	}
	if err := ctx.Err(); err != nil {
		return
	}
	opts := []openapi3.ValidationOption{openapi3.EnableMultiError()}
	if len(data) > largeDocument {
		// Example and default checks compile a JSON Schema validator per
		// value: with 3.1's JSON Schema 2020-12 validator that was half of
		// the parse of OpenAI's spec (1422 schemas, most with defaults), for
		// warnings only (classify makes a mismatch a warning).
		opts = append(opts, openapi3.DisableExamplesValidation(), openapi3.DisableSchemaDefaultsValidation())
		def.Problems = append(def.Problems, Problem{Severity: SeverityWarning,
			Message: "examples and defaults were not checked against their schemas: the document is over 1 MiB"})
	}
	verr := doc.Validate(ctx, opts...)
	for _, e := range flatten(verr) {
		var dup *openapi3.DuplicateOperationIDError
		var pp *openapi3.PathParametersError
		var unresolved *openapi3.UnresolvedRefError
		switch {
		case errors.As(e, &dup):
			continue // checkOperationIDs reports every duplicate, not just one
		case errors.As(e, &pp) && skip.pathParams[pp.Method+" "+pp.Path]:
			continue
		case errors.As(e, &unresolved) && skip.refs:
			continue
		case v2 && isV3OnlyComplaint(e):
			continue
		}
		ptr := kinPointer(e, src)
		if v2 {
			ptr = v3PointerToV2(ptr)
		}
		if skip.info && (ptr == "/info" || strings.HasPrefix(ptr, "/info/")) {
			continue
		}
		sev, hint := classify(e, def.Kind)
		def.Problems = append(def.Problems, src.problemAt(sev, ptr, firstLine(withoutContext(e).Error())+hint))
	}
}

// kinSkips names findings this package already reported in its own words,
// so kin-openapi's version of them is not shown twice.
type kinSkips struct {
	refs       bool            // checkRefs found broken $refs
	info       bool            // checkInfo found info problems
	pathParams map[string]bool // "METHOD /path" warned by checkPathParams
}

// isV3OnlyComplaint drops findings about what openapi2conv generated rather
// than what the user wrote.
func isV3OnlyComplaint(e error) bool {
	var rf *openapi3.RequiredFieldError
	return errors.As(e, &rf) && rf.Field == "openapi"
}

func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// classify decides the severity of a kin-openapi finding. Examples and
// defaults that disagree with their schema are warnings: nearly every large
// public spec has some (Twilio, Okta, Box, Hydra in our corpus), and they do
// not change what the gateway routes or enforces. In 3.1 schemas, keywords
// kin-openapi does not know (such as $recursiveRef from older drafts) are
// ignored by JSON Schema 2020-12, so they are warnings too.
func classify(e error, kind Kind) (severity, hint string) {
	var sv *openapi3.SchemaValueError
	var mx *openapi3.MediaTypeExampleValidationError
	var px *openapi3.ParameterExampleValidationError
	if errors.As(e, &sv) || errors.As(e, &mx) || errors.As(e, &px) || strings.Contains(e.Error(), "invalid example") {
		return SeverityWarning, " (the example or default does not match its schema; fix it so documentation and mocks are right)"
	}
	if strings.Contains(e.Error(), "duplicate field") && strings.Contains(e.Error(), "in required") {
		// Listing a required property twice means the same as listing it once.
		return SeverityWarning, " (remove the repeated entry)"
	}
	if kind == KindOAS31 && strings.Contains(e.Error(), "exclusiveM") && strings.Contains(e.Error(), "boolean") {
		// The 3.0 spelling of exclusive bounds inside a 3.1 document (OpenAI's
		// spec has it): a schema detail the gateway does not route on, so the
		// document still imports, with the fix named.
		return SeverityWarning, " (in OpenAPI 3.1 exclusiveMinimum/exclusiveMaximum are numbers: write the bound itself)"
	}
	var extra *openapi3.ExtraSiblingFieldsError
	if kind == KindOAS31 && errors.As(e, &extra) && inSchema(e) {
		return SeverityWarning, " (unknown JSON Schema keywords are ignored)"
	}
	var rf *openapi3.RequiredFieldError
	if errors.As(e, &rf) {
		return SeverityError, "; add " + rf.Field
	}
	return SeverityError, ""
}

func inSchema(e error) bool {
	for ; e != nil; e = errors.Unwrap(e) {
		switch w := e.(type) {
		case *openapi3.ComponentValidationError:
			if w.Section == "schema" {
				return true
			}
		case *openapi3.SchemaCombinatorElementValidationError:
			return true
		case *openapi3.ParameterFieldValidationError:
			if w.Field == "schema" {
				return true
			}
		}
	}
	return false
}

var componentSections = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers", "request body": "requestBodies",
	"response": "responses", "security scheme": "securitySchemes", "example": "examples", "link": "links",
	"callback": "callbacks", "path item": "pathItems",
}

// kinPointer rebuilds a JSON pointer from kin-openapi's context wrappers,
// outermost first, and stops at the first wrapper it cannot place: a
// shorter pointer to the right object beats a precise-looking wrong one.
func kinPointer(err error, src *source) string {
	ptr := ""
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch w := e.(type) {
		case *openapi3.SectionValidationError:
			switch w.Section {
			case "external docs":
				ptr += "/externalDocs"
			default:
				ptr += "/" + escapeToken(w.Section)
			}
		case *openapi3.PathValidationError:
			ptr += "/" + escapeToken(w.Path)
		case *openapi3.OperationValidationError:
			ptr += "/" + strings.ToLower(w.Method)
		case *openapi3.WebhookValidationError:
			ptr += "/" + escapeToken(w.Name)
		case *openapi3.ComponentValidationError:
			sec, ok := componentSections[w.Section]
			if !ok {
				return ptr
			}
			ptr += "/" + sec + "/" + escapeToken(w.Name)
		case *openapi3.TagValidationError:
			i := indexByName(src.lookup(ptr), w.Name)
			if i < 0 {
				return ptr
			}
			ptr += "/" + strconv.Itoa(i)
		case *openapi3.ParameterFieldValidationError:
			i := indexByName(mapValue(src.lookup(ptr), "parameters"), w.ParameterName)
			if i < 0 {
				return ptr
			}
			ptr += "/parameters/" + strconv.Itoa(i) + "/" + w.Field
		case *openapi3.OAuthFlowValidationError:
			ptr += "/flows/" + escapeToken(w.FlowKind)
		case *openapi3.SecuritySchemeFlowValidationError,
			*openapi3.RequiredFieldError, *openapi3.FieldVersionMismatchError:
			// Clusters and the flows wrapper add no pointer segment.
		case *openapi3.MediaTypeExampleValidationError, *openapi3.ParameterExampleValidationError,
			*openapi3.HeaderFieldValidationError, *openapi3.SchemaCombinatorElementValidationError,
			*openapi3.MediaTypeEncodingValidationError:
			return ptr
		case openapi3.MultiError:
			return ptr
		}
	}
	return ptr
}

// withoutContext drops the wrappers whose only content is the location,
// which the Problem's pointer and line already carry.
func withoutContext(e error) error {
	for {
		switch w := e.(type) {
		case *openapi3.SectionValidationError:
			e = w.Cause
		case *openapi3.PathValidationError:
			e = w.Cause
		case *openapi3.OperationValidationError:
			e = w.Cause
		case *openapi3.WebhookValidationError:
			e = w.Cause
		case *openapi3.ComponentValidationError:
			e = w.Cause
		case *openapi3.TagValidationError:
			e = w.Cause
		default:
			return e
		}
	}
}

func indexByName(seq *yaml.Node, name string) int {
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return -1
	}
	for i, c := range seq.Content {
		if scalar(c, "name") == name {
			return i
		}
	}
	return -1
}

// v3PointerToV2 maps pointers into the converted 3.0 document back to where
// the same thing lives in the Swagger 2.0 source.
func v3PointerToV2(ptr string) string {
	for from, to := range map[string]string{
		"/components/schemas/":         "/definitions/",
		"/components/securitySchemes/": "/securityDefinitions/",
		"/components/parameters/":      "/parameters/",
		"/components/requestBodies/":   "/parameters/",
		"/components/responses/":       "/responses/",
	} {
		if strings.HasPrefix(ptr, from) {
			return to + ptr[len(from):]
		}
	}
	return ptr
}

// LoadOpenAPI loads an OpenAPI document that Parse accepted (an API's
// stored definition) into kin-openapi's model, converting 2.0 to 3.
func LoadOpenAPI(ctx context.Context, data []byte, v2 bool) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = ctx
	if v2 {
		var d2 openapi2.T
		if err := openapi2.UnmarshalFromData(data, &d2); err != nil {
			return nil, err
		}
		return openapi2conv.ToV3WithLoader(&d2, loader, nil)
	}
	return loader.LoadFromData(data)
}
