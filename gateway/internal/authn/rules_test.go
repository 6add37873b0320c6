package authn

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/gateway/config"
)

func TestRevocationRules(t *testing.T) {
	k := newKey(t, "k1")
	const revokedAt = int64(1_800_000_000)
	subs := []config.Subscription{
		{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"},
		{ApplicationID: "app-2", APIID: apiID, Status: "UNBLOCKED"},
	}
	rules := []config.RevocationRule{
		{ApplicationID: "app-2", RevokedBefore: revokedAt},
		{ClientID: "client-revoked", RevokedBefore: revokedAt},
		{Subject: "user-revoked", RevokedBefore: revokedAt},
	}
	token := func(edit func(c map[string]any)) string {
		return k.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) {
			c["iat"] = revokedAt - 10
			c["exp"] = revokedAt + 3600
			edit(c)
		})
	}
	tests := []struct {
		name    string
		edit    func(c map[string]any)
		revoked bool
	}{
		{"other application", func(map[string]any) {}, false},
		{"revoked application, issued before", func(c map[string]any) { c["application_id"] = "app-2" }, true},
		{"revoked application, issued in the same second", func(c map[string]any) {
			c["application_id"], c["iat"] = "app-2", revokedAt
		}, true},
		{"revoked application, issued after", func(c map[string]any) {
			c["application_id"], c["iat"] = "app-2", revokedAt+1
		}, false},
		{"revoked client", func(c map[string]any) { c["client_id"] = "client-revoked" }, true},
		{"revoked client, issued after", func(c map[string]any) {
			c["client_id"], c["iat"] = "client-revoked", revokedAt+1
		}, false},
		{"revoked user", func(c map[string]any) { c["sub"] = "user-revoked" }, true},
		{"revoked user, issued after", func(c map[string]any) { c["sub"], c["iat"] = "user-revoked", revokedAt+5 }, false},
		{"revoked application, no iat", func(c map[string]any) {
			c["application_id"] = "app-2"
			delete(c, "iat")
		}, true},
	}
	for _, cache := range []*Cache{nil, NewCache(100)} {
		// Before the rules: every token works (and is cached); after:
		// the cached ones must be refused too.
		before, err := New(&config.Snapshot{Issuers: []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(t)}},
			Subscriptions: subs}, cache)
		if err != nil {
			t.Fatal(err)
		}
		after, err := New(&config.Snapshot{Issuers: []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(t)}}, Subscriptions: subs, RevocationRules: rules}, cache)
		if err != nil {
			t.Fatal(err)
		}
		before.now = func() time.Time { return time.Unix(revokedAt+10, 0) }
		after.now = before.now
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := httptest.NewRequest(http.MethodGet, "/x", nil)
				r.Header.Set("Authorization", "Bearer "+token(tt.edit))
				if _, err := before.Authenticate(r, apiID, nil); err != nil {
					t.Fatalf("before the rules: %v", err)
				}
				_, err := after.Authenticate(r, apiID, nil)
				switch {
				case tt.revoked && (err == nil || err.Status != http.StatusUnauthorized):
					t.Errorf("got %v, want 401", err)
				case !tt.revoked && err != nil:
					t.Errorf("refused: %v", err)
				}
			})
		}
	}
}

func BenchmarkAuthenticateWithRules(b *testing.B) {
	k := newKey(b, "k1")
	rules := make([]config.RevocationRule, 1000)
	for i := range rules {
		rules[i] = config.RevocationRule{ApplicationID: fmt.Sprintf("app-%d", i), RevokedBefore: 1}
	}
	rules = append(rules, config.RevocationRule{Subject: "someone", RevokedBefore: 1}, config.RevocationRule{ClientID: "c", RevokedBefore: 1})
	a, err := New(&config.Snapshot{
		Issuers:         []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(b)}},
		Subscriptions:   []config.Subscription{{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"}},
		RevocationRules: rules,
	}, NewCache(1000))
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer "+k.sign(b, nil))
	var p Principal
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := a.AuthenticateInto(r, apiID, nil, &p); err != nil {
			b.Fatal(err)
		}
	}
}
