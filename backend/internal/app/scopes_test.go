package app_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/apirevision"
	"github.com/gatehouse/gatehouse/gateway/config"
)

const (
	createScope = `mutation($api: ID!, $i: APIScopeInput!) { createAPIScope(apiID: $api, input: $i) { id name displayName roles } }`
	updateScope = `mutation($id: ID!, $i: APIScopeInput!) { updateAPIScope(id: $id, input: $i) { id name roles } }`
	deleteScope = `mutation($id: ID!) { deleteAPIScope(id: $id) }`
	listScopes  = `query($api: ID!) { apiScopes(apiID: $api) { name roles } }`
)

// TestScopeDefinitions: a publisher of the API's organization defines,
// edits and deletes scopes; others are refused; operations may only
// require defined scopes (new ones are defined with no role restriction);
// new versions and revisions carry them.
func TestScopeDefinitions(t *testing.T) {
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

	def := "openapi: 3.1.0\ninfo: {title: Scoped, version: \"1\"}\nservers: [{url: \"http://127.0.0.1:1\"}]\n" +
		"paths:\n  /menu:\n    get: {operationId: menu, responses: {\"200\": {description: ok}}}\n"
	data, errs := pub.do(t, `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { id } } }`,
		map[string]any{"i": map[string]any{"source": map[string]any{"content": def}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	apiID := data["importAPI"].(map[string]any)["id"].(string)
	opID := data["importAPI"].(map[string]any)["operations"].([]any)[0].(map[string]any)["id"]

	data, errs = pub.do(t, createScope, map[string]any{"api": apiID, "i": map[string]any{
		"name": " pizza:admin ", "displayName": "Administer", "roles": []string{"admin", " admin", ""}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	created := data["createAPIScope"].(map[string]any)
	if created["name"] != "pizza:admin" || len(created["roles"].([]any)) != 1 {
		t.Errorf("created = %v, want pizza:admin bound to admin once", created)
	}
	scopeID := created["id"].(string)

	tests := []struct {
		name      string
		s         *session
		query     string
		vars      map[string]any
		wantCode  string
		wantField string
	}{
		{"bad name", pub, createScope, map[string]any{"api": apiID, "i": map[string]any{"name": "has space"}}, "BAD_USER_INPUT", "name"},
		{"duplicate name", pub, createScope, map[string]any{"api": apiID, "i": map[string]any{"name": "pizza:admin"}}, "BAD_USER_INPUT", "name"},
		{"bad role", pub, createScope, map[string]any{"api": apiID, "i": map[string]any{"name": "x", "roles": []string{"a b"}}}, "BAD_USER_INPUT", "roles"},
		{"another org's publisher creates", other, createScope, map[string]any{"api": apiID, "i": map[string]any{"name": "x"}}, "NOT_FOUND", ""},
		{"another org's publisher updates", other, updateScope, map[string]any{"id": scopeID, "i": map[string]any{"roles": []string{"publisher"}}}, "NOT_FOUND", ""},
		{"another org's publisher deletes", other, deleteScope, map[string]any{"id": scopeID}, "NOT_FOUND", ""},
		{"another org's publisher lists", other, listScopes, map[string]any{"api": apiID}, "NOT_FOUND", ""},
		{"subscriber creates", sub, createScope, map[string]any{"api": apiID, "i": map[string]any{"name": "x"}}, "FORBIDDEN", ""},
		{"subscriber updates", sub, updateScope, map[string]any{"id": scopeID, "i": map[string]any{"roles": []string{"subscriber"}}}, "FORBIDDEN", ""},
		{"subscriber deletes", sub, deleteScope, map[string]any{"id": scopeID}, "FORBIDDEN", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := tt.s.do(t, tt.query, tt.vars)
			if len(errs) != 1 || errs[0].Extensions.Code != tt.wantCode || errs[0].Extensions.Field != tt.wantField {
				t.Errorf("errors = %+v, want %s on %q", errs, tt.wantCode, tt.wantField)
			}
		})
	}

	// A resource requiring a scope the API does not define defines it.
	upd := `mutation($id: ID!, $i: UpdateAPIOperationInput!) { updateAPIOperation(id: $id, input: $i) { scopes } }`
	if _, errs := pub.do(t, upd, map[string]any{"id": opID, "i": map[string]any{"scopes": []string{"pizza:admin", "pizza:read"}}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = pub.do(t, listScopes, map[string]any{"api": apiID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, _ := json.Marshal(data["apiScopes"]); string(got) != `[{"name":"pizza:admin","roles":["admin"]},{"name":"pizza:read","roles":[]}]` {
		t.Errorf("scopes = %s", got)
	}
	// The export declares them with their role bindings.
	data, errs = pub.do(t, `query($id: ID!) { node(id: $id) { ... on API { exportedDefinition } } }`, map[string]any{"id": apiID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var exported struct {
		Paths      map[string]map[string]struct{ Security []map[string][]string }
		Components struct {
			SecuritySchemes map[string]struct {
				Flows    map[string]struct{ Scopes map[string]string }
				Bindings struct{ Scopes map[string]string } `json:"x-scopes-bindings"`
			} `json:"securitySchemes"`
		}
	}
	text := data["node"].(map[string]any)["exportedDefinition"].(string)
	if doc, err := openapi3.NewLoader().LoadFromData([]byte(text)); err != nil {
		t.Fatal(err)
	} else if err := doc.Validate(ctx); err != nil {
		t.Errorf("the export is not valid OpenAPI: %v", err)
	}
	if err := json.Unmarshal([]byte(text), &exported); err != nil {
		t.Fatal(err)
	}
	scheme := exported.Components.SecuritySchemes["gatehouse"]
	if sec := exported.Paths["/menu"]["get"].Security; len(sec) != 1 || len(sec[0]["gatehouse"]) != 2 {
		t.Errorf("GET /menu security = %v, want the two scopes under gatehouse", sec)
	}
	if scheme.Bindings.Scopes["pizza:admin"] != "admin" || len(scheme.Flows["clientCredentials"].Scopes) != 2 {
		t.Errorf("exported scheme = %+v", scheme)
	}
	if _, errs := pub.do(t, deleteScope, map[string]any{"id": scopeID}); len(errs) != 1 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("deleting a scope in use: %+v, want CONFLICT", errs)
	}

	// Revisions freeze the definitions; a new version copies them.
	if _, errs := pub.do(t, `mutation($id: ID!) { createAPIRevision(apiID: $id) { id } }`, map[string]any{"id": apiID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	rev := client.APIRevision.Query().Where(apirevision.HasAPI()).Order(apirevision.ByCreatedAt()).AllX(ctx)
	var snap config.API
	if err := json.Unmarshal([]byte(rev[len(rev)-1].Snapshot), &snap); err != nil || len(snap.ScopeDefinitions) != 2 || !slices.Equal(snap.ScopeDefinitions[0].Roles, []string{"admin"}) {
		t.Errorf("revision froze %+v (%v)", snap.ScopeDefinitions, err)
	}
	data, errs = pub.do(t, `mutation($id: ID!) { createNewVersion(input: {apiID: $id, version: "2"}) { id scopeDefinitions { name roles } } }`, map[string]any{"id": apiID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if defs := data["createNewVersion"].(map[string]any)["scopeDefinitions"].([]any); len(defs) != 2 {
		t.Errorf("new version's scopes = %v, want 2", defs)
	}

	// Unused, it goes.
	if _, errs := pub.do(t, upd, map[string]any{"id": opID, "i": map[string]any{"scopes": []string{}}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := pub.do(t, deleteScope, map[string]any{"id": scopeID}); len(errs) > 0 {
		t.Fatal(errs)
	}
}

// TestScopesBoundToRoles: the key manager grants a scope an API defines
// only to users holding one of its roles, and drops it for the others;
// scopes no API defines are granted as asked.
func TestScopesBoundToRoles(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{"name": "Bound", "context": "bound", "version": "1", "endpoint": "http://127.0.0.1:1"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	apiID := data["createAPI"].(map[string]any)["id"].(string)
	for _, sc := range []map[string]any{
		{"name": "pizza:admin", "roles": []string{"admin"}},
		{"name": "pizza:order"},
	} {
		if _, errs := pub.do(t, createScope, map[string]any{"api": apiID, "i": sc}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	clientID, secret := oidcClient(t, inst, "", "password", "client_credentials")
	token := func(values url.Values) []string {
		t.Helper()
		status, body := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, values)
		if status != 200 {
			t.Fatalf("token: %d %v", status, body)
		}
		got := strings.Fields(body["scope"].(string))
		slices.Sort(got)
		return got
	}
	asked := "openid pizza:admin pizza:order custom:undefined"
	password := func(user string) url.Values {
		return url.Values{"grant_type": {"password"}, "username": {user}, "password": {inst.creds.Users[user].Password}, "scope": {asked}}
	}
	tests := []struct {
		name   string
		values url.Values
		want   []string
	}{
		{"subscriber", password("subscriber"), []string{"custom:undefined", "openid", "pizza:order"}},
		{"admin", password("admin"), []string{"custom:undefined", "openid", "pizza:admin", "pizza:order"}},
		// The application's owner is the subscriber.
		{"client credentials", url.Values{"grant_type": {"client_credentials"}, "scope": {asked}}, []string{"custom:undefined", "openid", "pizza:order"}},
	}
	for _, tt := range tests {
		if got := token(tt.values); !slices.Equal(got, tt.want) {
			t.Errorf("%s granted %v, want %v", tt.name, got, tt.want)
		}
	}

	// Binding the scope to subscribers too takes effect at once.
	data, errs = pub.do(t, `query($api: ID!) { apiScopes(apiID: $api) { id name } }`, map[string]any{"api": apiID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var adminScope string
	for _, s := range data["apiScopes"].([]any) {
		if s.(map[string]any)["name"] == "pizza:admin" {
			adminScope = s.(map[string]any)["id"].(string)
		}
	}
	if _, errs := pub.do(t, updateScope, map[string]any{"id": adminScope, "i": map[string]any{"roles": []string{"admin", "subscriber"}}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := token(password("subscriber")); !slices.Contains(got, "pizza:admin") {
		t.Errorf("after binding to subscriber, granted %v", got)
	}
}
