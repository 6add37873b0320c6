package app_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v3"
	"github.com/go-jose/go-jose/v3/jwt"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

// partnerAuthServer is a third-party authorization server: it publishes a
// JWKS and signs tokens with its own key.
type partnerAuthServer struct {
	*httptest.Server
	key *ecdsa.PrivateKey
}

func newPartnerAuthServer(t *testing.T) *partnerAuthServer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p := &partnerAuthServer{key: k}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
			{Key: &k.PublicKey, KeyID: "partner-1", Algorithm: "ES256", Use: "sig"}}})
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *partnerAuthServer) token(t *testing.T, clientID string) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: p.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "partner-1"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tok, err := jwt.Signed(signer).Claims(map[string]any{
		"iss": p.URL, "azp": clientID, "sub": "service-account-7", "scp": []string{"orders"},
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": "partner-jti-" + clientID,
	}).CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestThirdPartyKeyManager: a token from a registered third-party key
// manager, for a client id mapped to an application, is accepted at the
// gateway for an API that accepts the key manager and refused for one
// that does not.
func TestThirdPartyKeyManager(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	partner := newPartnerAuthServer(t)
	backend := echoBackend(t, "partner-backend")

	create := `mutation($i: ExternalKeyManagerInput!) { createKeyManager(input: $i) { id clientIDClaim scopesClaim userClaim } }`
	if _, errs := admin.do(t, create, map[string]any{"i": map[string]any{"name": "Bad", "issuer": partner.URL, "jwksURI": "not a url"}}); len(errs) != 1 || errs[0].Extensions.Field != "jwksURI" {
		t.Errorf("bad JWKS URI: %+v", errs)
	}
	if _, errs := pub.do(t, create, map[string]any{"i": map[string]any{"name": "P", "issuer": partner.URL, "jwksURI": partner.URL}}); len(errs) != 1 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("a publisher registered a key manager: %+v", errs)
	}
	data, errs := admin.do(t, create, map[string]any{"i": map[string]any{
		"name": "Partner AS", "issuer": partner.URL, "jwksURI": partner.URL + "/jwks",
		"tokenEndpoint": partner.URL + "/token", "clientIDClaim": "azp", "scopesClaim": "scp"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	kmID := data["createKeyManager"].(map[string]any)["id"].(string)

	// Two APIs: "accepting" takes the partner's tokens, "builtin" only Gatehouse's.
	ids := map[string]string{}
	for _, name := range []string{"accepting", "builtin"} {
		def := fmt.Sprintf("openapi: 3.1.0\ninfo: {title: %s, version: \"1\"}\nservers: [{url: %q}]\n"+
			"paths:\n  /anything:\n    get: {operationId: anything, responses: {\"200\": {description: ok}}}\n", name, backend.URL)
		data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{"source": map[string]any{"content": def}}})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		id := data["importAPI"].(map[string]any)["id"].(string)
		ids[name] = id
		// Sandbox keys are used below: they go to the sandbox endpoint.
		eps := map[string]any{"production": map[string]any{"type": "SINGLE", "urls": []string{backend.URL}},
			"sandbox": map[string]any{"type": "SINGLE", "urls": []string{backend.URL}}}
		if _, errs := pub.do(t, `mutation($id: ID!, $in: APIEndpointsInput!) { updateAPIEndpoints(id: $id, input: $in) { id } }`,
			map[string]any{"id": id, "in": eps}); len(errs) > 0 {
			t.Fatal(errs)
		}
		if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
			t.Fatal(errs)
		}
		if _, errs := pub.do(t, `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { lifecycleStatus } }`, map[string]any{"id": id}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	setKMs := `mutation($api: ID!, $kms: [String!]!) { setAPIKeyManagers(apiID: $api, keyManagers: $kms) }`
	if _, errs := pub.do(t, setKMs, map[string]any{"api": ids["accepting"], "kms": []string{"nonsense"}}); len(errs) != 1 || errs[0].Extensions.Field != "keyManagers" {
		t.Errorf("unknown key manager: %+v", errs)
	}
	if _, errs := pub.do(t, setKMs, map[string]any{"api": ids["accepting"], "kms": []string{"built-in", kmID}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, _ = pub.do(t, `query($api: ID!) { apiKeyManagers(apiID: $api) }`, map[string]any{"api": ids["builtin"]})
	if got := data["apiKeyManagers"].([]any); len(got) != 1 || got[0] != "built-in" {
		t.Errorf("default key managers %v", got)
	}

	// The subscriber's application subscribes to both and maps the partner client id.
	data, errs = sub.do(t, `mutation { createApplication(input: {name: "Partner integration"}) { id } }`, nil)
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
	mapClient := `mutation($i: MapExternalClientInput!) { mapExternalClient(input: $i) { id clientID keyType } }`
	in := map[string]any{"applicationID": appID, "keyManagerID": kmID, "clientID": "partner-app", "keyType": "PRODUCTION"}
	if _, errs := sub.do(t, mapClient, map[string]any{"i": in}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := sub.do(t, mapClient, map[string]any{"i": in}); len(errs) != 1 || errs[0].Extensions.Field != "clientID" {
		t.Errorf("client id mapped twice: %+v", errs)
	}
	if _, errs := pub.do(t, mapClient, map[string]any{"i": map[string]any{"applicationID": appID, "keyManagerID": kmID, "clientID": "x", "keyType": "SANDBOX"}}); len(errs) != 1 || errs[0].Extensions.Code != "NOT_FOUND" {
		t.Errorf("someone else's application: %+v", errs)
	}

	gw := inst.gateway.URL
	tok := partner.token(t, "partner-app")
	resp := waitGatewayWith(t, gw, "/accepting/1/anything", tok, http.StatusOK)
	var echoed map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&echoed)
	resp.Body.Close()
	if echoed["marker"] != "partner-backend" {
		t.Errorf("backend answered %v", echoed)
	}
	waitGatewayWith(t, gw, "/builtin/1/anything", tok, http.StatusUnauthorized).Body.Close()
	// An unmapped client of the same server is no application's.
	waitGatewayWith(t, gw, "/accepting/1/anything", partner.token(t, "stranger"), http.StatusForbidden).Body.Close()

	// Gatehouse's own tokens still work on both (built-in is still accepted).
	data, errs = sub.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: SANDBOX}) { clientSecret } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = sub.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: SANDBOX, validitySeconds: 600}) { accessToken } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	own := data["generateAccessToken"].(map[string]any)["accessToken"].(string)
	waitGatewayWith(t, gw, "/accepting/1/anything", own, http.StatusOK).Body.Close()
	waitGatewayWith(t, gw, "/builtin/1/anything", own, http.StatusOK).Body.Close()

	// An API that leaves the built-in key manager out refuses Gatehouse's tokens.
	if _, errs := pub.do(t, setKMs, map[string]any{"api": ids["accepting"], "kms": []string{kmID}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGatewayWith(t, gw, "/accepting/1/anything", own, http.StatusUnauthorized).Body.Close()
	waitGatewayWith(t, gw, "/accepting/1/anything", tok, http.StatusOK).Body.Close()
}
