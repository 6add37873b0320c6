package authn

import (
	"net/http/httptest"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// TestThirdPartyKeyManager: a restricted issuer's tokens pass only for the
// APIs that accept it, with its claim mapping and client mapping applied;
// a kid shared with Gatehouse's own key does not confuse the two.
func TestThirdPartyKeyManager(t *testing.T) {
	own := newKey(t, "shared-kid")
	third := newKey(t, "shared-kid")
	const extIssuer = "https://auth.partner.example"
	snap := &config.Snapshot{
		Issuers: []config.Issuer{
			{Issuer: issuer, Audience: audience, JWKS: own.jwks(t), Restricted: true, APIs: []string{apiID}},
			{Issuer: extIssuer, JWKS: third.jwks(t), Restricted: true, APIs: []string{"api-2"},
				Claims:  &config.IssuerClaims{ClientID: "azp", Scopes: "scp", User: "email"},
				Clients: []config.IssuerClient{{ClientID: "partner-client", ApplicationID: appID, Application: "App", Subscriber: "alice", KeyType: "SANDBOX"}}},
		},
		Subscriptions: []config.Subscription{
			{ApplicationID: appID, APIID: apiID, Tier: "Unlimited", Status: "UNBLOCKED"},
			{ApplicationID: appID, APIID: "api-2", Tier: "Unlimited", Status: "UNBLOCKED"},
		},
	}
	a, err := New(snap, NewCache(10))
	if err != nil {
		t.Fatal(err)
	}
	ext := func(edit func(c map[string]any)) string {
		return third.sign(t, func(c map[string]any, h map[jose.HeaderKey]any) {
			for _, k := range []string{"client_id", "application_id", "key_type", "scope", "aud"} {
				delete(c, k)
			}
			c["iss"], c["azp"], c["scp"], c["email"] = extIssuer, "partner-client", []string{"orders:read"}, "bob@partner"
			// A third party may not name a Gatehouse application itself.
			c["application_id"] = "app-forged"
			h[jose.HeaderType] = "JWT"
			if edit != nil {
				edit(c)
			}
		})
	}
	for _, tc := range []struct {
		name, token, api string
		status           int
		check            func(*Principal) bool
	}{
		{"third party for an API accepting it", ext(nil), "api-2", 0, func(p *Principal) bool {
			return p.ApplicationID == appID && p.KeyType == "SANDBOX" && p.ClientID == "partner-client" &&
				p.Subscriber == "bob@partner" && len(p.Scopes) == 1 && p.Scopes[0] == "orders:read"
		}},
		{"third party for an API that does not accept it", ext(nil), apiID, 401, nil},
		{"unmapped client", ext(func(c map[string]any) { c["azp"] = "other" }), "api-2", 403, nil},
		{"third party claiming another issuer", ext(func(c map[string]any) { c["iss"] = issuer }), apiID, 401, nil},
		{"own token for its API", own.sign(t, nil), apiID, 0, func(p *Principal) bool { return p.ApplicationID == appID }},
		{"own token for an API that left the built-in out", own.sign(t, nil), "api-2", 401, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Authorization", "Bearer "+tc.token)
			for range 2 { // the second time from the cache
				p, aerr := a.Authenticate(r, tc.api, nil)
				switch {
				case tc.status == 0 && aerr != nil:
					t.Fatalf("refused: %v", aerr)
				case tc.status != 0 && (aerr == nil || aerr.Status != tc.status):
					t.Fatalf("got %v, want status %d", aerr, tc.status)
				case tc.check != nil && !tc.check(p):
					t.Fatalf("principal %+v", p)
				}
			}
		})
	}
}
