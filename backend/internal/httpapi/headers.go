package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// HeaderOptions shape the browser-hardening headers of every answer.
type HeaderOptions struct {
	// HSTSMaxAge is sent as Strict-Transport-Security on answers over TLS;
	// 0 sends none. Never over plain HTTP, where browsers ignore it and a
	// proxy may not be HTTPS end to end.
	HSTSMaxAge time.Duration
	// ConnectSources are the origins, besides the control plane itself,
	// the portals' pages may call: the environments' gateways the try-it
	// consoles send requests to.
	ConnectSources func(context.Context) []string
	// KeyManager is the Key Manager's public URL; the portals' sign-in
	// and consent forms post there.
	KeyManager string
}

// apiCSP is the policy of everything but the SPA's pages (JSON, YAML, the
// sample backends): nothing in it may run or be framed. Handlers that
// render HTML (the Key Manager's pages) or serve files set their own.
const apiCSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every control-plane answer carries.
func securityHeaders(o HeaderOptions) func(http.Handler) http.Handler {
	hsts := ""
	if secs := int64(o.HSTSMaxAge / time.Second); secs > 0 {
		hsts = "max-age=" + strconv.FormatInt(secs, 10)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("Content-Security-Policy", apiCSP)
			if hsts != "" && r.TLS != nil {
				h.Set("Strict-Transport-Security", hsts)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// spaCSP is the policy of the SPA's pages. Scripts only from the control
// plane's own files: the built index.html has no inline script, and
// neither Swagger UI nor GraphiQL needs eval. Styles also allow inline:
// Swagger UI and GraphiQL's editors write style attributes and elements
// at run time, and an injected style cannot run code (the lower risk).
// Calls go to the control plane and the gateways of the environments.
func (o HeaderOptions) spaCSP(ctx context.Context) string {
	connect := []string{"'self'"}
	if o.ConnectSources != nil {
		connect = append(connect, o.ConnectSources(ctx)...)
	}
	form := []string{"'self'"}
	if u, err := url.Parse(o.KeyManager); err == nil && u.Host != "" {
		form = append(form, u.Scheme+"://"+u.Host)
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:", // Swagger UI shows image answers from blob: URLs
		"font-src 'self' data:",
		"connect-src " + strings.Join(connect, " "),
		"worker-src 'self'",
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"form-action " + strings.Join(form, " "),
		"object-src 'none'",
	}, "; ")
}
