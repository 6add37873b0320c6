package authn

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

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/gateway/config"
)

const (
	issuer   = "https://km.example"
	audience = "gatehouse-gateway"
	apiID    = "api-1"
	appID    = "app-1"
)

type keyPair struct {
	priv *ecdsa.PrivateKey
	kid  string
}

func newKey(t testing.TB, kid string) keyPair {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{k, kid}
}

func (k keyPair) jwks(t testing.TB) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &k.priv.PublicKey, KeyID: k.kid, Algorithm: "ES256", Use: "sig"}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sign makes a token; edit changes the default claims and header.
func (k keyPair) sign(t testing.TB, edit func(c map[string]any, h map[jose.HeaderKey]any)) string {
	t.Helper()
	now := time.Now()
	c := map[string]any{
		"iss": issuer, "aud": []string{audience}, "sub": "client-1", "client_id": "client-1",
		"application_id": appID, "key_type": "PRODUCTION", "scope": "menu:read",
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": "jti-1",
	}
	h := map[jose.HeaderKey]any{jose.HeaderType: "at+jwt"}
	if edit != nil {
		edit(c, h)
	}
	opts := (&jose.SignerOptions{ExtraHeaders: h}).WithHeader("kid", k.kid)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: k.priv}, opts)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwt.Signed(signer).Claims(c).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestAuthenticate(t *testing.T) {
	trusted := newKey(t, "k1")
	stranger := newKey(t, "k2")
	snap := &config.Snapshot{
		Issuers: []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: trusted.jwks(t)}},
		Subscriptions: []config.Subscription{
			{ApplicationID: appID, APIID: apiID, Tier: "Gold", Status: "UNBLOCKED"},
			{ApplicationID: "blocked-app", APIID: apiID, Status: "BLOCKED"},
			{ApplicationID: "prod-blocked", APIID: apiID, Status: "PROD_ONLY_BLOCKED"},
			{ApplicationID: "on-hold", APIID: apiID, Status: "ON_HOLD"},
			{ApplicationID: "rejected", APIID: apiID, Status: "REJECTED"},
		},
		RevokedTokens: []config.RevokedToken{{JTI: "revoked", ExpiresAt: time.Now().Add(time.Hour)}},
	}
	a, err := New(snap, NewCache(100))
	if err != nil {
		t.Fatal(err)
	}
	set := func(k string, v any) func(map[string]any, map[jose.HeaderKey]any) {
		return func(c map[string]any, _ map[jose.HeaderKey]any) { c[k] = v }
	}
	good := trusted.sign(t, nil)
	tests := []struct {
		name       string
		header     string
		scopes     []string
		wantStatus int // 0: allowed
	}{
		{"valid", "Bearer " + good, nil, 0},
		{"lower-case scheme", "bearer " + good, nil, 0},
		{"scope held", "Bearer " + good, []string{"menu:read", "x"}, 0},
		{"sandbox key on prod-only-blocked", "Bearer " + trusted.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) {
			c["application_id"], c["key_type"] = "prod-blocked", "SANDBOX"
		}), nil, 0},
		{"no header", "", nil, 401},
		{"basic auth", "Basic dXNlcjpwYXNz", nil, 401},
		{"garbage", "Bearer not.a.jwt", nil, 401},
		{"tampered", "Bearer " + good[:len(good)-3] + "AAA", nil, 401},
		{"untrusted key", "Bearer " + stranger.sign(t, nil), nil, 401},
		{"expired", "Bearer " + trusted.sign(t, set("exp", time.Now().Add(-time.Hour).Unix())), nil, 401},
		{"no expiry", "Bearer " + trusted.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) { delete(c, "exp") }), nil, 401},
		{"wrong issuer", "Bearer " + trusted.sign(t, set("iss", "https://evil")), nil, 401},
		{"wrong audience", "Bearer " + trusted.sign(t, set("aud", []string{"other"})), nil, 401},
		{"id token typ", "Bearer " + trusted.sign(t, func(_ map[string]any, h map[jose.HeaderKey]any) { h[jose.HeaderType] = "JWT+id" }), nil, 401},
		{"revoked", "Bearer " + trusted.sign(t, set("jti", "revoked")), nil, 401},
		{"not subscribed", "Bearer " + trusted.sign(t, set("application_id", "other-app")), nil, 403},
		{"blocked", "Bearer " + trusted.sign(t, set("application_id", "blocked-app")), nil, 403},
		{"on hold", "Bearer " + trusted.sign(t, set("application_id", "on-hold")), nil, 403},
		{"rejected", "Bearer " + trusted.sign(t, set("application_id", "rejected")), nil, 403},
		{"sandbox key on blocked", "Bearer " + trusted.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) {
			c["application_id"], c["key_type"] = "blocked-app", "SANDBOX"
		}), nil, 403},
		{"production key on prod-only-blocked", "Bearer " + trusted.sign(t, set("application_id", "prod-blocked")), nil, 403},
		{"missing scope", "Bearer " + good, []string{"order:write"}, 403},
	}
	// Twice: the second round answers verified tokens from the cache and
	// must decide exactly as the first.
	for round := 0; round < 2; round++ {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/%d", tt.name, round), func(t *testing.T) {
				r := httptest.NewRequest(http.MethodGet, "/x", nil)
				if tt.header != "" {
					r.Header.Set("Authorization", tt.header)
				}
				p, err := a.Authenticate(r, apiID, tt.scopes)
				switch {
				case tt.wantStatus == 0 && err != nil:
					t.Fatalf("refused: %v", err)
				case tt.wantStatus == 0 && (p.ApplicationID == "" || p.JTI == ""):
					t.Errorf("principal %+v lacks the application or jti", p)
				case tt.wantStatus != 0 && (err == nil || err.Status != tt.wantStatus):
					t.Fatalf("got %v, want status %d", err, tt.wantStatus)
				}
			})
		}
	}

	// A cached token stops working once its key is no longer trusted.
	rotated, err := New(&config.Snapshot{Issuers: []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: stranger.jwks(t)}},
		Subscriptions: snap.Subscriptions}, a.cache)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer "+good)
	if _, err := rotated.Authenticate(r, apiID, nil); err == nil || err.Status != 401 {
		t.Errorf("cached token after its key was dropped: %v, want 401", err)
	}
	// Nor when the same kid now names other key material.
	impostor := keyPair{stranger.priv, trusted.kid}
	replaced, err := New(&config.Snapshot{Issuers: []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: impostor.jwks(t)}},
		Subscriptions: snap.Subscriptions}, a.cache)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := replaced.Authenticate(r, apiID, nil); err == nil || err.Status != 401 {
		t.Errorf("cached token after its kid changed keys: %v, want 401", err)
	}
}

func TestNewRejectsBadJWKS(t *testing.T) {
	_, err := New(&config.Snapshot{Issuers: []config.Issuer{{Issuer: issuer, JWKS: json.RawMessage(`{"keys": 5}`)}}}, nil)
	if err == nil {
		t.Error("New accepted a malformed JWKS")
	}
}

func BenchmarkAuthenticate(b *testing.B) {
	k := newKey(b, "k1")
	a, err := New(&config.Snapshot{
		Issuers:       []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(b)}},
		Subscriptions: []config.Subscription{{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"}},
	}, NewCache(1000))
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer "+k.sign(b, nil))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Authenticate(r, apiID, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAuthenticateTimeChecksOnCachedTokens(t *testing.T) {
	k := newKey(t, "k1")
	a, err := New(&config.Snapshot{
		Issuers:       []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(t)}},
		Subscriptions: []config.Subscription{{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"}},
	}, NewCache(10))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	a.now = func() time.Time { return now }
	future := k.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) { c["nbf"] = now.Add(30 * time.Minute).Unix() })
	short := k.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) { c["exp"] = now.Add(time.Minute).Unix() })
	tests := []struct {
		name       string
		token      string
		at         time.Time
		wantStatus int
	}{
		{"not yet valid", future, now, 401},
		{"valid once its nbf passed", future, now.Add(45 * time.Minute), 0},
		{"valid before expiry", short, now, 0},
		{"cached but expired since", short, now.Add(2 * time.Minute), 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.now = func() time.Time { return tt.at }
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Header.Set("Authorization", "Bearer "+tt.token)
			_, aerr := a.Authenticate(r, apiID, nil)
			if got := 0; aerr != nil {
				got = aerr.Status
				if got != tt.wantStatus {
					t.Errorf("status %d (%v), want %d", got, aerr, tt.wantStatus)
				}
			} else if tt.wantStatus != 0 {
				t.Errorf("allowed, want %d", tt.wantStatus)
			}
		})
	}
}
