package dataplane

import (
	"net/http"

	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// Handler serves the gateway's own endpoints (/healthz, /readyz, /metrics,
// and the JWKS of its backend JWTs at JWKSPath) and sends everything else
// through the API pipeline.
func (g *Gateway) Handler(metrics http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !g.Ready() {
			problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", g.notReadyReason())
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ready"}`))
	})
	mux.Handle("GET /metrics", metrics)
	mux.HandleFunc("GET "+JWKSPath, g.serveJWKS)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz", "/readyz", "/metrics", JWKSPath:
			if r.TLS != nil && g.hsts != nil {
				w.Header()[hstsHeader] = g.hsts
			}
			mux.ServeHTTP(w, r)
		default:
			// Not through ServeMux: it would clean and redirect paths that the
			// gateway must judge (and refuse) itself.
			g.ServeHTTP(w, r)
		}
	})
}
