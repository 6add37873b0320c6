package app_test

import (
	"os"
	"strings"
	"testing"
)

// TestBreakingChanges imports two versions of an API and lists what the
// second breaks for consumers of the first.
func TestBreakingChanges(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	var ids []any
	for _, v := range []string{"1", "2"} {
		content, err := os.ReadFile("testdata/pets-v" + v + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{
			"source": map[string]any{"content": string(content)}, "context": "pets", "version": v, "endpoint": "http://127.0.0.1:1/x"}})
		if len(errs) > 0 {
			t.Fatalf("import v%s: %+v", v, errs)
		}
		ids = append(ids, data["importAPI"].(map[string]any)["id"])
	}
	q := `query($id: ID!) { apis(where: {id: $id}) { edges { node { previousVersion { version } breakingChanges { kind operation message } } } } }`
	data, errs := pub.do(t, q, map[string]any{"id": ids[1]})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	node := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	if pv := node["previousVersion"].(map[string]any)["version"]; pv != "1" {
		t.Errorf("previousVersion = %v, want 1", pv)
	}
	var got []string
	for _, c := range node["breakingChanges"].([]any) {
		m := c.(map[string]any)
		got = append(got, m["kind"].(string)+" "+m["operation"].(string))
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"operation-removed DELETE /pets/{id}",
		"required-parameter-added GET /pets",
		"enum-narrowed GET /pets",
		"type-narrowed POST /pets",
		"required-request-field-added POST /pets",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("breaking changes lack %q; got:\n%s", want, all)
		}
	}
	if strings.Count(all, "operation-removed") != 1 {
		t.Errorf("the removed DELETE is reported once, from the definition; got:\n%s", all)
	}
	data, _ = pub.do(t, q, map[string]any{"id": ids[0]})
	node = data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	if node["previousVersion"] != nil || len(node["breakingChanges"].([]any)) != 0 {
		t.Errorf("the first version has a previous version or breaking changes: %v", node)
	}
}

// TestUpdateResource edits a resource's authentication and scopes.
func TestUpdateResource(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	content, err := os.ReadFile("testdata/pets-v1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, errs := pub.do(t, `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { id method target authRequired } } }`, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": string(content)}, "context": "pets", "version": "1", "endpoint": "http://127.0.0.1:1/x"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var opID any
	for _, o := range data["importAPI"].(map[string]any)["operations"].([]any) {
		if m := o.(map[string]any); m["method"] == "GET" && m["target"] == "/pets" {
			opID = m["id"]
		}
	}
	upd := `mutation($id: ID!, $i: UpdateAPIOperationInput!) { updateAPIOperation(id: $id, input: $i) { authRequired scopes } }`
	data, errs = pub.do(t, upd, map[string]any{"id": opID, "i": map[string]any{"authRequired": false, "scopes": []string{" pets:read ", ""}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := data["updateAPIOperation"].(map[string]any); got["authRequired"] != false || len(got["scopes"].([]any)) != 1 {
		t.Errorf("updated resource = %v", got)
	}
	if _, errs := pub.do(t, upd, map[string]any{"id": opID, "i": map[string]any{"scopes": []string{`bad"scope`}}}); len(errs) != 1 || errs[0].Extensions.Field != "scopes" {
		t.Errorf("bad scope: %+v, want BAD_USER_INPUT on scopes", errs)
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	if _, errs := sub.do(t, upd, map[string]any{"id": opID, "i": map[string]any{"authRequired": true}}); len(errs) == 0 {
		t.Errorf("a subscriber edited a resource")
	}
}
