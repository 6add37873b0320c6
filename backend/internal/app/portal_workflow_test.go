package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
)

// addUser creates a user in org with roles.
func addUser(t *testing.T, client *ent.Client, org *ent.Organization, name, password string, roles ...viewer.Role) {
	t.Helper()
	ctx := context.Background()
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auth.CreateUser(ctx, tx, org.ID, name, password, roles...); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// mustDo runs an operation that must succeed and returns its one field.
func mustDo(t *testing.T, s *session, field, query string, vars map[string]any) map[string]any {
	t.Helper()
	data, errs := s.do(t, query, vars)
	if len(errs) > 0 {
		t.Fatalf("%s: %+v", field, errs)
	}
	m, _ := data[field].(map[string]any)
	return m
}

func wantCode(t *testing.T, what string, errs []gqlError, codes ...string) {
	t.Helper()
	for _, c := range codes {
		if len(errs) > 0 && errs[0].Extensions.Code == c {
			return
		}
	}
	t.Errorf("%s: %+v, want %v", what, errs, codes)
}

// TestSubscriptionWorkflow: a tier that requires approval holds new
// subscriptions until an admin approves or rejects them; the publisher
// blocks and unblocks; the gateway follows every state.
func TestSubscriptionWorkflow(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			runSubscriptionWorkflow(t, start(t, database, dir))
		})
	}
}

func runSubscriptionWorkflow(t *testing.T, inst *instance) {
	ctx := context.Background()
	client := entClient(t, inst)
	org := client.Organization.Query().OnlyX(ctx)
	other := client.Organization.Create().SetName("elsewhere").SaveX(ctx)
	addUser(t, client, org, "eve", "eve-password-123", viewer.Subscriber)
	addUser(t, client, other, "mallory", "mallory-password-123", viewer.Admin, viewer.Publisher)
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	eve := inst.login(t, "eve", "eve-password-123")
	mallory := inst.login(t, "mallory", "mallory-password-123")
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx)
	gw := inst.gateway.URL
	const menu = "/pizzashack/1.0.0/menu"

	data, _ := admin.do(t, `{ throttlingTiers(first: 1, where: {level: SUBSCRIPTION, name: "Gold"}) { edges { node { id } } } }`, nil)
	gold := data["throttlingTiers"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"]
	setApproval := `mutation($id: ID!, $on: Boolean!) { setTierRequiresApproval(tierID: $id, requiresApproval: $on) { requiresApproval } }`
	_, errs := pub.do(t, setApproval, map[string]any{"id": gold, "on": true})
	wantCode(t, "publisher sets tier approval", errs, "FORBIDDEN")
	_, errs = mallory.do(t, setApproval, map[string]any{"id": gold, "on": true})
	wantCode(t, "admin of another organization sets tier approval", errs, "NOT_FOUND")
	if got := mustDo(t, admin, "setTierRequiresApproval", setApproval, map[string]any{"id": gold, "on": true}); got["requiresApproval"] != true {
		t.Fatalf("tier: %v", got)
	}

	appID := mustDo(t, alice, "createApplication", `mutation { createApplication(input: {name: "Held"}) { id } }`, nil)["id"]
	subscribe := `mutation($app: ID!, $tier: String!) { subscribe(input: {applicationID: $app, apiID: "` + pizza.ID.String() + `", tier: $tier}) { id status } }`
	sub := mustDo(t, alice, "subscribe", subscribe, map[string]any{"app": appID, "tier": "Gold"})
	if sub["status"] != "ON_HOLD" {
		t.Fatalf("subscription with an approval tier: %v, want ON_HOLD", sub)
	}
	subID := sub["id"]
	mustDo(t, alice, "generateKeys", `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION}) { clientSecret } }`, map[string]any{"id": appID})
	mustDo(t, alice, "generateKeys", `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: SANDBOX}) { clientSecret } }`, map[string]any{"id": appID})
	token := func(keyType string) string {
		return mustDo(t, alice, "generateAccessToken", `mutation($id: ID!, $k: ApplicationKeyKeyType!) { generateAccessToken(input: {applicationID: $id, keyType: $k}) { accessToken } }`,
			map[string]any{"id": appID, "k": keyType})["accessToken"].(string)
	}
	prod, sandbox := token("PRODUCTION"), token("SANDBOX")
	waitGatewayWith(t, gw, menu, prod, http.StatusForbidden).Body.Close()

	// The admin queue holds it; no one else sees the queue or decides.
	pending := `{ pendingSubscriptions { id status applicationName subscriber throttlingTier api { name } } }`
	data, errs = admin.do(t, pending, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	queue := data["pendingSubscriptions"].([]any)
	if len(queue) != 1 || queue[0].(map[string]any)["id"] != subID || queue[0].(map[string]any)["subscriber"] != "subscriber" ||
		queue[0].(map[string]any)["applicationName"] != "Held" {
		t.Fatalf("pending queue: %v", queue)
	}
	data, _ = mallory.do(t, pending, nil)
	if n := len(data["pendingSubscriptions"].([]any)); n != 0 {
		t.Errorf("another organization's admin sees %d pending subscriptions", n)
	}
	for _, s := range []*session{alice, pub} {
		_, errs = s.do(t, pending, nil)
		wantCode(t, "non-admin reads the queue", errs, "FORBIDDEN")
		_, errs = s.do(t, `mutation($id: ID!) { approveSubscription(id: $id) { status } }`, map[string]any{"id": subID})
		wantCode(t, "non-admin approves", errs, "FORBIDDEN")
	}
	_, errs = mallory.do(t, `mutation($id: ID!) { approveSubscription(id: $id) { status } }`, map[string]any{"id": subID})
	wantCode(t, "admin of another organization approves", errs, "NOT_FOUND")
	_, errs = pub.do(t, `mutation($id: ID!) { changeSubscriptionStatus(id: $id, status: UNBLOCKED) { status } }`, map[string]any{"id": subID})
	wantCode(t, "publisher unblocks a held subscription", errs, "CONFLICT")

	approved := mustDo(t, admin, "approveSubscription", `mutation($id: ID!) { approveSubscription(id: $id) { status } }`, map[string]any{"id": subID})
	if approved["status"] != "UNBLOCKED" {
		t.Fatalf("approved: %v", approved)
	}
	waitGatewayWith(t, gw, menu, prod, http.StatusOK).Body.Close()
	_, errs = admin.do(t, `mutation($id: ID!) { approveSubscription(id: $id) { status } }`, map[string]any{"id": subID})
	wantCode(t, "approve twice", errs, "CONFLICT")

	// The publisher blocks production only, then everything, then unblocks.
	change := `mutation($id: ID!, $s: APISubscriptionStatus!) { changeSubscriptionStatus(id: $id, status: $s, reason: "abuse") { status statusReason } }`
	_, errs = mallory.do(t, change, map[string]any{"id": subID, "s": "BLOCKED"})
	wantCode(t, "publisher of another organization blocks", errs, "NOT_FOUND")
	_, errs = alice.do(t, change, map[string]any{"id": subID, "s": "UNBLOCKED"})
	wantCode(t, "subscriber unblocks", errs, "FORBIDDEN")
	_, errs = pub.do(t, change, map[string]any{"id": subID, "s": "REJECTED"})
	wantCode(t, "publisher rejects", errs, "BAD_USER_INPUT")
	mustDo(t, pub, "changeSubscriptionStatus", change, map[string]any{"id": subID, "s": "PROD_ONLY_BLOCKED"})
	waitGatewayWith(t, gw, menu, prod, http.StatusForbidden).Body.Close()
	waitGatewayWith(t, gw, menu, sandbox, http.StatusOK).Body.Close()
	mustDo(t, pub, "changeSubscriptionStatus", change, map[string]any{"id": subID, "s": "BLOCKED"})
	waitGatewayWith(t, gw, menu, sandbox, http.StatusForbidden).Body.Close()
	mustDo(t, pub, "changeSubscriptionStatus", change, map[string]any{"id": subID, "s": "UNBLOCKED"})
	waitGatewayWith(t, gw, menu, prod, http.StatusOK).Body.Close()

	data, errs = pub.do(t, `query($id: ID!) { apiSubscriptions(apiID: $id) { id status applicationName } }`, map[string]any{"id": pizza.ID.String()})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	found := false
	for _, s := range data["apiSubscriptions"].([]any) {
		found = found || s.(map[string]any)["id"] == subID
	}
	if !found {
		t.Errorf("the publisher's list lacks the subscription: %v", data)
	}
	_, errs = mallory.do(t, `query($id: ID!) { apiSubscriptions(apiID: $id) { id } }`, map[string]any{"id": pizza.ID.String()})
	wantCode(t, "another organization lists subscriptions", errs, "NOT_FOUND")
	_, errs = alice.do(t, `query($id: ID!) { apiSubscriptions(apiID: $id) { id } }`, map[string]any{"id": pizza.ID.String()})
	wantCode(t, "subscriber lists an API's subscriptions", errs, "FORBIDDEN")

	// A rejection needs a reason, which the subscriber then reads.
	app2 := mustDo(t, alice, "createApplication", `mutation { createApplication(input: {name: "Refused"}) { id } }`, nil)["id"]
	sub2 := mustDo(t, alice, "subscribe", subscribe, map[string]any{"app": app2, "tier": "Gold"})["id"]
	reject := `mutation($id: ID!, $r: String!) { rejectSubscription(id: $id, reason: $r) { status statusReason } }`
	_, errs = admin.do(t, reject, map[string]any{"id": sub2, "r": "  "})
	if len(errs) == 0 || errs[0].Extensions.Field != "reason" {
		t.Errorf("reject without a reason: %+v, want a reason field error", errs)
	}
	mustDo(t, admin, "rejectSubscription", reject, map[string]any{"id": sub2, "r": "not for production use"})
	data, _ = alice.do(t, `query($id: ID!) { applications(first: 1, where: {id: $id}) { edges { node { subscriptions { status statusReason } } } } }`, map[string]any{"id": app2})
	got := data["applications"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["subscriptions"].([]any)[0].(map[string]any)
	if got["status"] != "REJECTED" || got["statusReason"] != "not for production use" {
		t.Errorf("subscriber sees %v, want REJECTED with the reason", got)
	}
	_, errs = admin.do(t, `mutation($id: ID!) { approveSubscription(id: $id) { status } }`, map[string]any{"id": sub2})
	wantCode(t, "approve a rejected subscription", errs, "CONFLICT")
	// Other tiers need no approval.
	app3 := mustDo(t, alice, "createApplication", `mutation { createApplication(input: {name: "Free"}) { id } }`, nil)["id"]
	if s := mustDo(t, alice, "subscribe", subscribe, map[string]any{"app": app3, "tier": "Bronze"}); s["status"] != "UNBLOCKED" {
		t.Errorf("Bronze subscription: %v, want UNBLOCKED", s)
	}

	// Object-level reads: eve reaches none of alice's objects by id.
	keyID := mustDo(t, alice, "generateKeys", `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION}) { key { id } } }`, map[string]any{"id": app3})["key"].(map[string]any)["id"]
	for what, id := range map[string]any{"application": appID, "subscription": subID, "key": keyID} {
		data, errs := eve.do(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
		if len(errs) == 0 && data["node"] != nil {
			t.Errorf("eve reads alice's %s by node id: %v", what, data)
		} else if len(errs) > 0 {
			wantCode(t, "eve node("+what+")", errs, "NOT_FOUND", "FORBIDDEN")
		}
	}
	data, _ = eve.do(t, `query($id: ID!) { applications(first: 5, where: {id: $id}) { totalCount } }`, map[string]any{"id": appID})
	if n := data["applications"].(map[string]any)["totalCount"]; n != float64(0) {
		t.Errorf("eve finds %v of alice's applications by id, want 0", n)
	}
	for name, q := range map[string]string{
		"reject":    `mutation($id: ID!) { rejectSubscription(id: $id, reason: "x") { id } }`,
		"change":    `mutation($id: ID!) { changeSubscriptionStatus(id: $id, status: BLOCKED) { id } }`,
		"block-old": `mutation($id: ID!) { changeSubscriptionStatus(id: $id, status: BLOCKED) { id } }`,
	} {
		_, errs := eve.do(t, q, map[string]any{"id": subID})
		wantCode(t, "eve "+name, errs, "FORBIDDEN", "NOT_FOUND")
	}
}
