package app_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestAlertRulesGraphQL: an admin manages alert rules on the demo API;
// bad input comes back as field errors; other roles are turned away.
func TestAlertRulesGraphQL(t *testing.T) {
	inst := start(t, "", t.TempDir())
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	data, errs := admin.do(t, `{ apis(first: 10) { edges { node { id name } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var apiID string
	for _, e := range data["apis"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["name"] == "PizzaShackAPI" {
			apiID = n["id"].(string)
		}
	}
	if apiID == "" {
		t.Fatal("no demo API")
	}
	const create = `mutation($in: AlertInput!) { createAlert(input: $in) { id name metric scope targetName state webhookURL history { state } } }`
	in := map[string]any{"name": "Pizza errors", "metric": "ERROR_RATE", "scope": "API", "targetID": apiID,
		"threshold": 5, "windowSeconds": 300, "webhookURL": "https://hooks.example.com/gatehouse"}
	data, errs = admin.do(t, create, map[string]any{"in": in})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	a := data["createAlert"].(map[string]any)
	if a["state"] != "OK" || a["targetName"] != "PizzaShackAPI 1.0.0" || a["metric"] != "ERROR_RATE" {
		t.Errorf("created %v", a)
	}
	id := a["id"].(string)

	bad := map[string]any{}
	for k, v := range in {
		bad[k] = v
	}
	bad["webhookURL"] = "file:///etc/passwd"
	if _, errs := admin.do(t, create, map[string]any{"in": bad}); len(errs) == 0 || errs[0].Extensions.Field != "webhookURL" {
		t.Errorf("non-http webhook: %+v", errs)
	}

	in["threshold"] = 2.5
	in["metric"] = "P95_LATENCY"
	data, errs = admin.do(t, `mutation($id: ID!, $in: AlertInput!) { updateAlert(id: $id, input: $in) { threshold metric } }`,
		map[string]any{"id": id, "in": in})
	if len(errs) > 0 || data["updateAlert"].(map[string]any)["metric"] != "P95_LATENCY" {
		t.Errorf("update: %v %v", data, errs)
	}
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	if _, errs := pub.do(t, `{ alerts { id } }`, nil); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("publisher listing alerts: %+v", errs)
	}
	data, _ = admin.do(t, `{ alerts { id name } }`, nil)
	if !strings.Contains(fmt.Sprint(data), "Pizza errors") {
		t.Errorf("alerts: %v", data)
	}
	if _, errs := admin.do(t, `mutation($id: ID!) { deleteAlert(id: $id) }`, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, _ = admin.do(t, `{ alerts { id } }`, nil)
	if n := len(data["alerts"].([]any)); n != 0 {
		t.Errorf("%d alerts after delete", n)
	}
}
