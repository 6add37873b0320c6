package authn

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// TestHole14_PrincipalUserIsTheEndUser: Principal.User, which USER deny
// policies compare, is the username of the user a user grant's token
// speaks for, and the application's owner for client credentials, for
// JWTs and introspected opaque tokens alike.
func TestHole14_PrincipalUserIsTheEndUser(t *testing.T) {
	k := newKey(t, "k1")
	s := &config.Snapshot{
		Issuers:       []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(t)}},
		Subscriptions: []config.Subscription{{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"}},
	}
	a, err := New(s, NewCache(100))
	if err != nil {
		t.Fatal(err)
	}
	km := &builtInKM{tokens: map[string]map[string]any{
		"ory_at_user":   builtInClaims(func(c map[string]any) { c["sub"], c["username"] = "u-bob", "bob" }),
		"ory_at_client": builtInClaims(func(c map[string]any) { c["sub"] = "client-1" }),
	}}
	a.WithIntrospection(NewIntrospection(km.introspect))
	jwtOf := func(extra map[string]any) string {
		return k.sign(t, func(c map[string]any, _ map[jose.HeaderKey]any) {
			c["subscriber"] = "alice"
			for n, v := range extra {
				c[n] = v
			}
		})
	}
	for _, tt := range []struct {
		name, token, want string
	}{
		{"JWT of a user grant", jwtOf(map[string]any{"sub": "u-bob", "username": "bob", "jti": "j-user"}), "bob"},
		{"JWT of client credentials", jwtOf(nil), "alice"},
		{"opaque token of a user grant", "ory_at_user", "bob"},
		{"opaque token of client credentials", "ory_at_client", "alice"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/x", nil)
		r.Header.Set("Authorization", "Bearer "+tt.token)
		p, aerr := a.Authenticate(r, apiID, nil)
		if aerr != nil {
			t.Errorf("%s: %v", tt.name, aerr)
			continue
		}
		if p.User != tt.want || p.Subscriber != "alice" {
			t.Errorf("%s: user %q, subscriber %q; want user %q and the owner alice as subscriber", tt.name, p.User, p.Subscriber, tt.want)
		}
	}
}
