package definition

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestGatewayExtensions reads each x-gatehouse extension back, and reports
// a malformed one where it is written.
func TestGatewayExtensions(t *testing.T) {
	const doc = `openapi: 3.0.3
info: {title: X, version: "1"}
paths:
  /a:
    get:
      x-gatehouse-auth-required: false
      x-scopes: [read, write]
      x-throttling-tier: Gold
      x-gatehouse-request-validation: true
      x-gatehouse-policies: {rewritePath: /v2/a, setRequestHeaders: [{name: X-T, value: "1"}]}
      responses: {"200": {description: ok}}
    post:
      responses: {"200": {description: ok}}
`
	def, err := Parse(context.Background(), []byte(doc))
	if err != nil || !def.Valid() {
		t.Fatalf("Parse: %v %+v", err, def.Problems)
	}
	var get, post *Operation
	for i := range def.Operations {
		switch def.Operations[i].Method {
		case "GET":
			get = &def.Operations[i]
		case "POST":
			post = &def.Operations[i]
		}
	}
	g := get.Gateway
	if g == nil || *g.AuthRequired || !reflect.DeepEqual(*g.Scopes, []string{"read", "write"}) || *g.ThrottlingTier != "Gold" ||
		!*g.RequestValidation || !strings.Contains(string(g.Policies), `"rewritePath":"/v2/a"`) {
		t.Errorf("GET settings: %+v", g)
	}
	if post.Gateway != nil {
		t.Errorf("POST without extensions has settings %+v", post.Gateway)
	}

	for ext, bad := range map[string]string{
		ExtAuthRequired:      `"no"`,
		ExtScopes:            `read`,
		ExtThrottlingTier:    `[Gold]`,
		ExtRequestValidation: `1`,
		ExtPolicies:          `[rewrite]`,
	} {
		d := strings.Replace(doc, "    post:\n", "    post:\n      "+ext+": "+bad+"\n", 1)
		def, err := Parse(context.Background(), []byte(d))
		if err != nil {
			t.Fatal(err)
		}
		if def.Valid() || !strings.Contains(firstErr(def), ext) || !strings.HasSuffix(firstPtr(def), "/post/"+ext) {
			t.Errorf("%s: %s: problems %+v, want an error at it", ext, bad, def.Problems)
		}
	}
}

func firstErr(d *Definition) string {
	for _, p := range d.Problems {
		if p.Severity == SeverityError {
			return p.Message
		}
	}
	return ""
}

func firstPtr(d *Definition) string {
	for _, p := range d.Problems {
		if p.Severity == SeverityError {
			return p.Pointer
		}
	}
	return ""
}

// TestWSDLActions reads each operation's SOAPAction from its binding.
func TestWSDLActions(t *testing.T) {
	for file, want := range map[string]string{
		"gowsdl__stock.wsdl":     "http://example.com/GetLastTradePrice",
		"gowsdl__usda-awdb.wsdl": "",
	} {
		data, err := os.ReadFile("testdata/specs/" + file)
		if err != nil {
			t.Fatal(err)
		}
		def, err := Parse(context.Background(), data)
		if err != nil || len(def.Operations) == 0 {
			t.Fatalf("%s: %v %+v", file, err, def)
		}
		for _, op := range def.Operations {
			if op.Action != want {
				t.Errorf("%s: %s has action %q, want %q", file, op.Target, op.Action, want)
			}
		}
	}
}
