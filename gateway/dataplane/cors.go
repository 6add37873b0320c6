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
// authentication (browsers send preflights without credentials). For an
// API with an enabled policy it answers preflights itself (done is true)
// and, for other calls from an allowed origin, returns a writer that puts
// the policy's headers on whatever answer follows, the backend's or the
// gateway's own errors, replacing any Access-Control headers the backend
// sent. Without a policy, or without an Origin header, it does nothing.
func applyCORS(w http.ResponseWriter, r *http.Request, route *router.Route) (_ http.ResponseWriter, done bool) {
	if route == nil || route.API.CORS == nil || !route.API.CORS.Enabled {
		return w, false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return w, false
	}
	c := route.API.CORS
	allowed := originAllowed(c, origin)
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		preflight(w, r, c, origin, allowed)
		return w, true
	}
	if !allowed {
		return w, false
	}
	h := http.Header{}
	setOrigin(h, c, origin)
	if len(c.ExposeHeaders) > 0 {
		h.Set("Access-Control-Expose-Headers", strings.Join(c.ExposeHeaders, ", "))
	}
	return &corsWriter{ResponseWriter: w, cors: h}, false
}

func originAllowed(c *config.CORS, origin string) bool {
	return slices.ContainsFunc(c.AllowOrigins, func(o string) bool { return o == "*" || strings.EqualFold(o, origin) })
}

// setOrigin echoes the caller's origin unless the policy allows any origin
// without credentials; Vary keeps caches from mixing origins' answers.
func setOrigin(h http.Header, c *config.CORS, origin string) {
	if slices.Contains(c.AllowOrigins, "*") && !c.AllowCredentials {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
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

// corsWriter sets the policy's headers when the answer starts.
type corsWriter struct {
	http.ResponseWriter
	cors    http.Header
	written bool
}

func (c *corsWriter) WriteHeader(code int) {
	if !c.written {
		c.written = true
		h := c.ResponseWriter.Header()
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-") {
				delete(h, k)
			}
		}
		for k, v := range c.cors {
			h[k] = append(h[k], v...)
		}
	}
	c.ResponseWriter.WriteHeader(code)
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
