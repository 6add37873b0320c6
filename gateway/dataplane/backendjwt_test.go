package dataplane

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

func withBackendJWT(b *config.BackendJWT) func(*config.Snapshot) {
	return func(s *config.Snapshot) { s.APIs[0].BackendJWT = b }
}

// jwksOf fetches the gateway's JWKS the way a backend would.
func jwksOf(t *testing.T, g *Gateway) jose.JSONWebKeySet {
	t.Helper()
	w := httptest.NewRecorder()
	g.Handler(http.NotFoundHandler()).ServeHTTP(w, httptest.NewRequest("GET", JWKSPath, nil))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/jwk-set+json" {
		t.Fatalf("JWKS: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(w.Body.Bytes(), &set); err != nil || len(set.Keys) != 1 || !set.Keys[0].IsPublic() {
		t.Fatalf("JWKS %s: %v", w.Body, err)
	}
	return set
}

func TestBackendJWT(t *testing.T) {
	tests := []struct {
		name       string
		setting    *config.BackendJWT
		path       string
		token      bool
		forged     string // a value the client sends in the header itself
		wantHeader string // "" : no JWT upstream
	}{
		{"default header", &config.BackendJWT{Enabled: true}, "/shop/v1/data", true, "", "X-Jwt-Assertion"},
		{"custom header", &config.BackendJWT{Enabled: true, Header: "x-caller-jwt"}, "/shop/v1/data", true, "", "X-Caller-Jwt"},
		{"forged header replaced", &config.BackendJWT{Enabled: true}, "/shop/v1/data", true, "eyJforged", "X-Jwt-Assertion"},
		{"open resource: forged header dropped, none sent", &config.BackendJWT{Enabled: true}, "/shop/v1/open", false, "eyJforged", ""},
		{"disabled", &config.BackendJWT{Enabled: false}, "/shop/v1/data", true, "", ""},
		{"not configured", nil, "/shop/v1/data", true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, withBackendJWT(tt.setting))
			r := httptest.NewRequest("GET", tt.path, nil)
			if tt.token {
				r.Header.Set("Authorization", "Bearer "+pg.token)
			}
			header := "X-Jwt-Assertion"
			if tt.wantHeader != "" {
				header = tt.wantHeader
			}
			if tt.forged != "" {
				r.Header.Set(header, tt.forged)
			}
			w := httptest.NewRecorder()
			pg.g.ServeHTTP(w, r)
			if w.Code != 200 {
				t.Fatalf("call: %d %s", w.Code, w.Body)
			}
			h := <-pg.seen
			got := h.Get(header)
			if tt.wantHeader == "" {
				if got != "" {
					t.Fatalf("backend received %s: %q, want none", header, got)
				}
				return
			}
			if got == "" || got == tt.forged {
				t.Fatalf("backend received %s %q, want the gateway's JWT", header, got)
			}
			tok, err := jwt.ParseSigned(got, []jose.SignatureAlgorithm{jose.ES256})
			if err != nil {
				t.Fatal(err)
			}
			var c backendClaims
			if err := tok.Claims(jwksOf(t, pg.g).Keys[0].Key, &c); err != nil {
				t.Fatalf("the JWT does not verify with the gateway's JWKS: %v", err)
			}
			if err := c.Claims.Validate(jwt.Expected{Issuer: BackendJWTIssuer, Time: time.Now()}); err != nil {
				t.Errorf("claims: %v", err)
			}
			if c.ApplicationID != "app-1" || c.Subscriber != "alice" || c.Subject != "alice" || c.KeyType != "PRODUCTION" ||
				c.APIContext != "/shop" || c.APIVersion != "v1" || c.APIName != "Shop" {
				t.Errorf("claims %+v", c)
			}
			if ttl := c.Expiry.Time().Sub(c.IssuedAt.Time()); ttl != config.DefaultBackendJWTTTL*time.Second {
				t.Errorf("lifetime %s, want the default %ds", ttl, config.DefaultBackendJWTTTL)
			}
			// The same token calling again gets the cached assertion.
			pg.call(tt.path, pg.token)
			if again := (<-pg.seen).Get(header); again != got {
				t.Error("a repeated call was signed again instead of served from the cache")
			}
		})
	}
}

func TestAssertionLifetimeAndCache(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	api := &config.API{ID: "api-1", Name: "Shop", Context: "shop", Version: "v1"}
	tests := []struct {
		name       string
		principal  authn.Principal
		ttl        time.Duration
		later      time.Duration // when the second call comes
		wantExp    time.Time
		wantCached bool
	}{
		{"ttl bounds it", authn.Principal{JTI: "a", Expiry: now.Add(time.Hour)}, 5 * time.Minute, time.Minute, now.Add(5 * time.Minute), true},
		{"the token's expiry bounds it", authn.Principal{JTI: "b", Expiry: now.Add(2 * time.Minute)}, 5 * time.Minute, time.Minute, now.Add(2 * time.Minute), true},
		{"renewed near expiry", authn.Principal{JTI: "c", Expiry: now.Add(time.Hour)}, 5 * time.Minute, 5*time.Minute - 10*time.Second, now.Add(5 * time.Minute), false},
		{"no jti: never cached", authn.Principal{Expiry: now.Add(time.Hour)}, 5 * time.Minute, time.Second, now.Add(5 * time.Minute), false},
		{"API key without expiry", authn.Principal{JTI: "d"}, time.Minute, time.Second, now.Add(time.Minute), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := EphemeralJWTSigner()
			clock := now
			s.now = func() time.Time { return clock }
			first, err := s.Assertion(&tt.principal, api, tt.ttl, "")
			if err != nil {
				t.Fatal(err)
			}
			tok, _ := jwt.ParseSigned(first, []jose.SignatureAlgorithm{jose.ES256})
			var c jwt.Claims
			_ = tok.UnsafeClaimsWithoutVerification(&c)
			if !c.Expiry.Time().Equal(tt.wantExp) {
				t.Errorf("exp %s, want %s", c.Expiry.Time(), tt.wantExp)
			}
			clock = now.Add(tt.later)
			second, _ := s.Assertion(&tt.principal, api, tt.ttl, "")
			if cached := second == first; cached != tt.wantCached {
				t.Errorf("cached = %v, want %v", cached, tt.wantCached)
			}
		})
	}
}

func TestLoadOrCreateJWTKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "gateway-jwt.pem")
	k1, err := LoadOrCreateJWTKey(path)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateJWTKey(path)
	if err != nil || !k1.Equal(k2) {
		t.Fatalf("the key was not kept: %v", err)
	}
}

// BenchmarkBackendJWT compares a cached assertion (the common case: a
// client repeating its token) with signing one.
func BenchmarkBackendJWT(b *testing.B) {
	api := &config.API{ID: "api-1", Name: "Shop", Context: "shop", Version: "v1"}
	p := &authn.Principal{JTI: "t1", ApplicationID: "app-1", Application: "App", Subscriber: "alice", KeyType: "PRODUCTION",
		Scopes: []string{"read", "write"}, Expiry: time.Now().Add(time.Hour)}
	s := EphemeralJWTSigner()
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Assertion(p, api, 5*time.Minute, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("signed", func(b *testing.B) {
		b.ReportAllocs()
		q := *p
		q.JTI = "" // uncacheable: signed on every call
		for b.Loop() {
			if _, err := s.Assertion(&q, api, 5*time.Minute, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
