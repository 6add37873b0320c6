package app_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/api"
)

// waitGatewayKey polls the gateway with an API key until it answers want.
func waitGatewayKey(t *testing.T, gw, path, key string, want int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodGet, gw+path, nil)
		req.Header.Set("apikey", key)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s with an API key: never answered %d (last: %v %v)", path, want, statusOf(resp), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestAPIKeys: an application's API key calls the API through the
// gateway; restrictions hold; revocation stops it, at once or after a
// rotation's grace period.
func TestAPIKeys(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			runAPIKeys(t, start(t, database, dir))
		})
	}
}

func runAPIKeys(t *testing.T, inst *instance) {
	ctx := context.Background()
	client := entClient(t, inst)
	org := client.Organization.Query().OnlyX(ctx)
	addUser(t, client, org, "eve", "eve-password-123", viewer.Subscriber)
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	eve := inst.login(t, "eve", "eve-password-123")
	pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx).ID.String()
	gw := inst.gateway.URL
	const menu = "/pizzashack/1.0.0/menu"

	appID := mustDo(t, alice, "createApplication", `mutation { createApplication(input: {name: "Keyed"}) { id } }`, nil)["id"]
	mustDo(t, alice, "subscribe", `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Gold"}) { id } }`,
		map[string]any{"app": appID, "api": pizza})
	gen := `mutation($i: GenerateAPIKeyInput!) { generateAPIKey(input: $i) { key apiKey { id keyType allowedIPs allowedReferers expiresAt revokedAt } } }`
	for _, tt := range []struct {
		name  string
		in    map[string]any
		field string
	}{
		{"bad CIDR", map[string]any{"allowedIPs": []string{"10.0.0.0/33"}}, "allowedIPs"},
		{"validity too long", map[string]any{"validityDays": 4000}, "validityDays"},
		{"grace too long", map[string]any{"graceSeconds": 31 * 24 * 3600}, "graceSeconds"},
	} {
		in := map[string]any{"applicationID": appID, "keyType": "PRODUCTION"}
		for k, v := range tt.in {
			in[k] = v
		}
		_, errs := alice.do(t, gen, map[string]any{"i": in})
		if len(errs) == 0 || errs[0].Extensions.Field != tt.field {
			t.Errorf("%s: %+v, want a %s field error", tt.name, errs, tt.field)
		}
	}
	_, errs := eve.do(t, gen, map[string]any{"i": map[string]any{"applicationID": appID, "keyType": "PRODUCTION"}})
	wantCode(t, "eve makes a key for alice's application", errs, "NOT_FOUND")

	first := mustDo(t, alice, "generateAPIKey", gen, map[string]any{"i": map[string]any{"applicationID": appID, "keyType": "PRODUCTION", "validityDays": 30}})
	key1 := first["key"].(string)
	rec1 := first["apiKey"].(map[string]any)
	waitGatewayKey(t, gw, menu, key1, http.StatusOK)

	// Restricted to an address range the test client is not in.
	far := mustDo(t, alice, "generateAPIKey", gen, map[string]any{"i": map[string]any{"applicationID": appID, "keyType": "PRODUCTION", "allowedIPs": []string{"192.0.2.0/24"}}})
	if ips := far["apiKey"].(map[string]any)["allowedIPs"].([]any); len(ips) != 1 || ips[0] != "192.0.2.0/24" {
		t.Errorf("allowedIPs: %v", ips)
	}
	waitGatewayKey(t, gw, menu, far["key"].(string), http.StatusForbidden)
	near := mustDo(t, alice, "generateAPIKey", gen, map[string]any{"i": map[string]any{"applicationID": appID, "keyType": "PRODUCTION", "allowedIPs": []string{"127.0.0.1", "::1"}}})
	waitGatewayKey(t, gw, menu, near["key"].(string), http.StatusOK)

	// The keys are listed for their owner only.
	data, _ := alice.do(t, `query($id: ID!) { applications(first: 1, where: {id: $id}) { edges { node { apiKeys { id } } } } }`, map[string]any{"id": appID})
	if n := len(data["applications"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["apiKeys"].([]any)); n != 3 {
		t.Errorf("alice lists %d API keys, want 3", n)
	}
	revoke := `mutation($id: ID!, $g: Int) { revokeAPIKey(id: $id, graceSeconds: $g) { revokedAt } }`
	_, errs = eve.do(t, revoke, map[string]any{"id": rec1["id"]})
	wantCode(t, "eve revokes alice's key", errs, "NOT_FOUND")

	// Rotation: the new key works at once, the old one through its grace
	// period (an hour here), until it is revoked outright.
	rotated := mustDo(t, alice, "generateAPIKey", gen, map[string]any{"i": map[string]any{
		"applicationID": appID, "keyType": "PRODUCTION", "replacesKeyID": rec1["id"], "graceSeconds": 3600}})
	waitGatewayKey(t, gw, menu, rotated["key"].(string), http.StatusOK)
	waitGatewayKey(t, gw, menu, key1, http.StatusOK)
	mustDo(t, alice, "revokeAPIKey", revoke, map[string]any{"id": rec1["id"]})
	waitGatewayKey(t, gw, menu, key1, http.StatusUnauthorized)
	waitGatewayKey(t, gw, menu, rotated["key"].(string), http.StatusOK)

	// A zero grace rotation stops the old key at once.
	newest := mustDo(t, alice, "generateAPIKey", gen, map[string]any{"i": map[string]any{
		"applicationID": appID, "keyType": "PRODUCTION", "replacesKeyID": rotated["apiKey"].(map[string]any)["id"]}})
	waitGatewayKey(t, gw, menu, rotated["key"].(string), http.StatusUnauthorized)
	waitGatewayKey(t, gw, menu, newest["key"].(string), http.StatusOK)
}
