package authn

import (
	"net/http/httptest"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// FuzzAuthenticate feeds arbitrary Authorization headers to the token
// check (seeds in testdata/fuzz/FuzzAuthenticate, plus a valid token and
// edits of it). It must never panic, a refusal must be 401 or 403, and
// whatever it accepts must carry the claims the trusted key signed.
func FuzzAuthenticate(f *testing.F) {
	k := newKey(f, "k1")
	a, err := New(&config.Snapshot{
		Issuers:       []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: k.jwks(f)}},
		Subscriptions: []config.Subscription{{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"}},
	}, NewCache(100))
	if err != nil {
		f.Fatal(err)
	}
	good := k.sign(f, nil)
	f.Add("Bearer " + good)
	f.Add("Bearer " + good[:len(good)/2])
	f.Add("Bearer " + k.sign(f, func(_ map[string]any, h map[jose.HeaderKey]any) { h["crit"] = []string{"exp"} }))
	f.Fuzz(func(t *testing.T, header string) {
		r := httptest.NewRequest("GET", "/x", nil)
		r.Header["Authorization"] = []string{header}
		var p Principal
		if aerr := a.AuthenticateInto(r, apiID, nil, &p); aerr != nil {
			if aerr.Status != 401 && aerr.Status != 403 {
				t.Fatalf("refused with %d", aerr.Status)
			}
			return
		}
		if p.ApplicationID != appID || p.JTI != "jti-1" {
			t.Fatalf("accepted %q as %+v", header, p)
		}
	})
}
