// Package compat finds the changes between two versions of an OpenAPI
// definition that break existing consumers: removed operations, new
// required parameters or body fields, and narrowed types. It is a focused
// comparer rather than oasdiff, whose module requires a newer
// OpenTelemetry than ory/fosite's dependencies build with.
package compat

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Change kinds.
const (
	OperationRemoved      = "operation-removed"
	RequiredParamAdded    = "required-parameter-added"
	ParamMadeRequired     = "parameter-made-required"
	RequestBodyRequired   = "request-body-made-required"
	RequiredFieldAdded    = "required-request-field-added"
	TypeNarrowed          = "type-narrowed"
	EnumNarrowed          = "enum-narrowed"
	RangeNarrowed         = "range-narrowed"
	ResponseFieldRemoved  = "response-field-removed"
	SuccessResponseRemove = "success-response-removed"
)

// Change is one breaking change, on one operation ("GET /pets/{}").
type Change struct {
	Kind      string
	Operation string
	Message   string
}

var paramName = regexp.MustCompile(`\{[^}]*\}`)

// opKey names an operation with its path parameters blanked, so renaming
// {id} to {petId} is not a removal.
func opKey(method, path string) string {
	return strings.ToUpper(method) + " " + paramName.ReplaceAllString(path, "{}")
}

type op struct {
	path string
	o    *openapi3.Operation
	item *openapi3.PathItem
}

func operations(doc *openapi3.T) map[string]op {
	out := map[string]op{}
	if doc == nil || doc.Paths == nil {
		return out
	}
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			out[opKey(method, path)] = op{path: path, o: o, item: item}
		}
	}
	return out
}

// Breaking lists what consumers of old would find broken in new, sorted by
// operation.
func Breaking(old, new *openapi3.T) []Change {
	var out []Change
	before, after := operations(old), operations(new)
	for key, b := range before {
		a, ok := after[key]
		if !ok {
			out = append(out, Change{OperationRemoved, label(key, b.path), "the operation was removed"})
			continue
		}
		out = append(out, compareOperation(label(key, a.path), b, a)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Operation != out[j].Operation {
			return out[i].Operation < out[j].Operation
		}
		return out[i].Message < out[j].Message
	})
	return out
}

func label(key, path string) string { return strings.SplitN(key, " ", 2)[0] + " " + path }

type paramID struct{ in, name string }

func params(o op) map[paramID]*openapi3.Parameter {
	m := map[paramID]*openapi3.Parameter{}
	add := func(ps openapi3.Parameters) {
		for _, r := range ps {
			if r == nil || r.Value == nil {
				continue
			}
			p := r.Value
			id := paramID{p.In, strings.ToLower(p.Name)}
			if p.In == openapi3.ParameterInPath {
				// Path parameters are matched by position through opKey.
				id.name = ""
				id.in = "path:" + p.Name
			}
			m[id] = p
		}
	}
	add(o.item.Parameters)
	add(o.o.Parameters) // operation level wins
	return m
}

func compareOperation(name string, b, a op) []Change {
	var out []Change
	add := func(kind, format string, args ...any) {
		out = append(out, Change{kind, name, fmt.Sprintf(format, args...)})
	}
	bp, ap := params(b), params(a)
	for id, p := range ap {
		if p.In == openapi3.ParameterInPath {
			continue
		}
		old, ok := bp[id]
		switch {
		case !ok && p.Required:
			add(RequiredParamAdded, "new required %s parameter %q", p.In, p.Name)
		case ok && p.Required && !old.Required:
			add(ParamMadeRequired, "the %s parameter %q became required", p.In, p.Name)
		}
		if ok {
			for _, c := range narrowed(schemaOf(old.Schema), schemaOf(p.Schema)) {
				add(c.kind, "the %s parameter %q: %s", p.In, p.Name, c.msg)
			}
		}
	}
	bb, ab := body(b.o), body(a.o)
	if ab != nil && ab.Required && (bb == nil || !bb.Required) {
		add(RequestBodyRequired, "the request body became required")
	}
	bs, as := jsonSchema(bb), jsonSchema(ab)
	if as != nil {
		oldRequired := map[string]bool{}
		if bs != nil {
			for _, r := range bs.Required {
				oldRequired[r] = true
			}
		}
		for _, r := range as.Required {
			if !oldRequired[r] {
				add(RequiredFieldAdded, "new required request field %q", r)
			}
		}
		if bs != nil {
			for _, c := range narrowed(bs, as) {
				add(c.kind, "the request body: %s", c.msg)
			}
			for prop, ps := range as.Properties {
				if old, ok := bs.Properties[prop]; ok {
					for _, c := range narrowed(schemaOf(old), schemaOf(ps)) {
						add(c.kind, "request field %q: %s", prop, c.msg)
					}
				}
			}
		}
	}
	// Responses: a success status that is gone, or fields consumers read.
	if b.o.Responses != nil && a.o.Responses != nil {
		for code, br := range b.o.Responses.Map() {
			if !strings.HasPrefix(code, "2") {
				continue
			}
			ar := a.o.Responses.Value(code)
			if ar == nil {
				add(SuccessResponseRemove, "the %s response was removed", code)
				continue
			}
			bs, as := responseSchema(br), responseSchema(ar)
			if bs == nil || as == nil {
				continue
			}
			for prop := range bs.Properties {
				if _, ok := as.Properties[prop]; !ok {
					add(ResponseFieldRemoved, "the %s response no longer has the field %q", code, prop)
				}
			}
		}
	}
	return out
}

func schemaOf(r *openapi3.SchemaRef) *openapi3.Schema {
	if r == nil {
		return nil
	}
	return r.Value
}

func body(o *openapi3.Operation) *openapi3.RequestBody {
	if o.RequestBody == nil {
		return nil
	}
	return o.RequestBody.Value
}

func jsonSchema(b *openapi3.RequestBody) *openapi3.Schema {
	if b == nil {
		return nil
	}
	return contentSchema(b.Content)
}

func responseSchema(r *openapi3.ResponseRef) *openapi3.Schema {
	if r == nil || r.Value == nil {
		return nil
	}
	return contentSchema(r.Value.Content)
}

func contentSchema(c openapi3.Content) *openapi3.Schema {
	for _, mt := range []string{"application/json", "application/x-www-form-urlencoded", "*/*"} {
		if m := c.Get(mt); m != nil {
			return schemaOf(m.Schema)
		}
	}
	return nil
}

type narrowing struct{ kind, msg string }

// narrowed lists how an input schema new accepts less than old.
func narrowed(old, new *openapi3.Schema) []narrowing {
	if old == nil || new == nil {
		return nil
	}
	var out []narrowing
	ot, nt := typesOf(old), typesOf(new)
	if len(ot) > 0 && len(nt) > 0 {
		for _, t := range ot {
			// integer values are numbers, so number -> integer narrows but
			// integer -> number widens.
			if !slices.Contains(nt, t) && !(t == "integer" && slices.Contains(nt, "number")) {
				out = append(out, narrowing{TypeNarrowed, fmt.Sprintf("type %s became %s", strings.Join(ot, "|"), strings.Join(nt, "|"))})
				break
			}
		}
	} else if len(ot) == 0 && len(nt) > 0 {
		out = append(out, narrowing{TypeNarrowed, "any type became " + strings.Join(nt, "|")})
	}
	if len(new.Enum) > 0 {
		var gone []string
		if len(old.Enum) == 0 {
			gone = append(gone, "(values outside the new list)")
		}
		for _, v := range old.Enum {
			if !slices.ContainsFunc(new.Enum, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(v) }) {
				gone = append(gone, fmt.Sprint(v))
			}
		}
		if len(gone) > 0 {
			out = append(out, narrowing{EnumNarrowed, "no longer accepts " + strings.Join(gone, ", ")})
		}
	}
	if new.MaxLength != nil && (old.MaxLength == nil || *new.MaxLength < *old.MaxLength) {
		out = append(out, narrowing{RangeNarrowed, fmt.Sprintf("maxLength lowered to %d", *new.MaxLength)})
	}
	if new.MinLength > old.MinLength {
		out = append(out, narrowing{RangeNarrowed, fmt.Sprintf("minLength raised to %d", new.MinLength)})
	}
	if new.Max != nil && (old.Max == nil || *new.Max < *old.Max) {
		out = append(out, narrowing{RangeNarrowed, fmt.Sprintf("maximum lowered to %v", *new.Max)})
	}
	if new.Min != nil && (old.Min == nil || *new.Min > *old.Min) {
		out = append(out, narrowing{RangeNarrowed, fmt.Sprintf("minimum raised to %v", *new.Min)})
	}
	return out
}

func typesOf(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	return s.Type.Slice()
}
