package authn

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/config"
)

const partnerIssuer = "https://partner.example"

// builtInKM is a fake built-in key manager: it knows a few opaque tokens.
type builtInKM struct {
	calls  atomic.Int64
	down   atomic.Bool
	tokens map[string]map[string]any
}

func (k *builtInKM) introspect(_ context.Context, token string) (map[string]any, error) {
	k.calls.Add(1)
	if k.down.Load() {
		return nil, errors.New("connection refused")
	}
	if c, ok := k.tokens[token]; ok {
		return c, nil
	}
	return map[string]any{"active": false}, nil
}

func builtInClaims(edit func(map[string]any)) map[string]any {
	c := map[string]any{"active": true, "iss": issuer, "aud": []any{audience}, "client_id": "client-1",
		"application_id": appID, "application": "App", "subscriber": "alice", "key_type": "PRODUCTION",
		"scope": "menu:read", "jti": "op-1", "exp": float64(time.Now().Add(time.Hour).Unix())}
	if edit != nil {
		edit(c)
	}
	return c
}

// partnerServer is a third-party RFC 7662 endpoint that insists on its
// client credentials.
func partnerServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if id, pw, ok := r.BasicAuth(); !ok || id != "gw" || pw != "pw" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_ = r.ParseForm()
		resp := map[string]any{"active": false}
		if r.PostForm.Get("token") == "partner-token" {
			resp = map[string]any{"active": true, "iss": partnerIssuer, "azp": "partner-client", "scp": []string{"orders"},
				"jti": "p-1", "exp": time.Now().Add(time.Hour).Unix()}
		}
		_ = json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func opaqueSnapshot(partnerURL string) *config.Snapshot {
	return &config.Snapshot{
		Issuers: []config.Issuer{
			{Issuer: issuer, Audience: audience, JWKS: json.RawMessage(`{"keys":[]}`)},
			{Issuer: partnerIssuer, JWKS: json.RawMessage(`{"keys":[]}`), Restricted: true, APIs: []string{apiID},
				Claims:        &config.IssuerClaims{ClientID: "azp", Scopes: "scp", User: "sub"},
				Clients:       []config.IssuerClient{{ClientID: "partner-client", ApplicationID: appID, KeyType: "PRODUCTION"}},
				Introspection: &config.IssuerIntrospection{Endpoint: partnerURL, ClientID: "gw", ClientSecret: "pw"}},
		},
		Subscriptions: []config.Subscription{
			{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"},
			{ApplicationID: appID, APIID: "api-2", Status: "UNBLOCKED"},
		},
		RevokedTokens: []config.RevokedToken{{JTI: "op-revoked", ExpiresAt: time.Now().Add(time.Hour)}},
	}
}

func TestAuthenticateOpaque(t *testing.T) {
	km := &builtInKM{tokens: map[string]map[string]any{
		"ory_at_good":      builtInClaims(nil),
		"ory_at_revoked":   builtInClaims(func(c map[string]any) { c["jti"] = "op-revoked" }),
		"ory_at_other-app": builtInClaims(func(c map[string]any) { c["application_id"] = "other" }),
		"ory_at_wrong-aud": builtInClaims(func(c map[string]any) { c["aud"] = []any{"elsewhere"} }),
		"ory_at_wrong-iss": builtInClaims(func(c map[string]any) { c["iss"] = "https://evil" }),
		"ory_at_expired":   builtInClaims(func(c map[string]any) { c["exp"] = float64(time.Now().Add(-time.Hour).Unix()) }),
	}}
	partner, _ := partnerServer(t)
	a, err := New(opaqueSnapshot(partner.URL), NewCache(100))
	if err != nil {
		t.Fatal(err)
	}
	a.WithIntrospection(NewIntrospection(km.introspect))
	tests := []struct {
		name, token, api string
		scopes           []string
		wantStatus       int // 0: allowed
		wantApp          string
	}{
		{"built-in active", "ory_at_good", apiID, nil, 0, appID},
		{"built-in scope held", "ory_at_good", apiID, []string{"menu:read"}, 0, appID},
		{"built-in missing scope", "ory_at_good", apiID, []string{"order:write"}, 403, ""},
		{"built-in unknown", "ory_at_unknown", apiID, nil, 401, ""},
		{"revoked jti", "ory_at_revoked", apiID, nil, 401, ""},
		{"not subscribed", "ory_at_other-app", apiID, nil, 403, ""},
		{"wrong audience", "ory_at_wrong-aud", apiID, nil, 401, ""},
		{"wrong issuer", "ory_at_wrong-iss", apiID, nil, 401, ""},
		{"expired", "ory_at_expired", apiID, nil, 401, ""},
		{"third party mapped", "partner-token", apiID, []string{"orders"}, 0, appID},
		{"third party on an API that does not accept it", "partner-token", "api-2", nil, 401, ""},
		{"third party unknown", "partner-nope", apiID, nil, 401, ""},
	}
	// Twice: the second round is answered from the caches.
	for round := 0; round < 2; round++ {
		for _, tt := range tests {
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Header.Set("Authorization", "Bearer "+tt.token)
			p, aerr := a.Authenticate(r, tt.api, tt.scopes)
			switch {
			case tt.wantStatus == 0 && aerr != nil:
				t.Errorf("%s/%d: refused: %v", tt.name, round, aerr)
			case tt.wantStatus == 0 && p.ApplicationID != tt.wantApp:
				t.Errorf("%s/%d: application %q, want %q", tt.name, round, p.ApplicationID, tt.wantApp)
			case tt.wantStatus != 0 && (aerr == nil || aerr.Status != tt.wantStatus):
				t.Errorf("%s/%d: got %v, want status %d", tt.name, round, aerr, tt.wantStatus)
			}
		}
	}

	// A revocation arriving with a new snapshot turns a cached token away.
	calls := km.calls.Load()
	s := opaqueSnapshot(partner.URL)
	s.RevokedTokens = append(s.RevokedTokens, config.RevokedToken{JTI: "op-1", ExpiresAt: time.Now().Add(time.Hour)})
	revoked, err := New(s, a.cache)
	if err != nil {
		t.Fatal(err)
	}
	revoked.WithIntrospection(a.introspection)
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer ory_at_good")
	if _, aerr := revoked.Authenticate(r, apiID, nil); aerr == nil || aerr.Status != 401 {
		t.Errorf("cached token revoked since: %v, want 401", aerr)
	}
	if km.calls.Load() != calls {
		t.Errorf("the key manager was asked again for a cached token")
	}
}

func TestAuthenticateOpaqueCacheAndOutages(t *testing.T) {
	km := &builtInKM{tokens: map[string]map[string]any{"ory_at_good": builtInClaims(nil)}}
	partner, partnerCalls := partnerServer(t)
	a, err := New(opaqueSnapshot(partner.URL), NewCache(100))
	if err != nil {
		t.Fatal(err)
	}
	in := NewIntrospection(km.introspect)
	in.TTL, in.NegativeTTL = 30*time.Second, 5*time.Second
	a.WithIntrospection(in)
	now := time.Now()
	call := func(token string, at time.Time) int {
		a.now = func() time.Time { return at }
		r := httptest.NewRequest(http.MethodGet, "/x", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		if _, aerr := a.Authenticate(r, apiID, nil); aerr != nil {
			return aerr.Status
		}
		return 200
	}
	steps := []struct {
		name      string
		token     string
		at        time.Duration
		down      bool
		want      int
		wantCalls int64 // built-in introspections so far
	}{
		{"first use asks", "ory_at_good", 0, false, 200, 1},
		{"cached within the TTL", "ory_at_good", 10 * time.Second, false, 200, 1},
		{"cached even while the key manager is down", "ory_at_good", 20 * time.Second, true, 200, 1},
		{"asked again after the TTL; down: 503", "ory_at_good", 40 * time.Second, true, 503, 2},
		{"back up", "ory_at_good", 41 * time.Second, false, 200, 3},
		{"inactive", "ory_at_bad", 41 * time.Second, false, 401, 4},
		{"inactive is cached briefly", "ory_at_bad", 43 * time.Second, false, 401, 4},
		{"and asked again after", "ory_at_bad", 50 * time.Second, false, 401, 5},
	}
	for _, st := range steps {
		km.down.Store(st.down)
		if got := call(st.token, now.Add(st.at)); got != st.want {
			t.Errorf("%s: status %d, want %d", st.name, got, st.want)
		}
		// The third party is asked too for tokens the built-in one does not know.
		if got := km.calls.Load(); got != st.wantCalls {
			t.Errorf("%s: %d built-in introspections, want %d", st.name, got, st.wantCalls)
		}
	}
	if partnerCalls.Load() == 0 {
		t.Error("the third party was never asked about an unknown token")
	}
	// A third-party endpoint that is down: 503, never a panic.
	partner.Close()
	km.down.Store(false)
	if got := call("partner-token", now); got != 503 {
		t.Errorf("third party down: %d, want 503", got)
	}
	// Without introspection (or targets) an opaque token is just malformed.
	bare, _ := New(&config.Snapshot{}, nil)
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer ory_at_good")
	if _, aerr := bare.Authenticate(r, apiID, nil); aerr == nil || aerr.Status != 401 {
		t.Errorf("no introspection: %v, want 401", aerr)
	}
}

func TestIntrospectionTimeout(t *testing.T) {
	slow := func(ctx context.Context, _ string) (map[string]any, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	a, err := New(opaqueSnapshot("http://127.0.0.1:1"), NewCache(10))
	if err != nil {
		t.Fatal(err)
	}
	in := NewIntrospection(slow)
	in.Timeout = 50 * time.Millisecond
	in.Client = &http.Client{}
	a.WithIntrospection(in)
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer ory_at_slow")
	if _, aerr := a.Authenticate(r, apiID, nil); aerr == nil || aerr.Status != 503 {
		t.Errorf("slow key manager: %v, want 503", aerr)
	}
}

// BenchmarkAuthenticateOpaqueCached is the hot path for an opaque token
// the gateway has introspected: a hash and a cache lookup, as for JWTs.
func BenchmarkAuthenticateOpaqueCached(b *testing.B) {
	km := &builtInKM{tokens: map[string]map[string]any{"ory_at_good": builtInClaims(nil)}}
	a, err := New(&config.Snapshot{
		Issuers:       []config.Issuer{{Issuer: issuer, Audience: audience, JWKS: json.RawMessage(`{"keys":[]}`)}},
		Subscriptions: []config.Subscription{{ApplicationID: appID, APIID: apiID, Status: "UNBLOCKED"}},
	}, NewCache(1000))
	if err != nil {
		b.Fatal(err)
	}
	a.WithIntrospection(NewIntrospection(km.introspect))
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r.Header.Set("Authorization", "Bearer ory_at_good")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Authenticate(r, apiID, nil); err != nil {
			b.Fatal(err)
		}
	}
	if km.calls.Load() != 1 {
		b.Errorf("%d introspections, want 1", km.calls.Load())
	}
}

// TestIntrospectionSharedByConcurrentCalls: a burst of calls with one new
// token makes one introspection, not one per call.
func TestIntrospectionSharedByConcurrentCalls(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int64
	slowOnce := func(ctx context.Context, _ string) (map[string]any, error) {
		calls.Add(1)
		<-release
		return builtInClaims(nil), nil
	}
	a, err := New(opaqueSnapshot("http://127.0.0.1:1"), NewCache(10))
	if err != nil {
		t.Fatal(err)
	}
	a.WithIntrospection(NewIntrospection(slowOnce))
	const n = 20
	results := make(chan *Error, n)
	for i := 0; i < n; i++ {
		go func() {
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Header.Set("Authorization", "Bearer ory_at_burst")
			_, aerr := a.Authenticate(r, apiID, nil)
			results <- aerr
		}()
	}
	// Let the burst pile up behind the first call, then answer it.
	for calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	for i := 0; i < n; i++ {
		if aerr := <-results; aerr != nil {
			t.Errorf("refused: %v", aerr)
		}
	}
	// Calls in flight shared the first answer; later ones found it
	// cached. Stragglers between the answer and the cache write may ask
	// again, so allow a few, far fewer than n.
	if got := calls.Load(); got > 3 {
		t.Errorf("%d introspections for one token of %d calls, want them shared", got, n)
	}
}
