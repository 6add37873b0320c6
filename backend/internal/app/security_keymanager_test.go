package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
