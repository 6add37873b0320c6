// Package definition turns an uploaded API definition (OpenAPI 2/3.0/3.1,
// GraphQL SDL, AsyncAPI 2/3, WSDL 1.1) into the operations the Publisher
// stores and a list of located problems for its "validate" step.
//
// It is a pure library: no storage, no network. Every problem is reported as
// data so the Publisher can show all of them next to the source at once,
// instead of failing on the first.
package definition

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// Kind of definition.
type Kind string

// The kinds Parse recognises. OpenAPI 3.0 and 3.1 are separate kinds because
// their schema dialects differ (3.1 is JSON Schema 2020-12), which matters to
// anything that later validates payloads against them.
const (
	KindOAS2     Kind = "OAS2"
	KindOAS3     Kind = "OAS3"
	KindOAS31    Kind = "OAS31"
	KindGraphQL  Kind = "GRAPHQL_SDL"
	KindAsyncAPI Kind = "ASYNCAPI"
	KindWSDL     Kind = "WSDL"
)

// Severities of a Problem. Only errors make a Definition invalid; warnings
// are things a real-world document often gets wrong without breaking the
// gateway (examples that do not match their schema, for instance).
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// MaxSize bounds what Parse reads: the largest public specs we know of are
// around 3 MiB, and the parsers hold several copies of the tree in memory.
const MaxSize = 10 << 20

// Problem is one finding, located as precisely as the source allows.
type Problem struct {
	Message  string `json:"message"`
	Pointer  string `json:"pointer,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Severity string `json:"severity"`
}

// Operation is one thing a consumer can call: an HTTP method on a path, a
// GraphQL root field, an AsyncAPI channel action or a SOAP operation.
type Operation struct {
	Method      string   `json:"method"`
	Target      string   `json:"target"`
	OperationID string   `json:"operationId,omitempty"`
	Summary     string   `json:"summary,omitempty"`
	Scopes      []string `json:"scopes,omitempty"`
	Secured     bool     `json:"secured"`
	// Action is a SOAP operation's SOAPAction ("" when its binding names
	// none: document/literal services told apart by their body).
	Action string `json:"action,omitempty"`
	// Gateway holds the operation's x-gatehouse extensions, if any.
	Gateway *GatewaySettings `json:"gateway,omitempty"`
}

// Definition is what Parse learnt about a document.
type Definition struct {
	Kind        Kind
	SpecVersion string
	Title       string
	Version     string
	Description string
	Servers     []string
	Operations  []Operation
	Problems    []Problem
}

// Valid reports whether the document may be stored: warnings do not count.
func (d *Definition) Valid() bool {
	for _, p := range d.Problems {
		if p.Severity == SeverityError {
			return false
		}
	}
	return true
}

func (d *Definition) errorf(ptr string, line, col int, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{Message: fmt.Sprintf(format, args...), Pointer: ptr, Line: line, Column: col, Severity: SeverityError})
}

func (d *Definition) warnf(ptr string, line, col int, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{Message: fmt.Sprintf(format, args...), Pointer: ptr, Line: line, Column: col, Severity: SeverityWarning})
}

// Parse detects the kind of data, parses and validates it.
//
// Bad input is never an error: it yields a Definition whose Problems say what
// is wrong. err is reserved for failures of this package itself (a recovered
// panic) and for a done ctx, so callers can tell "your file is broken" from
// "we are broken". External $refs are reported, never fetched, because the
// document comes from an untrusted user and fetching would be an SSRF and
// local-file-read vector.
func Parse(ctx context.Context, data []byte) (def *Definition, err error) {
	def = &Definition{}
	defer func() {
		if r := recover(); r != nil {
			def, err = nil, fmt.Errorf("definition.Parse: internal failure: %v", r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	parse(ctx, def, data)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	def.finish()
	def.capProblems()
	return def, nil
}

func parse(ctx context.Context, def *Definition, data []byte) {
	if len(data) > MaxSize {
		def.errorf("", 0, 0, "the document is %d bytes, over the %d MiB limit; split it or remove unused components", len(data), MaxSize>>20)
		return
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 BOM is legal and common in Windows exports
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		def.errorf("", 0, 0, "the document is empty; upload an OpenAPI, AsyncAPI, GraphQL SDL or WSDL file")
		return
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8Position(data)
		def.errorf("", line, col, "the document is not UTF-8 text (binary file or another encoding?); save it as UTF-8 JSON, YAML, GraphQL SDL or XML")
		return
	}
	if trimmed[0] == '<' {
		parseWSDL(ctx, def, data)
		return
	}

	src, yamlErr := parseTree(data)
	if yamlErr == nil {
		switch kind := topLevelKind(src.root); kind {
		case "openapi", "swagger":
			parseOpenAPI(ctx, def, data, src)
			return
		case "asyncapi":
			parseAsyncAPI(def, src)
			return
		}
	}
	if looksLikeGraphQL(data) && (yamlErr == nil || !sniffed(data)) {
		parseGraphQL(def, data)
		return
	}
	if yamlErr != nil {
		// The version sniff lets the Publisher still say "this was meant to be
		// OpenAPI 3.0" next to the syntax error.
		def.Kind, def.SpecVersion = sniffKind(data)
		def.Problems = append(def.Problems, *yamlErr)
		return
	}
	def.errorf("", 1, 1, "unrecognised document: expected a top-level \"openapi\", \"swagger\" or \"asyncapi\" key, GraphQL SDL, or a WSDL <definitions> element")
}

// finish puts the output in the order promised to callers, so that golden
// files and the Publisher's diff views are stable.
func (d *Definition) finish() {
	for i := range d.Operations {
		op := &d.Operations[i]
		slices.Sort(op.Scopes)
		op.Scopes = slices.Compact(op.Scopes)
	}
	slices.SortStableFunc(d.Operations, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Target, b.Target), cmp.Compare(a.Method, b.Method))
	})
	slices.SortStableFunc(d.Problems, func(a, b Problem) int {
		// Located problems first, in source order; the rest keep their order.
		la, lb := a.Line, b.Line
		if la == 0 {
			la = 1 << 30
		}
		if lb == 0 {
			lb = 1 << 30
		}
		return cmp.Or(cmp.Compare(la, lb), cmp.Compare(a.Column, b.Column))
	})
}

// maxProblems keeps a thoroughly broken upload from producing a response
// larger than the upload itself; the first ones are the ones to fix first.
const maxProblems = 500

func (d *Definition) capProblems() {
	if len(d.Problems) <= maxProblems {
		return
	}
	more := len(d.Problems) - maxProblems
	d.Problems = append(d.Problems[:maxProblems:maxProblems], Problem{
		Message:  fmt.Sprintf("%d more problems are not shown; fix the ones above and validate again", more),
		Severity: SeverityWarning,
	})
}

// topLevelKind names the key that identifies the document family.
func topLevelKind(root *yaml.Node) string {
	for _, k := range []string{"openapi", "swagger", "asyncapi"} {
		if _, v := mapEntry(root, k); v != nil {
			return k
		}
	}
	return ""
}

var (
	sniffOpenAPI = regexp.MustCompile(`(?m)^\s*["']?openapi["']?\s*:\s*["']?(3\.[0-9.]+)`)
	sniffSwagger = regexp.MustCompile(`(?m)^\s*["']?swagger["']?\s*:\s*["']?(2\.0)`)
	sniffAsync   = regexp.MustCompile(`(?m)^\s*["']?asyncapi["']?\s*:\s*["']?([0-9.]+)`)
)

// sniffKind guesses the intended kind of a document that does not parse.
func sniffKind(data []byte) (Kind, string) {
	head := data[:min(len(data), 64<<10)]
	if m := sniffOpenAPI.FindSubmatch(head); m != nil {
		v := string(m[1])
		return openAPIKind(v), v
	}
	if m := sniffSwagger.FindSubmatch(head); m != nil {
		return KindOAS2, string(m[1])
	}
	if m := sniffAsync.FindSubmatch(head); m != nil {
		return KindAsyncAPI, string(m[1])
	}
	return "", ""
}

var graphQLDefinition = regexp.MustCompile(`(?m)^\s*(?:extend\s+)?(?:(?:type|interface|union|enum|input|scalar)\s+[_A-Za-z]|schema\s*[{@]|directive\s+@)`)

// looksLikeGraphQL is deliberately loose: once a document is not a YAML or
// JSON mapping, the GraphQL parser's own errors are the most useful thing to
// show for anything that resembles SDL.
func looksLikeGraphQL(data []byte) bool {
	t := bytes.TrimSpace(data)
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return false
	}
	return graphQLDefinition.Match(data[:min(len(data), 64<<10)])
}

func sniffed(data []byte) bool {
	k, _ := sniffKind(data)
	return k != ""
}

// invalidUTF8Position finds the first byte that is not UTF-8.
func invalidUTF8Position(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// firstLine keeps a library message to its headline: kin-openapi appends
// whole schemas and values to some messages, which drown the Publisher's UI.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}
