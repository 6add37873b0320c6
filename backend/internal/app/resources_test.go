package app_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/auditlog"
)

const (
	addOperation    = `mutation($api: ID!, $i: AddAPIOperationInput!) { addAPIOperation(apiID: $api, input: $i) { id method target authRequired scopes } }`
	deleteOperation = `mutation($id: ID!) { deleteAPIOperation(id: $id) }`
	moveOperation   = `mutation($id: ID!, $i: UpdateAPIOperationInput!) { updateAPIOperation(id: $id, input: $i) { id method target authRequired } }`
	apiResources    = `query($id: ID!) { node(id: $id) { ... on API { definition operations { id method target authRequired scopes throttlingTier } } } }`
)

// resourcesOf lists an API's resources as "METHOD target" (sorted) and
// returns its stored definition.
func resourcesOf(t *testing.T, s *session, id string) ([]string, map[string]string, string) {
	t.Helper()
	data, errs := s.do(t, apiResources, map[string]any{"id": id})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	node := data["node"].(map[string]any)
	var list []string
	ids := map[string]string{}
	for _, o := range node["operations"].([]any) {
		op := o.(map[string]any)
		k := op["method"].(string) + " " + op["target"].(string)
		list = append(list, k)
		ids[k] = op["id"].(string)
	}
	slices.Sort(list)
	def, _ := node["definition"].(string)
	return list, ids, def
}

// TestHole3_NewAPIHasSecuredDefaultResources: an API created from scratch
// gets GET, PUT, POST, DELETE and PATCH on /*, each requiring a token, so
// once deployed the gateway refuses a call without one and passes a
// subscribed application's token (hole 3: it used to forward every method
// and path unauthenticated).
func TestHole3_NewAPIHasSecuredDefaultResources(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	backend := echoBackend(t, "hole3")

	data, errs := pub.do(t, `mutation($i: CreateAPIInput!) { createAPI(input: $i) { id operations { method target authRequired scopes throttlingTier } } }`,
		map[string]any{"i": map[string]any{"name": "Scratch", "context": "scratch", "version": "v1", "endpoint": backend.URL}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	created := data["createAPI"].(map[string]any)
	id := created["id"].(string)
	var got []string
	for _, o := range created["operations"].([]any) {
		op := o.(map[string]any)
		if scopes, _ := op["scopes"].([]any); op["authRequired"] != true || len(scopes) != 0 || op["throttlingTier"] != "" {
			t.Errorf("default resource %v: want authRequired, no scopes, no resource tier", op)
		}
		got = append(got, op["method"].(string)+" "+op["target"].(string))
	}
	slices.Sort(got)
	if want := []string{"DELETE /*", "GET /*", "PATCH /*", "POST /*", "PUT /*"}; !slices.Equal(got, want) {
		t.Fatalf("default resources = %v, want %v", got, want)
	}

	if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := pub.do(t, `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { lifecycleStatus } }`, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	gw := inst.gateway.URL
	waitGateway(t, gw, "/scratch/v1/anything/deep", http.StatusUnauthorized).Body.Close()
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		req, _ := http.NewRequest(m, gw+"/scratch/v1/orders/1", strings.NewReader("{}"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s without a token: %d, want 401", m, resp.StatusCode)
		}
	}

	data, errs = sub.do(t, `mutation { createApplication(input: {name: "Hole 3 app"}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Unlimited"}) { id } }`,
		map[string]any{"app": appID, "api": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := sub.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION}) { clientSecret } }`, map[string]any{"id": appID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = sub.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION}) { accessToken } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	token := data["generateAccessToken"].(map[string]any)["accessToken"].(string)
	waitGatewayWith(t, gw, "/scratch/v1/anything/deep", token, http.StatusOK).Body.Close()
}

// TestHole3_AddDeleteResource: a publisher of the API's organization adds,
// moves and deletes resources of any API, validated at the edge, audited,
// with an OpenAPI definition kept in step; other organizations and
// subscribers are refused; a resource an API product bundles is not
// deleted from under it.
func TestHole3_AddDeleteResource(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	client := entClient(t, inst)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	org := tx.Organization.Create().SetName("other").SaveX(ctx)
	if _, err := auth.CreateUser(ctx, tx, org.ID, "mallory", "other-org-password", viewer.Publisher); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	other := inst.login(t, "mallory", "other-org-password")

	// An imported OpenAPI definition: its resources and its text move together.
	def := "openapi: 3.0.3\ninfo: {title: Kitchen, version: \"1\"}\nservers: [{url: \"http://127.0.0.1:1\"}]\n" +
		"paths:\n  /menu:\n    get: {operationId: menu, responses: {\"200\": {description: ok}}}\n"
	data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{"source": map[string]any{"content": def}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	apiID := data["importAPI"].(map[string]any)["id"].(string)
	// And one created from scratch, without a definition.
	data, errs = pub.do(t, createAPI, map[string]any{"i": map[string]any{"name": "Plain", "context": "plain", "version": "v1", "endpoint": "http://127.0.0.1:1"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	plainID := data["createAPI"].(map[string]any)["id"].(string)

	add := func(method, target string) map[string]any {
		return map[string]any{"api": apiID, "i": map[string]any{"method": method, "target": target}}
	}
	tests := []struct {
		name      string
		s         *session
		query     string
		vars      map[string]any
		wantCode  string
		wantField string
	}{
		{"unknown method", pub, addOperation, add("TRACE", "/x"), "BAD_USER_INPUT", "method"},
		{"empty method", pub, addOperation, add(" ", "/x"), "BAD_USER_INPUT", "method"},
		{"no leading slash", pub, addOperation, add("GET", "orders"), "BAD_USER_INPUT", "target"},
		{"empty path", pub, addOperation, add("GET", ""), "BAD_USER_INPUT", "target"},
		{"dot-dot segment", pub, addOperation, add("GET", "/a/../admin"), "BAD_USER_INPUT", "target"},
		{"dot segment", pub, addOperation, add("GET", "/a/./b"), "BAD_USER_INPUT", "target"},
		{"encoded slash", pub, addOperation, add("GET", "/a%2Fb"), "BAD_USER_INPUT", "target"},
		{"encoded dot", pub, addOperation, add("GET", "/%2e%2e/admin"), "BAD_USER_INPUT", "target"},
		{"backslash", pub, addOperation, add("GET", `/a\b`), "BAD_USER_INPUT", "target"},
		{"empty segment", pub, addOperation, add("GET", "/a//b"), "BAD_USER_INPUT", "target"},
		{"trailing slash", pub, addOperation, add("GET", "/a/"), "BAD_USER_INPUT", "target"},
		{"query in path", pub, addOperation, add("GET", "/a?b=1"), "BAD_USER_INPUT", "target"},
		{"unclosed parameter", pub, addOperation, add("GET", "/orders/{id"), "BAD_USER_INPUT", "target"},
		{"partial-segment parameter", pub, addOperation, add("GET", "/orders/x{id}"), "BAD_USER_INPUT", "target"},
		{"empty parameter", pub, addOperation, add("GET", "/orders/{}"), "BAD_USER_INPUT", "target"},
		{"parameter twice", pub, addOperation, add("GET", "/a/{id}/b/{id}"), "BAD_USER_INPUT", "target"},
		{"wildcard not last", pub, addOperation, add("GET", "/*/x"), "BAD_USER_INPUT", "target"},
		{"duplicate", pub, addOperation, add("get", "/menu"), "BAD_USER_INPUT", "target"},
		{"bad scope", pub, addOperation, map[string]any{"api": apiID, "i": map[string]any{"method": "GET", "target": "/s", "scopes": []string{"a b"}}}, "BAD_USER_INPUT", "scopes"},
		{"unknown tier", pub, addOperation, map[string]any{"api": apiID, "i": map[string]any{"method": "GET", "target": "/s", "throttlingTier": "Nope"}}, "BAD_USER_INPUT", "throttlingTier"},
		{"another org's publisher adds", other, addOperation, add("GET", "/x"), "NOT_FOUND", ""},
		{"subscriber adds", sub, addOperation, add("GET", "/x"), "FORBIDDEN", ""},
		{"not an id", pub, addOperation, map[string]any{"api": "nope", "i": map[string]any{"method": "GET", "target": "/x"}}, "BAD_USER_INPUT", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := tt.s.do(t, tt.query, tt.vars)
			if len(errs) != 1 || errs[0].Extensions.Code != tt.wantCode || errs[0].Extensions.Field != tt.wantField {
				t.Errorf("errors = %+v, want %s on %q", errs, tt.wantCode, tt.wantField)
			}
		})
	}
	if got, _, _ := resourcesOf(t, pub, apiID); !slices.Equal(got, []string{"GET /menu"}) {
		t.Fatalf("after refused inputs resources = %v, want only GET /menu", got)
	}

	// A valid resource is added, requires a token by default, and lands in
	// the definition with its path parameter declared.
	data, errs = pub.do(t, addOperation, map[string]any{"api": apiID, "i": map[string]any{"method": "post", "target": " /orders/{orderId} ", "scopes": []string{"orders:write"}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if op := data["addAPIOperation"].(map[string]any); op["method"] != "POST" || op["target"] != "/orders/{orderId}" || op["authRequired"] != true {
		t.Errorf("added = %v, want POST /orders/{orderId} requiring a token", op)
	}
	// A second template routing the same calls is a duplicate.
	if _, errs := pub.do(t, addOperation, add("POST", "/orders/{id}")); len(errs) != 1 || errs[0].Extensions.Field != "target" {
		t.Errorf("POST /orders/{id} beside /orders/{orderId}: %+v, want BAD_USER_INPUT on target", errs)
	}
	got, ids, text := resourcesOf(t, pub, apiID)
	if !slices.Equal(got, []string{"GET /menu", "POST /orders/{orderId}"}) {
		t.Errorf("resources = %v", got)
	}
	checkDefinition(t, text, []string{"GET /menu", "POST /orders/{orderId}"})

	// Another organization cannot move or delete it; a subscriber neither.
	for _, s := range []struct {
		who  *session
		code string
	}{{other, "NOT_FOUND"}, {sub, "FORBIDDEN"}} {
		if _, errs := s.who.do(t, deleteOperation, map[string]any{"id": ids["GET /menu"]}); len(errs) != 1 || errs[0].Extensions.Code != s.code {
			t.Errorf("delete by %v: %+v, want %s", s.who, errs, s.code)
		}
		if _, errs := s.who.do(t, moveOperation, map[string]any{"id": ids["GET /menu"], "i": map[string]any{"target": "/x"}}); len(errs) != 1 || errs[0].Extensions.Code != s.code {
			t.Errorf("move by %v: %+v, want %s", s.who, errs, s.code)
		}
	}

	// Moving keeps the ID and settings and moves the definition's operation.
	if _, errs := pub.do(t, moveOperation, map[string]any{"id": ids["GET /menu"], "i": map[string]any{"target": "/a/../b"}}); len(errs) != 1 || errs[0].Extensions.Field != "target" {
		t.Errorf("move to /a/../b: %+v, want BAD_USER_INPUT on target", errs)
	}
	if _, errs := pub.do(t, moveOperation, map[string]any{"id": ids["GET /menu"], "i": map[string]any{"method": "POST", "target": "/orders/{x}"}}); len(errs) != 1 || errs[0].Extensions.Field != "target" {
		t.Errorf("move onto POST /orders/{orderId}: %+v, want BAD_USER_INPUT on target", errs)
	}
	data, errs = pub.do(t, moveOperation, map[string]any{"id": ids["GET /menu"], "i": map[string]any{"target": "/menu/{item}"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if op := data["updateAPIOperation"].(map[string]any); op["id"] != ids["GET /menu"] || op["target"] != "/menu/{item}" {
		t.Errorf("moved = %v", op)
	}
	_, ids, text = resourcesOf(t, pub, apiID)
	checkDefinition(t, text, []string{"GET /menu/{item}", "POST /orders/{orderId}"})
	if !strings.Contains(text, "operationId: menu") {
		t.Errorf("the moved operation lost its text:\n%s", text)
	}

	// A product bundling a resource keeps it from being deleted.
	data, errs = pub.do(t, `mutation($i: CreateAPIProductInput!) { createAPIProduct(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"name": "Bundle", "context": "bundle", "version": "v1", "operationIDs": []string{ids["GET /menu/{item}"]}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := pub.do(t, deleteOperation, map[string]any{"id": ids["GET /menu/{item}"]}); len(errs) != 1 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("deleting a bundled resource: %+v, want CONFLICT", errs)
	}
	if _, errs := pub.do(t, deleteOperation, map[string]any{"id": ids["POST /orders/{orderId}"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	got, _, text = resourcesOf(t, pub, apiID)
	if !slices.Equal(got, []string{"GET /menu/{item}"}) {
		t.Errorf("after delete resources = %v", got)
	}
	checkDefinition(t, text, []string{"GET /menu/{item}"})

	// An API without a definition: resources change, no definition appears.
	_, plainIDs, _ := resourcesOf(t, pub, plainID)
	for _, m := range []string{"GET", "PUT", "POST", "DELETE", "PATCH"} {
		if _, errs := pub.do(t, deleteOperation, map[string]any{"id": plainIDs[m+" /*"]}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	if _, errs := pub.do(t, addOperation, map[string]any{"api": plainID, "i": map[string]any{"method": "GET", "target": "/health", "authRequired": false}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, _, text := resourcesOf(t, pub, plainID); !slices.Equal(got, []string{"GET /health"}) || text != "" {
		t.Errorf("plain API resources = %v, definition %q; want GET /health and no definition", got, text)
	}

	for action, want := range map[string]int{"api.resource.add": 2, "api.resource.update": 1, "api.resource.delete": 6} {
		if n := client.AuditLog.Query().Where(auditlog.Action(action)).CountX(ctx); n != want {
			t.Errorf("%d %s audit records, want %d", n, action, want)
		}
	}
}

// checkDefinition asserts that text is a valid OpenAPI definition whose
// operations are exactly want.
func checkDefinition(t *testing.T, text string, want []string) {
	t.Helper()
	def, err := definition.Parse(context.Background(), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if !def.Valid() {
		t.Fatalf("the definition is invalid: %+v\n%s", def.Problems, text)
	}
	var got []string
	for _, op := range def.Operations {
		got = append(got, op.Method+" "+op.Target)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("definition operations = %v, want %v\n%s", got, want, text)
	}
	for _, p := range def.Problems {
		if strings.Contains(p.Message, "does not declare") {
			t.Errorf("definition problem: %s", p.Message)
		}
	}
}

// openResources lets every resource of the API id through without a token:
// tests of pass-through behaviour (endpoints, revisions, virtual hosts)
// open an API as a publisher would, since a new API requires tokens.
func openResources(t *testing.T, pub *session, id any) {
	t.Helper()
	data, errs := pub.do(t, `query($id: ID!) { node(id: $id) { ... on API { operations { id } } } }`, map[string]any{"id": id})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, o := range data["node"].(map[string]any)["operations"].([]any) {
		if _, errs := pub.do(t, `mutation($id: ID!) { updateAPIOperation(id: $id, input: {authRequired: false}) { id } }`,
			map[string]any{"id": o.(map[string]any)["id"]}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
}
