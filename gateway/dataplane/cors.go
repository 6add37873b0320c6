package dataplane

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
	"github.com/gatehouse/gatehouse/gateway/internal/router"
)

// simpleMethods are allowed when a policy lists no methods (the Fetch
// standard's CORS-safelisted methods).
var simpleMethods = []string{"GET", "HEAD", "POST"}

// applyCORS is the pipeline's CORS step, right after routing and before
// authentication (browsers send preflights without credentials). On an
// API with an enabled policy the gateway owns the CORS headers: it answers
// preflights itself (done is true) and returns a writer (buf, pooled with
// the call) that, on whatever answer follows, the backend's or the
// gateway's own errors, removes every Access-Control header the backend
// (or a mediation policy) set, puts the policy's in their place for an
// allowed origin only, and adds Vary: Origin, since the answer depends on
// the caller's origin. Without an enabled policy the backend's headers
// pass as they are.
func applyCORS(w http.ResponseWriter, r *http.Request, route *router.Route, buf *corsWriter) (_ http.ResponseWriter, done bool) {
	if route == nil || route.API.CORS == nil || !route.API.CORS.Enabled {
		return w, false
	}
	c := route.API.CORS
	origin := r.Header.Get("Origin")
	allowed := origin != "" && originAllowed(c, origin)
	if origin != "" && r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		preflight(w, r, c, origin, allowed)
		return w, true
	}
	*buf = corsWriter{ResponseWriter: w}
	if allowed {
		h := http.Header{}
		setOrigin(h, c, origin)
		if len(c.ExposeHeaders) > 0 {
			h.Set("Access-Control-Expose-Headers", strings.Join(c.ExposeHeaders, ", "))
		}
		buf.cors = h
	}
	return buf, false
}

func originAllowed(c *config.CORS, origin string) bool {
	return slices.ContainsFunc(c.AllowOrigins, func(o string) bool { return o == "*" || strings.EqualFold(o, origin) })
}

// setOrigin echoes the caller's origin unless the policy allows any origin
// without credentials (the callers add Vary).
func setOrigin(h http.Header, c *config.CORS, origin string) {
	if slices.Contains(c.AllowOrigins, "*") && !c.AllowCredentials {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	if c.AllowCredentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
}

func preflight(w http.ResponseWriter, r *http.Request, c *config.CORS, origin string, allowed bool) {
	h := w.Header()
	h.Add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
	if !allowed {
		problem.Write(w, http.StatusForbidden, "Forbidden", "the origin "+origin+" may not call this API")
		return
	}
	methods := c.AllowMethods
	if len(methods) == 0 {
		methods = simpleMethods
	}
	method := strings.ToUpper(r.Header.Get("Access-Control-Request-Method"))
	if !slices.Contains(methods, method) {
		problem.Write(w, http.StatusForbidden, "Forbidden", "the method "+method+" is not allowed from other origins")
		return
	}
	var asked []string
	for _, f := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			asked = append(asked, f)
		}
	}
	anyHeader := slices.Contains(c.AllowHeaders, "*") && !c.AllowCredentials
	for _, a := range asked {
		if !anyHeader && !slices.ContainsFunc(c.AllowHeaders, func(h string) bool { return strings.EqualFold(h, a) }) {
			problem.Write(w, http.StatusForbidden, "Forbidden", "the header "+a+" is not allowed from other origins")
			return
		}
	}
	setOrigin(h, c, origin)
	h.Set("Access-Control-Allow-Methods", strings.Join(methods, ", "))
	if len(asked) > 0 {
		// Echoing the asked headers is exact whether the policy lists them or says *.
		h.Set("Access-Control-Allow-Headers", strings.Join(asked, ", "))
	}
	if c.MaxAgeSeconds > 0 {
		h.Set("Access-Control-Max-Age", strconv.Itoa(c.MaxAgeSeconds))
	}
	w.WriteHeader(http.StatusNoContent)
}

// corsWriter sets the gateway's CORS headers when the answer starts.
type corsWriter struct {
	http.ResponseWriter
	cors    http.Header // the policy's headers; nil for a refused or absent origin
	written bool
}

func (c *corsWriter) WriteHeader(code int) {
	if !c.written {
		c.written = true
		h := c.ResponseWriter.Header()
		for k := range h {
			// Case-insensitively: a backend's header map may hold names
			// that are not canonical, which net/http sends as they are.
			if len(k) >= len("Access-Control-") && strings.EqualFold(k[:len("Access-Control-")], "Access-Control-") {
				delete(h, k)
			}
		}
		for k, v := range c.cors {
			h[k] = append(h[k], v...)
		}
		if !hasToken(h["Vary"], "Origin") {
			h["Vary"] = append(h["Vary"], "Origin")
		}
	}
	c.ResponseWriter.WriteHeader(code)
}

// hasToken reports whether a comma-separated header holds token (or *,
// which covers every one), ignoring case.
func hasToken(values []string, token string) bool {
	for _, v := range values {
		for t := range strings.SplitSeq(v, ",") {
			if t = strings.TrimSpace(t); t == "*" || strings.EqualFold(t, token) {
				return true
			}
		}
	}
	return false
}

func (c *corsWriter) Write(b []byte) (int, error) {
	if !c.written {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}

// Flush lets streamed responses through.
func (c *corsWriter) Flush() {
	if !c.written {
		c.WriteHeader(http.StatusOK)
	}
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (c *corsWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
