package app_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const (
	opSettings = `id method target authRequired scopes throttlingTier requestValidation
  policies { setRequestHeaders { name value } rewritePath setResponseHeaders { name value } }`
	updateDefinition = `mutation($id: ID!, $d: String!) { updateAPIDefinition(id: $id, definition: $d) { id operations { ` + opSettings + ` } } }`
	exportQuery      = `query($id: ID!) { node(id: $id) { ... on API { exportedDefinition operations { ` + opSettings + ` } } } }`
	roundTripDef     = `{"openapi": "3.0.3", "info": {"title": "Round", "version": "1"},
  "servers": [{"url": "https://backend.example"}],
  "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t.example/token", "scopes": {"pets:read": "read"}}}}}},
  "paths": {"/pets/{id}": {"get": {"security": [{"oauth": ["pets:read"]}], "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
    "responses": {"200": {"description": "ok"}}}},
  "/pets": {"post": {"responses": {"201": {"description": "created"}}}}}}`
)

// opByKey finds "METHOD /target" among operations read through GraphQL.
func opByKey(t *testing.T, ops any, key string) map[string]any {
	t.Helper()
	for _, o := range ops.([]any) {
		m := o.(map[string]any)
		if m["method"].(string)+" "+m["target"].(string) == key {
			return m
		}
	}
	t.Fatalf("no operation %s in %v", key, ops)
	return nil
}

// TestDefinitionRoundTrip checks that each resource setting made in the
// resource editor shows in the exported definition and comes back from it:
// the setting is edited, exported, reset in the editor, and the export is
// saved as the API's definition, which must restore it. The operation's ID
// survives (products link to it).
func TestDefinitionRoundTrip(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	imported := mustDo(t, pub, "importAPI", `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { `+opSettings+` } } }`,
		map[string]any{"i": map[string]any{"source": map[string]any{"content": roundTripDef}, "context": "round", "version": "1"}})
	apiID := imported["id"]
	get := opByKey(t, imported["operations"], "GET /pets/{id}")
	if get["authRequired"] != true || !reflect.DeepEqual(get["scopes"], []any{"pets:read"}) {
		t.Fatalf("imported GET: %v", get)
	}
	reset := map[string]any{"authRequired": true, "scopes": []any{}, "throttlingTier": "", "requestValidation": false, "policies": map[string]any{}}
	for _, tc := range []struct {
		name string
		edit map[string]any
		ext  string // what the export must say
	}{
		{"auth off", map[string]any{"authRequired": false}, `"x-gatehouse-auth-required": false`},
		{"scopes", map[string]any{"scopes": []any{"pets:read", "pets:admin"}}, `"pets:admin"`},
		{"no scopes", map[string]any{"scopes": []any{}}, `"x-scopes": []`},
		{"tier", map[string]any{"throttlingTier": "Gold"}, `"x-throttling-tier": "Gold"`},
		{"validation", map[string]any{"requestValidation": true}, `"x-gatehouse-request-validation": true`},
		{"policies", map[string]any{"policies": map[string]any{"setRequestHeaders": []any{map[string]any{"name": "X-Tenant", "value": "acme"}},
			"rewritePath": "/v2/pets", "setResponseHeaders": []any{map[string]any{"name": "X-Served-By", "value": "gh"}}}}, `"x-gatehouse-policies"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": get["id"], "i": reset})
			mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": get["id"], "i": tc.edit})
			exported := mustDo(t, pub, "node", exportQuery, map[string]any{"id": apiID})
			want := opByKey(t, exported["operations"], "GET /pets/{id}")
			text, _ := exported["exportedDefinition"].(string)
			if !strings.Contains(text, tc.ext) {
				t.Fatalf("export lacks %s:\n%s", tc.ext, text)
			}
			mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": get["id"], "i": map[string]any{"authRequired": true, "scopes": []any{"other"}, "throttlingTier": "Silver", "requestValidation": false, "policies": map[string]any{}}})
			saved := mustDo(t, pub, "updateAPIDefinition", updateDefinition, map[string]any{"id": apiID, "d": text})
			got := opByKey(t, saved["operations"], "GET /pets/{id}")
			for _, f := range []string{"id", "authRequired", "scopes", "throttlingTier", "requestValidation", "policies"} {
				if !reflect.DeepEqual(got[f], want[f]) {
					t.Errorf("%s after export and save = %v, want %v", f, got[f], want[f])
				}
			}
			if post := opByKey(t, saved["operations"], "POST /pets"); post["authRequired"] != true {
				t.Errorf("the untouched POST changed: %v", post)
			}
		})
	}
}

// TestEditDefinitionText edits the exported text as a publisher would (an
// operation made public, one removed, one added) and refuses text that is
// invalid, of another kind or names settings the organization lacks.
func TestEditDefinitionText(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	imported := mustDo(t, pub, "importAPI", `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"source": map[string]any{"content": roundTripDef}, "context": "edit", "version": "1"}})
	apiID := imported["id"]
	exported := mustDo(t, pub, "node", exportQuery, map[string]any{"id": apiID})
	var doc map[string]any
	if err := json.Unmarshal([]byte(exported["exportedDefinition"].(string)), &doc); err != nil {
		t.Fatal(err)
	}
	paths := doc["paths"].(map[string]any)
	paths["/pets/{id}"].(map[string]any)["get"].(map[string]any)["x-gatehouse-auth-required"] = false
	delete(paths, "/pets")
	paths["/health"] = map[string]any{"get": map[string]any{"x-gatehouse-auth-required": false, "x-throttling-tier": "Bronze",
		"responses": map[string]any{"200": map[string]any{"description": "ok"}}}}
	text, _ := json.Marshal(doc)
	saved := mustDo(t, pub, "updateAPIDefinition", updateDefinition, map[string]any{"id": apiID, "d": string(text)})
	ops := saved["operations"].([]any)
	if len(ops) != 2 {
		t.Fatalf("operations after the edit: %v", ops)
	}
	if get := opByKey(t, ops, "GET /pets/{id}"); get["authRequired"] != false {
		t.Errorf("GET /pets/{id} still requires auth: %v", get)
	}
	if h := opByKey(t, ops, "GET /health"); h["authRequired"] != false || h["throttlingTier"] != "Bronze" {
		t.Errorf("added GET /health: %v", h)
	}

	bad := func(mutate func(op map[string]any)) string {
		var d map[string]any
		_ = json.Unmarshal(text, &d)
		mutate(d["paths"].(map[string]any)["/health"].(map[string]any)["get"].(map[string]any))
		b, _ := json.Marshal(d)
		return string(b)
	}
	for _, tc := range []struct{ name, def string }{
		{"not a definition", "hello: world"},
		{"graphql into an HTTP API", "type Query { hello: String }"},
		{"unknown tier", bad(func(op map[string]any) { op["x-throttling-tier"] = "Platinum" })},
		{"application tier", bad(func(op map[string]any) { op["x-throttling-tier"] = "50PerMin" })},
		{"auth not a boolean", bad(func(op map[string]any) { op["x-gatehouse-auth-required"] = "no" })},
		{"bad scope", bad(func(op map[string]any) { op["x-scopes"] = []any{"a b"} })},
		{"bad policy", bad(func(op map[string]any) {
			op["x-gatehouse-policies"] = map[string]any{"rewritePath": "relative"}
		})},
		{"unknown policy", bad(func(op map[string]any) { op["x-gatehouse-policies"] = map[string]any{"addCookies": true} })},
	} {
		_, errs := pub.do(t, updateDefinition, map[string]any{"id": apiID, "d": tc.def})
		if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != "definition" {
			t.Errorf("%s: %+v, want BAD_USER_INPUT on definition", tc.name, errs)
		}
	}
	if _, errs := sub.do(t, updateDefinition, map[string]any{"id": apiID, "d": string(text)}); len(errs) == 0 {
		t.Error("a subscriber replaced the definition")
	}

	// Importing an edited export keeps its settings too.
	again := mustDo(t, pub, "importAPI", `mutation($i: ImportAPIInput!) { importAPI(input: $i) { operations { `+opSettings+` } } }`,
		map[string]any{"i": map[string]any{"source": map[string]any{"content": string(text)}, "context": "edit2", "version": "1"}})
	if h := opByKey(t, again["operations"], "GET /health"); h["authRequired"] != false || h["throttlingTier"] != "Bronze" {
		t.Errorf("imported GET /health: %v", h)
	}
}

// TestRevisionRestoresWorkingCopy freezes an API with resource settings,
// CORS, its definition and business data into a revision, changes all of
// it, and restores the revision: everything comes back, and a kept
// resource keeps its ID.
func TestRevisionRestoresWorkingCopy(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	const state = `query($id: ID!) { node(id: $id) { ... on API { definition description tags categories { name } businessOwnerName
  visibility visibleRoles subscriptionTiers cors { enabled allowOrigins } operations { ` + opSettings + ` } } } }`
	const business = `mutation($id: ID!, $i: APIBusinessInput!) { updateAPIBusinessInfo(id: $id, input: $i) { id } }`
	const cors = `mutation($id: ID!, $i: CORSInput!) { updateAPICORS(id: $id, input: $i) { id } }`
	imported := mustDo(t, pub, "importAPI", `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { `+opSettings+` } } }`,
		map[string]any{"i": map[string]any{"source": map[string]any{"content": roundTripDef}, "context": "frozen", "version": "1"}})
	apiID := imported["id"]
	get := opByKey(t, imported["operations"], "GET /pets/{id}")
	mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": get["id"], "i": map[string]any{
		"authRequired": false, "throttlingTier": "Gold", "requestValidation": true,
		"policies": map[string]any{"setRequestHeaders": []any{map[string]any{"name": "X-Tenant", "value": "acme"}}}}})
	mustDo(t, pub, "updateAPIBusinessInfo", business, map[string]any{"id": apiID, "i": map[string]any{
		"description": "Frozen pets", "tags": []any{"pets"}, "categories": []any{"Animals"},
		"businessOwner": map[string]any{"name": "Ann", "email": "ann@example.com"},
		"visibility":    "RESTRICTED", "visibleRoles": []any{"publisher"}, "subscriptionTiers": []any{"Gold"}}})
	mustDo(t, pub, "updateAPICORS", cors, map[string]any{"id": apiID, "i": map[string]any{
		"enabled": true, "allowOrigins": []any{"https://app.example"}, "allowMethods": []any{"GET"}, "allowHeaders": []any{"Authorization"}}})
	before := mustDo(t, pub, "node", state, map[string]any{"id": apiID})
	rev := mustDo(t, pub, "createAPIRevision", createRevision, map[string]any{"api": apiID, "d": "frozen"})

	// Change everything.
	mustDo(t, pub, "updateAPIBusinessInfo", business, map[string]any{"id": apiID, "i": map[string]any{
		"description": "Thawed", "tags": []any{"other"}, "categories": []any{"Misc"},
		"businessOwner": map[string]any{"name": "Bob", "email": "bob@example.com"},
		"visibility":    "PUBLIC", "visibleRoles": []any{}, "subscriptionTiers": []any{"Bronze"}}})
	mustDo(t, pub, "updateAPICORS", cors, map[string]any{"id": apiID, "i": map[string]any{
		"enabled": false, "allowOrigins": []any{}, "allowMethods": []any{}, "allowHeaders": []any{}}})
	changed := strings.Replace(roundTripDef, `"/pets": {"post"`, `"/health": {"get": {"responses": {"200": {"description": "ok"}}}}, "/pets": {"post"`, 1)
	mustDo(t, pub, "updateAPIDefinition", updateDefinition, map[string]any{"id": apiID, "d": changed})
	mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": get["id"], "i": map[string]any{
		"authRequired": true, "throttlingTier": "", "requestValidation": false, "policies": map[string]any{}}})
	if mid := mustDo(t, pub, "node", state, map[string]any{"id": apiID}); reflect.DeepEqual(mid, before) {
		t.Fatal("nothing changed before the restore")
	}

	mustDo(t, pub, "restoreAPIRevision", restoreRevision, map[string]any{"rev": rev["id"]})
	after := mustDo(t, pub, "node", state, map[string]any{"id": apiID})
	for _, f := range []string{"definition", "description", "tags", "categories", "businessOwnerName", "visibility", "visibleRoles", "subscriptionTiers", "cors"} {
		if !reflect.DeepEqual(after[f], before[f]) {
			t.Errorf("%s after restore = %v, want %v", f, after[f], before[f])
		}
	}
	if len(after["operations"].([]any)) != 2 {
		t.Errorf("operations after restore: %v", after["operations"])
	}
	if got, want := opByKey(t, after["operations"], "GET /pets/{id}"), opByKey(t, before["operations"], "GET /pets/{id}"); !reflect.DeepEqual(got, want) {
		t.Errorf("GET /pets/{id} after restore = %v, want %v", got, want)
	}
}

// TestEditGraphQLDefinition replaces a GraphQL API's SDL: the new fields
// are what the publisher can scope, and text of another kind is refused.
func TestEditGraphQLDefinition(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	created := mustDo(t, pub, "importAPI", importKind, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": "type Query { hello: String }"},
		"name":   "Greeter", "context": "greeter", "version": "v1", "endpoint": "http://127.0.0.1:1/graphql",
	}})
	id := created["id"].(string)
	const fields = `query($id: ID!) { node(id: $id) { ... on API { definition graphqlFields { type field } } } }`
	saved := mustDo(t, pub, "updateAPIDefinition", `mutation($id: ID!, $d: String!) { updateAPIDefinition(id: $id, definition: $d) { definition type } }`,
		map[string]any{"id": id, "d": "type Query { hello: String\n  menu: [String!]! }"})
	if saved["type"] != "GRAPHQL" || !strings.Contains(saved["definition"].(string), "menu") {
		t.Fatalf("saved %v", saved)
	}
	node := mustDo(t, pub, "node", fields, map[string]any{"id": id})
	var names []string
	for _, f := range node["graphqlFields"].([]any) {
		names = append(names, f.(map[string]any)["type"].(string)+"."+f.(map[string]any)["field"].(string))
	}
	if !slices.Contains(names, "Query.menu") {
		t.Errorf("fields after the edit: %v", names)
	}
	if _, errs := pub.do(t, updateDefinition, map[string]any{"id": id, "d": roundTripDef}); len(errs) != 1 || errs[0].Extensions.Field != "definition" {
		t.Errorf("OpenAPI text into a GraphQL API: %+v, want BAD_USER_INPUT on definition", errs)
	}
}
