package graph

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/gatehouse/gatehouse/backend/internal/graph/generated"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
)

// testLimits mirror the flag defaults (graphQLDefaults in
// internal/app/config.go).
var testLimits = Limits{
	MaxTokens: 5000, MaxSelections: 250, MaxDepth: 12, MaxComplexity: 20000,
	MaxListItems: 100, PageSize: 100, FanOut: 10,
}

type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, fmt.Sprint(e.Extensions["code"]))
	}
	return out
}

// post sends query to a handler built like NewHandler's, as v (nil:
// anonymous). The resolvers have no services: every test here is refused
// or answered before one would be called.
func post(t *testing.T, l Limits, v *viewer.Viewer, query string, vars map[string]any) (int, gqlResponse) {
	t.Helper()
	srv := NewHandler((&Resolver{}).WithLimits(l))
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if v != nil {
		req = req.WithContext(viewer.NewContext(req.Context(), v))
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("response %q: %v", rec.Body.String(), err)
	}
	return rec.Code, resp
}

func wantRefused(t *testing.T, resp gqlResponse, code, msg string) {
	t.Helper()
	if len(resp.Errors) != 1 || resp.codes()[0] != code || !strings.Contains(resp.Errors[0].Message, msg) {
		t.Fatalf("errors %+v, want one %s containing %q", resp.Errors, code, msg)
	}
	if resp.Data != nil {
		t.Fatalf("data %v, want none", resp.Data)
	}
}

// nest wraps inner in levels of deployments { environment { ... } }.
func nest(levels int, inner string) string {
	for range levels {
		inner = "deployments{environment{" + inner + "}}"
	}
	return inner
}

func TestHole7_NestedDeploymentsRefused(t *testing.T) {
	// The issue's query: five levels answered 1.1 MB, x7 per level.
	issue := "{apis{edges{node{" + nest(5, "id name") + "}}}}"
	_, resp := post(t, testLimits, nil, issue, nil)
	wantRefused(t, resp, "BAD_USER_INPUT", "nests fields 14 deep; at most 12")

	// Within the depth limit, the fan-out of the list fields refuses it.
	shallow := "{apis(first:100){edges{node{" + nest(3, "id") + "}}}}"
	_, resp = post(t, testLimits, nil, shallow, nil)
	wantRefused(t, resp, "COMPLEXITY_LIMIT_EXCEEDED", "exceeds the limit of 20000")

	// Deep through fragments, each shallow as written: counted expanded.
	frags := "query { apis(first:1) { edges { node { ...A } } } }\n" +
		"fragment A on API { deployments { environment { deployments { environment { deployments { ...E } } } } } }\n" +
		"fragment E on Deployment { environment { deployments { environment { deployments { environment { id } } } } } }"
	_, resp = post(t, Limits{MaxDepth: 12}, nil, frags, nil)
	wantRefused(t, resp, "BAD_USER_INPUT", "operation nests fields 14 deep")
}

// conflicting returns a document of n fields under one response name with
// different arguments: the validator's overlapping-fields rule compares
// every pair.
func conflicting(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a: apis(first: %d) { totalCount }", i)
	}
	b.WriteString(" }")
	return b.String()
}

func TestHole7_ConflictingFieldsRefusedBeforeValidation(t *testing.T) {
	// Both refusals come from before validation, which would have
	// answered "fields a conflict because they have differing arguments"
	// after a time quadratic in the fields.
	tests := []struct {
		name, query, code, msg string
	}{
		{"the issue's 600 fields: over the token cap", conflicting(600), "GRAPHQL_PARSE_FAILED", "exceeded token limit of 5000"},
		{"200 fields: over the selection cap", conflicting(200), "BAD_USER_INPUT", "the document has 400 selections; at most 250"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, resp := post(t, testLimits, nil, tt.query, nil)
			wantRefused(t, resp, tt.code, tt.msg)
		})
	}
}

func TestHole7_LongListArgumentsRefused(t *testing.T) {
	ids := make([]any, 5000)
	for i := range ids {
		ids[i] = fmt.Sprintf("00000000-0000-0000-0000-%012d", i)
	}
	_, resp := post(t, testLimits, nil, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", map[string]any{"ids": ids})
	wantRefused(t, resp, "BAD_USER_INPUT", "argument nodes.ids has 5000 items; at most 100")

	// A list inside an input object is bounded the same way.
	tags := make([]string, 101)
	for i := range tags {
		tags[i] = fmt.Sprintf("%q", fmt.Sprint("t", i))
	}
	_, resp = post(t, testLimits, nil, "{ catalogue(tags: ["+strings.Join(tags, ",")+"]) { totalCount } }", nil)
	wantRefused(t, resp, "BAD_USER_INPUT", "argument catalogue.tags has 101 items")
}

func TestHole7_IntrospectionOnlyForSignedInOrFlag(t *testing.T) {
	const q = "{ __schema { queryType { name } } }"
	signedIn := &viewer.Viewer{Username: "alice"}
	tests := []struct {
		name   string
		flag   bool
		viewer *viewer.Viewer
		want   bool
	}{
		{"anonymous", false, nil, false},
		{"anonymous with --graphql-introspection", true, nil, true},
		{"signed in", false, signedIn, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLimits
			l.Introspection = tt.flag
			_, resp := post(t, l, tt.viewer, q, nil)
			got := resp.Data["__schema"] != nil
			if got != tt.want || (len(resp.Errors) == 0) == !tt.want {
				t.Fatalf("introspection answered %v (errors %+v), want %v", got, resp.Errors, tt.want)
			}
		})
	}
	// __typename is not introspection: the SPA's cache asks for it.
	_, resp := post(t, testLimits, nil, "{ __typename }", nil)
	if resp.Data["__typename"] != "Query" {
		t.Fatalf("__typename: %+v", resp)
	}
}

func TestHole7_NoFieldSuggestions(t *testing.T) {
	_, resp := post(t, testLimits, nil, "{ apiz { totalCount } }", nil)
	if len(resp.Errors) == 0 {
		t.Fatal("unknown field accepted")
	}
	for _, e := range resp.Errors {
		if strings.Contains(e.Message, "Did you mean") {
			t.Fatalf("suggestion leaked: %q", e.Message)
		}
	}
}

// spaDocuments reads every GraphQL document the SPA ships, from the
// codegen's map in frontend/src/gql/gql.ts (one JSON-quoted string a
// line).
func spaDocuments(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../../../frontend/src/gql/gql.ts")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^\s+("(?:[^"\\]|\\.)*"): typeof types\.\w+,$`)
	var docs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var doc string
		if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		docs = append(docs, doc)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(docs) < 50 {
		t.Fatalf("read %d SPA documents from gql.ts; its format changed?", len(docs))
	}
	return docs
}

func TestHole7_SPAOperationsWithinLimits(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	x := &limitsExtension{limits: testLimits, pageTypes: pageTypes(schema)}
	// Fragments are defined in one document and spread in others.
	fragments := map[string]string{}
	var ops []string
	for _, src := range spaDocuments(t) {
		doc, err := parser.ParseQuery(&ast.Source{Input: src})
		if err != nil {
			t.Fatalf("SPA document does not parse: %v\n%s", err, src)
		}
		for _, f := range doc.Fragments {
			runes := []rune(src) // positions count runes
			fragments[f.Name] = string(runes[f.Position.Start:endOf(runes, f.Position.Start)])
		}
		if len(doc.Operations) > 0 {
			ops = append(ops, src)
		}
	}
	for _, src := range ops {
		full := withFragments(t, src, fragments)
		parsed := mustParse(t, full)
		if errList := validator.Validate(schema, parsed); len(errList) > 0 {
			t.Fatalf("SPA document invalid against the schema: %v\n%s", errList, full)
		}
		if err := testLimits.precheck(full); err != nil {
			t.Errorf("pre-check refuses SPA document: %v\n%s", err, full)
		}
		for _, op := range parsed.Operations {
			m := x.measure(op, nil, false) // no variables: paged fields at the default page
			if m.err != nil || m.depth > testLimits.MaxDepth || m.cost > testLimits.MaxComplexity/2 {
				t.Errorf("%s: depth %d, cost %d, err %v: want depth <= %d and cost <= half of %d",
					op.Name, m.depth, m.cost, m.err, testLimits.MaxDepth, testLimits.MaxComplexity)
			}
			t.Logf("%-40s depth %2d cost %6d", op.Name, m.depth, m.cost)
		}
	}
}

// endOf returns where the definition starting at start ends: its closing
// brace at nesting 0.
func endOf(src []rune, start int) int {
	depth := 0
	for i := start; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(src)
}

// withFragments appends to src the fragments it spreads, transitively, and
// not already defined in it.
func withFragments(t *testing.T, src string, fragments map[string]string) string {
	t.Helper()
	spread := regexp.MustCompile(`\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)`)
	have := map[string]bool{}
	for _, f := range mustParse(t, src).Fragments {
		have[f.Name] = true
	}
	var add []string
	queue := []string{src}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, m := range spread.FindAllStringSubmatch(s, -1) {
			name := m[1]
			if name == "on" || have[name] {
				continue
			}
			def, ok := fragments[name]
			if !ok {
				t.Fatalf("fragment %s is defined in no SPA document", name)
			}
			have[name] = true
			add = append(add, def)
			queue = append(queue, def)
		}
	}
	sort.Strings(add)
	return src + "\n" + strings.Join(add, "\n")
}

func mustParse(t *testing.T, src string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: src})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return doc
}
