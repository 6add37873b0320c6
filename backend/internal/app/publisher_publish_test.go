package app_test

import (
	"net/http"
	"testing"
)

// TestPublishNewVersionOptions publishes new versions of the demo
// PizzaShack API: one carrying subscriptions over and deprecating the old
// version, one requiring re-subscription.
func TestPublishNewVersionOptions(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	gw := inst.gateway.URL
	tok := inst.token(t)
	waitGatewayWith(t, gw, "/pizzashack/1.0.0/menu", tok, http.StatusOK).Body.Close()

	data, errs := pub.do(t, `{ apis(first: 1, where: {context: "pizzashack", version: "1.0.0"}) { edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	v1 := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
	newVersion := func(from, version string) string {
		data, errs := pub.do(t, `mutation($id: ID!, $v: String!) { createNewVersion(input: {apiID: $id, version: $v}) { id } }`,
			map[string]any{"id": from, "v": version})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		id := data["createNewVersion"].(map[string]any)["id"].(string)
		if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
			t.Fatal(errs)
		}
		return id
	}
	const publish = `mutation($i: PublishAPIInput!) { publishAPI(input: $i) { id lifecycleStatus } }`
	status := func(id string) (string, []any) {
		data, errs := pub.do(t, `query($id: ID!) { apis(first: 1, where: {id: $id}) { edges { node { lifecycleStatus lifecycleHistory { to reason } } } } }`,
			map[string]any{"id": id})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		n := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
		return n["lifecycleStatus"].(string), n["lifecycleHistory"].([]any)
	}

	// 2.0.0 keeps 1.0.0's subscribers and deprecates it.
	v2 := newVersion(v1, "2.0.0")
	if _, errs := pub.do(t, publish, map[string]any{"i": map[string]any{
		"id": v2, "deprecateOlderVersions": true, "requireResubscription": false}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if s, hist := status(v1); s != "DEPRECATED" || hist[len(hist)-1].(map[string]any)["reason"] != "version 2.0.0 was published" {
		t.Errorf("1.0.0 after publishing 2.0.0: %s %v, want DEPRECATED with the reason recorded", s, hist)
	}
	waitGatewayWith(t, gw, "/pizzashack/2.0.0/menu", tok, http.StatusOK).Body.Close()
	// A deprecated version still serves its subscribers.
	waitGatewayWith(t, gw, "/pizzashack/1.0.0/menu", tok, http.StatusOK).Body.Close()

	// 3.0.0 requires subscribing again and leaves 2.0.0 published.
	v3 := newVersion(v2, "3.0.0")
	if _, errs := pub.do(t, publish, map[string]any{"i": map[string]any{"id": v3}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if s, _ := status(v2); s != "PUBLISHED" {
		t.Errorf("2.0.0 after publishing 3.0.0 without deprecation: %s, want PUBLISHED", s)
	}
	waitGatewayWith(t, gw, "/pizzashack/3.0.0/menu", tok, http.StatusForbidden).Body.Close()

	// Publishing is still refused where the transition table refuses it.
	if _, errs := pub.do(t, publish, map[string]any{"i": map[string]any{"id": v3}}); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("publishing a published API: %+v, want CONFLICT", errs)
	}
}
