package dataplane

import (
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// throttleResource counts calls to open resources (no authentication)
// against the resource's own tier; throttle has counted authenticated
// calls against it already.
func (g *Gateway) throttleResource(w http.ResponseWriter, r *http.Request, c *call) bool {
	if c.principal != nil {
		return true
	}
	var v verdict
	if !g.countResource(w, r, c, &v) {
		return false
	}
	if v.set {
		writeRateLimit(w.Header(), &v)
	}
	return true
}

// mediate applies the resource's request policies (headers, query
// parameters, path, content type) and returns the writer that applies its
// response policies and the path to send to the backend. Resources
// without policies cost nothing here.
func mediate(w http.ResponseWriter, r *http.Request, c *call, rest string) (http.ResponseWriter, string, bool) {
	if c.op == nil || c.op.Policies == nil {
		return w, rest, true
	}
	p := c.op.Policies
	if len(p.ContentTypes) > 0 && r.ContentLength != 0 && !contentTypeAllowed(r.Header.Get("Content-Type"), p.ContentTypes) {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusUnsupportedMediaType, "Unsupported Media Type", "this resource accepts only "+strings.Join(p.ContentTypes, ", "))
		return w, rest, false
	}
	h := r.Header
	for _, n := range p.RemoveRequestHeaders {
		delete(h, n)
	}
	for _, nv := range p.SetRequestHeaders {
		h[nv.Name] = []string{nv.Value}
	}
	if len(p.SetQueryParams)+len(p.RemoveQueryParams) > 0 {
		q, _ := url.ParseQuery(r.URL.RawQuery) // a malformed pair is dropped, as the backend would
		for _, n := range p.RemoveQueryParams {
			q.Del(n)
		}
		for _, nv := range p.SetQueryParams {
			q.Set(nv.Name, nv.Value)
		}
		r.URL.RawQuery = q.Encode()
	}
	if p.RewritePath != "" {
		rest = p.RewritePath
	}
	if p.HasResponse() {
		w = &responseMediator{ResponseWriter: w, p: p}
	}
	return w, rest, true
}

func contentTypeAllowed(ct string, allowed []string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	for _, a := range allowed {
		if a == mt {
			return true
		}
	}
	return false
}

// responseMediator applies response header policies when the answer's
// header is sent, whoever sends it (the backend's answer or an error).
type responseMediator struct {
	http.ResponseWriter
	p    *config.OperationPolicies
	done bool
}

func (m *responseMediator) apply() {
	if m.done {
		return
	}
	m.done = true
	h := m.ResponseWriter.Header()
	for _, n := range m.p.RemoveResponseHeaders {
		delete(h, n)
	}
	for _, nv := range m.p.SetResponseHeaders {
		h[nv.Name] = []string{nv.Value}
	}
}

func (m *responseMediator) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		m.apply()
	}
	m.ResponseWriter.WriteHeader(code)
}

func (m *responseMediator) Write(b []byte) (int, error) {
	m.apply()
	return m.ResponseWriter.Write(b)
}

// Flush lets streamed responses through.
func (m *responseMediator) Flush() {
	m.apply()
	if f, ok := m.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (m *responseMediator) Unwrap() http.ResponseWriter { return m.ResponseWriter }
