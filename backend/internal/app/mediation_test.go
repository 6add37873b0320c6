package app_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const updateOperation = `mutation($id: ID!, $i: UpdateAPIOperationInput!) { updateAPIOperation(id: $id, input: $i) {
  id authRequired throttlingTier requestValidation policies { setRequestHeaders { name value } setResponseHeaders { name value } rewritePath contentTypes } } }`

// TestOperationSettings edits a resource's tier, validation switch and
// policies, refuses bad ones with the field at fault, and sees the gateway
// apply a response policy after a deployment.
func TestOperationSettings(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			inst := start(t, database, dir)
			pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
			data, errs := pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id operations { id method target } } } } }`, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			node := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
			var menu any
			for _, op := range node["operations"].([]any) {
				if o := op.(map[string]any); o["method"] == "GET" && o["target"] == "/menu" {
					menu = o["id"]
				}
			}
			for _, bad := range []struct {
				name  string
				input map[string]any
				field string
			}{
				{"unknown tier", map[string]any{"throttlingTier": "Platinum"}, "throttlingTier"},
				{"application tier", map[string]any{"throttlingTier": "50PerMin"}, "throttlingTier"},
				{"bad header", map[string]any{"policies": map[string]any{"setRequestHeaders": []any{map[string]any{"name": "a b", "value": "x"}}}}, "policies.setRequestHeaders"},
				{"relative rewrite", map[string]any{"policies": map[string]any{"rewritePath": "menu"}}, "policies.rewritePath"},
			} {
				_, errs := pub.do(t, updateOperation, map[string]any{"id": menu, "i": bad.input})
				if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != bad.field {
					t.Errorf("%s: %+v, want BAD_USER_INPUT on %s", bad.name, errs, bad.field)
				}
			}
			got := mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": menu, "i": map[string]any{
				"authRequired": false, "throttlingTier": "Gold", "requestValidation": true,
				"policies": map[string]any{"setResponseHeaders": []any{map[string]any{"name": "x-menu-policy", "value": "on"}},
					"setRequestHeaders": []any{map[string]any{"name": "X-Tenant", "value": "acme"}}},
			}})
			if got["throttlingTier"] != "Gold" || got["requestValidation"] != true ||
				got["policies"].(map[string]any)["setResponseHeaders"].([]any)[0].(map[string]any)["name"] != "X-Menu-Policy" {
				t.Errorf("resource read back: %v", got)
			}
			if _, errs := pub.do(t, deployAPI, map[string]any{"id": node["id"]}); len(errs) > 0 {
				t.Fatalf("deployAPI: %+v", errs)
			}
			resp := waitGateway(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", http.StatusOK)
			resp.Body.Close()
			if h := resp.Header.Get("X-Menu-Policy"); h != "on" {
				t.Errorf("response policy header = %q, want on", h)
			}
		})
	}
}

// TestRequestValidationThroughGateway imports an OpenAPI definition,
// switches validation and a policy on for one resource, sees both in the
// exported definition, and the gateway refuse a call the definition does
// not allow.
func TestRequestValidationThroughGateway(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	be := echoBackend(t, "pets")
	const def = `{"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"}, "paths": {
  "/pets/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
    "responses": {"200": {"description": "ok"}}}}}}`
	data, errs := pub.do(t, `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { id method target } } }`, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": def}, "context": "vpets", "version": "1", "endpoint": be.URL}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	imported := data["importAPI"].(map[string]any)
	opID := imported["operations"].([]any)[0].(map[string]any)["id"]
	mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": opID, "i": map[string]any{
		"authRequired": false, "requestValidation": true,
		"policies": map[string]any{"setRequestHeaders": []any{map[string]any{"name": "X-Tenant", "value": "acme"}}}}})
	exported := mustDo(t, pub, "node", `query($id: ID!) { node(id: $id) { ... on API { exportedDefinition } } }`, map[string]any{"id": imported["id"]})
	text, _ := exported["exportedDefinition"].(string)
	for _, want := range []string{`"x-gatehouse-policies"`, `"X-Tenant"`, `"x-gatehouse-request-validation": true`} {
		if !strings.Contains(text, want) {
			t.Errorf("exported definition lacks %s:\n%s", want, text)
		}
	}
	if _, errs := sub.do(t, `query($id: ID!) { node(id: $id) { ... on API { exportedDefinition } } }`, map[string]any{"id": imported["id"]}); len(errs) == 0 {
		t.Error("a subscriber read the exported definition with its policies")
	}
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": imported["id"]}); len(errs) > 0 {
		t.Fatalf("deployAPI: %+v", errs)
	}
	waitGateway(t, inst.gateway.URL, "/vpets/1/pets/7", http.StatusOK).Body.Close()
	resp, err := http.Get(inst.gateway.URL + "/vpets/1/pets/seven")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "does not match the API definition") {
		t.Errorf("invalid call: %d %s, want 400 naming the definition", resp.StatusCode, body)
	}
}
