package dataplane

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

func TestTraceContext(t *testing.T) {
	const caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	tests := []struct {
		name, traceparent, tracestate, requestID string
		wantTrace                                string // "" : a new one
		wantState                                bool
		wantID                                   string // "" : a new one
	}{
		{"joins a valid trace", caller, "vendor=x", "abc-123", "4bf92f3577b34da6a3ce929d0e0e4736", true, "abc-123"},
		{"future version, extra fields", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-xyz", "", "", "4bf92f3577b34da6a3ce929d0e0e4736", false, ""},
		{"absent", "", "", "", "", false, ""},
		{"upper-case hex", strings.ToUpper(caller), "vendor=x", "", "", false, ""},
		{"zero trace id", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "", "", "", false, ""},
		{"zero parent id", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "", "", "", false, ""},
		{"version ff", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "", "", "", false, ""},
		{"version 00 with extra", caller + "-x", "", "", "", false, ""},
		{"truncated", caller[:50], "", "", "", false, ""},
		{"unsafe request id", "", "", "a b<script>", "", false, ""},
		{"overlong request id", "", "", strings.Repeat("a", 129), "", false, ""},
	}
	tpRE := regexp.MustCompile(`^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$`)
	uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/x", nil)
			for k, v := range map[string]string{"Traceparent": tt.traceparent, "Tracestate": tt.tracestate, "X-Request-Id": tt.requestID} {
				if v != "" {
					r.Header.Set(k, v)
				}
			}
			w := httptest.NewRecorder()
			c := &call{}
			traceContext(w, r, c)
			tp := w.Header().Get("Traceparent")
			if !tpRE.MatchString(tp) || r.Header.Get("Traceparent") != tp {
				t.Fatalf("traceparent %q (upstream %q), want one well-formed value both ways", tp, r.Header.Get("Traceparent"))
			}
			if tt.wantTrace != "" && c.trace.traceID != tt.wantTrace {
				t.Errorf("trace id %s, want the caller's %s", c.trace.traceID, tt.wantTrace)
			}
			if tt.wantTrace == "" && c.trace.traceID == "4bf92f3577b34da6a3ce929d0e0e4736" {
				t.Error("kept an invalid caller's trace id")
			}
			if tp[3:35] != c.trace.traceID || strings.HasSuffix(tp, "00f067aa0ba902b7-01") {
				t.Errorf("traceparent %s: want the trace id and the gateway's own span", tp)
			}
			if got := r.Header.Get("Tracestate") != ""; got != tt.wantState {
				t.Errorf("tracestate kept = %v, want %v", got, tt.wantState)
			}
			id := w.Header().Get("X-Request-Id")
			if id != r.Header.Get("X-Request-Id") || id != c.trace.requestID {
				t.Errorf("request id %q differs upstream (%q) or in analytics (%q)", id, r.Header.Get("X-Request-Id"), c.trace.requestID)
			}
			if tt.wantID != "" && id != tt.wantID {
				t.Errorf("request id %q, want the caller's %q", id, tt.wantID)
			}
			if tt.wantID == "" && !uuidRE.MatchString(id) {
				t.Errorf("generated request id %q is not a UUID", id)
			}
		})
	}
}

// policyGateway serves one API whose GET /data needs a token of app-1,
// subscribed with a tier of quota calls a minute.
type policyGateway struct {
	g     *Gateway
	reg   *prometheus.Registry
	token string
	be    *httptest.Server
	seen  chan http.Header
	// sign makes a token of app-1 with extra claims.
	sign func(extra map[string]any) string
}

func newPolicyGateway(t *testing.T, limiter Limiter, quota int64, edit ...func(*config.Snapshot)) *policyGateway {
	t.Helper()
	pg := &policyGateway{reg: prometheus.NewRegistry(), seen: make(chan http.Header, 100)}
	pg.be = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case pg.seen <- r.Header.Clone():
		default:
		}
		fmt.Fprint(w, `{"ok":true}`)
	}))
	t.Cleanup(pg.be.Close)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k", Algorithm: "ES256", Use: "sig"}}})
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key}, (&jose.SignerOptions{}).WithType("at+jwt").WithHeader("kid", "k"))
	pg.sign = func(extra map[string]any) string {
		claims := map[string]any{"iss": "https://km", "aud": "gw", "application_id": "app-1",
			"key_type": "PRODUCTION", "exp": time.Now().Add(time.Hour).Unix(), "jti": "t1", "subscriber": "alice"}
		for k, v := range extra {
			claims[k] = v
		}
		tok, _ := jwt.Signed(signer).Claims(claims).Serialize()
		return tok
	}
	pg.token = pg.sign(nil)
	snap := &config.Snapshot{Environment: "Default",
		APIs: []config.API{{ID: "api-1", OrganizationID: "org", Name: "Shop", Context: "shop", Version: "v1", ProductionEndpoint: pg.be.URL,
			Operations: []config.Operation{{Method: "GET", Target: "/data", AuthRequired: true}, {Method: "GET", Target: "/open"}}}},
		Issuers:       []config.Issuer{{Issuer: "https://km", Audience: "gw", JWKS: jwks}},
		Subscriptions: []config.Subscription{{ApplicationID: "app-1", APIID: "api-1", Tier: "Bronze", Status: "UNBLOCKED"}},
		Tiers:         []config.Tier{{OrganizationID: "org", Level: "SUBSCRIPTION", Name: "Bronze", RequestCount: quota, UnitSeconds: 60}},
	}
	for _, e := range edit {
		e(snap)
	}
	snap.Seal()
	pg.g = New(quietLog(), pg.reg, limiter)
	if _, err := pg.g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	return pg
}

func (pg *policyGateway) call(path, token string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	pg.g.ServeHTTP(w, r)
	return w
}

func TestThrottleHeaders(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 2)
	tests := []struct {
		wantStatus    int
		wantRateLimit string // prefix of the RateLimit field
	}{
		{200, `"Bronze";r=1;t=`},
		{200, `"Bronze";r=0;t=`},
		{429, `"Bronze";r=0;t=`},
	}
	for i, tt := range tests {
		w := pg.call("/shop/v1/data", pg.token)
		if w.Code != tt.wantStatus {
			t.Fatalf("call %d: %d %s, want %d", i, w.Code, w.Body, tt.wantStatus)
		}
		if got := w.Header().Get("RateLimit-Policy"); got != `"Bronze";q=2;w=60` {
			t.Errorf("call %d: RateLimit-Policy %q", i, got)
		}
		if got := w.Header().Get("RateLimit"); !strings.HasPrefix(got, tt.wantRateLimit) {
			t.Errorf("call %d: RateLimit %q, want %s...", i, got, tt.wantRateLimit)
		}
		if ra := w.Header().Get("Retry-After"); (tt.wantStatus == 429) != (ra != "") {
			t.Errorf("call %d: Retry-After %q", i, ra)
		}
	}
	if w := pg.call("/shop/v1/open", ""); w.Code != 200 || w.Header().Get("RateLimit") != "" {
		t.Errorf("open resource: %d, RateLimit %q; want 200 without quota headers", w.Code, w.Header().Get("RateLimit"))
	}
	if got := metricValue(t, pg.reg, "gatehouse_gateway_throttled_total", "shop/v1", "Default"); got != 1 {
		t.Errorf("throttled counter %v, want 1", got)
	}
	if got := metricValue(t, pg.reg, "gatehouse_gateway_requests_total", "shop/v1", "4xx", "Default"); got != 1 {
		t.Errorf("4xx counter %v, want 1", got)
	}
}

type downLimiter struct{}

func (downLimiter) Allow(context.Context, string, ratelimit.Limit) (ratelimit.Decision, error) {
	return ratelimit.Decision{}, errors.New("connection refused")
}

func TestRedisFailureModes(t *testing.T) {
	tests := []struct {
		name       string
		failOpen   bool
		wantStatus []int
	}{
		{"open falls back to local counters", true, []int{200, 200, 429}},
		{"closed refuses", false, []int{503, 503, 503}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &ratelimit.Fallback{Shared: downLimiter{}, Local: ratelimit.NewMemory(), FailOpen: tt.failOpen, Probe: time.Hour}
			pg := newPolicyGateway(t, f, 2)
			for i, want := range tt.wantStatus {
				if w := pg.call("/shop/v1/data", pg.token); w.Code != want {
					t.Errorf("call %d: %d %s, want %d", i, w.Code, w.Body, want)
				}
			}
			mf, err := pg.reg.Gather()
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, m := range mf {
				if m.GetName() == "gatehouse_gateway_ratelimit_shared_down" && m.GetMetric()[0].GetGauge().GetValue() == 1 {
					found = true
				}
			}
			if !found {
				t.Error("gatehouse_gateway_ratelimit_shared_down is not 1 during the outage")
			}
		})
	}
}

func TestPipelineMetricsAndForwarding(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 100)
	if w := pg.call("/shop/v1/data", "forged.token.here"); w.Code != 401 {
		t.Fatalf("forged token: %d", w.Code)
	}
	if got := metricValue(t, pg.reg, "gatehouse_gateway_auth_failures_total", "shop/v1", "Default", "401"); got != 1 {
		t.Errorf("auth failure counter %v, want 1", got)
	}
	if w := pg.call("/nowhere/v1/x", ""); w.Code != 404 {
		t.Fatalf("unknown API: %d", w.Code)
	}
	if got := metricValue(t, pg.reg, "gatehouse_gateway_requests_total", "none", "4xx", "Default"); got != 1 {
		t.Errorf("unmatched calls counter %v, want 1", got)
	}
	w := pg.call("/shop/v1/data", pg.token)
	if w.Code != 200 {
		t.Fatalf("valid call: %d %s", w.Code, w.Body)
	}
	h := <-pg.seen
	if h.Get("Authorization") != "" {
		t.Error("the backend received the caller's token")
	}
	if h.Get("Traceparent") != w.Header().Get("Traceparent") || h.Get("X-Request-Id") != w.Header().Get("X-Request-Id") {
		t.Errorf("backend saw traceparent %q / id %q; the caller got %q / %q", h.Get("Traceparent"), h.Get("X-Request-Id"),
			w.Header().Get("Traceparent"), w.Header().Get("X-Request-Id"))
	}
	if h.Get("X-Forwarded-For") == "" {
		t.Error("no X-Forwarded-For upstream")
	}
	if n := metricValue(t, pg.reg, "gatehouse_gateway_upstream_duration_seconds", "shop/v1", "Default"); n != 1 {
		t.Errorf("upstream histogram counted %v calls, want 1", n)
	}
}

// TestStreaming checks that a response of unknown length flows through
// before the backend has finished it.
func TestStreaming(t *testing.T) {
	release := make(chan struct{})
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: first\n\n")
		w.(http.Flusher).Flush()
		<-release
		fmt.Fprint(w, "data: second\n\n")
	}))
	defer be.Close()
	defer close(release)
	g := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be.URL, "sse")); err != nil {
		t.Fatal(err)
	}
	gw := httptest.NewServer(g)
	defer gw.Close()
	resp, err := http.Get(gw.URL + "/sse/v1/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 64)
	n, err := resp.Body.Read(buf)
	if err != nil || !strings.Contains(string(buf[:n]), "first") {
		t.Fatalf("first event: %q %v", buf[:n], err)
	}
}

// BenchmarkPolicyChain measures authentication (a cached token),
// subscription and throttling as the gateway runs them: no allocations.
func BenchmarkPolicyChain(b *testing.B) {
	t := &testing.T{}
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 1<<40)
	st := pg.g.state.Load()
	m, _ := st.table.Lookup("GET", "/shop/v1/data")
	r := httptest.NewRequest("GET", "/shop/v1/data", nil)
	r.Header.Set("Authorization", "Bearer "+pg.token)
	w := &headerOnly{h: http.Header{}}
	c := &call{st: st, api: &m.Route.API, op: m.Operation, route: m.Route.Value.(*route)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !pg.g.authenticate(w, r, c) || !pg.g.throttle(w, r, c) {
			b.Fatal("refused")
		}
	}
}

type headerOnly struct{ h http.Header }

func (w *headerOnly) Header() http.Header         { return w.h }
func (w *headerOnly) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerOnly) WriteHeader(int)             {}

// metricValue reads a counter's value (or a histogram's count) from reg
// by its label values, in any order.
func metricValue(t *testing.T, reg *prometheus.Registry, name string, values ...string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metric:
		for _, m := range mf.GetMetric() {
			have := map[string]bool{}
			for _, l := range m.GetLabel() {
				have[l.GetValue()] = true
			}
			for _, v := range values {
				if !have[v] {
					continue metric
				}
			}
			if h := m.GetHistogram(); h != nil {
				return float64(h.GetSampleCount())
			}
			return m.GetCounter().GetValue()
		}
	}
	return 0
}

// TestUpgrade checks that a WebSocket-style upgrade reaches the backend
// and that bytes then flow both ways through the gateway.
func TestUpgrade(t *testing.T) {
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "websocket" || r.URL.Path != "/chat" {
			http.Error(w, "not an upgrade", http.StatusBadRequest)
			return
		}
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprint(brw, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		fmt.Fprint(brw, "echo: "+line)
		brw.Flush()
	}))
	defer be.Close()
	g := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be.URL, "ws")); err != nil {
		t.Fatal(err)
	}
	gw := httptest.NewServer(g)
	defer gw.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(gw.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprint(conn, "GET /ws/v1/chat HTTP/1.1\r\nHost: gw\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	fmt.Fprint(conn, "hello\n")
	if line, err := br.ReadString('\n'); err != nil || line != "echo: hello\n" {
		t.Errorf("after the upgrade read %q %v, want the echo", line, err)
	}
}

// TestHTTP2 checks that callers on HTTP/2 (over TLS) are proxied to an
// HTTP/1.1 backend.
func TestHTTP2(t *testing.T) {
	be := backend(t)
	g := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be.URL+"/base", "h2")); err != nil {
		t.Fatal(err)
	}
	gw := httptest.NewUnstartedServer(g)
	gw.EnableHTTP2 = true
	gw.StartTLS()
	defer gw.Close()
	resp, err := gw.Client().Post(gw.URL+"/h2/v1/x?q=1", "text/plain", strings.NewReader("body"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.ProtoMajor != 2 || resp.StatusCode != 200 || string(b) != "POST /base/x?q=1" {
		t.Errorf("HTTP/2 call: %s %d %q", resp.Proto, resp.StatusCode, b)
	}
}

func TestMetricsForgetUndeployedAPIs(t *testing.T) {
	be := backend(t)
	reg := prometheus.NewRegistry()
	g := New(quietLog(), reg, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be.URL, "a", "b")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/a/v1/x", "/b/v1/x"} {
		g.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	if _, err := g.Apply(snapshotFor(be.URL, "a")); err != nil {
		t.Fatal(err)
	}
	if n := metricValue(t, reg, "gatehouse_gateway_requests_total", "b/v1", "2xx"); n != 0 {
		t.Errorf("undeployed API b still has %v calls in /metrics", n)
	}
	if n := metricValue(t, reg, "gatehouse_gateway_requests_total", "a/v1", "2xx"); n != 1 {
		t.Errorf("API a has %v calls in /metrics, want 1", n)
	}
}

func TestEventBuffer(t *testing.T) {
	b := eventBuffer{limit: batchSize + 1, wake: make(chan struct{}, 1)}
	for i := 0; i < batchSize-1; i++ {
		b.add(config.AnalyticsEvent{Status: i})
	}
	select {
	case <-b.wake:
		t.Fatal("woke the sender before a batch was full")
	default:
	}
	b.add(config.AnalyticsEvent{})
	select {
	case <-b.wake:
	default:
		t.Fatal("a full batch did not wake the sender")
	}
	if !b.add(config.AnalyticsEvent{}) || b.add(config.AnalyticsEvent{}) {
		t.Error("the buffer did not stop at its limit")
	}
	if got := b.swap(nil); len(got) != batchSize+1 || got[1].Status != 1 {
		t.Errorf("swap handed over %d events, want %d in order", len(got), batchSize+1)
	}
	if got := b.swap(nil); len(got) != 0 {
		t.Errorf("second swap handed over %d events, want none", len(got))
	}
}
