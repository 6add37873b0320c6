package dataplane

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestEndpoints runs calls through the whole gateway to endpoint groups:
// round robin over two backends, failover past a dead one, basic auth
// reaching the backend, and sandbox keys sent to the sandbox endpoint (or
// refused when the API has none).
func TestEndpoints(t *testing.T) {
	named := func(name string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "%s %s auth=%s", name, r.URL.Path, r.Header.Get("Authorization"))
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	one, two, sandbox := named("one"), named("two"), named("sandbox")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + l.Addr().String()
	l.Close()

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k", Algorithm: "ES256", Use: "sig"}}})
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key}, (&jose.SignerOptions{}).WithType("at+jwt").WithHeader("kid", "k"))
	token := func(keyType string) string {
		s, _ := jwt.Signed(signer).Claims(map[string]any{"iss": "https://km", "aud": "gw", "application_id": "app-1",
			"key_type": keyType, "exp": time.Now().Add(time.Hour).Unix(), "jti": "t-" + keyType}).Serialize()
		return s
	}
	ops := []config.Operation{{Method: "GET", Target: "/x", AuthRequired: true}}
	snap := &config.Snapshot{Environment: "Default",
		APIs: []config.API{
			{ID: "lb", Name: "LB", Context: "lb", Version: "v1", ProductionEndpoint: one.URL, Operations: ops,
				Production: &config.EndpointConfig{Type: "LOAD_BALANCED", URLs: []string{one.URL, two.URL}},
				Sandbox: &config.EndpointConfig{Type: "SINGLE", URLs: []string{sandbox.URL},
					Auth: &config.EndpointAuth{Type: "BASIC", Username: "sb", Password: "pw"}}},
			{ID: "fo", Name: "FO", Context: "fo", Version: "v1", ProductionEndpoint: down, Operations: ops,
				Production: &config.EndpointConfig{Type: "FAILOVER", URLs: []string{down, two.URL}, TimeoutMS: 2000,
					Auth: &config.EndpointAuth{Type: "BASIC", Username: "gw", Password: "s3cret"}}},
		},
		Issuers: []config.Issuer{{Issuer: "https://km", Audience: "gw", JWKS: jwks}},
		Subscriptions: []config.Subscription{{ApplicationID: "app-1", APIID: "lb", Status: "UNBLOCKED"},
			{ApplicationID: "app-1", APIID: "fo", Status: "UNBLOCKED"}},
	}
	snap.Seal()
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	gw := httptest.NewServer(g.Handler(http.NotFoundHandler()))
	defer gw.Close()

	tests := []struct {
		name, path, keyType string
		wantStatus          int
		wantBody            string
	}{
		{"round robin 1", "/lb/v1/x", "PRODUCTION", 200, "one /x auth="},
		{"round robin 2", "/lb/v1/x", "PRODUCTION", 200, "two /x auth="},
		{"round robin 3", "/lb/v1/x", "PRODUCTION", 200, "one /x auth="},
		{"sandbox key to the sandbox endpoint with basic auth", "/lb/v1/x", "SANDBOX", 200, "sandbox /x auth=Basic c2I6cHc="},
		{"failover past the dead endpoint, basic auth", "/fo/v1/x", "PRODUCTION", 200, "two /x auth=Basic Z3c6czNjcmV0"},
		{"sandbox key without a sandbox endpoint", "/fo/v1/x", "SANDBOX", 403, "no sandbox endpoint"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", gw.URL+tt.path, nil)
		req.Header.Set("Authorization", "Bearer "+token(tt.keyType))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.wantStatus || !strings.Contains(string(body), tt.wantBody) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, resp.StatusCode, body, tt.wantStatus, tt.wantBody)
		}
	}
}
