package app_test

import (
	"sort"
	"testing"
)

// TestEditProductOperations adds and removes operations of an existing
// product with the rules of creation; a kept operation keeps its ID and
// the settings the publisher gave it.
func TestEditProductOperations(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": productSourceSpec}, "context": "epets", "endpoint": "https://pets.example"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	petsID := data["importAPI"].(map[string]any)["id"].(string)
	ops := func(id string) map[string]string {
		n := mustDo(t, pub, "node", `query($id: ID!) { node(id: $id) { ... on API { operations { id method target } } } }`, map[string]any{"id": id})
		out := map[string]string{}
		for _, o := range n["operations"].([]any) {
			m := o.(map[string]any)
			out[m["method"].(string)+" "+m["target"].(string)] = m["id"].(string)
		}
		return out
	}
	data, errs = pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pizzaOps := ops(data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string))
	petsOps := ops(petsID)
	product := mustDo(t, pub, "createAPIProduct", `mutation($i: CreateAPIProductInput!) { createAPIProduct(input: $i) { id operations { id method target } } }`,
		map[string]any{"i": map[string]any{"name": "Editable", "context": "editable", "version": "v1", "operationIDs": []string{petsOps["GET /pets"]}}})
	productID := product["id"].(string)
	kept := product["operations"].([]any)[0].(map[string]any)["id"]
	mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": kept, "i": map[string]any{"throttlingTier": "Gold"}})

	const update = `mutation($id: ID!, $ops: [ID!]!) { updateAPIProductOperations(id: $id, operationIDs: $ops) {
  id operations { id method target throttlingTier sourceOperation { id } } } }`
	for _, tc := range []struct {
		name string
		id   string
		ops  []string
	}{
		{"none", productID, []string{}},
		{"clash", productID, []string{pizzaOps["GET /menu"], petsOps["GET /menu"]}},
		{"another product's", productID, []string{kept.(string)}},
		{"not an operation", productID, []string{productID}},
		{"not a product", petsID, []string{petsOps["GET /pets"]}},
	} {
		_, errs := pub.do(t, update, map[string]any{"id": tc.id, "ops": tc.ops})
		if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" {
			t.Errorf("%s: %+v, want BAD_USER_INPUT", tc.name, errs)
		}
	}
	if _, errs := sub.do(t, update, map[string]any{"id": productID, "ops": []string{petsOps["GET /pets"]}}); len(errs) == 0 {
		t.Error("a subscriber edited a product")
	}

	// Keep GET /pets, add PizzaShack's GET /menu.
	got := mustDo(t, pub, "updateAPIProductOperations", update, map[string]any{"id": productID, "ops": []string{petsOps["GET /pets"], pizzaOps["GET /menu"]}})
	var keys []string
	for _, o := range got["operations"].([]any) {
		m := o.(map[string]any)
		keys = append(keys, m["method"].(string)+" "+m["target"].(string))
		switch m["target"] {
		case "/pets":
			if m["id"] != kept || m["throttlingTier"] != "Gold" {
				t.Errorf("kept operation changed: %v", m)
			}
		case "/menu":
			if m["sourceOperation"].(map[string]any)["id"] != pizzaOps["GET /menu"] {
				t.Errorf("added operation's source: %v", m)
			}
		}
	}
	sort.Strings(keys)
	if len(keys) != 2 || keys[0] != "GET /menu" || keys[1] != "GET /pets" {
		t.Errorf("operations after adding: %v", keys)
	}
	// Swap PizzaShack's GET /menu for the pets API's GET /menu (same route), drop GET /pets.
	got = mustDo(t, pub, "updateAPIProductOperations", update, map[string]any{"id": productID, "ops": []string{petsOps["GET /menu"]}})
	if o := got["operations"].([]any); len(o) != 1 || o[0].(map[string]any)["sourceOperation"].(map[string]any)["id"] != petsOps["GET /menu"] {
		t.Errorf("operations after swapping: %v", o)
	}
	// A revision of the edited product deploys.
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": productID}); len(errs) > 0 {
		t.Fatal(errs)
	}
}
