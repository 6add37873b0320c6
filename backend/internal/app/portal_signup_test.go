package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

func loginStatus(t *testing.T, inst *instance, username, password string) int {
	t.Helper()
	resp, err := http.Post(inst.cp.URL+"/auth/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, username, password)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestSelfSignUp: strangers sign up as subscribers, under the password
// policy, as the admin's sign-up setting allows.
func TestSelfSignUp(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			runSelfSignUp(t, start(t, database, dir))
		})
	}
}

func runSelfSignUp(t *testing.T, inst *instance) {
	anon := inst.anonymous()
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	signUp := `mutation($u: String!, $e: String!, $p: String!) { signUp(input: {username: $u, email: $e, password: $p}) { username pendingApproval } }`
	const good = "violet-kettle-drums"

	data, errs := anon.do(t, `{ signUpMode }`, nil)
	if len(errs) > 0 || data["signUpMode"] != "ENABLED" {
		t.Fatalf("sign-up mode: %v %v, want ENABLED", data, errs)
	}
	for _, tt := range []struct{ name, user, email, password, field, code string }{
		{"short password", "newbie", "n@example.com", "short-pass", "password", "BAD_USER_INPUT"},
		{"password holds the username", "newbie", "n@example.com", "newbie-newbie-newbie", "password", "BAD_USER_INPUT"},
		{"common password", "newbie", "n@example.com", "password1234", "password", "BAD_USER_INPUT"},
		{"bad email", "newbie", "not-an-email", good, "email", "BAD_USER_INPUT"},
		{"bad username", "a b", "n@example.com", good, "username", "BAD_USER_INPUT"},
		{"taken username", "Admin", "n@example.com", good, "username", "CONFLICT"},
	} {
		_, errs := anon.do(t, signUp, map[string]any{"u": tt.user, "e": tt.email, "p": tt.password})
		if len(errs) == 0 || errs[0].Extensions.Code != tt.code || errs[0].Extensions.Field != tt.field {
			t.Errorf("%s: %+v, want %s on %s", tt.name, errs, tt.code, tt.field)
		}
	}
	got := mustDo(t, anon, "signUp", signUp, map[string]any{"u": "newbie", "e": "n@example.com", "p": good})
	if got["pendingApproval"] != false {
		t.Errorf("sign-up in ENABLED mode: %v", got)
	}
	newbie := inst.login(t, "newbie", good)
	data, _ = newbie.do(t, `{ viewer { roles } }`, nil)
	if roles := fmt.Sprint(data["viewer"].(map[string]any)["roles"]); roles != "[SUBSCRIBER]" {
		t.Errorf("signed-up user's roles: %s, want [SUBSCRIBER]", roles)
	}
	_, errs = newbie.do(t, signUp, map[string]any{"u": "second", "e": "s@example.com", "p": good})
	wantCode(t, "signed-in user signs up", errs, "FORBIDDEN")

	// With approval: the account waits in the admin's queue.
	setMode := `mutation($m: OrganizationSignupMode!) { setSignUpMode(mode: $m) }`
	for _, s := range []*session{pub, newbie} {
		_, errs = s.do(t, setMode, map[string]any{"m": "DISABLED"})
		wantCode(t, "non-admin sets the sign-up mode", errs, "FORBIDDEN")
	}
	mustDo(t, admin, "setSignUpMode", setMode, map[string]any{"m": "APPROVAL"})
	if got := mustDo(t, anon, "signUp", signUp, map[string]any{"u": "waiting", "e": "w@example.com", "p": good}); got["pendingApproval"] != true {
		t.Errorf("sign-up in APPROVAL mode: %v", got)
	}
	mustDo(t, anon, "signUp", signUp, map[string]any{"u": "refused", "e": "r@example.com", "p": good})
	if st := loginStatus(t, inst, "waiting", good); st != http.StatusUnauthorized {
		t.Errorf("pending user signs in: %d, want 401", st)
	}
	_, errs = pub.do(t, `{ pendingUsers { id } }`, nil)
	wantCode(t, "publisher reads pending users", errs, "FORBIDDEN")
	data, errs = admin.do(t, `{ pendingUsers { id username pendingApproval } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ids := map[string]any{}
	for _, u := range data["pendingUsers"].([]any) {
		ids[u.(map[string]any)["username"].(string)] = u.(map[string]any)["id"]
	}
	if len(ids) != 2 || ids["waiting"] == nil || ids["refused"] == nil {
		t.Fatalf("pending users: %v", data)
	}
	_, errs = newbie.do(t, `mutation($id: ID!) { approveUser(id: $id) { id } }`, map[string]any{"id": ids["waiting"]})
	wantCode(t, "subscriber approves a user", errs, "FORBIDDEN")
	mustDo(t, admin, "approveUser", `mutation($id: ID!) { approveUser(id: $id) { id pendingApproval } }`, map[string]any{"id": ids["waiting"]})
	if st := loginStatus(t, inst, "waiting", good); st != http.StatusOK {
		t.Errorf("approved user signs in: %d, want 200", st)
	}
	_, errs = admin.do(t, `mutation($id: ID!) { approveUser(id: $id) { id } }`, map[string]any{"id": ids["waiting"]})
	wantCode(t, "approve twice", errs, "CONFLICT")
	if _, errs = admin.do(t, `mutation($id: ID!) { rejectUser(id: $id) }`, map[string]any{"id": ids["refused"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if st := loginStatus(t, inst, "refused", good); st != http.StatusUnauthorized {
		t.Errorf("rejected user signs in: %d, want 401", st)
	}

	mustDo(t, admin, "setSignUpMode", setMode, map[string]any{"m": "DISABLED"})
	_, errs = anon.do(t, signUp, map[string]any{"u": "latecomer", "e": "l@example.com", "p": good})
	wantCode(t, "sign-up when disabled", errs, "FORBIDDEN")

	// Admins create users under the same policy.
	create := `mutation($u: String!, $p: String!) { createUser(input: {username: $u, password: $p, roles: [PUBLISHER]}) { username } }`
	_, errs = admin.do(t, create, map[string]any{"u": "pat", "p": "tooshort"})
	if len(errs) == 0 || errs[0].Extensions.Field != "password" {
		t.Errorf("admin creates a user with a weak password: %+v", errs)
	}
	_, errs = pub.do(t, create, map[string]any{"u": "pat", "p": good})
	wantCode(t, "publisher creates a user", errs, "FORBIDDEN")
	mustDo(t, admin, "createUser", create, map[string]any{"u": "pat", "p": good})
	if st := loginStatus(t, inst, "pat", good); st != http.StatusOK {
		t.Errorf("created user signs in: %d", st)
	}
}
