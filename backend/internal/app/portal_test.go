package app_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/api"
)

// TestPortalApplicationsSubscriptionsKeys walks a subscriber through the
// portal (application, subscription, keys, tokens) and checks that a second
// subscriber can reach none of it.
func TestPortalApplicationsSubscriptionsKeys(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	client := entClient(t, inst)
	org := client.Organization.Query().OnlyX(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auth.CreateUser(ctx, tx, org.ID, "eve", "eve-password-123", viewer.Subscriber); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	eve := inst.login(t, "eve", "eve-password-123")
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx)

	data, errs := alice.do(t, `mutation { createApplication(input: {name: "Mobile", description: "phone app"}) { id name throttlingTier tokenType } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	app := data["createApplication"].(map[string]any)
	appID := app["id"]
	if app["throttlingTier"] != "Unlimited" || app["tokenType"] != "JWT" {
		t.Errorf("defaults: %v", app)
	}
	if _, errs := alice.do(t, `mutation { createApplication(input: {name: "Mobile"}) { id } }`, nil); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("duplicate application name: %+v, want CONFLICT", errs)
	}
	if _, errs := alice.do(t, `mutation { createApplication(input: {name: "X", throttlingTier: "Platinum"}) { id } }`, nil); len(errs) == 0 || errs[0].Extensions.Field != "throttlingTier" {
		t.Errorf("unknown application tier: %+v, want a throttlingTier field error", errs)
	}

	subscribe := `mutation($app: ID!, $api: ID!, $tier: String!) { subscribe(input: {applicationID: $app, apiID: $api, tier: $tier}) { id status throttlingTier } }`
	if _, errs := alice.do(t, subscribe, map[string]any{"app": appID, "api": pizza.ID.String(), "tier": "Diamond"}); len(errs) == 0 || errs[0].Extensions.Field != "tier" {
		t.Errorf("unknown tier: %+v, want a tier field error", errs)
	}
	data, errs = alice.do(t, subscribe, map[string]any{"app": appID, "api": pizza.ID.String(), "tier": "Gold"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	subID := data["subscribe"].(map[string]any)["id"]
	if _, errs := alice.do(t, subscribe, map[string]any{"app": appID, "api": pizza.ID.String(), "tier": "Gold"}); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("second subscription: %+v, want CONFLICT", errs)
	}
	// An API that is not published takes no subscriptions.
	data, _ = pub.do(t, createAPI, map[string]any{"i": map[string]any{"name": "Draft", "context": "draft", "version": "1", "endpoint": "http://127.0.0.1:1"}})
	draftID := data["createAPI"].(map[string]any)["id"]
	if _, errs := alice.do(t, subscribe, map[string]any{"app": appID, "api": draftID, "tier": "Gold"}); len(errs) == 0 || errs[0].Extensions.Field != "apiID" {
		t.Errorf("subscribe to a draft: %+v, want an apiID field error", errs)
	}

	data, errs = alice.do(t, `mutation($app: ID!) { generateKeys(input: {applicationID: $app, keyType: PRODUCTION}) { clientSecret key { clientID grantTypes } } }`, map[string]any{"app": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	keys := data["generateKeys"].(map[string]any)
	clientID := keys["key"].(map[string]any)["clientID"].(string)
	secret := keys["clientSecret"].(string)

	// Object-level checks: eve reaches nothing of alice's.
	for name, q := range map[string]string{
		"update":      `mutation($id: ID!) { updateApplication(id: $id, input: {name: "mine"}) { id } }`,
		"delete":      `mutation($id: ID!) { deleteApplication(id: $id) }`,
		"keys":        `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: SANDBOX}) { clientSecret } }`,
		"regenerate":  `mutation($id: ID!) { regenerateSecret(applicationID: $id, keyType: PRODUCTION) { clientSecret } }`,
		"token":       `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION}) { accessToken } }`,
		"unsubscribe": `mutation($id: ID!) { unsubscribe(id: $id) }`,
		"subscribe":   `mutation($id: ID!) { subscribe(input: {applicationID: $id, apiID: "` + pizza.ID.String() + `", tier: "Gold"}) { id } }`,
		"block":       `mutation($id: ID!) { changeSubscriptionStatus(id: $id, status: BLOCKED) { id } }`,
	} {
		id := appID
		if name == "unsubscribe" || name == "block" {
			id = subID
		}
		_, errs := eve.do(t, q, map[string]any{"id": id})
		want := "NOT_FOUND"
		if name == "block" {
			want = "FORBIDDEN" // subscribers cannot block at all
		}
		if len(errs) == 0 || errs[0].Extensions.Code != want {
			t.Errorf("eve %s: %+v, want %s", name, errs, want)
		}
	}
	data, _ = eve.do(t, `{ applications(first: 10) { totalCount } }`, nil)
	if n := data["applications"].(map[string]any)["totalCount"]; n != float64(0) {
		t.Errorf("eve lists %v applications, want 0", n)
	}

	// The new keys get a token that the gateway accepts for the subscribed API.
	gw := inst.gateway.URL
	const menu = "/pizzashack/1.0.0/menu"
	status, body := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"client_credentials"}})
	if status != 200 {
		t.Fatalf("token with generated keys: %d %v", status, body)
	}
	waitGatewayWith(t, gw, menu, body["access_token"].(string), http.StatusOK).Body.Close()

	data, errs = alice.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION, scopes: ["menu"], validitySeconds: 600}) { accessToken scopes } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	testToken := data["generateAccessToken"].(map[string]any)["accessToken"].(string)
	waitGatewayWith(t, gw, menu, testToken, http.StatusOK).Body.Close()

	// The publisher blocks the subscription: the gateway refuses at once.
	if _, errs := pub.do(t, `mutation($id: ID!) { changeSubscriptionStatus(id: $id, status: BLOCKED) { status } }`, map[string]any{"id": subID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, menu, testToken, http.StatusForbidden).Body.Close()
	if _, errs := pub.do(t, `mutation($id: ID!) { changeSubscriptionStatus(id: $id, status: UNBLOCKED) { status } }`, map[string]any{"id": subID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, menu, testToken, http.StatusOK).Body.Close()

	// A regenerated secret replaces the old one.
	data, errs = alice.do(t, `mutation($id: ID!) { regenerateSecret(applicationID: $id, keyType: PRODUCTION) { clientSecret } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if status, _ := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"client_credentials"}}); status != 401 {
		t.Errorf("old secret after regeneration: %d, want 401", status)
	}
	newSecret := data["regenerateSecret"].(map[string]any)["clientSecret"].(string)
	if status, _ := form(t, inst.cp.URL+keymanager.TokenPath, clientID, newSecret, url.Values{"grant_type": {"client_credentials"}}); status != 200 {
		t.Errorf("new secret: %d, want 200", status)
	}

	// Unsubscribing closes the API to the application.
	if _, errs := alice.do(t, `mutation($id: ID!) { unsubscribe(id: $id) }`, map[string]any{"id": subID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, menu, testToken, http.StatusForbidden).Body.Close()
	if _, errs := alice.do(t, `mutation($id: ID!) { deleteApplication(id: $id) }`, map[string]any{"id": appID}); len(errs) > 0 {
		t.Fatal(errs)
	}
}
