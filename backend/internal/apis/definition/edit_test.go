package definition

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestHole3_EditOperationsKeepsTheDefinitionInStep: resources added, moved
// and deleted in the publisher change the stored OpenAPI definition the same
// way, in YAML or JSON, OpenAPI 2 or 3, and leave it valid.
func TestHole3_EditOperationsKeepsTheDefinitionInStep(t *testing.T) {
	const v3yaml = "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /menu:\n    get:\n      operationId: menu # kept\n      responses: {\"200\": {description: ok}}\n"
	const v3json = `{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {"/menu": {"get": {"operationId": "menu", "responses": {"200": {"description": "ok"}}}}}}`
	const v2yaml = "swagger: \"2.0\"\ninfo: {title: T, version: \"1\"}\npaths:\n  /menu:\n    get:\n      operationId: menu\n      responses: {\"200\": {description: ok}}\n"
	for name, doc := range map[string]string{"OpenAPI 3 YAML": v3yaml, "OpenAPI 3 JSON": v3json, "Swagger 2": v2yaml} {
		t.Run(name, func(t *testing.T) {
			out, err := AddOperation([]byte(doc), "POST", "/orders/{orderId}")
			if err != nil {
				t.Fatal(err)
			}
			check(t, out, "GET /menu", "POST /orders/{orderId}")
			if out, err = MoveOperation(out, "GET", "/menu", "PUT", "/menu/{item}"); err != nil {
				t.Fatal(err)
			}
			check(t, out, "POST /orders/{orderId}", "PUT /menu/{item}")
			if !strings.Contains(string(out), "menu") || !strings.Contains(string(out), "operationId") {
				t.Errorf("the moved operation lost its text:\n%s", out)
			}
			if out, err = RemoveOperation(out, "POST", "/orders/{orderId}"); err != nil {
				t.Fatal(err)
			}
			check(t, out, "PUT /menu/{item}")
			if strings.Contains(string(out), "/orders") {
				t.Errorf("the emptied path item stayed:\n%s", out)
			}
			if isJSON([]byte(doc)) && !json.Valid(out) || !isJSON([]byte(doc)) && isJSON(out) {
				t.Errorf("the definition changed serialisation:\n%s", out)
			}
			if name == "OpenAPI 3 YAML" && !strings.Contains(string(out), "# kept") {
				t.Errorf("a comment was lost:\n%s", out)
			}
		})
	}
	if _, err := AddOperation([]byte("openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /x: {$ref: '#/components/pathItems/x'}\n"), "GET", "/x"); err != ErrNotEditable {
		t.Errorf("adding into a $ref path item: %v, want ErrNotEditable", err)
	}
}

func check(t *testing.T, data []byte, want ...string) {
	t.Helper()
	def, err := Parse(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if !def.Valid() {
		t.Fatalf("invalid: %+v\n%s", def.Problems, data)
	}
	var got []string
	for _, op := range def.Operations {
		got = append(got, op.Method+" "+op.Target)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("operations = %v, want %v\n%s", got, want, data)
	}
	for _, p := range def.Problems {
		if strings.Contains(p.Message, "does not declare") {
			t.Errorf("%s\n%s", p.Message, data)
		}
	}
}
