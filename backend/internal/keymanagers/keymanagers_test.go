package keymanagers

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
)

// TestJWKSCache: fetched once per JWKSMaxAge, private parts stripped, the
// last good set kept when the server fails, refused when it never answered.
func TestJWKSCache(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	var hits atomic.Int32
	var broken atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if broken.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		// A careless server publishing its private key: only the public part may travel.
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: k, KeyID: "k1", Algorithm: "ES256"}}})
	}))
	defer srv.Close()
	s := &Service{HTTPClient: srv.Client(), jwks: map[uuid.UUID]cachedJWKS{}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	km := &ent.ExternalKeyManager{ID: uuid.New(), Name: "p", JwksURI: srv.URL}
	ctx := context.Background()

	doc, err := s.JWKS(ctx, km)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(doc), `"d"`) || !strings.Contains(string(doc), `"k1"`) {
		t.Errorf("published set %s", doc)
	}
	if _, err := s.JWKS(ctx, km); err != nil || hits.Load() != 1 {
		t.Errorf("second read fetched again (%d hits, %v)", hits.Load(), err)
	}
	// Stale and the server down: the last good set is used.
	broken.Store(true)
	c := s.jwks[km.ID]
	c.fetched = time.Now().Add(-2 * JWKSMaxAge)
	s.jwks[km.ID] = c
	if again, err := s.JWKS(ctx, km); err != nil || string(again) != string(doc) || hits.Load() != 2 {
		t.Errorf("stale fallback: %s %v (%d hits)", again, err, hits.Load())
	}
	// Never fetched and down: refused.
	if _, err := s.JWKS(ctx, &ent.ExternalKeyManager{ID: uuid.New(), JwksURI: srv.URL}); err == nil {
		t.Error("a JWKS that never answered was accepted")
	}
}

func TestInputNormalize(t *testing.T) {
	for _, tc := range []struct {
		in    Input
		field string
	}{
		{Input{Name: "", Issuer: "https://a", JWKSURI: "https://a/jwks"}, "name"},
		{Input{Name: BuiltIn, Issuer: "https://a", JWKSURI: "https://a/jwks"}, "name"},
		{Input{Name: "A", Issuer: "a", JWKSURI: "https://a/jwks"}, "issuer"},
		{Input{Name: "A", Issuer: "https://a", JWKSURI: "file:///etc/passwd"}, "jwksURI"},
		{Input{Name: "A", Issuer: "https://a", JWKSURI: "https://a/jwks", TokenEndpoint: "x"}, "tokenEndpoint"},
		{Input{Name: "A", Issuer: "https://a", JWKSURI: "https://a/jwks"}, ""},
	} {
		err := tc.in.normalize()
		got := ""
		if err != nil {
			got = fieldOf(err)
		}
		if got != tc.field {
			t.Errorf("%+v: field %q (%v), want %q", tc.in, got, err, tc.field)
		}
	}
	in := Input{Name: "A", Issuer: "https://a", JWKSURI: "https://a/jwks"}
	_ = in.normalize()
	if in.ClientIDClaim != "client_id" || in.ScopesClaim != "scope" || in.UserClaim != "sub" {
		t.Errorf("defaults %+v", in)
	}
}

func fieldOf(err error) string {
	var e *errs.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return "?"
}
