// Package httpapi assembles the control plane's HTTP surface: middleware,
// health and metrics, sign-in, GraphQL, gateway sync, the sample backends
// and the SPA.
package httpapi

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/cookies"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/gatewaysync"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/backend/internal/servicecatalog"
)

// Deps are what the router serves.
type Deps struct {
	Log      *slog.Logger
	Registry *prometheus.Registry
	Auth     *auth.Service
	GraphQL  http.Handler
	Sync     *gatewaysync.Service
	// KeyManager is the OAuth 2.0 authorization server. Its endpoints
	// authenticate clients themselves, so they sit outside the session
	// and CSRF middleware.
	KeyManager interface {
		Routes(interface {
			Get(string, http.HandlerFunc)
			Post(string, http.HandlerFunc)
		})
	}
	// Federation is the sign-in through external OpenID Connect
	// providers (/auth/federation/...); optional.
	Federation interface{ Routes(chi.Router) }
	// SignIn is the portal's OIDC sign-in through the Key Manager
	// (/api/auth/oidc/...); its logout needs the session's CSRF check.
	SignIn interface {
		Routes(chi.Router)
		LogoutRoutes(chi.Router)
	}
	Samples map[string]http.Handler // mounted at /samples/{name}
	// ServiceCatalog is the catalog's REST API, mounted at
	// /api/service-catalog/v1; it authenticates with bearer tokens.
	ServiceCatalog http.Handler
	SPA            fs.FS
	// AnalyticsIngest takes analytics batches from gateways without a bus
	// (POST /api/gateway/v1/analytics); it authenticates them itself.
	AnalyticsIngest http.Handler
	// Files serves API thumbnails and document files at /api/publisher/v1;
	// it reads the session to decide who may see them.
	Files http.Handler
	// Ready reports whether the control plane can serve (database, bus).
	Ready func(context.Context) error
	// PublicURL is the origin browsers reach the control plane at, trusted
	// besides the request's own host by the cross-origin check.
	PublicURL string
	// Cookies names and scopes the control plane's cookies.
	Cookies cookies.Policy
	// Headers shape the security headers (CSP, HSTS) of every answer.
	Headers HeaderOptions
}

// MaxBodyBytes bounds request bodies the control plane reads; GraphQL
// carries API definitions (up to 10 MiB, more once JSON-escaped).
const (
	MaxBodyBytes        = 1 << 20
	MaxGraphQLBodyBytes = 32 << 20
)

// NewRouter returns the control plane's handler.
func NewRouter(d Deps) http.Handler {
	m := newMetrics(d.Registry)
	r := chi.NewRouter()
	// Order matters: the request id comes first so the logger and the panic
	// handler can report it; metrics see the final status.
	r.Use(
		middleware.RequestID,
		requestLogger(d.Log),
		m.middleware,
		recoverer,
		securityHeaders(d.Headers),
		// Login CSRF and cross-site posts with cookies: one check for every
		// state-changing endpoint (exemptions in auth.CrossOriginExempt).
		auth.CrossOrigin(d.PublicURL),
		// Every handler that sets or reads a cookie finds its name here.
		cookies.Middleware(d.Cookies),
	)
	r.NotFound(spaHandler(d.SPA, d.Headers.spaCSP).ServeHTTP)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, errs.E(errs.Invalid, "method %s is not allowed here", r.Method))
	})

	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Get("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := d.Ready(ctx); err != nil {
			httpx.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": err.Error()})
			return
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	r.Method(http.MethodGet, "/metrics", promhttp.HandlerFor(d.Registry, promhttp.HandlerOpts{}))

	r.Group(func(r chi.Router) {
		r.Use(middleware.Timeout(60*time.Second), d.Auth.Middleware)
		r.With(limitBody(MaxBodyBytes)).Group(func(r chi.Router) {
			d.Auth.Routes(r)
			if d.SignIn != nil {
				d.SignIn.LogoutRoutes(r)
			}
		})
		r.With(limitBody(MaxGraphQLBodyBytes)).Post("/graphql", d.GraphQL.ServeHTTP)
		if d.Files != nil {
			r.Mount("/api/publisher/v1", d.Files)
		}
	})

	r.Group(func(r chi.Router) {
		r.Use(limitBody(64<<10), middleware.Timeout(30*time.Second))
		d.KeyManager.Routes(r)
		if d.Federation != nil {
			d.Federation.Routes(r)
		}
		if d.SignIn != nil {
			d.SignIn.Routes(r)
		}
	})

	r.Route("/api/gateway/v1", func(r chi.Router) {
		r.Method(http.MethodGet, "/snapshot", httpx.HandlerFunc(d.Sync.SnapshotHandler))
		// No timeout: the event stream stays open.
		r.Method(http.MethodGet, "/events", httpx.HandlerFunc(d.Sync.EventsHandler))
		// Remote gateways verify opaque access tokens here (RFC 7662).
		r.With(limitBody(64<<10), middleware.Timeout(10*time.Second)).
			Method(http.MethodPost, "/introspect", httpx.HandlerFunc(d.Sync.IntrospectHandler))
		if d.AnalyticsIngest != nil {
			r.With(middleware.Timeout(30*time.Second)).Method(http.MethodPost, "/analytics", d.AnalyticsIngest)
		}
	})
	r.With(limitBody(servicecatalog.MaxArchiveBytes+1<<20), middleware.Timeout(60*time.Second)).
		Mount(servicecatalog.BasePath, d.ServiceCatalog)

	// Machine endpoints that do not exist answer JSON, never the SPA page.
	notFound := func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, errs.E(errs.NotFound, "no endpoint at %s", r.URL.Path))
	}
	r.HandleFunc("/api/*", notFound)
	r.HandleFunc("/.well-known/*", notFound)

	for name, h := range d.Samples {
		r.Mount("/samples/"+name, http.StripPrefix("/samples/"+name, limitBody(1<<20)(h)))
	}
	return r
}

// requestLogger logs each request after it is answered, and gives handlers
// a logger that carries the request id.
func requestLogger(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			reqLog := log.With("request_id", middleware.GetReqID(r.Context()))
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r.WithContext(httpx.WithLogger(r.Context(), reqLog)))
			level := slog.LevelInfo
			if ww.Status() >= 500 && !httpx.Cancelled(r.Context(), nil) {
				level = slog.LevelError
			} else if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
				level = slog.LevelDebug
			}
			reqLog.Log(r.Context(), level, "http request", "method", r.Method, "path", r.URL.Path,
				"status", ww.Status(), "bytes", ww.BytesWritten(), "duration_ms", time.Since(start).Milliseconds())
		})
	}
}

// recoverer turns a panic into a logged 500 with the JSON error body.
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				httpx.Logger(r.Context()).Error("panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				httpx.WriteError(w, r, errs.E(errs.Internal, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies over n bytes with 413 instead of reading them.
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				httpx.WriteJSON(w, http.StatusRequestEntityTooLarge, map[string]string{
					"code": "PAYLOAD_TOO_LARGE", "message": "the request body is larger than " + strconv.FormatInt(n, 10) + " bytes"})
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_http_requests_total", Help: "Control plane HTTP requests by route and status.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_http_request_duration_seconds", Help: "Control plane HTTP request duration by route.",
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

func (m *metrics) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		// The route pattern, not the path, keeps the label set small.
		route := "spa"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		m.requests.WithLabelValues(route, strconv.Itoa(ww.Status())).Inc()
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}
