package app_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

// untilNextSecond waits until the clock has passed revokedBefore: iat has
// second resolution and a revocation covers its own second, so a token
// meant to outlive the revocation is asked for after it.
func untilNextSecond(revokedBefore string) {
	rb, _ := time.Parse(time.RFC3339, revokedBefore)
	for time.Now().Unix() <= rb.Unix() {
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRevokeAllTokens: revoking every token of an application (its owner)
// or of a user (an admin, or disabling the account) turns away at the
// gateway every token issued before, cached or not, JWT or opaque, and
// the refresh tokens that could mint more; tokens issued afterwards work.
func TestRevokeAllTokens(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			if kind == "postgres" && storetest.PostgresServer() == "" {
				t.Skip("PostgreSQL is not reachable")
			}
			testRevokeAllTokens(t, kind)
		})
	}
}

func testRevokeAllTokens(t *testing.T, kind string) {
	database, dir := storetest.Database(t, kind)
	inst := start(t, database, dir)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	subPassword := inst.creds.Users["subscriber"].Password
	sub := inst.login(t, "subscriber", subPassword)
	backend := echoBackend(t, "revoke-backend")
	apiID := echoAPI(t, pub, "revokeapi", backend.URL)
	gw, tokenURL := inst.gateway.URL, inst.cp.URL+keymanager.TokenPath
	const path = "/revokeapi/1/anything"

	newApp := func(name, tokenType string) (appID, clientID, secret string) {
		t.Helper()
		var tt any
		if tokenType != "" {
			tt = tokenType
		}
		data, errs := sub.do(t, `mutation($n: String!, $t: ApplicationTokenType) { createApplication(input: {name: $n, tokenType: $t}) { id } }`,
			map[string]any{"n": name, "t": tt})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		appID = data["createApplication"].(map[string]any)["id"].(string)
		if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Unlimited"}) { id } }`,
			map[string]any{"app": appID, "api": apiID}); len(errs) > 0 {
			t.Fatal(errs)
		}
		data, errs = sub.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION, grantTypes: ["client_credentials", "password", "refresh_token"]}) { key { clientID } clientSecret } }`,
			map[string]any{"id": appID})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		keys := data["generateKeys"].(map[string]any)
		return appID, keys["key"].(map[string]any)["clientID"].(string), keys["clientSecret"].(string)
	}
	token := func(clientID, secret string, grant url.Values) (access, refresh string) {
		t.Helper()
		status, body := form(t, tokenURL, clientID, secret, grant)
		if status != 200 {
			t.Fatalf("token %v: %d %v", grant.Get("grant_type"), status, body)
		}
		refresh, _ = body["refresh_token"].(string)
		return body["access_token"].(string), refresh
	}
	clientCreds := url.Values{"grant_type": {"client_credentials"}}
	password := url.Values{"grant_type": {"password"}, "username": {"subscriber"}, "password": {subPassword}}
	refreshFails := func(what, clientID, secret, refresh string) {
		t.Helper()
		if status, body := form(t, tokenURL, clientID, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}); status == 200 {
			t.Errorf("%s: the refresh token still mints tokens: %v", what, body)
		}
	}

	appID, clientID, secret := newApp("Revoke app", "")
	t1, _ := token(clientID, secret, clientCreds)
	t2, _ := token(clientID, secret, clientCreds)
	u1, r1 := token(clientID, secret, password)
	for _, tok := range []string{t1, t2, u1} {
		waitGatewayWith(t, gw, path, tok, http.StatusOK).Body.Close()
	}

	revokeApp := `mutation($id: ID!, $kt: ApplicationKeyKeyType) { revokeApplicationTokens(applicationID: $id, keyType: $kt) { revokedBefore grants } }`
	if _, errs := pub.do(t, revokeApp, map[string]any{"id": appID}); len(errs) != 1 ||
		(errs[0].Extensions.Code != "NOT_FOUND" && errs[0].Extensions.Code != "FORBIDDEN") {
		t.Fatalf("another user revoked the application's tokens: %+v", errs)
	}
	data, errs := sub.do(t, revokeApp, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rev := data["revokeApplicationTokens"].(map[string]any)
	if rev["grants"].(float64) < 1 {
		t.Errorf("revocation deactivated no stored grant: %v", rev)
	}
	for _, tok := range []string{t1, t2, u1} {
		waitGatewayWith(t, gw, path, tok, http.StatusUnauthorized).Body.Close()
	}
	refreshFails("application revoked", clientID, secret, r1)
	untilNextSecond(rev["revokedBefore"].(string))
	t3, _ := token(clientID, secret, clientCreds)
	waitGatewayWith(t, gw, path, t3, http.StatusOK).Body.Close()

	// By user: the subscriber's own tokens go, the application's
	// client_credentials token stays.
	u2, r2 := token(clientID, secret, password)
	waitGatewayWith(t, gw, path, u2, http.StatusOK).Body.Close()
	data, errs = admin.do(t, `{ users(first: 100) { edges { node { id username } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var userID string
	for _, e := range data["users"].(map[string]any)["edges"].([]any) {
		if n := e.(map[string]any)["node"].(map[string]any); n["username"] == "subscriber" {
			userID = n["id"].(string)
		}
	}
	revokeUser := `mutation($id: ID!) { revokeUserTokens(userID: $id) { revokedBefore } }`
	if _, errs := sub.do(t, revokeUser, map[string]any{"id": userID}); len(errs) != 1 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("a subscriber revoked a user's tokens: %+v", errs)
	}
	data, errs = admin.do(t, revokeUser, map[string]any{"id": userID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, path, u2, http.StatusUnauthorized).Body.Close()
	waitGatewayWith(t, gw, path, t3, http.StatusOK).Body.Close()
	refreshFails("user revoked", clientID, secret, r2)
	untilNextSecond(data["revokeUserTokens"].(map[string]any)["revokedBefore"].(string))
	u3, _ := token(clientID, secret, password)
	waitGatewayWith(t, gw, path, u3, http.StatusOK).Body.Close()

	// Disabling the account revokes its tokens too.
	if _, errs := admin.do(t, `mutation($id: ID!) { setUserDisabled(userID: $id, disabled: true) { disabled } }`, map[string]any{"id": userID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, path, u3, http.StatusUnauthorized).Body.Close()
	if status, body := form(t, tokenURL, clientID, secret, password); status == 200 {
		t.Errorf("a disabled user got a token: %v", body)
	}
	if _, errs := admin.do(t, `mutation($id: ID!) { setUserDisabled(userID: $id, disabled: false) { disabled } }`, map[string]any{"id": userID}); len(errs) > 0 {
		t.Fatal(errs)
	}

	// Opaque tokens: introspection answers inactive, the gateway refuses.
	opaqueApp, opaqueID, opaqueSecret := newApp("Revoke opaque app", "OPAQUE")
	o1, _ := token(opaqueID, opaqueSecret, clientCreds)
	if !strings.HasPrefix(o1, keymanager.OpaquePrefix) {
		t.Fatalf("want an opaque token, got %q", o1)
	}
	waitGatewayWith(t, gw, path, o1, http.StatusOK).Body.Close()
	if _, errs := sub.do(t, revokeApp, map[string]any{"id": opaqueApp, "kt": "PRODUCTION"}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if status, body := form(t, inst.cp.URL+keymanager.IntrospectPath, opaqueID, opaqueSecret, url.Values{"token": {o1}}); status != 200 || body["active"] != false {
		t.Errorf("revoked opaque token introspects %d %v", status, body)
	}
	waitGatewayWith(t, gw, path, o1, http.StatusUnauthorized).Body.Close()
}

// TestClientAssertionReplayAfterRestart: a private_key_jwt assertion used
// once is refused when replayed, also by another process on the same
// database (here: the same control plane restarted).
func TestClientAssertionReplayAfterRestart(t *testing.T) {
	dir := t.TempDir()
	inst := start(t, "", dir)
	clientID, _ := oidcClient(t, inst, "", "client_credentials")
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &priv.PublicKey, KeyID: "k1", Algorithm: "ES256", Use: "sig"}}})
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := sub.do(t, `{ applications { edges { node { id keys { clientID } } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var appID string
	for _, e := range data["applications"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		for _, k := range n["keys"].([]any) {
			if k.(map[string]any)["clientID"] == clientID {
				appID = n["id"].(string)
			}
		}
	}
	if _, errs := sub.do(t, `mutation($app: ID!, $jwks: String!) { setApplicationKeyJWKS(applicationID: $app, keyType: PRODUCTION, jwks: $jwks) { clientID } }`,
		map[string]any{"app": appID, "jwks": string(pub)}); len(errs) > 0 {
		t.Fatal(errs)
	}
	tokenURL := inst.cp.URL + keymanager.TokenPath
	assertion := signAssertion(t, priv, clientID, clientID, tokenURL)
	withAssertion := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, "client_assertion": {assertion}}
	if status, body := form(t, tokenURL, "", "", withAssertion); status != 200 {
		t.Fatalf("private_key_jwt = %d %v", status, body)
	}

	// The same address, so the assertion's audience (the token URL) fits.
	addr := strings.TrimPrefix(inst.cp.URL, "http://")
	inst.stop()
	again := startWith(t, app.Config{DataDir: dir, Listen: addr})
	if again.cp.URL+keymanager.TokenPath != tokenURL {
		t.Fatalf("restarted at %s, want %s", again.cp.URL, tokenURL)
	}
	if status, body := form(t, tokenURL, "", "", withAssertion); status != 401 || body["error"] != "invalid_client" {
		t.Errorf("replayed assertion after a restart = %d %v, want 401 invalid_client", status, body)
	}
	fresh := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {signAssertion(t, priv, clientID, clientID, tokenURL)}}
	if status, body := form(t, tokenURL, "", "", fresh); status != 200 {
		t.Errorf("a fresh assertion after a restart = %d %v", status, body)
	}
}
