package app_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

const productSourceSpec = `openapi: 3.0.3
info: {title: Product Pets, version: "1.0"}
paths:
  /pets:
    get: {responses: {"200": {description: ok}}}
  /menu:
    get: {responses: {"200": {description: ok}}}
`

// TestAPIProduct bundles an operation of the demo PizzaShack API and one of
// an imported API into a product, deploys and publishes it, and calls both
// through the gateway with a token of an application subscribed to the
// product; an application subscribed only to a source API is refused.
func TestAPIProduct(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	gw := inst.gateway.URL
	tok := inst.token(t)
	backend := echoBackend(t, "pets")

	data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": productSourceSpec}, "context": "ppets", "endpoint": backend.URL + "/base"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	petsID := data["importAPI"].(map[string]any)["id"].(string)
	opsOf := func(id string) map[string]string {
		data, errs := pub.do(t, `query($id: ID!) { apis(first: 1, where: {id: $id}) { edges { node { operations { id method target } } } } }`, map[string]any{"id": id})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		out := map[string]string{}
		for _, o := range data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["operations"].([]any) {
			m := o.(map[string]any)
			out[m["method"].(string)+" "+m["target"].(string)] = m["id"].(string)
		}
		return out
	}
	data, errs = pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pizzaID := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
	pizzaOps, petsOps := opsOf(pizzaID), opsOf(petsID)
	if pizzaOps["GET /menu"] == "" || petsOps["GET /pets"] == "" {
		t.Fatalf("source operations: %v %v", pizzaOps, petsOps)
	}

	const create = `mutation($i: CreateAPIProductInput!) { createAPIProduct(input: $i) { id type subscriptionTiers
		operations { method target sourceOperation { id api { name } } } } }`
	// The same method and path from two APIs cannot both be routed.
	if _, errs := pub.do(t, create, map[string]any{"i": map[string]any{"name": "Clash", "context": "clash", "version": "v1",
		"operationIDs": []string{pizzaOps["GET /menu"], petsOps["GET /menu"]}}}); len(errs) == 0 || errs[0].Extensions.Field != "operations" {
		t.Errorf("clashing operations: %+v, want an operations field error", errs)
	}
	if _, errs := pub.do(t, create, map[string]any{"i": map[string]any{"name": "Empty", "context": "empty", "version": "v1",
		"operationIDs": []string{}}}); len(errs) == 0 || errs[0].Extensions.Field != "operations" {
		t.Errorf("no operations: %+v, want an operations field error", errs)
	}
	data, errs = pub.do(t, create, map[string]any{"i": map[string]any{"name": "Bundle", "context": "bundle", "version": "v1",
		"description": "Menu and pets", "operationIDs": []string{pizzaOps["GET /menu"], petsOps["GET /pets"]}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	product := data["createAPIProduct"].(map[string]any)
	if product["type"] != "PRODUCT" || len(product["operations"].([]any)) != 2 {
		t.Fatalf("product: %v", product)
	}
	for _, o := range product["operations"].([]any) {
		if o.(map[string]any)["sourceOperation"] == nil {
			t.Errorf("product operation %v has no source", o)
		}
	}
	productID := product["id"].(string)

	// Deployed but not subscribed: the demo application, subscribed to
	// PizzaShack only, is refused on the product.
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": productID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, "/bundle/v1/menu", tok, http.StatusForbidden).Body.Close()
	waitGatewayWith(t, gw, "/bundle/v1/nothing", tok, http.StatusNotFound).Body.Close()

	publishAndSubscribeDemo(t, inst, pub, productID, product["subscriptionTiers"].([]any)[0].(string))
	resp := waitGatewayWith(t, gw, "/bundle/v1/menu", tok, http.StatusOK)
	var menu []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&menu); err != nil || len(menu) == 0 {
		t.Errorf("product menu = %v (%v), want PizzaShack's menu", menu, err)
	}
	resp.Body.Close()
	resp = waitGatewayWith(t, gw, "/bundle/v1/pets", tok, http.StatusOK)
	var got map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if got["marker"] != "pets" || got["path"] != "/base/pets" {
		t.Errorf("product pets call reached %v, want the pets backend at /base/pets", got)
	}
	// The source API itself stays closed to the product's subscribers.
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": petsID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, "/ppets/1.0/pets", tok, http.StatusForbidden).Body.Close()

	// The portal lists the product among the APIs.
	anon := inst.anonymous()
	data, errs = anon.do(t, `{ apis(first: 50, where: {type: PRODUCT}) { edges { node { name type } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if edges := data["apis"].(map[string]any)["edges"].([]any); len(edges) != 1 {
		t.Errorf("portal products: %v, want Bundle", edges)
	}
}
