package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

// echoAPI imports, deploys and publishes an API named name that proxies
// to backend, and returns its id.
func echoAPI(t *testing.T, pub *session, name, backend string) string {
	t.Helper()
	def := fmt.Sprintf("openapi: 3.1.0\ninfo: {title: %s, version: \"1\"}\nservers: [{url: %q}]\n"+
		"paths:\n  /anything:\n    get: {operationId: anything, responses: {\"200\": {description: ok}}}\n", name, backend)
	data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{"source": map[string]any{"content": def}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["importAPI"].(map[string]any)["id"].(string)
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := pub.do(t, `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { lifecycleStatus } }`, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	return id
}

// TestOpaqueTokens: an OPAQUE application gets opaque reference tokens from
// the token endpoint and the portal; the gateway accepts them by
// introspection; revocation turns them away at the gateway and makes
// introspection answer inactive; refresh rotation issues opaque tokens too.
func TestOpaqueTokens(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	subPassword := inst.creds.Users["subscriber"].Password
	sub := inst.login(t, "subscriber", subPassword)
	backend := echoBackend(t, "opaque-backend")
	apiID := echoAPI(t, pub, "opaque", backend.URL)

	// Created as JWT, switched to opaque reference tokens on edit.
	data, errs := sub.do(t, `mutation { createApplication(input: {name: "Opaque app"}) { id tokenType } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"].(string)
	update := `mutation($id: ID!, $t: ApplicationTokenType) { updateApplication(id: $id, input: {tokenType: $t}) { tokenType } }`
	if _, errs := pub.do(t, update, map[string]any{"id": appID, "t": "OPAQUE"}); len(errs) != 1 || errs[0].Extensions.Code != "NOT_FOUND" {
		t.Errorf("someone else changed the token type: %+v", errs)
	}
	data, errs = sub.do(t, update, map[string]any{"id": appID, "t": "OPAQUE"})
	if len(errs) > 0 || data["updateApplication"].(map[string]any)["tokenType"] != "OPAQUE" {
		t.Fatalf("update token type: %v %+v", data, errs)
	}
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
	clientID, secret := keys["key"].(map[string]any)["clientID"].(string), keys["clientSecret"].(string)

	status, body := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"client_credentials"}, "scope": {"read"}})
	tok, _ := body["access_token"].(string)
	if status != 200 || !strings.HasPrefix(tok, keymanager.OpaquePrefix) || strings.Count(tok, ".") == 2 {
		t.Fatalf("client_credentials: %d %v, want an opaque token", status, body)
	}

	gw := inst.gateway.URL
	resp := waitGatewayWith(t, gw, "/opaque/1/anything", tok, http.StatusOK)
	var echoed map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&echoed)
	resp.Body.Close()
	if echoed["marker"] != "opaque-backend" {
		t.Errorf("backend answered %v", echoed)
	}

	introspect := func(token string) map[string]any {
		t.Helper()
		status, body := form(t, inst.cp.URL+keymanager.IntrospectPath, clientID, secret, url.Values{"token": {token}})
		if status != 200 {
			t.Fatalf("introspect: %d %v", status, body)
		}
		return body
	}
	got := introspect(tok)
	for k, want := range map[string]any{"active": true, "client_id": clientID, "application": "Opaque app",
		"application_id": appID, "subscriber": "subscriber", "key_type": "PRODUCTION", "scope": "read", "iss": inst.cp.URL} {
		if got[k] != want {
			t.Errorf("introspection %s = %v, want %v", k, got[k], want)
		}
	}
	for _, k := range []string{"exp", "iat", "jti", "aud"} {
		if got[k] == nil {
			t.Errorf("introspection lacks %s: %v", k, got)
		}
	}

	// Revocation: the gateway refuses it (the revocation list reaches
	// it with the next snapshot) and introspection says inactive.
	if status, b := form(t, inst.cp.URL+keymanager.RevokePath, clientID, secret, url.Values{"token": {tok}}); status != 200 {
		t.Fatalf("revoke: %d %v", status, b)
	}
	waitGatewayWith(t, gw, "/opaque/1/anything", tok, http.StatusUnauthorized).Body.Close()
	if got := introspect(tok); got["active"] != false {
		t.Errorf("revoked token introspects %v", got)
	}
	// A made-up opaque token is refused, not a server error.
	waitGatewayWith(t, gw, "/opaque/1/anything", keymanager.OpaquePrefix+"nope.nope", http.StatusUnauthorized).Body.Close()

	// The password grant with refresh: both access tokens are opaque, the
	// rotated refresh token is spent.
	status, body = form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret,
		url.Values{"grant_type": {"password"}, "username": {"subscriber"}, "password": {subPassword}})
	userTok, _ := body["access_token"].(string)
	refresh, _ := body["refresh_token"].(string)
	if status != 200 || !strings.HasPrefix(userTok, keymanager.OpaquePrefix) || refresh == "" {
		t.Fatalf("password grant: %d %v", status, body)
	}
	status, body = form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}})
	refreshed, _ := body["access_token"].(string)
	if status != 200 || !strings.HasPrefix(refreshed, keymanager.OpaquePrefix) || refreshed == userTok {
		t.Fatalf("refresh: %d %v", status, body)
	}
	if got := introspect(refreshed); got["active"] != true || got["jti"] == introspect(userTok)["jti"] {
		t.Errorf("refreshed token introspects %v", got)
	}
	waitGatewayWith(t, gw, "/opaque/1/anything", refreshed, http.StatusOK).Body.Close()
	if status, _ := form(t, inst.cp.URL+keymanager.TokenPath, clientID, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}); status != 400 {
		t.Errorf("reused refresh token: %d, want 400", status)
	}
	// Reuse revokes the whole grant (RFC 6819 5.2.2.3): its opaque tokens too.
	if got := introspect(refreshed); got["active"] != false {
		t.Errorf("token of a revoked grant introspects %v", got)
	}
	waitGatewayWith(t, gw, "/opaque/1/anything", refreshed, http.StatusUnauthorized).Body.Close()

	// The portal's test token for an OPAQUE application is opaque too.
	data, errs = sub.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION, validitySeconds: 600}) { accessToken } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	portalTok := data["generateAccessToken"].(map[string]any)["accessToken"].(string)
	if !strings.HasPrefix(portalTok, keymanager.OpaquePrefix) {
		t.Errorf("portal token %q is not opaque", portalTok)
	}
	waitGatewayWith(t, gw, "/opaque/1/anything", portalTok, http.StatusOK).Body.Close()
}

// partnerIntrospection is a third-party authorization server that issues
// opaque tokens and answers RFC 7662 for clients that authenticate.
func partnerIntrospection(t *testing.T, clientID, secret string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/jwks" {
			_, _ = w.Write([]byte(`{"keys":[]}`))
			return
		}
		id, pw, ok := r.BasicAuth()
		if !ok || id != clientID || pw != secret {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		_ = r.ParseForm()
		if r.PostForm.Get("token") != "partner-opaque-token" {
			_, _ = w.Write([]byte(`{"active":false}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"active": true, "iss": srv.URL, "azp": "partner-app",
			"scp": []string{"orders"}, "sub": "svc-7", "jti": "partner-opaque-1", "exp": time.Now().Add(time.Hour).Unix()})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestThirdPartyOpaqueTokens: a third-party key manager's opaque token is
// accepted by introspection (with the key manager's client credentials
// and claim mappings) for an API that accepts the key manager, and
// refused for one that does not.
func TestThirdPartyOpaqueTokens(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	partner := partnerIntrospection(t, "gatehouse-gw", "s3cret")
	backend := echoBackend(t, "partner-opaque-backend")

	if _, errs := admin.do(t, `mutation($i: ExternalKeyManagerInput!) { createKeyManager(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"name": "No endpoint", "issuer": partner.URL, "jwksURI": partner.URL + "/jwks",
			"introspectionClientID": "gatehouse-gw"}}); len(errs) != 1 || errs[0].Extensions.Field != "introspectionEndpoint" {
		t.Errorf("credentials without an introspection endpoint: %+v", errs)
	}
	data, errs := admin.do(t, `mutation($i: ExternalKeyManagerInput!) { createKeyManager(input: $i) { id introspectionClientID } }`,
		map[string]any{"i": map[string]any{"name": "Partner opaque", "issuer": partner.URL, "jwksURI": partner.URL + "/jwks",
			"introspectionEndpoint": partner.URL + "/introspect", "introspectionClientID": "gatehouse-gw",
			"introspectionClientSecret": "s3cret", "clientIDClaim": "azp", "scopesClaim": "scp"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	km := data["createKeyManager"].(map[string]any)
	kmID := km["id"].(string)
	if km["introspectionClientID"] != "gatehouse-gw" {
		t.Errorf("introspection client id %v", km["introspectionClientID"])
	}
	if row := entClient(t, inst).ExternalKeyManager.Query().OnlyX(context.Background()); row.IntrospectionClientSecret == "" ||
		strings.Contains(row.IntrospectionClientSecret, "s3cret") {
		t.Errorf("the introspection secret is stored as %q, want it sealed", row.IntrospectionClientSecret)
	}

	ids := map[string]string{}
	for _, name := range []string{"accepting", "builtin"} {
		ids[name] = echoAPI(t, pub, name, backend.URL)
	}
	if _, errs := pub.do(t, `mutation($api: ID!, $kms: [String!]!) { setAPIKeyManagers(apiID: $api, keyManagers: $kms) }`,
		map[string]any{"api": ids["accepting"], "kms": []string{"built-in", kmID}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = sub.do(t, `mutation { createApplication(input: {name: "Partner opaque integration"}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"].(string)
	for _, id := range ids {
		if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Unlimited"}) { id } }`,
			map[string]any{"app": appID, "api": id}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	if _, errs := sub.do(t, `mutation($i: MapExternalClientInput!) { mapExternalClient(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"applicationID": appID, "keyManagerID": kmID, "clientID": "partner-app", "keyType": "PRODUCTION"}}); len(errs) > 0 {
		t.Fatal(errs)
	}

	gw := inst.gateway.URL
	resp := waitGatewayWith(t, gw, "/accepting/1/anything", "partner-opaque-token", http.StatusOK)
	var echoed map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&echoed)
	resp.Body.Close()
	if echoed["marker"] != "partner-opaque-backend" {
		t.Errorf("backend answered %v", echoed)
	}
	waitGatewayWith(t, gw, "/builtin/1/anything", "partner-opaque-token", http.StatusUnauthorized).Body.Close()
	waitGatewayWith(t, gw, "/accepting/1/anything", "not-a-partner-token", http.StatusUnauthorized).Body.Close()
}

// TestStandaloneGatewayIntrospectsOpaqueTokens: a gateway outside the
// control plane introspects the built-in Key Manager's opaque tokens
// through the gateway API with its gateway token; without the right
// token the control plane refuses, and the gateway answers 503, not 200.
func TestStandaloneGatewayIntrospectsOpaqueTokens(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client := entClient(t, inst)
	// JWT issuance writes nothing; an opaque token is one row.
	rows := func() int { return client.OAuthSession.Query().CountX(ctx) }
	before := rows()
	if jwt := inst.token(t); strings.Count(jwt, ".") != 2 || rows() != before {
		t.Errorf("a JWT client_credentials token wrote %d rows", rows()-before)
	}
	client.Application.Update().Where(application.Name(inst.creds.Application.Name)).
		SetTokenType(application.TokenTypeOPAQUE).ExecX(ctx)
	tok := inst.token(t)
	if !strings.HasPrefix(tok, keymanager.OpaquePrefix) {
		t.Fatalf("token %q is not opaque", tok)
	}
	if n := rows() - before; n != 1 {
		t.Errorf("an opaque token wrote %d rows, want 1", n)
	}
	gwToken := strings.TrimSpace(string(must(os.ReadFile(filepath.Join(dir, "gateway-token")))))

	remote := func(introspectWith string) *httptest.Server {
		limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(closeLimiter)
		gw := dataplane.New(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, limiter)
		gw.UseIntrospection(dataplane.IntrospectionOptions{
			BuiltIn: dataplane.RemoteIntrospector(&http.Client{Timeout: 5 * time.Second}, inst.cp.URL, introspectWith)})
		cp := &dataplane.ControlPlane{BaseURL: inst.cp.URL, Token: gwToken}
		go (&dataplane.Syncer{Gateway: gw, Environment: "Default", Snapshots: cp, Events: cp, Resync: time.Second}).Run(ctx)
		srv := httptest.NewServer(gw)
		t.Cleanup(srv.Close)
		return srv
	}
	const menu = "/pizzashack/1.0.0/menu"
	good := remote(gwToken)
	waitGatewayWith(t, good.URL, menu, tok, http.StatusOK).Body.Close()
	resp := waitGatewayWith(t, remote("wrong-token").URL, menu, tok, http.StatusServiceUnavailable)
	var problem map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&problem)
	resp.Body.Close()
	if problem["code"] != float64(503) || problem["message"] != "Service Unavailable" || problem["description"] == "" {
		t.Errorf("key manager unreachable: %v, want the gateway's problem shape", problem)
	}

	if status, _ := form(t, inst.cp.URL+"/api/gateway/v1/introspect", "", "", url.Values{"token": {tok}}); status != http.StatusUnauthorized {
		t.Errorf("introspection without the gateway token: %d, want 401", status)
	}
	if status, b := form(t, inst.cp.URL+keymanager.RevokePath, inst.creds.Application.ClientID,
		inst.creds.Application.ClientSecret, url.Values{"token": {tok}}); status != 200 {
		t.Fatalf("revoke: %d %v", status, b)
	}
	waitGatewayWith(t, good.URL, menu, tok, http.StatusUnauthorized).Body.Close()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
