package app_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const updateSecurity = `mutation($id: ID!, $i: APIGatewaySecurityInput!) { updateAPIGatewaySecurity(id: $id, input: $i) {
  id backendJWKSPath backendJWT { enabled header ttlSeconds } mutualTLS { clientCert oauth2 certificates { subject isCA } } } }`

func testCA(t *testing.T) string {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Partner CA"}, IsCA: true,
		BasicConstraintsValid: true, NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// TestGatewaySecurity sets an API's backend JWT and mutual TLS through
// GraphQL, refuses bad values with the field at fault, and checks the
// gateway applies both once deployed: the backend receives a JWT about
// the caller that verifies with the gateway's JWKS, and a plain HTTP
// call (no client certificate) is refused.
func TestGatewaySecurity(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) { testGatewaySecurity(t, kind) })
	}
}

func testGatewaySecurity(t *testing.T, kind string) {
	database, dir := storetest.Database(t, kind)
	inst := start(t, database, dir)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	seen := make(chan http.Header, 10)
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case seen <- r.Header.Clone():
		default:
		}
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(be.Close)
	// The demo PizzaShack API (its resources need a token; the demo
	// application is subscribed), sent to a backend that shows its headers.
	data, errs := pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
	if _, errs := pub.do(t, `mutation($id: ID!, $e: String!) { updateAPI(id: $id, input: {endpoint: $e}) { id } }`,
		map[string]any{"id": id, "e": be.URL}); len(errs) > 0 {
		t.Fatalf("updateAPI: %+v", errs)
	}

	refused := []struct {
		name  string
		input map[string]any
		field string
	}{
		{"not PEM", map[string]any{"mutualTLS": map[string]any{"clientCert": "MANDATORY", "oauth2": "MANDATORY", "trustedCAs": "hello"},
			"backendJWT": map[string]any{"enabled": false}}, "mutualTLS.trustedCAs"},
		{"both optional", map[string]any{"mutualTLS": map[string]any{"clientCert": "OPTIONAL", "oauth2": "OPTIONAL", "trustedCAs": testCA(t)},
			"backendJWT": map[string]any{"enabled": false}}, "mutualTLS.clientCert"},
		{"bad header", map[string]any{"backendJWT": map[string]any{"enabled": true, "header": "Authorization"}}, "backendJWT.header"},
		{"short lifetime", map[string]any{"backendJWT": map[string]any{"enabled": true, "ttlSeconds": 1}}, "backendJWT.ttlSeconds"},
	}
	for _, r := range refused {
		_, errs := pub.do(t, updateSecurity, map[string]any{"id": id, "i": r.input})
		if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != r.field {
			t.Errorf("%s: errors %+v, want BAD_USER_INPUT on %s", r.name, errs, r.field)
		}
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	if _, errs := sub.do(t, updateSecurity, map[string]any{"id": id, "i": map[string]any{"backendJWT": map[string]any{"enabled": true}}}); len(errs) == 0 {
		t.Error("a subscriber changed an API's gateway security")
	}

	// The backend JWT first.
	data, errs = pub.do(t, updateSecurity, map[string]any{"id": id, "i": map[string]any{"backendJWT": map[string]any{"enabled": true}}})
	if len(errs) > 0 {
		t.Fatalf("updateAPIGatewaySecurity: %+v", errs)
	}
	got := data["updateAPIGatewaySecurity"].(map[string]any)
	if bj := got["backendJWT"].(map[string]any); bj["header"] != "X-Jwt-Assertion" || bj["ttlSeconds"] != 300.0 || got["mutualTLS"] != nil {
		t.Errorf("stored %v", got)
	}
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatalf("deploy: %+v", errs)
	}
	tok := inst.token(t)
	h := waitBackendSees(t, inst.gateway.URL+"/pizzashack/1.0.0/menu", tok, seen, "X-Jwt-Assertion")
	resp, err := http.Get(inst.gateway.URL + got["backendJWKSPath"].(string))
	if err != nil {
		t.Fatal(err)
	}
	var set jose.JSONWebKeySet
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil || len(set.Keys) != 1 {
		t.Fatalf("JWKS: %v", err)
	}
	resp.Body.Close()
	assertion, err := jwt.ParseSigned(h.Get("X-JWT-Assertion"), []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		t.Fatalf("backend JWT %q: %v", h.Get("X-JWT-Assertion"), err)
	}
	var claims struct {
		jwt.Claims
		Application string `json:"application"`
		APIContext  string `json:"api_context"`
		KeyType     string `json:"key_type"`
	}
	if err := assertion.Claims(set.Keys[0].Key, &claims); err != nil {
		t.Fatalf("the backend JWT does not verify with the gateway's JWKS: %v", err)
	}
	if claims.Issuer != "gatehouse-gateway" || claims.Application == "" || claims.APIContext != "/pizzashack" || claims.KeyType != "PRODUCTION" {
		t.Errorf("backend JWT claims %+v", claims)
	}
	if h.Get("Authorization") != "" {
		t.Error("the backend received the caller's token")
	}

	// Then mutual TLS: over plain HTTP there is no client certificate.
	data, errs = pub.do(t, updateSecurity, map[string]any{"id": id, "i": map[string]any{
		"mutualTLS":  map[string]any{"clientCert": "MANDATORY", "oauth2": "MANDATORY", "trustedCAs": testCA(t)},
		"backendJWT": map[string]any{"enabled": true}}})
	if len(errs) > 0 {
		t.Fatalf("updateAPIGatewaySecurity: %+v", errs)
	}
	m := data["updateAPIGatewaySecurity"].(map[string]any)["mutualTLS"].(map[string]any)
	if certs := m["certificates"].([]any); len(certs) != 1 || certs[0].(map[string]any)["subject"] != "CN=Partner CA" {
		t.Errorf("mutualTLS %v", m)
	}
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatalf("deploy: %+v", errs)
	}
	waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", tok, http.StatusUnauthorized).Body.Close()

	// A new version keeps both settings; turning mutual TLS off clears it.
	data, errs = pub.do(t, `mutation($id: ID!) { createNewVersion(input: {apiID: $id, version: "2.0.0"}) {
	  id backendJWT { enabled } mutualTLS { clientCert } } }`, map[string]any{"id": id})
	if len(errs) > 0 {
		t.Fatalf("createNewVersion: %+v", errs)
	}
	v2 := data["createNewVersion"].(map[string]any)
	if v2["backendJWT"].(map[string]any)["enabled"] != true || v2["mutualTLS"] == nil {
		t.Errorf("the new version lost its gateway security: %v", v2)
	}
	data, errs = pub.do(t, updateSecurity, map[string]any{"id": v2["id"], "i": map[string]any{"backendJWT": map[string]any{"enabled": false}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := data["updateAPIGatewaySecurity"].(map[string]any); got["mutualTLS"] != nil || got["backendJWT"].(map[string]any)["enabled"] != false {
		t.Errorf("turned off: %v", got)
	}
}

// waitBackendSees calls url through the gateway until the backend reports
// a request carrying header: until the deployment reaches the gateway,
// calls still go to the revision served before (another backend).
func waitBackendSees(t *testing.T, url, token string, seen <-chan http.Header, header string) http.Header {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		select {
		case h := <-seen:
			if h.Get(header) != "" {
				return h
			}
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatalf("the backend never received a request with %s", header)
	return nil
}
