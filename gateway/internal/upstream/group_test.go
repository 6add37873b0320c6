package upstream

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// counting is a backend that answers status (and counts its calls).
type counting struct {
	srv   *httptest.Server
	calls atomic.Int32
}

func newCounting(t *testing.T, name string, status int) *counting {
	t.Helper()
	c := &counting{}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		w.WriteHeader(status)
		fmt.Fprintf(w, "%s %s %s %s", name, r.Method, body, r.Header.Get("Authorization"))
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// downURL is an http URL nothing listens on.
func downURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestGroup(t *testing.T) {
	ok1, ok2 := newCounting(t, "one", 200), newCounting(t, "two", 200)
	bad := newCounting(t, "bad", 503)
	down := downURL(t)
	tests := []struct {
		name       string
		cfg        config.EndpointConfig
		method     string
		body       string
		calls      int
		wantStatus []int    // per call
		wantBody   []string // per call, prefixes
	}{
		{"single", config.EndpointConfig{Type: "SINGLE", URLs: []string{ok1.srv.URL}}, "GET", "", 1, []int{200}, []string{"one GET"}},
		{"load balanced alternates", config.EndpointConfig{Type: "LOAD_BALANCED", URLs: []string{ok1.srv.URL, ok2.srv.URL}}, "GET", "", 4,
			[]int{200, 200, 200, 200}, []string{"one", "two", "one", "two"}},
		{"failover skips a down endpoint", config.EndpointConfig{Type: "FAILOVER", URLs: []string{down, ok2.srv.URL}}, "GET", "", 2,
			[]int{200, 200}, []string{"two", "two"}},
		{"failover on 5xx replays the body", config.EndpointConfig{Type: "FAILOVER", URLs: []string{bad.srv.URL, ok1.srv.URL}}, "PUT", "pie", 1,
			[]int{200}, []string{"one PUT pie"}},
		{"no failover for POST", config.EndpointConfig{Type: "FAILOVER", URLs: []string{bad.srv.URL, ok1.srv.URL}}, "POST", "pie", 1,
			[]int{503}, []string{"bad POST pie"}},
		{"retries exhausted answer the last 5xx", config.EndpointConfig{Type: "SINGLE", URLs: []string{bad.srv.URL}, Retries: 2}, "GET", "", 1,
			[]int{503}, []string{"bad GET"}},
		{"down single endpoint", config.EndpointConfig{Type: "SINGLE", URLs: []string{down}, Retries: 1}, "GET", "", 1,
			[]int{502}, []string{`{`}},
		{"basic auth", config.EndpointConfig{Type: "SINGLE", URLs: []string{ok1.srv.URL},
			Auth: &config.EndpointAuth{Type: "BASIC", Username: "gw", Password: "s3cret"}}, "GET", "", 1,
			[]int{200}, []string{"one GET  Basic Z3c6czNjcmV0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := tt.cfg.Validate()
			if err != nil {
				t.Fatal(err)
			}
			g, err := NewGroup(cfg, nil, quiet())
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < tt.calls; i++ {
				var body io.Reader
				if tt.body != "" {
					body = strings.NewReader(tt.body)
				}
				r := httptest.NewRequest(tt.method, "http://gw/x", body)
				r.Header.Set("Authorization", "Bearer caller")
				if g.authz == nil {
					r.Header.Del("Authorization")
				}
				w := httptest.NewRecorder()
				g.Serve(w, r, "/x")
				if w.Code != tt.wantStatus[i] || !strings.HasPrefix(w.Body.String(), tt.wantBody[i]) {
					t.Errorf("call %d: %d %q, want %d %q", i, w.Code, w.Body.String(), tt.wantStatus[i], tt.wantBody[i])
				}
			}
		})
	}
	if n := bad.calls.Load(); n != 1+1+3 {
		t.Errorf("the failing backend saw %d calls, want 5 (failover PUT, POST once, GET with 2 retries)", n)
	}
}

func TestGroupTimeout(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	g, err := NewGroup(config.EndpointConfig{Type: "SINGLE", URLs: []string{slow.URL}, TimeoutMS: 50}, nil, quiet())
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	if got := g.Serve(w, httptest.NewRequest("GET", "http://gw/x", nil), "/x"); got != http.StatusGatewayTimeout || w.Code != http.StatusGatewayTimeout {
		t.Errorf("slow backend: returned %d, answered %d; want 504", got, w.Code)
	}
}

func TestBreaker(t *testing.T) {
	for _, tt := range []struct {
		name     string
		breaker  *config.Breaker
		failures int
		cooldown time.Duration
	}{
		{"defaults", nil, BreakerFailures, BreakerCooldown},
		{"configured", &config.Breaker{Failures: 2, CooldownMS: 5000}, 2, 5 * time.Second},
		{"failures only", &config.Breaker{Failures: 3}, 3, BreakerCooldown},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ok := newCounting(t, "ok", 200)
			bad := newCounting(t, "bad", 500)
			g, err := NewGroup(config.EndpointConfig{Type: "LOAD_BALANCED", URLs: []string{bad.srv.URL, ok.srv.URL}, Breaker: tt.breaker}, nil, quiet())
			if err != nil {
				t.Fatal(err)
			}
			now := time.Unix(1000, 0)
			g.now = func() time.Time { return now }
			call := func() {
				w := httptest.NewRecorder()
				g.Serve(w, httptest.NewRequest("POST", "http://gw/x", nil), "/x") // POST: no retry, so every call counts once
			}
			n0 := int32(tt.failures)
			for i := 0; i < 2*tt.failures; i++ {
				call()
			}
			if n := bad.calls.Load(); n != n0 {
				t.Fatalf("the failing member saw %d calls before its breaker opened, want %d", n, n0)
			}
			for i := 0; i < 4; i++ {
				call()
			}
			if n := bad.calls.Load(); n != n0 {
				t.Errorf("an open breaker let %d calls through", n-n0)
			}
			now = now.Add(tt.cooldown - time.Millisecond)
			call()
			call()
			if n := bad.calls.Load(); n != n0 {
				t.Errorf("the breaker closed before its cool-down")
			}
			now = now.Add(2 * time.Millisecond)
			call()
			call()
			if n := bad.calls.Load(); n != n0+1 {
				t.Errorf("after the cool-down the member saw %d calls, want one trial", n-n0)
			}
			call()
			call()
			if n := bad.calls.Load(); n != n0+1 {
				t.Errorf("a failed trial did not reopen the breaker")
			}
		})
	}
}

func TestGroupOAuth2(t *testing.T) {
	var tokens atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id, secret, _ := r.BasicAuth(); id != "gw" || secret != "s3cret" || r.FormValue("grant_type") != "client_credentials" {
			http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
			return
		}
		n := tokens.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"tok-%d","token_type":"Bearer","expires_in":3600}`, n)
	}))
	defer ts.Close()
	be := newCounting(t, "be", 200)
	for _, tt := range []struct {
		secret     string
		wantStatus int
		wantBody   string
	}{
		{"s3cret", 200, "be GET  Bearer tok-1"},
		{"wrong", 502, `{`},
	} {
		g, err := NewGroup(config.EndpointConfig{Type: "SINGLE", URLs: []string{be.srv.URL},
			Auth: &config.EndpointAuth{Type: "OAUTH2_CLIENT_CREDENTIALS", TokenURL: ts.URL, ClientID: "gw", ClientSecret: tt.secret}}, nil, quiet())
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			w := httptest.NewRecorder()
			g.Serve(w, httptest.NewRequest("GET", "http://gw/x", nil), "/x")
			if w.Code != tt.wantStatus || !strings.HasPrefix(w.Body.String(), tt.wantBody) {
				t.Errorf("secret %s call %d: %d %q, want %d %q", tt.secret, i, w.Code, w.Body.String(), tt.wantStatus, tt.wantBody)
			}
		}
	}
	if n := tokens.Load(); n != 1 {
		t.Errorf("%d tokens fetched, want 1 (cached)", n)
	}
}
