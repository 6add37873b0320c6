package dataplane

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestHole1_ControlPlaneCookiesNeverReachBackends: a browser signed in to
// a portal on the gateway's host sends the portal's cookies with every
// call through the gateway; the backend gets only the other cookies, as
// they were sent.
func TestHole1_ControlPlaneCookiesNeverReachBackends(t *testing.T) {
	tests := []struct {
		name     string
		prefixes []string // nil: the defaults
		cookies  []string // the Cookie headers sent
		want     []string // the Cookie headers the backend gets
	}{
		{"session among others", nil, []string{"gatehouse_session=x; theme=dark; __Host-gatehouse_session=y"}, []string{"theme=dark"}},
		{"only control-plane cookies", nil, []string{"gatehouse_session=x; __Secure-gatehouse_km=z"}, nil},
		{"several Cookie headers", nil, []string{"a=1; gatehouse_signin=s", "__Secure-gatehouse_km=z", "b=2"}, []string{"a=1", "b=2"}},
		{"names are case-sensitive", nil, []string{"GATEHOUSE_session=x; Gatehouse_y=1"}, []string{"GATEHOUSE_session=x; Gatehouse_y=1"}},
		{"odd spacing and a pair without =", nil, []string{"  gatehouse_session = x ;theme=dark;gatehouse_oauth_csrf; ;q=\"a b\""}, []string{"theme=dark; q=\"a b\""}},
		{"no control-plane cookie: untouched", nil, []string{"theme=dark;lang=en"}, []string{"theme=dark;lang=en"}},
		{"operator prefix", []string{"acme_"}, []string{"acme_sid=1; gatehouse_session=x"}, []string{"gatehouse_session=x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100)
			if tt.prefixes != nil {
				if err := pg.g.SetStripCookiePrefixes(tt.prefixes); err != nil {
					t.Fatal(err)
				}
			}
			r := httptest.NewRequest("GET", "/shop/v1/open", nil)
			r.Header["Cookie"] = tt.cookies
			w := httptest.NewRecorder()
			pg.g.ServeHTTP(w, r)
			if w.Code != 200 {
				t.Fatalf("call: %d %s", w.Code, w.Body)
			}
			got := (<-pg.seen)["Cookie"]
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") || len(got) != len(tt.want) {
				t.Errorf("backend Cookie headers %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseCookiePrefixes(t *testing.T) {
	if got, err := ParseCookiePrefixes(" gatehouse_, __Host-gatehouse ,"); err != nil || len(got) != 2 || got[1] != "__Host-gatehouse" {
		t.Errorf("got %q, %v", got, err)
	}
	for _, bad := range []string{"", " , ", "a b", "x;y", "a=b"} {
		if _, err := ParseCookiePrefixes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestHole11_ReservedHeadersNeverReachBackends: whatever a client sends in
// the headers the gateway speaks with (under any spelling a backend might
// read as the same), the backend gets the gateway's word or nothing, on
// an API without a backend JWT and on one with its own JWT header.
func TestHole11_ReservedHeadersNeverReachBackends(t *testing.T) {
	forged := []string{
		"X-JWT-Assertion", "x_jwt_assertion",
		"X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X_Forwarded_For",
		"Forwarded", "X-Real-IP", "True-Client-IP",
		"X-Forwarded-Client-Cert", "X-Client-Cert", "Client-Cert", "X-SSL-Client-Cert", "X-SSL-Client-S-DN", "Ssl-Client-Verify",
		"X-Gatehouse-Anything", "X_Request_Id", "X-Request_ID",
	}
	for _, setting := range []*config.BackendJWT{nil, {Enabled: true, Header: "X-Caller-Jwt"}} {
		name := "no backend JWT"
		if setting != nil {
			name = "backend JWT in X-Caller-Jwt"
		}
		t.Run(name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, withBackendJWT(setting))
			r := httptest.NewRequest("GET", "/shop/v1/data", nil)
			r.Header.Set("Authorization", "Bearer "+pg.token)
			for _, h := range forged {
				r.Header[h] = []string{"forged-" + h}
			}
			if setting != nil {
				r.Header["X_caller_JWT"] = []string{"forged-own-header"}
			}
			r.Header.Set("X-Forwarded-For", "203.0.113.9")
			r.Header.Set("X-Request-Id", "client-id-1")
			r.Header.Set("X-Other", "kept")
			w := httptest.NewRecorder()
			pg.g.ServeHTTP(w, r)
			if w.Code != 200 {
				t.Fatalf("call: %d %s", w.Code, w.Body)
			}
			got := <-pg.seen
			for k, vs := range got {
				for _, v := range vs {
					if strings.Contains(v, "forged-") {
						t.Errorf("backend received the client's %s: %q", k, v)
					}
				}
			}
			if got.Get("X-Forwarded-Host") != "example.com" || got.Get("X-Forwarded-Proto") != "http" {
				t.Errorf("X-Forwarded-Host %q, -Proto %q: want the gateway's", got.Get("X-Forwarded-Host"), got.Get("X-Forwarded-Proto"))
			}
			// X-Forwarded-For is appended to, its last entry the gateway's peer.
			if xff := got.Get("X-Forwarded-For"); xff != "203.0.113.9, 192.0.2.1" {
				t.Errorf("X-Forwarded-For %q", xff)
			}
			if got.Get("X-Request-Id") != "client-id-1" || got.Get("X-Other") != "kept" {
				t.Errorf("X-Request-Id %q, X-Other %q", got.Get("X-Request-Id"), got.Get("X-Other"))
			}
			if jwt := got.Get("X-Caller-Jwt"); (setting != nil) != (jwt != "") {
				t.Errorf("X-Caller-Jwt %q", jwt)
			}
		})
	}
}

// TestHole11_ConnectionCannotDropGatewayHeaders: a client's Connection
// header names hop-by-hop headers for the proxy to remove; it cannot make
// the gateway drop the backend JWT it adds.
func TestHole11_ConnectionCannotDropGatewayHeaders(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, withBackendJWT(&config.BackendJWT{Enabled: true}))
	r := httptest.NewRequest("GET", "/shop/v1/data", nil)
	r.Header.Set("Authorization", "Bearer "+pg.token)
	r.Header.Set("Connection", "keep-alive, X-JWT-Assertion, X-Request-Id, X-Drop")
	r.Header.Set("X-Drop", "hop")
	w := httptest.NewRecorder()
	pg.g.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Fatalf("call: %d %s", w.Code, w.Body)
	}
	got := <-pg.seen
	if got.Get("X-Jwt-Assertion") == "" || got.Get("X-Request-Id") == "" {
		t.Errorf("the client's Connection header removed the gateway's headers: %v", got)
	}
	if got.Get("X-Drop") != "" {
		t.Error("a header the client named in Connection reached the backend")
	}
}

// TestHole13_BackendCORSHeadersNeverLeak: on a CORS-enabled API the
// gateway's policy alone decides: a backend answering
// Access-Control-Allow-Origin: * (and credentials) lets no refused origin
// read the answer.
func TestHole13_BackendCORSHeadersNeverLeak(t *testing.T) {
	var backendCalls atomic.Int32
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		backendCalls.Add(1)
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Access-Control-Expose-Headers", "X-Secret")
		h.Set("Access-Control-Allow-Methods", "GET, PUT, DELETE")
		h.Set("Vary", "Accept-Encoding")
		_, _ = w.Write([]byte("secret"))
	}))
	t.Cleanup(be.Close)
	snap := &config.Snapshot{Environment: "Default", APIs: []config.API{
		{ID: "1", Name: "strict", Context: "strict", Version: "v1", ProductionEndpoint: be.URL,
			Operations: []config.Operation{{Method: "GET", Target: "/items"}},
			CORS:       &config.CORS{Enabled: true, AllowOrigins: []string{"https://app.example"}, AllowCredentials: true}},
	}}
	snap.Seal()
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		method      string
		header      map[string]string
		wantStatus  int
		wantOrigin  string // "": no Access-Control-Allow-Origin
		wantBackend bool
	}{
		{"refused origin", "GET", map[string]string{"Origin": "https://evil.example"}, 200, "", true},
		{"no origin", "GET", nil, 200, "", true},
		{"allowed origin", "GET", map[string]string{"Origin": "https://app.example"}, 200, "https://app.example", true},
		{"refused preflight", "OPTIONS", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}, 403, "", false},
		{"allowed preflight", "OPTIONS", map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "GET"}, 204, "https://app.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := backendCalls.Load()
			r := httptest.NewRequest(tt.method, "/strict/v1/items", nil)
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			g.Handler(http.NotFoundHandler()).ServeHTTP(w, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d (%s)", w.Code, tt.wantStatus, w.Body)
			}
			if called := backendCalls.Load() != before; called != tt.wantBackend {
				t.Errorf("backend called: %v, want %v", called, tt.wantBackend)
			}
			h := w.Header()
			if got := h.Values("Access-Control-Allow-Origin"); tt.wantOrigin == "" && len(got) > 0 || tt.wantOrigin != "" && (len(got) != 1 || got[0] != tt.wantOrigin) {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.wantOrigin)
			}
			for _, k := range []string{"Access-Control-Expose-Headers", "Access-Control-Allow-Methods"} {
				if tt.wantBackend && h.Get(k) != "" {
					t.Errorf("the backend's %s reached the browser: %q", k, h.Get(k))
				}
			}
			if creds := h.Values("Access-Control-Allow-Credentials"); tt.wantOrigin == "" && len(creds) > 0 || tt.wantOrigin != "" && len(creds) != 1 {
				t.Errorf("Access-Control-Allow-Credentials %q", creds)
			}
			if !hasToken(h.Values("Vary"), "Origin") {
				t.Errorf("Vary %q lacks Origin", h.Values("Vary"))
			}
			if tt.wantBackend && !hasToken(h.Values("Vary"), "Accept-Encoding") {
				t.Errorf("Vary %q lost the backend's Accept-Encoding", h.Values("Vary"))
			}
		})
	}
}

// TestHole16_HSTSOnlyOverTLS: HTTPS answers carry the gateway's
// Strict-Transport-Security (over a backend's attempt to switch it off
// for the shared host); plain HTTP answers never carry the gateway's.
func TestHole16_HSTSOnlyOverTLS(t *testing.T) {
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=0")
		_, _ = w.Write([]byte("ok"))
	}))
	t.Cleanup(be.Close)
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be.URL, "shop")); err != nil {
		t.Fatal(err)
	}
	h := g.Handler(http.NotFoundHandler())
	tlsSrv := httptest.NewTLSServer(h)
	t.Cleanup(tlsSrv.Close)
	plain := httptest.NewServer(h)
	t.Cleanup(plain.Close)
	get := func(client *http.Client, url string) http.Header {
		t.Helper()
		resp, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.Header
	}
	const want = "max-age=31536000"
	for _, path := range []string{"/shop/v1/x", "/nothing/here", "/healthz"} {
		if got := get(tlsSrv.Client(), tlsSrv.URL+path).Values("Strict-Transport-Security"); len(got) != 1 || got[0] != want {
			t.Errorf("HTTPS %s: Strict-Transport-Security %q, want %q", path, got, want)
		}
		for _, v := range get(plain.Client(), plain.URL+path).Values("Strict-Transport-Security") {
			if v == want {
				t.Errorf("plain HTTP %s carries the gateway's Strict-Transport-Security", path)
			}
		}
	}
	if err := g.SetHSTSMaxAge(0); err != nil {
		t.Fatal(err)
	}
	if got := get(tlsSrv.Client(), tlsSrv.URL+"/healthz").Get("Strict-Transport-Security"); got != "" {
		t.Errorf("max-age 0: Strict-Transport-Security %q, want none", got)
	}
	if err := g.SetHSTSMaxAge(-1); err == nil {
		t.Error("a negative max-age was accepted")
	}
}

type collect struct {
	mu     sync.Mutex
	events []config.AnalyticsEvent
}

func (c *collect) Emit(ev config.AnalyticsEvent) {
	c.mu.Lock()
	c.events = append(c.events, ev)
	c.mu.Unlock()
}

// TestHole12_EveryCallHasItsOwnEventID: calls repeating one X-Request-ID
// are distinct events (UUIDv7 ids of their own); the caller's id is kept
// to correlate.
func TestHole12_EveryCallHasItsOwnEventID(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 100)
	var c collect
	pg.g.Emitter = &c
	for range 20 {
		r := httptest.NewRequest("GET", "/shop/v1/open", nil)
		r.Header.Set("X-Request-ID", "same-id")
		pg.g.ServeHTTP(httptest.NewRecorder(), r)
	}
	ids := map[string]bool{}
	for _, ev := range c.events {
		id, err := uuid.Parse(ev.EventID)
		if err != nil || id.Version() != 7 || id.Variant() != uuid.RFC4122 {
			t.Errorf("event id %q is not a UUIDv7 (%v)", ev.EventID, err)
		}
		ids[ev.EventID] = true
		if ev.RequestID != "same-id" {
			t.Errorf("request id %q, want the caller's", ev.RequestID)
		}
	}
	if len(c.events) != 20 || len(ids) != 20 {
		t.Errorf("%d events with %d distinct ids, want 20 and 20", len(c.events), len(ids))
	}
}
