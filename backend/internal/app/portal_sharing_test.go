package app_test

import (
	"context"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/user"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct{ at atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.at.Store(time.Now().UnixNano())
	return c
}
func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.at.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.at.Add(int64(d)) }

// TestRegenerateSecretGrace: with a grace period the old secret keeps
// working beside the new one until the grace ends, then only the new one
// does; without one the old secret stops at once.
func TestRegenerateSecretGrace(t *testing.T) {
	clock := newFakeClock()
	inst := startWith(t, app.Config{DataDir: t.TempDir(), Now: clock.Now})
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := alice.do(t, `mutation { createApplication(input: {name: "Rotating"}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	data, errs = alice.do(t, `mutation($app: ID!) { generateKeys(input: {applicationID: $app, keyType: PRODUCTION}) { clientSecret key { clientID } } }`, map[string]any{"app": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	keys := data["generateKeys"].(map[string]any)
	clientID := keys["key"].(map[string]any)["clientID"].(string)
	first := keys["clientSecret"].(string)
	token := func(secret string) int {
		status, _ := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"client_credentials"}})
		return status
	}
	regenerate := `mutation($app: ID!, $grace: Int) { regenerateSecret(applicationID: $app, keyType: PRODUCTION, graceSeconds: $grace) { clientSecret key { previousSecretExpiresAt } } }`

	for _, bad := range []int{-1, 31*24*3600 + 1} {
		if _, errs := alice.do(t, regenerate, map[string]any{"app": appID, "grace": bad}); len(errs) == 0 || errs[0].Extensions.Field != "graceSeconds" {
			t.Errorf("grace %d: %+v, want a graceSeconds field error", bad, errs)
		}
	}

	data, errs = alice.do(t, regenerate, map[string]any{"app": appID, "grace": 3600})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := data["regenerateSecret"].(map[string]any)
	second := got["clientSecret"].(string)
	until, err := time.Parse(time.RFC3339, got["key"].(map[string]any)["previousSecretExpiresAt"].(string))
	if err != nil || until.Sub(clock.Now()) < 59*time.Minute || until.Sub(clock.Now()) > time.Hour {
		t.Errorf("previousSecretExpiresAt = %v (%v), want an hour from the clock", got["key"], err)
	}
	steps := []struct {
		name          string
		advance       time.Duration
		first, second int
	}{
		{"during the grace both work", 0, 200, 200},
		{"just before its end both work", 59 * time.Minute, 200, 200},
		{"after it only the new one", 2 * time.Minute, 401, 200},
	}
	for _, s := range steps {
		clock.Advance(s.advance)
		if g := token(first); g != s.first {
			t.Errorf("%s: old secret %d, want %d", s.name, g, s.first)
		}
		if g := token(second); g != s.second {
			t.Errorf("%s: new secret %d, want %d", s.name, g, s.second)
		}
	}

	// Grace 0: the old secret stops at once, and no grace is shown.
	data, errs = alice.do(t, regenerate, map[string]any{"app": appID, "grace": 0})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got = data["regenerateSecret"].(map[string]any)
	if got["key"].(map[string]any)["previousSecretExpiresAt"] != nil {
		t.Errorf("immediate regeneration shows a grace: %v", got)
	}
	if g := token(second); g != 401 {
		t.Errorf("replaced secret without grace: %d, want 401", g)
	}
	if g := token(got["clientSecret"].(string)); g != 200 {
		t.Errorf("newest secret: %d, want 200", g)
	}
}

// TestApplicationSharing checks the access rule: owner and admins manage
// an application; members of a group it is shared with see and use it
// (subscribe, keys, test tokens) but cannot manage it or regenerate
// secrets; anyone else gets NOT_FOUND.
//
// It runs on SQLite and PostgreSQL: the reach rule is a JSON containment.
func TestApplicationSharing(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			testApplicationSharing(t, start(t, database, dir))
		})
	}
}

func testApplicationSharing(t *testing.T, inst *instance) {
	ctx := context.Background()
	client := entClient(t, inst)
	org := client.Organization.Query().OnlyX(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bob", "eve"} {
		if _, err := auth.CreateUser(ctx, tx, org.ID, name, name+"-password-123", viewer.Subscriber); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	bob := inst.login(t, "bob", "bob-password-123")
	eve := inst.login(t, "eve", "eve-password-123")
	pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx)
	bobID := client.User.Query().Where(user.Username("bob")).OnlyIDX(ctx)

	data, errs := alice.do(t, `mutation { createApplication(input: {name: "Team app"}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	if _, errs := alice.do(t, `mutation($app: ID!) { generateKeys(input: {applicationID: $app, keyType: PRODUCTION}) { clientSecret } }`, map[string]any{"app": appID}); len(errs) > 0 {
		t.Fatal(errs)
	}

	// Attributes: validated, replaced as a whole, listed by key.
	setAttrs := `mutation($app: ID!, $a: [ApplicationAttributeInput!]!) { setApplicationAttributes(applicationID: $app, attributes: $a) { attributes { key value } } }`
	for name, bad := range map[string][]map[string]any{
		"empty key":     {{"key": "", "value": "x"}},
		"bad key":       {{"key": "1st", "value": "x"}},
		"duplicate key": {{"key": "team", "value": "a"}, {"key": "team", "value": "b"}},
	} {
		if _, errs := alice.do(t, setAttrs, map[string]any{"app": appID, "a": bad}); len(errs) == 0 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != "attributes" {
			t.Errorf("%s: %+v, want an attributes field error", name, errs)
		}
	}
	data, errs = alice.do(t, setAttrs, map[string]any{"app": appID, "a": []map[string]any{{"key": "team", "value": "payments"}, {"key": "costCentre", "value": "R&D-42"}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	attrs := data["setApplicationAttributes"].(map[string]any)["attributes"].([]any)
	if len(attrs) != 2 || attrs[0].(map[string]any)["key"] != "costCentre" {
		t.Errorf("attributes = %v, want costCentre then team", attrs)
	}

	// Groups: only admins set them.
	setGroups := `mutation($u: ID!, $g: [String!]!) { setUserGroups(userID: $u, groups: $g) { groups } }`
	if _, errs := alice.do(t, setGroups, map[string]any{"u": bobID.String(), "g": []string{"payments"}}); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("subscriber sets groups: %+v, want FORBIDDEN", errs)
	}
	if _, errs := admin.do(t, setGroups, map[string]any{"u": bobID.String(), "g": []string{"bad/name"}}); len(errs) == 0 || errs[0].Extensions.Field != "groups" {
		t.Errorf("bad group name: %+v, want a groups field error", errs)
	}
	if _, errs := admin.do(t, setGroups, map[string]any{"u": bobID.String(), "g": []string{"payments", " payments "}}); len(errs) > 0 {
		t.Fatal(errs)
	}

	count := func(s *session) any {
		data, errs := s.do(t, `{ applications(first: 10) { totalCount } }`, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return data["applications"].(map[string]any)["totalCount"]
	}
	if n := count(bob); n != float64(0) {
		t.Errorf("bob before sharing lists %v applications, want 0", n)
	}
	share := `mutation($app: ID!, $g: [String!]!) { shareApplication(applicationID: $app, groups: $g) { sharedGroups viewerAccess } }`
	if _, errs := bob.do(t, share, map[string]any{"app": appID, "g": []string{"payments"}}); len(errs) == 0 || errs[0].Extensions.Code != "NOT_FOUND" {
		t.Errorf("bob shares alice's app: %+v, want NOT_FOUND", errs)
	}
	data, errs = alice.do(t, share, map[string]any{"app": appID, "g": []string{"payments"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := data["shareApplication"].(map[string]any); got["viewerAccess"] != "OWNER" {
		t.Errorf("owner's access = %v", got)
	}

	// bob (group payments) sees and uses the app, as a member.
	if n := count(bob); n != float64(1) {
		t.Errorf("bob after sharing lists %v applications, want 1", n)
	}
	data, errs = bob.do(t, `{ applications(first: 10) { edges { node { viewerAccess keys { clientID } attributes { key } } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	node := data["applications"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	if node["viewerAccess"] != "MEMBER" || len(node["keys"].([]any)) != 1 {
		t.Errorf("bob's view = %v, want MEMBER with the keys", node)
	}
	data, errs = bob.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Gold"}) { id } }`, map[string]any{"app": appID, "api": pizza.ID.String()})
	if len(errs) > 0 {
		t.Fatalf("member subscribes: %v", errs)
	}
	if _, errs := bob.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION}) { accessToken } }`, map[string]any{"id": appID}); len(errs) > 0 {
		t.Errorf("member test token: %v", errs)
	}

	manage := map[string]string{
		"update":     `mutation($id: ID!) { updateApplication(id: $id, input: {name: "mine"}) { id } }`,
		"delete":     `mutation($id: ID!) { deleteApplication(id: $id) }`,
		"keys":       `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: SANDBOX}) { clientSecret } }`,
		"regenerate": `mutation($id: ID!) { regenerateSecret(applicationID: $id, keyType: PRODUCTION) { clientSecret } }`,
		"share":      `mutation($id: ID!) { shareApplication(applicationID: $id, groups: []) { id } }`,
		"attributes": `mutation($id: ID!) { setApplicationAttributes(applicationID: $id, attributes: []) { id } }`,
		"apikey":     `mutation($id: ID!) { generateAPIKey(input: {applicationID: $id, keyType: PRODUCTION}) { key } }`,
		"token":      `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION}) { accessToken } }`,
		"subscribe":  `mutation($id: ID!) { subscribe(input: {applicationID: $id, apiID: "` + pizza.ID.String() + `", tier: "Gold"}) { id } }`,
	}
	for name, q := range manage {
		usable := name == "token" || name == "subscribe"
		if !usable {
			if _, errs := bob.do(t, q, map[string]any{"id": appID}); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
				t.Errorf("member %s: %+v, want FORBIDDEN", name, errs)
			}
		}
		// eve, in no group, learns nothing.
		if _, errs := eve.do(t, q, map[string]any{"id": appID}); len(errs) == 0 || errs[0].Extensions.Code != "NOT_FOUND" {
			t.Errorf("outsider %s: %+v, want NOT_FOUND", name, errs)
		}
	}
	if n := count(eve); n != float64(0) {
		t.Errorf("eve lists %v applications, want 0", n)
	}

	// Unsharing closes the app to bob again.
	if _, errs := alice.do(t, share, map[string]any{"app": appID, "g": []string{}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n := count(bob); n != float64(0) {
		t.Errorf("bob after unsharing lists %v applications, want 0", n)
	}
}

// TestRequiredAttributes: admins name attribute keys every application
// must carry; creating or editing an application without them is refused
// next to the attributes field.
func TestRequiredAttributes(t *testing.T) {
	inst := start(t, "", t.TempDir())
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	alice := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	setRequired := `mutation($k: [String!]!) { setRequiredApplicationAttributes(keys: $k) }`
	if _, errs := alice.do(t, setRequired, map[string]any{"k": []string{"costCentre"}}); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("subscriber sets required attributes: %+v, want FORBIDDEN", errs)
	}
	if _, errs := admin.do(t, setRequired, map[string]any{"k": []string{"cost centre"}}); len(errs) == 0 || errs[0].Extensions.Field != "keys" {
		t.Errorf("bad required key: %+v, want a keys field error", errs)
	}
	if _, errs := admin.do(t, setRequired, map[string]any{"k": []string{"costCentre", " costCentre"}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs := alice.do(t, `{ requiredApplicationAttributes }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := data["requiredApplicationAttributes"].([]any); len(got) != 1 || got[0] != "costCentre" {
		t.Errorf("requiredApplicationAttributes = %v, want [costCentre]", got)
	}

	create := `mutation($a: [ApplicationAttributeInput!]) { createApplication(input: {name: "Billed", attributes: $a}) { id attributes { key value } } }`
	for name, attrs := range map[string][]map[string]any{
		"none":  nil,
		"empty": {{"key": "costCentre", "value": " "}},
		"other": {{"key": "team", "value": "x"}},
	} {
		if _, errs := alice.do(t, create, map[string]any{"a": attrs}); len(errs) == 0 || errs[0].Extensions.Field != "attributes" {
			t.Errorf("create with %s attributes: %+v, want an attributes field error", name, errs)
		}
	}
	data, errs = alice.do(t, create, map[string]any{"a": []map[string]any{{"key": "costCentre", "value": "CC-7"}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	if _, errs := alice.do(t, `mutation($id: ID!) { setApplicationAttributes(applicationID: $id, attributes: [{key: "team", value: "x"}]) { id } }`, map[string]any{"id": appID}); len(errs) == 0 || errs[0].Extensions.Field != "attributes" {
		t.Errorf("dropping a required attribute: %+v, want an attributes field error", errs)
	}
}
