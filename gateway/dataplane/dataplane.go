// Package dataplane is the Gatehouse gateway: it holds the current snapshot
// in memory and serves API traffic from it. The standalone gatehouse-gateway
// and the all-in-one `gatehouse serve` both run it.
package dataplane

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
	"github.com/gatehouse/gatehouse/gateway/internal/router"
	"github.com/gatehouse/gatehouse/gateway/internal/upstream"
)

// Gateway serves API traffic from the snapshot it was last given.
type Gateway struct {
	// ID names this gateway in analytics events.
	ID        string
	Emitter   Emitter // nil: no analytics
	log       *slog.Logger
	transport *http.Transport
	limiter   ratelimit.Limiter
	tokens    *authn.Cache
	state     atomic.Pointer[state]
	metrics   *metrics
}

// state is one applied snapshot; it is replaced whole, never edited.
type state struct {
	snapshot *config.Snapshot
	table    *router.Table
	auth     *authn.Authenticator
	tiers    map[string]ratelimit.Limit // by tierKey
	applied  time.Time
}

func tierKey(org, level, name string) string { return org + "|" + level + "|" + name }

// MaxBodyBytes bounds request bodies the gateway forwards.
const MaxBodyBytes = 16 << 20

// New returns a gateway with no snapshot: it answers 503 until Apply.
// limiter counts calls against quotas (NewLimiter makes one).
func New(log *slog.Logger, reg prometheus.Registerer, limiter Limiter) *Gateway {
	return &Gateway{log: log, transport: upstream.NewTransport(), limiter: limiter,
		tokens: authn.NewCache(50_000), metrics: newMetrics(reg)}
}

// Apply validates s and swaps it in when its version differs from the
// current one. It reports whether the gateway changed.
func (g *Gateway) Apply(s *config.Snapshot) (bool, error) {
	if s == nil {
		return false, errors.New("nil snapshot")
	}
	if cur := g.state.Load(); cur != nil && cur.snapshot.Version == s.Version {
		return false, nil
	}
	if err := s.Validate(); err != nil {
		return false, fmt.Errorf("invalid snapshot %s: %w", s.Version, err)
	}
	table, err := router.Build(s, func(r *router.Route) (any, error) {
		return upstream.New(r.API.ProductionEndpoint, g.transport, g.log)
	})
	if err != nil {
		return false, fmt.Errorf("build routes: %w", err)
	}
	auth, err := authn.New(s, g.tokens)
	if err != nil {
		return false, fmt.Errorf("build authenticator: %w", err)
	}
	tiers := make(map[string]ratelimit.Limit, len(s.Tiers))
	for _, t := range s.Tiers {
		if t.RequestCount > 0 && t.UnitSeconds > 0 {
			tiers[tierKey(t.OrganizationID, t.Level, t.Name)] = ratelimit.Limit{
				Requests: int(t.RequestCount), Period: time.Duration(t.UnitSeconds) * time.Second, Burst: int(t.BurstLimit),
			}
		}
	}
	g.state.Store(&state{snapshot: s, table: table, auth: auth, tiers: tiers, applied: time.Now()})
	g.metrics.apis.Set(float64(table.Len()))
	g.log.Info("gateway snapshot applied", "environment", s.Environment, "version", s.Version, "apis", table.Len())
	return true, nil
}

// Snapshot returns the snapshot being served, or nil before the first one.
func (g *Gateway) Snapshot() *config.Snapshot {
	if st := g.state.Load(); st != nil {
		return st.snapshot
	}
	return nil
}

// Ready reports whether a snapshot has been applied.
func (g *Gateway) Ready() bool { return g.state.Load() != nil }

// ServeHTTP routes and proxies one API call. The order of the steps is the
// gateway's policy pipeline: request id, path checks, route, lifecycle,
// authentication and subscription, throttling, then the backend call; an
// analytics event records how it went.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := requestID(r)
	w.Header().Set("X-Request-ID", id)
	r.Header.Set("X-Request-ID", id) // the backend sees the same id
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	c := &call{}
	g.serve(rec, r, c)
	elapsed := time.Since(start)
	label := "none"
	if c.api != nil {
		label = c.api.Name
	}
	g.metrics.requests.WithLabelValues(label, strconv.Itoa(rec.status)).Inc()
	g.metrics.latency.WithLabelValues(label).Observe(elapsed.Seconds())
	if g.Emitter != nil {
		g.Emitter.Emit(g.event(r, id, start, elapsed, rec, c))
	}
}

// call is what serve learnt about a request, for metrics and analytics.
type call struct {
	api       *config.API
	op        *config.Operation
	principal *authn.Principal
	errType   string
	backend   time.Duration
	env       string
}

func (g *Gateway) serve(w http.ResponseWriter, r *http.Request, c *call) {
	st := g.state.Load()
	if st == nil {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", "the gateway has not received its configuration yet")
		return
	}
	c.env = st.snapshot.Environment
	if r.ContentLength > MaxBodyBytes {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusRequestEntityTooLarge, "Request Entity Too Large",
			fmt.Sprintf("the request body is larger than %d MiB", MaxBodyBytes>>20))
		return
	}
	// A body without a declared length is cut at the same limit.
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	path := r.URL.EscapedPath()
	if !cleanPath(path) {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusBadRequest, "Bad Request", "the request path is malformed")
		return
	}
	m, outcome := st.table.Lookup(r.Method, path)
	if m.Route != nil {
		c.api = &m.Route.API
	}
	switch outcome {
	case router.NoAPI:
		c.errType = config.ErrorNotFound
		problem.Write(w, http.StatusNotFound, "Not Found", "no API is deployed at this path")
		return
	case router.NoResource:
		c.errType = config.ErrorNotFound
		problem.Write(w, http.StatusNotFound, "Not Found", "the API has no resource matching this path")
		return
	case router.MethodNotAllowed:
		c.errType = config.ErrorNotFound
		problem.Write(w, http.StatusMethodNotAllowed, "Method Not Allowed", "the resource does not accept "+r.Method)
		return
	}
	c.op = m.Operation
	if m.Route.API.Status == "BLOCKED" {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", "the API is blocked by its publisher")
		return
	}
	if op := m.Operation; op != nil && op.AuthRequired {
		p, err := st.auth.Authenticate(r, m.Route.API.ID, op.Scopes)
		if err != nil {
			c.errType = config.ErrorAuth
			if err.Status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse", error="invalid_token"`)
			}
			problem.Write(w, err.Status, err.Message, err.Detail)
			return
		}
		c.principal = p
		if !g.throttle(w, r, st, m.Route.API, p) {
			c.errType = config.ErrorThrottled
			return
		}
		// The gateway has judged the token; the backend does not need it.
		r.Header.Del("Authorization")
	}
	start := time.Now()
	status := m.Route.Value.(*upstream.Proxy).Serve(w, r, m.Rest)
	c.backend = time.Since(start)
	switch status {
	case http.StatusBadGateway:
		c.errType = config.ErrorTargetError
	case http.StatusGatewayTimeout:
		c.errType = config.ErrorTargetTimeout
	}
}

// event builds the analytics record of a call.
func (g *Gateway) event(r *http.Request, id string, start time.Time, elapsed time.Duration, rec *statusRecorder, c *call) config.AnalyticsEvent {
	ev := config.AnalyticsEvent{
		RequestID: id, Time: start.UTC(), Method: r.Method, Status: rec.status, ErrorType: c.errType,
		RequestBytes: max(r.ContentLength, 0), ResponseBytes: rec.bytes,
		LatencyMS: float64(elapsed.Microseconds()) / 1000, BackendLatencyMS: float64(c.backend.Microseconds()) / 1000,
		ClientIP: clientIP(r), UserAgent: truncate(r.UserAgent(), 256), GatewayID: g.ID, Environment: c.env,
	}
	if c.api != nil {
		ev.OrganizationID, ev.APIID, ev.APIName, ev.APIVersion, ev.APIContext =
			c.api.OrganizationID, c.api.ID, c.api.Name, c.api.Version, c.api.Context
	}
	if c.op != nil {
		ev.Resource = c.op.Target
	}
	if p := c.principal; p != nil {
		ev.ApplicationID, ev.Application, ev.Subscriber, ev.KeyType = p.ApplicationID, p.Application, p.Subscriber, p.KeyType
	}
	if ev.ErrorType == "" && rec.status >= 500 {
		ev.ErrorType = config.ErrorTargetError
	}
	return ev
}

// requestID keeps a caller's well-formed X-Request-ID and makes one
// otherwise.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-ID"); id != "" && len(id) <= 128 && safeID(id) {
		return id
	}
	return uuid.NewString()
}

func safeID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// throttle counts the call against the subscription's tier and answers
// 429 when the quota is spent. A limiter failure (Redis down) lets the call
// through: a counter outage should not take every API down.
func (g *Gateway) throttle(w http.ResponseWriter, r *http.Request, st *state, api config.API, p *authn.Principal) bool {
	limit, ok := st.tiers[tierKey(api.OrganizationID, "SUBSCRIPTION", p.Tier)]
	if !ok {
		return true // unlimited, or a tier the snapshot does not know
	}
	d, err := g.limiter.Allow(r.Context(), "sub:"+p.ApplicationID+":"+api.ID, limit)
	if err != nil {
		g.metrics.throttleErrors.Inc()
		g.log.Warn("rate limiter unavailable; letting the call through", "err", err)
		return true
	}
	if !d.Allowed {
		problem.TooMany(w, int(math.Ceil(d.RetryAfter.Seconds())),
			"the subscription's "+p.Tier+" quota is spent; retry later")
		return false
	}
	w.Header().Set("X-RateLimit-Limit", strconv.Itoa(limit.Requests))
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(d.Remaining))
	return true
}

// cleanPath refuses paths a backend could read differently from the
// gateway: dot segments (which would climb out of the backend's base path),
// control characters, and anything not starting with "/".
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		switch strings.ToLower(seg) {
		case ".", "..", "%2e", "%2e%2e", ".%2e", "%2e.":
			return false
		}
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f {
			return false
		}
	}
	return true
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	bytes  int64
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Flush lets streamed responses through the recorder.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
