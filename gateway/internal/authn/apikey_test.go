package authn

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/gateway/config"
)

func TestAuthenticateAPIKey(t *testing.T) {
	trusted := newKey(t, "k1")
	now := time.Now()
	snap := &config.Snapshot{
		Issuers: []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: trusted.jwks(t)}},
		Subscriptions: []config.Subscription{
			{ApplicationID: appID, APIID: apiID, Tier: "Gold", Status: "UNBLOCKED"},
			{ApplicationID: "prod-blocked", APIID: apiID, Status: "PROD_ONLY_BLOCKED"},
		},
		RevokedTokens: []config.RevokedToken{
			{JTI: "revoked", ExpiresAt: now.Add(time.Hour)},
			{JTI: "rotating", ExpiresAt: now.Add(time.Hour), From: now.Add(time.Minute)},
			{JTI: "rotated", ExpiresAt: now.Add(time.Hour), From: now.Add(-time.Second)},
		},
	}
	a, err := New(snap, nil)
	if err != nil {
		t.Fatal(err)
	}
	key := func(edit func(c map[string]any)) string {
		return trusted.sign(t, func(c map[string]any, h map[jose.HeaderKey]any) {
			h[jose.HeaderType] = "apikey+jwt"
			delete(c, "scope")
			delete(c, "client_id")
			c["jti"] = "key-1"
			if edit != nil {
				edit(c)
			}
		})
	}
	set := func(k string, v any) func(map[string]any) { return func(c map[string]any) { c[k] = v } }
	tests := []struct {
		name       string
		key        string
		remote     string
		referer    string
		scopes     []string
		wantStatus int // 0: allowed
	}{
		{"valid", key(nil), "", "", nil, 0},
		{"an access token is not an API key", trusted.sign(t, nil), "", "", nil, 401},
		{"garbage", "nope", "", "", nil, 401},
		{"expired", key(set("exp", now.Add(-time.Hour).Unix())), "", "", nil, 401},
		{"not yet valid", key(set("nbf", now.Add(time.Hour).Unix())), "", "", nil, 401},
		{"wrong issuer", key(set("iss", "https://evil")), "", "", nil, 401},
		{"revoked", key(set("jti", "revoked")), "", "", nil, 401},
		{"in its rotation grace period", key(set("jti", "rotating")), "", "", nil, 0},
		{"after its grace period", key(set("jti", "rotated")), "", "", nil, 401},
		{"IP in range", key(set("allowed_ips", []string{"10.0.0.0/8"})), "10.1.2.3:4000", "", nil, 0},
		{"IP exact", key(set("allowed_ips", []string{"192.0.2.7/32"})), "192.0.2.7:4000", "", nil, 0},
		{"IPv6 range", key(set("allowed_ips", []string{"2001:db8::/32"})), "[2001:db8::1]:4000", "", nil, 0},
		{"IP outside", key(set("allowed_ips", []string{"10.0.0.0/8", "192.0.2.0/24"})), "198.51.100.1:4000", "", nil, 403},
		{"referer matches a wildcard host", key(set("allowed_referers", []string{"*.example.com/*"})), "", "https://app.example.com/checkout", nil, 0},
		{"referer matches a bare host", key(set("allowed_referers", []string{"www.example.com"})), "", "https://www.example.com/a/b", nil, 0},
		{"referer with scheme pattern", key(set("allowed_referers", []string{"https://shop.example.com/*"})), "", "https://shop.example.com/x", nil, 0},
		{"referer scheme differs", key(set("allowed_referers", []string{"https://shop.example.com/*"})), "", "http://shop.example.com/x", nil, 403},
		{"referer elsewhere", key(set("allowed_referers", []string{"*.example.com/*"})), "", "https://example.org/", nil, 403},
		{"referer look-alike", key(set("allowed_referers", []string{"*.example.com/*"})), "", "https://example.com.evil.org/", nil, 403},
		{"referer missing", key(set("allowed_referers", []string{"*.example.com/*"})), "", "", nil, 403},
		{"not subscribed", key(set("application_id", "other")), "", "", nil, 403},
		{"production key on prod-only-blocked", key(set("application_id", "prod-blocked")), "", "", nil, 403},
		{"sandbox key on prod-only-blocked", key(func(c map[string]any) { c["application_id"], c["key_type"] = "prod-blocked", "SANDBOX" }), "", "", nil, 0},
		{"scoped operation", key(nil), "", "", []string{"menu:read"}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Header.Set(APIKeyHeader, tt.key)
			if tt.remote != "" {
				r.RemoteAddr = tt.remote
			}
			if tt.referer != "" {
				r.Header.Set("Referer", tt.referer)
			}
			p := new(Principal)
			err := a.AuthenticateCallInto(r, apiID, tt.scopes, p)
			switch {
			case tt.wantStatus == 0 && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.wantStatus == 0 && p.ApplicationID == "":
				t.Errorf("principal %+v lacks the application", p)
			case tt.wantStatus != 0 && (err == nil || err.Status != tt.wantStatus):
				t.Fatalf("got %v, want status %d", err, tt.wantStatus)
			}
		})
	}

	// An API key is no bearer token.
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer "+key(nil))
	if _, err := a.Authenticate(r, apiID, nil); err == nil || err.Status != 401 {
		t.Errorf("API key as a bearer token: %v, want 401", err)
	}
}
