package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
)

// opaqueClient registers an application with opaque reference tokens
// whose key allows the password and refresh grants.
func opaqueClient(t *testing.T, inst *instance) (clientID, secret string) {
	t.Helper()
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := sub.do(t, `mutation { createApplication(input: {name: "Opaque owner", tokenType: OPAQUE}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	data, errs = sub.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION, grantTypes: ["client_credentials", "password", "refresh_token"]}) { key { clientID } clientSecret } }`,
		map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	keys := data["generateKeys"].(map[string]any)
	return keys["key"].(map[string]any)["clientID"].(string), keys["clientSecret"].(string)
}

// bearerForm posts values to u with an access token as the caller's
// credentials (fosite's introspection accepts that).
func bearerForm(t *testing.T, u, bearer string, values url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

// TestHole6_AnotherClientCannotIntrospectOrRevokeTokens: a JWT access
// token, an opaque access token and a refresh token of one client are
// neither introspected as active nor revoked by another client's
// credentials (RFC 7662 section 4, RFC 7009 section 2.1); their owner
// still can, and so can the gateway API with the gateway token.
func TestHole6_AnotherClientCannotIntrospectOrRevokeTokens(t *testing.T) {
	dir := t.TempDir()
	inst := start(t, "", dir)
	gwToken := strings.TrimSpace(string(must(os.ReadFile(filepath.Join(dir, "gateway-token")))))
	password := inst.creds.Users["subscriber"].Password
	jwtID, jwtSecret := oidcClient(t, inst, "", "client_credentials", "password", "refresh_token")
	opaqueID, opaqueSecret := opaqueClient(t, inst)
	otherID, otherSecret := oidcClient(t, inst, "", "client_credentials")
	_, other := form(t, inst.cp.URL+keymanager.TokenPath, otherID, otherSecret, url.Values{"grant_type": {"client_credentials"}})
	otherToken, _ := other["access_token"].(string)
	if otherToken == "" {
		t.Fatalf("the other client's token: %v", other)
	}

	passwordGrant := func(id, secret string) (access, refresh string) {
		t.Helper()
		status, body := form(t, inst.cp.URL+keymanager.TokenPath, id, secret,
			url.Values{"grant_type": {"password"}, "username": {"subscriber"}, "password": {password}})
		access, _ = body["access_token"].(string)
		refresh, _ = body["refresh_token"].(string)
		if status != 200 || access == "" || refresh == "" {
			t.Fatalf("password grant for %s: %d %v", id, status, body)
		}
		return access, refresh
	}
	jwtAccess, jwtRefresh := passwordGrant(jwtID, jwtSecret)
	opaqueAccess, opaqueRefresh := passwordGrant(opaqueID, opaqueSecret)
	if !strings.HasPrefix(opaqueAccess, keymanager.OpaquePrefix) || strings.Count(jwtAccess, ".") != 2 {
		t.Fatalf("want a JWT and an opaque token, got %q and %q", jwtAccess, opaqueAccess)
	}

	introspect := func(id, secret, token string) any {
		t.Helper()
		status, body := form(t, inst.cp.URL+keymanager.IntrospectPath, id, secret, url.Values{"token": {token}})
		if status != 200 {
			t.Fatalf("introspect: %d %v", status, body)
		}
		return body["active"]
	}
	for _, tc := range []struct {
		name, owner, secret, token string
	}{
		{"JWT access token", jwtID, jwtSecret, jwtAccess},
		{"opaque access token", opaqueID, opaqueSecret, opaqueAccess},
	} {
		if got := introspect(otherID, otherSecret, tc.token); got != false {
			t.Errorf("%s introspected by another client: active = %v, want false", tc.name, got)
		}
		if status, body := bearerForm(t, inst.cp.URL+keymanager.IntrospectPath, otherToken, url.Values{"token": {tc.token}}); status != 200 || body["active"] != false {
			t.Errorf("%s introspected with another client's bearer token: %d %v, want active false", tc.name, status, body)
		}
		if status, _ := form(t, inst.cp.URL+keymanager.RevokePath, otherID, otherSecret, url.Values{"token": {tc.token}}); status != 200 {
			t.Errorf("%s revoked by another client: status %d, want 200 (RFC 7009 section 2.2)", tc.name, status)
		}
		if got := introspect(tc.owner, tc.secret, tc.token); got != true {
			t.Errorf("%s after another client's revocation: active = %v for its owner, want true", tc.name, got)
		}
		// The gateways, as resource servers, see it active too.
		if status, body := bearerForm(t, inst.cp.URL+"/api/gateway/v1/introspect", gwToken, url.Values{"token": {tc.token}}); status != 200 || body["active"] != true {
			t.Errorf("%s at the gateway API: %d %v, want active", tc.name, status, body)
		}
	}

	// A refresh token another client presents is not revoked: its owner
	// still refreshes with it.
	for _, tc := range []struct{ name, owner, secret, refresh string }{
		{"JWT client's refresh token", jwtID, jwtSecret, jwtRefresh},
		{"opaque client's refresh token", opaqueID, opaqueSecret, opaqueRefresh},
	} {
		if got := introspect(otherID, otherSecret, tc.refresh); got != false {
			t.Errorf("%s introspected by another client: active = %v", tc.name, got)
		}
		if status, _ := form(t, inst.cp.URL+keymanager.RevokePath, otherID, otherSecret, url.Values{"token": {tc.refresh}, "token_type_hint": {"refresh_token"}}); status != 200 {
			t.Errorf("%s revoked by another client: status %d, want 200", tc.name, status)
		}
		if status, body := form(t, inst.cp.URL+keymanager.TokenPath, tc.owner, tc.secret,
			url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tc.refresh}}); status != 200 {
			t.Errorf("%s after another client's revocation: refresh = %d %v, want 200", tc.name, status, body)
		}
	}

	// The owner's own revocation still works.
	if status, _ := form(t, inst.cp.URL+keymanager.RevokePath, jwtID, jwtSecret, url.Values{"token": {jwtAccess}}); status != 200 {
		t.Fatalf("owner's revocation: %d", status)
	}
	if got := introspect(jwtID, jwtSecret, jwtAccess); got != false {
		t.Errorf("after the owner's revocation: active = %v, want false", got)
	}
}

// TestHole18_PKCES256RequiredUnlessAnAdminOptsOut: a confidential client's
// authorization request without a code challenge, or with the plain
// method, is refused; only an org admin may turn PKCE off for the key, and
// then the code flow works without it.
func TestHole18_PKCES256RequiredUnlessAnAdminOptsOut(t *testing.T) {
	inst := start(t, "", t.TempDir())
	callback := "http://127.0.0.1:5555/callback"
	clientID, secret := oidcClient(t, inst, callback, "authorization_code")
	password := inst.creds.Users["subscriber"].Password
	b := newBrowser(callback)
	authURL := func(mod func(url.Values)) string {
		q := url.Values{"client_id": {clientID}, "response_type": {"code"}, "redirect_uri": {callback},
			"scope": {"openid"}, "state": {"state-hole18"}}
		mod(q)
		return inst.cp.URL + keymanager.AuthorizePath + "?" + q.Encode()
	}
	noPKCE := authURL(func(url.Values) {})
	plain := authURL(func(q url.Values) {
		q.Set("code_challenge", "plain-challenge-of-43-characters-0123456789")
		q.Set("code_challenge_method", "plain")
	})
	missingMethod := authURL(func(q url.Values) {
		q.Set("code_challenge", oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier()))
	})
	for name, u := range map[string]string{"no code_challenge": noPKCE, "plain method": plain, "no method (plain by default)": missingMethod} {
		loc, _ := b.authorize(t, u, "subscriber", password, true)
		if loc.Query().Get("error") != "invalid_request" || loc.Query().Get("code") != "" {
			t.Errorf("%s: redirected to %v, want error=invalid_request and no code", name, loc)
		}
	}

	// Who may opt out: not the application's owner, an org admin.
	var appID string
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	owner := inst.login(t, "subscriber", password)
	data, errs := owner.do(t, `query { applications(first: 50) { edges { node { id keys { clientID pkceRequired } } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, e := range data["applications"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		for _, k := range n["keys"].([]any) {
			if k.(map[string]any)["clientID"] == clientID {
				appID = n["id"].(string)
				if k.(map[string]any)["pkceRequired"] != true {
					t.Errorf("a new key's pkceRequired = %v, want true", k)
				}
			}
		}
	}
	if appID == "" {
		t.Fatal("the owner does not see the key")
	}
	set := `mutation($app: ID!, $req: Boolean!) { setApplicationKeyPKCERequired(applicationID: $app, keyType: PRODUCTION, required: $req) { pkceRequired } }`
	if _, errs := owner.do(t, set, map[string]any{"app": appID, "req": false}); len(errs) != 1 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("the owner (not an admin) turned PKCE off: %+v, want FORBIDDEN", errs)
	}
	if loc, _ := b.authorize(t, noPKCE, "subscriber", password, true); loc.Query().Get("error") != "invalid_request" {
		t.Errorf("after the owner's refused opt-out: %v, want invalid_request", loc)
	}
	if data, errs := admin.do(t, set, map[string]any{"app": appID, "req": false}); len(errs) > 0 ||
		data["setApplicationKeyPKCERequired"].(map[string]any)["pkceRequired"] != false {
		t.Fatalf("admin opt-out: %v %+v", data, errs)
	}
	// The client cache follows the change at once (ent hook).
	loc, _ := b.authorize(t, noPKCE, "subscriber", password, true)
	code := loc.Query().Get("code")
	if code == "" {
		t.Fatalf("opted out, no PKCE: redirected to %v, want a code", loc)
	}
	if status, body := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"authorization_code"},
		"code": {code}, "redirect_uri": {callback}}); status != 200 || body["access_token"] == nil {
		t.Errorf("exchange without PKCE after the opt-out = %d %v", status, body)
	}
	// Plain stays refused even then.
	if loc, _ := b.authorize(t, plain, "subscriber", password, true); loc.Query().Get("error") != "invalid_request" {
		t.Errorf("opted out, plain method: %v, want invalid_request", loc)
	}
}
