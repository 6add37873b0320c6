package definition

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the current output")

// manifestRow is one line of testdata/specs/MANIFEST.tsv (copied from the
// shared spec corpus).
type manifestRow struct {
	file, format, operations, brokenReason string
}

func readManifest(t *testing.T) []manifestRow {
	t.Helper()
	f, err := os.Open("testdata/specs/MANIFEST.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var rows []manifestRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, manifestRow{rec[col["file"]], rec[col["format"]], rec[col["operations"]], rec[col["broken_reason"]]})
	}
	return rows
}

var kindOfFormat = map[string]Kind{
	"openapi-3.0": KindOAS3, "openapi-3.1": KindOAS31, "swagger-2.0": KindOAS2,
	"graphql": KindGraphQL, "asyncapi-2.6": KindAsyncAPI, "asyncapi-3.1": KindAsyncAPI, "wsdl-1.1": KindWSDL,
	// 3.2 is newer than kin-openapi's full support; Parse rejects it with an
	// "unsupported version" error (the manifest allows either) and no Kind.
	"openapi-3.2": "",
}

// knownInvalid are documents the manifest lists as good that this package
// rejects, each for a violation the manifest's own notes point at.
var knownInvalid = map[string]string{
	"oai-learn-v3.2__3.2-tags-example.yaml": "unsupported OpenAPI version",
}

// brokenWant is the problem each broken fixture must report.
var brokenWant = map[string]struct {
	kind Kind
	msg  string // substring of one error Problem's message
}{
	"broken__circular-ref-schemas.yaml":  {KindOAS3, "circular reference"},
	"broken__duplicate-operationid.yaml": {KindOAS31, `operationId "getItem"`},
	"broken__invalid-yaml.yaml":          {KindOAS3, "invalid YAML"},
	"broken__junk-random-bytes.yaml":     {"", "not UTF-8"},
	"broken__missing-info.json":          {KindOAS3, "info object is missing"},
	"broken__unresolved-ref.yaml":        {KindOAS3, `"#/components/schemas/Customer" points to nothing`},
}

func parseFile(t testing.TB, name string) *Definition {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/specs", name))
	if err != nil {
		t.Fatal(err)
	}
	def, err := Parse(context.Background(), data)
	if err != nil {
		t.Fatalf("Parse(%s) error = %v, want nil (bad input must become Problems)", name, err)
	}
	return def
}

func TestParseManifest(t *testing.T) {
	rows := readManifest(t)
	if len(rows) < 27 {
		t.Fatalf("manifest has %d rows, want at least 27", len(rows))
	}
	for _, row := range rows {
		t.Run(row.file, func(t *testing.T) {
			if testing.Short() && strings.HasPrefix(row.file, "openai") {
				t.Skip("3 MiB spec")
			}
			def := parseFile(t, row.file)

			// Operation counts: the manifest counts path+method pairs (no
			// webhooks or callbacks), root-type fields, AsyncAPI operations
			// and portType operations, which is exactly how Parse counts, so
			// no row disagrees. "-" means the file does not parse: 0.
			wantOps := 0
			if row.operations != "-" {
				n, err := strconv.Atoi(row.operations)
				if err != nil {
					t.Fatal(err)
				}
				wantOps = n
			}
			if got := len(def.Operations); got != wantOps {
				t.Errorf("len(Operations) = %d, want %d", got, wantOps)
			}

			if row.brokenReason == "-" {
				if got, want := def.Kind, kindOfFormat[row.format]; got != want {
					t.Errorf("Kind = %q, want %q", got, want)
				}
				if why, ok := knownInvalid[row.file]; ok {
					if def.Valid() {
						t.Errorf("Valid() = true, want false (%s)", why)
					}
					if !hasProblem(def, SeverityError, why) {
						t.Errorf("no error Problem containing %q; got %v", why, head(def.Problems))
					}
					return
				}
				if !def.Valid() {
					t.Errorf("Valid() = false, want true; problems: %v", head(def.Problems))
				}
				return
			}

			want, ok := brokenWant[row.file]
			if !ok {
				t.Fatalf("broken fixture %s has no expectation in brokenWant", row.file)
			}
			if def.Kind != want.kind {
				t.Errorf("Kind = %q, want %q", def.Kind, want.kind)
			}
			if def.Valid() {
				t.Fatalf("Valid() = true, want false")
			}
			found := false
			for _, p := range def.Problems {
				if p.Severity == SeverityError && strings.Contains(p.Message, want.msg) {
					found = true
					if p.Pointer == "" && p.Line == 0 {
						t.Errorf("problem %q has neither Pointer nor Line", p.Message)
					}
				}
			}
			if !found {
				t.Errorf("no error Problem containing %q; got %v", want.msg, head(def.Problems))
			}
		})
	}
}

func hasProblem(def *Definition, severity, substr string) bool {
	for _, p := range def.Problems {
		if p.Severity == severity && strings.Contains(p.Message, substr) {
			return true
		}
	}
	return false
}

func head(ps []Problem) []Problem { return ps[:min(len(ps), 5)] }

// TestParseBrokenDetails pins down the located problems of the hand-made
// fixtures beyond the one the manifest table checks.
func TestParseBrokenDetails(t *testing.T) {
	tests := []struct {
		file     string
		pointer  string
		line     int
		severity string
	}{
		{"broken__unresolved-ref.yaml", "/paths/~1orders~1{orderId}/get/parameters/0/$ref", 17, SeverityError},
		{"broken__unresolved-ref.yaml", "/paths/~1orders~1{orderId}/get/responses/404/$ref", 26, SeverityError},
		{"broken__unresolved-ref.yaml", "/paths/~1orders/post/requestBody/content/application~1json/schema/$ref", 34, SeverityError},
		{"broken__unresolved-ref.yaml", "/components/schemas/Order/properties/lines/items/$ref", 61, SeverityError},
		{"broken__circular-ref-schemas.yaml", "/components/schemas/A/$ref", 37, SeverityError},
		{"broken__duplicate-operationid.yaml", "/paths/~1items~1{itemId}~1history/get/operationId", 59, SeverityError},
		{"broken__invalid-yaml.yaml", "", 13, SeverityError},
		{"broken__missing-info.json", "/info", 1, SeverityError},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.pointer, func(t *testing.T) {
			def := parseFile(t, tt.file)
			for _, p := range def.Problems {
				if p.Pointer == tt.pointer && p.Line == tt.line && p.Severity == tt.severity {
					return
				}
			}
			t.Errorf("no %s Problem at %q line %d; got %+v", tt.severity, tt.pointer, tt.line, def.Problems)
		})
	}
	// The legal recursive TreeNode must not be reported as circular.
	for _, p := range parseFile(t, "broken__circular-ref-schemas.yaml").Problems {
		if strings.Contains(p.Pointer, "TreeNode") || strings.Contains(p.Message, "TreeNode") {
			t.Errorf("legal recursion reported: %+v", p)
		}
	}
	// Each of the 5 operations is listed even though the ids clash: 2 reuses
	// of getItem and 1 of deleteItem are 3 errors.
	def := parseFile(t, "broken__duplicate-operationid.yaml")
	n := 0
	for _, p := range def.Problems {
		if strings.Contains(p.Message, "already used") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("duplicate operationId problems = %d, want 3", n)
	}
}

func TestParseInline(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantKind  Kind
		wantValid bool
		wantMsg   string // substring of some Problem, "" for none required
		wantLine  int    // line of that Problem when non-zero
		wantOps   int
	}{
		{"empty", "", "", false, "empty", 0, 0},
		{"whitespace", " \n\t\n", "", false, "empty", 0, 0},
		{"unknown yaml", "foo: bar\n", "", false, "unrecognised", 1, 0},
		{"scalar", "42", "", false, "unrecognised", 1, 0},
		{"json syntax", "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\n}", "OAS3", false, "invalid", 0, 0},
		{"oas31 type list and webhooks only", `openapi: 3.1.0
info: {title: T, version: "1"}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: [string, "null"]
      responses:
        "200": {description: ok}
`, KindOAS31, true, "", 0, 0},
		{"oas30 without paths", "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n", KindOAS3, false, "paths", 0, 0},
		{"path param undeclared", `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets/{petId}:
    get:
      responses:
        "200": {description: ok}
`, KindOAS3, true, "declare it", 5, 1},
		{"external ref refused", `openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          $ref: "http://169.254.169.254/latest/meta-data"
`, KindOAS3, false, "not fetched", 8, 1},
		{"graphql syntax", "type Query {\n  a: String\n  b(: Int\n}\n", KindGraphQL, false, "invalid GraphQL SDL", 3, 0},
		{"graphql renamed roots", "schema { query: Root mutation: Mut }\ntype Root { a: String b: Int }\ntype Mut { c: Boolean }\ntype Query { ignored: String }\n", KindGraphQL, true, "", 0, 3},
		{"graphql unknown type", "type Query { a: Nope }\n", KindGraphQL, false, "Nope", 1, 1},
		{"wsdl malformed", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n<portType name=\"p\">\n<operation name=\"o\">\n</portType>\n</definitions>", KindWSDL, false, "malformed XML", 4, 1},
		{"xml not wsdl", "<html><body/></html>", "", false, "not a WSDL", 1, 0},
		{"asyncapi missing channels", "asyncapi: 2.6.0\ninfo: {title: T, version: '1'}\n", KindAsyncAPI, false, "channels is required", 1, 0},
		{"asyncapi bad action", "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\nchannels: {c: {address: a/b}}\noperations:\n  o:\n    action: shout\n    channel: {$ref: '#/channels/c'}\n", KindAsyncAPI, false, "send or receive", 6, 1},
		{"billion laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nopenapi: 3.0.0\n", KindOAS3, false, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := Parse(context.Background(), []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse() error = %v, want nil", err)
			}
			if def.Kind != tt.wantKind {
				t.Errorf("Kind = %q, want %q", def.Kind, tt.wantKind)
			}
			if got := def.Valid(); got != tt.wantValid {
				t.Errorf("Valid() = %v, want %v; problems: %+v", got, tt.wantValid, def.Problems)
			}
			if got := len(def.Operations); got != tt.wantOps {
				t.Errorf("len(Operations) = %d, want %d", got, tt.wantOps)
			}
			if tt.wantMsg == "" {
				return
			}
			for _, p := range def.Problems {
				if strings.Contains(p.Message, tt.wantMsg) && (tt.wantLine == 0 || p.Line == tt.wantLine) {
					return
				}
			}
			t.Errorf("no Problem containing %q at line %d; got %+v", tt.wantMsg, tt.wantLine, def.Problems)
		})
	}
}

func TestParseOversize(t *testing.T) {
	junk, err := os.ReadFile("testdata/specs/broken__junk-random-bytes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, err := Parse(context.Background(), bytes.Repeat(junk, 3))
	if err != nil {
		t.Fatal(err)
	}
	if def.Valid() || !hasProblem(def, SeverityError, "MiB limit") {
		t.Errorf("12 MB input: problems = %+v, want a size-limit error", def.Problems)
	}
}

func TestParseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, []byte("openapi: 3.0.0")); err == nil {
		t.Error("Parse(cancelled ctx) error = nil, want context.Canceled")
	}
}

// TestSecurity checks scope and Secured extraction, including the rule that
// an empty requirement ({}) makes authentication optional.
func TestSecurity(t *testing.T) {
	in := `openapi: 3.0.3
info: {title: T, version: "1"}
security: [{oauth: [write, read]}]
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: "https://t.example/token", scopes: {read: r, write: w, admin: a}}}
    key: {type: apiKey, in: header, name: X-Key}
paths:
  /a:
    get: {responses: {"200": {description: ok}}}
    post:
      security: [{oauth: [admin, read]}, {key: []}]
      responses: {"200": {description: ok}}
    put:
      security: [{}, {oauth: [write]}]
      responses: {"200": {description: ok}}
    delete:
      security: []
      responses: {"200": {description: ok}}
`
	def, err := Parse(context.Background(), []byte(in))
	if err != nil || !def.Valid() {
		t.Fatalf("Parse: err=%v problems=%+v", err, def.Problems)
	}
	want := map[string]struct {
		scopes  string
		secured bool
	}{
		"GET":    {"read,write", true},
		"POST":   {"admin,read", true},
		"PUT":    {"write", false},
		"DELETE": {"", false},
	}
	for _, op := range def.Operations {
		w := want[op.Method]
		if got := strings.Join(op.Scopes, ","); got != w.scopes || op.Secured != w.secured {
			t.Errorf("%s: scopes=%q secured=%v, want %q %v", op.Method, got, op.Secured, w.scopes, w.secured)
		}
	}
}

// golden is the part of a Definition the goldens pin: what the Publisher
// stores. Problems are covered by the tests above.
type golden struct {
	Kind        Kind        `json:"kind"`
	SpecVersion string      `json:"specVersion"`
	Title       string      `json:"title"`
	Version     string      `json:"version"`
	Servers     []string    `json:"servers"`
	Operations  []Operation `json:"operations"`
}

func TestGolden(t *testing.T) {
	for _, name := range []string{
		"swaggerpetstore__openapi.yaml",
		"oai-learn-v3.1__tictactoe.yaml",
		"oai-learn-v2.0__uber.yaml",
		"asyncapi-spec__streetlights-mqtt-asyncapi.yml",
		"swapi-graphql__schema.graphql",
	} {
		t.Run(name, func(t *testing.T) {
			def := parseFile(t, name)
			got, err := json.MarshalIndent(golden{def.Kind, def.SpecVersion, def.Title, def.Version, def.Servers, def.Operations}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata/golden", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from golden (run with -update after checking):\ngot:\n%s", path, got)
			}
		})
	}
}

// TestRealWorldDeviationsWarn: documents that break the letter of their
// spec in ways that do not change routing still import, with a warning that
// names the fix.
func TestRealWorldDeviationsWarn(t *testing.T) {
	tests := map[string]string{
		"slack__slack_web_openapi_v2.json": "items must be a single schema",
		"openai__openapi.yaml":             "exclusiveMinimum",
	}
	for file, warning := range tests {
		if testing.Short() && strings.HasPrefix(file, "openai") {
			continue
		}
		def := parseFile(t, file)
		if !def.Valid() {
			t.Errorf("%s: Valid() = false; problems %v", file, head(def.Problems))
		}
		if !hasProblem(def, SeverityWarning, warning) {
			t.Errorf("%s: no warning containing %q", file, warning)
		}
	}
}
