// Package dataplane is the Gatehouse gateway: it holds the current snapshot
// in memory and serves API traffic from it. The standalone gatehouse-gateway
// and the all-in-one `gatehouse serve` both run it.
package dataplane

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/pathx"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
	"github.com/gatehouse/gatehouse/gateway/internal/router"
	"github.com/gatehouse/gatehouse/gateway/internal/upstream"
)

// Gateway serves API traffic from the snapshot it was last given.
type Gateway struct {
	// syncProblem is why no snapshot could be applied (shown by /readyz).
	syncProblem atomic.Pointer[string]
	// ID names this gateway in analytics events.
	ID       string
	Emitter  Emitter // nil: no analytics
	log      *slog.Logger
	upstream *upstream.Client
	limiter  ratelimit.Limiter
	tokens   *authn.Cache
	// introspection verifies opaque tokens (see UseIntrospection).
	introspection *authn.Introspection
	state         atomic.Pointer[state]
	metrics       *metrics

	// AnonymizeIP zeroes the host part of client IPs in analytics events.
	AnonymizeIP bool
	// QuotaLocation is the time zone of calendar quotas (nil: UTC); set
	// it before the first Apply.
	QuotaLocation *time.Location
	// JWTSigner signs the JWTs sent to backends of APIs that ask for one
	// (empty: a key made at first use).
	JWTSigner atomic.Pointer[JWTSigner]

	// stripCookies are the name prefixes of the cookies never forwarded
	// (SetStripCookiePrefixes); hsts is the Strict-Transport-Security
	// value of HTTPS answers, nil for none (SetHSTSMaxAge).
	stripCookies []string
	hsts         []string
}

// state is one applied snapshot; it is replaced whole, never edited, so
// every read on the request path is lock-free.
type state struct {
	snapshot *config.Snapshot
	table    *router.Table
	auth     *authn.Authenticator
	policies *policies
	// guards are the GraphQL APIs' parsed schemas, by gqlKey.
	guards  map[string]*gqlGuard
	none    *routeMetrics // calls that matched no API
	applied time.Time
}

// route is what the data plane keeps on each router.Route.
type route struct {
	proxy   *upstream.Group
	sandbox *upstream.Group // nil: the API has no sandbox endpoint
	metrics *routeMetrics
	// validators check operations with request validation, by
	// "METHOD target" (nil: none validates).
	validators map[string]*opValidator
	// sources are the proxies of an API product's operations, by source
	// endpoint (s3-products).
	sources map[string]*upstream.Proxy
	// mtls is the API's client certificate policy (nil: none).
	mtls *clientCertPolicy
	// backendJWT is the API's backend JWT setting, normalized (nil: off).
	backendJWT *config.BackendJWT
	// gqlKey names the API's GraphQL guard in state.guards ("": none).
	gqlKey string
}

// MaxBodyBytes bounds request bodies the gateway forwards.
const MaxBodyBytes = 16 << 20

// New returns a gateway with no snapshot: it answers 503 until Apply.
// limiter counts calls against quotas (NewLimiter makes one).
func New(log *slog.Logger, reg prometheus.Registerer, limiter Limiter) *Gateway {
	g := &Gateway{log: log, upstream: upstream.NewClient(), limiter: limiter,
		tokens: authn.NewCache(50_000), introspection: authn.NewIntrospection(nil), metrics: newMetrics(reg),
		stripCookies: DefaultStripCookiePrefixes}
	g.SetHSTSMaxAge(DefaultHSTSMaxAge)
	if reg != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gatehouse_gateway_snapshot_age_seconds", Help: "Time since the snapshot being served was applied (-1 before the first).",
		}, func() float64 {
			if st := g.state.Load(); st != nil {
				return time.Since(st.applied).Seconds()
			}
			return -1
		}))
		if f, ok := limiter.(*ratelimit.Fallback); ok {
			registerFallbackMetrics(reg, f)
		}
	}
	return g
}

// IntrospectFunc asks the built-in key manager about an opaque token and
// returns its RFC 7662 response.
type IntrospectFunc func(ctx context.Context, token string) (map[string]any, error)

// IntrospectionOptions configure how opaque access tokens are verified.
type IntrospectionOptions struct {
	// BuiltIn asks the built-in key manager (nil: its opaque tokens are
	// refused). RemoteIntrospector makes one for a standalone gateway.
	BuiltIn IntrospectFunc
	// Timeout bounds one introspection (default 2 s); TTL caps how long
	// an active answer is cached (default 30 s; it never outlives the
	// token); NegativeTTL how long "not active" is (default 5 s).
	Timeout, TTL, NegativeTTL time.Duration
}

// UseIntrospection sets how opaque tokens are verified; call it before
// the first Apply.
func (g *Gateway) UseIntrospection(o IntrospectionOptions) {
	in := g.introspection
	if o.BuiltIn != nil {
		in.BuiltIn = authn.IntrospectFunc(o.BuiltIn)
	}
	if o.Timeout > 0 {
		in.Timeout = o.Timeout
	}
	if o.TTL > 0 {
		in.TTL = o.TTL
	}
	if o.NegativeTTL > 0 {
		in.NegativeTTL = o.NegativeTTL
	}
}

// RemoteIntrospector introspects the built-in key manager's tokens through
// a control plane's gateway API, authenticated by the gateway token.
func RemoteIntrospector(client *http.Client, controlPlane, gatewayToken string) IntrospectFunc {
	return IntrospectFunc(authn.RemoteIntrospector(client, controlPlane, gatewayToken))
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
		return g.newRoute(r, s.Environment)
	})
	if err != nil {
		return false, fmt.Errorf("build routes: %w", err)
	}
	auth, err := authn.New(s, g.tokens)
	if err != nil {
		return false, fmt.Errorf("build authenticator: %w", err)
	}
	auth.WithIntrospection(g.introspection)
	now := time.Now()
	prev := g.state.Load()
	var prevGuards map[string]*gqlGuard
	if prev != nil {
		prevGuards = prev.guards
	}
	g.state.Store(&state{snapshot: s, table: table, auth: auth, policies: g.buildPolicies(s), applied: now,
		guards: g.buildGuards(s, prevGuards),
		none:   g.metrics.forRoute("none", s.Environment)})
	g.metrics.snapshotApplied(s.Version, s.Environment, now, table.Len())
	if prev != nil {
		g.metrics.forget(prev.snapshot, s)
	}
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

// setSyncProblem records why the gateway has no configuration yet.
func (g *Gateway) setSyncProblem(p string) { g.syncProblem.Store(&p) }

// notReadyReason is what /readyz says before the first snapshot.
func (g *Gateway) notReadyReason() string {
	if p := g.syncProblem.Load(); p != nil {
		return *p
	}
	return "no configuration received yet"
}

// call is what the pipeline learnt about a request, for the later steps,
// metrics and analytics. Calls are pooled: nothing may keep one after
// ServeHTTP returns.
type call struct {
	rec       statusRecorder
	start     time.Time
	trace     traceIDs
	st        *state
	route     *route
	api       *config.API
	op        *config.Operation
	principal *authn.Principal // nil, or &principalBuf
	errType   string
	bandwidth bandwidthDebt // response bytes to count after the proxy
	overQuota bool          // let through by an allow-and-bill tier beyond its quota
	backend   time.Duration
	env       string
	// certSubject is the trusted client certificate's subject, when the
	// API checked one.
	certSubject string

	principalBuf authn.Principal
	cors         corsWriter
}

var calls = sync.Pool{New: func() any { return new(call) }}

// ServeHTTP runs one API call through the pipeline. The steps, in order,
// each a small function that answers and returns false to stop the call:
//
//  1. traceContext: request id and W3C trace context, first, so every
//     answer (errors included) carries them;
//  2. checkRequest: body size and path shape (pathx: dot segments and
//     encoded slashes refused, the path normalized), before anything
//     reads them;
//  3. findRoute: the API and resource, and whether the API is blocked;
//  4. stripReserved: the headers and cookies only the gateway may send
//     the backend go (reserved.go); authenticateCall: the API's client certificate check (mutual TLS),
//     then token or API key, scopes and subscription (resources marked
//     open skip it, and so skip throttling, which counts per
//     subscription); then backendJWT signs a JWT about the caller for
//     the backend when the API asks;
//  5. deny policies (denyRequest before authentication, denyPrincipal
//     after it) and throttle: application, subscription and API-level
//     quotas with burst control, with RateLimit headers (policies.go),
//     then throttleResource: the resource's own tier;
//  6. guardGraphQL: a GraphQL API's query against its schema, depth and
//     complexity limits and field scopes (graphql.go);
//     validateRequest: the call as the client sent it against the API's
//     definition, when the resource asks;
//     mediate: the resource's request policies (its response policies
//     wrap the writer);
//  7. proxy: the backend call; a WebSocket API's upgraded connection
//     counts the client's messages (throttleWebSocket, websocket.go).
//
// record then counts the call in the metrics and emits its analytics event.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := calls.Get().(*call)
	*c = call{start: time.Now(), rec: statusRecorder{ResponseWriter: w, status: http.StatusOK}}
	traceContext(w, r, c)
	if r.TLS != nil && g.hsts != nil {
		// Set now for answers that bypass WriteHeader (an upgraded
		// connection's), and again when the answer starts, over the
		// backend's own.
		w.Header()[hstsHeader] = g.hsts
		c.rec.hsts = g.hsts
	}
	g.serve(&c.rec, r, c)
	g.record(r, c)
	*c = call{}
	calls.Put(c)
}

func (g *Gateway) serve(w http.ResponseWriter, r *http.Request, c *call) {
	if c.st = g.state.Load(); c.st == nil {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", "the gateway has not received its configuration yet")
		return
	}
	c.env = c.st.snapshot.Environment
	if !checkRequest(w, r, c) {
		return
	}
	w, m, ok := findRoute(w, r, c)
	if !ok || !denyRequest(w, r, c) {
		return
	}
	g.stripReserved(r, c) // only the gateway speaks for the caller (reserved.go)
	if op := m.Operation; op != nil && op.AuthRequired {
		ok, tokenChecked := g.authenticateCall(w, r, c)
		if !ok || (tokenChecked && (!denyPrincipal(w, c) || !g.throttle(w, r, c))) {
			return
		}
		// The gateway has judged the credentials; the backend does not need them.
		delete(r.Header, "Authorization")
		delete(r.Header, "Apikey") // authn.APIKeyHeader, canonical
		g.backendJWT(r, c)
	}
	if !g.throttleResource(w, r, c) || !guardGraphQL(w, r, c) || !validateRequest(w, r, c, m.Rest) {
		return
	}
	w, rest, ok := mediate(w, r, c, m.Rest)
	if !ok {
		return
	}
	if c.api.WebSocket != nil {
		w = g.throttleWebSocket(w, r, c)
	}
	g.proxy(w, r, c, rest)
	g.countBandwidth(r, c)
}

// checkRequest refuses bodies over MaxBodyBytes and paths pathx refuses
// (dot segments, encoded slashes and the like), and puts the path in its
// normal form.
func checkRequest(w http.ResponseWriter, r *http.Request, c *call) bool {
	if r.ContentLength > MaxBodyBytes {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusRequestEntityTooLarge, "Request Entity Too Large",
			fmt.Sprintf("the request body is larger than %d MiB", MaxBodyBytes>>20))
		return false
	}
	// A body without a declared length is cut at the same limit.
	if r.ContentLength != 0 {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	}
	// One normal form for routing, templates, throttling, analytics and
	// the backend: what the gateway authorizes is what the backend serves.
	p := r.URL.EscapedPath()
	norm, err := pathx.Normalize(p)
	if err != nil {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusBadRequest, "Bad Request", err.Error())
		return false
	}
	if norm != p {
		// norm decodes to r.URL.Path, so EscapedPath returns it from now on.
		r.URL.RawPath = norm
	}
	return true
}

// findRoute finds the API and resource, applies the API's CORS policy
// (the writer it returns adds the policy's headers) and refuses calls to a
// blocked API.
func findRoute(w http.ResponseWriter, r *http.Request, c *call) (http.ResponseWriter, router.Match, bool) {
	action := soapAction(r)
	m, outcome := c.st.table.LookupHost(r.Host, r.Method, r.URL.EscapedPath(), action)
	if m.Route != nil {
		c.api = &m.Route.API
		c.route = m.Route.Value.(*route)
	}
	// CORS before the method check and authentication: browsers send
	// preflights as OPTIONS, without credentials.
	w, done := applyCORS(w, r, m.Route, &c.cors)
	if done {
		return w, m, false
	}
	switch outcome {
	case router.NoAPI:
		c.errType = config.ErrorNotFound
		problem.Write(w, http.StatusNotFound, "Not Found", "no API is deployed at this path")
		return w, m, false
	case router.NoResource:
		c.errType = config.ErrorNotFound
		if m.Route.HasActions() {
			problem.Write(w, http.StatusNotFound, "Not Found", "the API has no operation for SOAPAction "+strconv.Quote(action))
			return w, m, false
		}
		problem.Write(w, http.StatusNotFound, "Not Found", "the API has no resource matching this path")
		return w, m, false
	case router.MethodNotAllowed:
		c.errType = config.ErrorNotFound
		problem.Write(w, http.StatusMethodNotAllowed, "Method Not Allowed", "the resource does not accept "+r.Method)
		return w, m, false
	}
	c.op = m.Operation
	if c.api.Status == "BLOCKED" {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", "the API is blocked by its publisher")
		return w, m, false
	}
	return w, m, true
}

// authenticate verifies the bearer token or API key, the scopes and the
// subscription.
func (g *Gateway) authenticate(w http.ResponseWriter, r *http.Request, c *call) bool {
	if err := c.st.auth.AuthenticateCallInto(r, c.api.ID, c.op.Scopes, &c.principalBuf); err != nil {
		c.errType = config.ErrorAuth
		switch err.Status {
		case http.StatusUnauthorized:
			c.route.metrics.unauthorized.Inc()
			w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse", error="invalid_token"`)
		case http.StatusForbidden:
			c.route.metrics.forbidden.Inc()
		}
		// 503: the key manager that must vouch for an opaque token is away.
		problem.Write(w, err.Status, err.Message, err.Detail)
		return false
	}
	c.principal = &c.principalBuf
	return true
}

// proxy calls the backend: the sandbox endpoint for sandbox keys, the
// production one otherwise.
func (g *Gateway) proxy(w http.ResponseWriter, r *http.Request, c *call, rest string) {
	to := c.route.proxy
	if c.st.snapshot.SandboxOnly && (c.principal == nil || c.principal.KeyType != "SANDBOX") {
		// A sandbox-only environment never reaches production backends.
		c.errType = config.ErrorAuth
		c.route.metrics.forbidden.Inc()
		problem.Write(w, http.StatusForbidden, "Forbidden", "this gateway environment serves sandbox keys only; call it with a sandbox key or token")
		return
	}
	if c.principal != nil && c.principal.KeyType == "SANDBOX" {
		if to = c.route.sandbox; to == nil {
			c.errType = config.ErrorAuth
			c.route.metrics.forbidden.Inc()
			problem.Write(w, http.StatusForbidden, "Forbidden", "the API has no sandbox endpoint; call it with a production key")
			return
		}
	}
	start := time.Now()
	var status int
	if c.op != nil && c.op.SourceEndpoint != "" {
		// An API product's operation goes to its source API's backend.
		status = c.route.sources[c.op.SourceEndpoint].Serve(w, r, rest)
	} else {
		status = to.Serve(w, r, rest)
	}
	c.backend = time.Since(start)
	c.route.metrics.upstream.Observe(c.backend.Seconds())
	switch status {
	case http.StatusBadGateway:
		c.errType = config.ErrorTargetError
	case http.StatusGatewayTimeout:
		c.errType = config.ErrorTargetTimeout
	}
}

// record counts the call and emits its analytics event.
func (g *Gateway) record(r *http.Request, c *call) {
	elapsed := time.Since(c.start)
	rm := c.route.metricsOr(c.st)
	if rm != nil {
		class := statusClass(c.rec.status)
		rm.requests[class].Inc()
		rm.latency[class].Observe(elapsed.Seconds())
	}
	if g.Emitter != nil {
		g.Emitter.Emit(g.event(r, elapsed, c))
	}
}

func (rt *route) metricsOr(st *state) *routeMetrics {
	if rt != nil {
		return rt.metrics
	}
	if st != nil {
		return st.none
	}
	return nil
}

// event builds the analytics record of a call.
func (g *Gateway) event(r *http.Request, elapsed time.Duration, c *call) config.AnalyticsEvent {
	rec := &c.rec
	ev := config.AnalyticsEvent{
		EventID: newEventID(c.start), RequestID: c.trace.requestID, TraceID: c.trace.traceID, Time: c.start.UTC(), Method: r.Method, Status: rec.status, ErrorType: c.errType,
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
	ev.OverQuota = c.overQuota
	if ev.ErrorType == "" && rec.status >= 500 {
		ev.ErrorType = config.ErrorTargetError
	}
	if g.AnonymizeIP {
		ev.ClientIP = AnonymizeIP(ev.ClientIP)
	}
	return ev
}

// sfString quotes s as a structured-field string (RFC 8941): printable
// ASCII only, with \ and " escaped.
func sfString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			b.WriteByte('_')
		}
	}
	b.WriteByte('"')
	return b.String()
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

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	bytes  int64
	// hsts is the gateway's Strict-Transport-Security header on an HTTPS
	// call (nil otherwise): the gateway's, not a backend's, since the
	// host is shared by every API (and, all-in-one, the portals).
	hsts []string
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.hsts != nil {
		s.ResponseWriter.Header()[hstsHeader] = s.hsts
	}
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if !s.wrote && s.hsts != nil {
		s.ResponseWriter.Header()[hstsHeader] = s.hsts
	}
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

// soapAction is the action a SOAP call names: the SOAPAction header of
// SOAP 1.1 (quoted by most clients), or the action parameter of a SOAP 1.2
// Content-Type. "" for anything else.
func soapAction(r *http.Request) string {
	if v, ok := r.Header["Soapaction"]; ok && len(v) > 0 {
		return strings.Trim(strings.TrimSpace(v[0]), `"`)
	}
	ct := r.Header.Get("Content-Type")
	if !strings.Contains(ct, "action") || !strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/soap+xml") {
		return ""
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["action"])
}
