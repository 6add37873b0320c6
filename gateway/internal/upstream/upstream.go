// Package upstream proxies a request to an API's backend.
//
// Ordinary calls take a lean path: the upstream request is built by hand
// from the incoming one (its header map reused after the hop-by-hop fields
// are dropped), sent on a shared, tuned Transport, and the answer copied
// back through pooled buffers. Upgrades (WebSocket) and calls asking for
// trailers go through httputil.ReverseProxy, which handles both.
package upstream

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// NewTransport is the shared connection pool to backends, tuned for a
// gateway: many idle connections per backend, bounded waits everywhere.
func NewTransport() *http.Transport {
	return &http.Transport{
		Proxy: nil, // backends are called directly, never through HTTP_PROXY
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          4096,
		MaxIdleConnsPerHost:   1024,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
		// Bodies pass through as the backend encoded them; the gateway never
		// asks for gzip itself and so never decompresses.
		DisableCompression: true,
		WriteBufferSize:    16 << 10,
		ReadBufferSize:     16 << 10,
	}
}

// Proxy sends requests to one backend base URL.
type Proxy struct {
	target    *url.URL
	basePath  string // target path without its trailing slash
	transport http.RoundTripper
	h1        *h1Client // nil: every call through transport
	addr      string    // host:port of an http target, for h1
	log       *slog.Logger
	rp        *httputil.ReverseProxy // upgrades and trailers
}

type restKey struct{}

// Client is the gateway's way to backends: a tuned http.Transport and,
// for bodiless calls to plain-http backends, a leaner HTTP/1.1 client.
type Client struct {
	Transport *http.Transport
	h1        *h1Client
}

// NewClient returns the shared client (pools) for every proxy.
func NewClient() *Client { return &Client{Transport: NewTransport(), h1: newH1Client()} }

// New returns a proxy to target (an absolute http(s) URL) using client's
// pools. A nil client means a private one.
func New(target string, client *Client, log *slog.Logger) (*Proxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = NewClient()
	}
	p := &Proxy{target: u, basePath: strings.TrimSuffix(u.EscapedPath(), "/"), transport: client.Transport, log: log}
	if u.Scheme == "http" {
		p.h1 = client.h1
		p.addr = u.Host
		if u.Port() == "" {
			p.addr = net.JoinHostPort(u.Hostname(), "80")
		}
	}
	transport := client.Transport
	p.rp = &httputil.ReverseProxy{
		Transport:     transport,
		FlushInterval: -1, // stream responses (SSE, chunked) as they come
		Rewrite: func(pr *httputil.ProxyRequest) {
			rest, _ := pr.In.Context().Value(restKey{}).(string)
			unescaped, err := url.PathUnescape(rest)
			if err != nil {
				unescaped = rest
			}
			pr.Out.URL.Path, pr.Out.URL.RawPath = unescaped, rest
			pr.SetURL(u)
			pr.SetXForwarded()
			pr.Out.Host = u.Host
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if f, ok := r.Context().Value(failureKey{}).(*int); ok {
				*f = p.fail(w, r, err)
			}
		},
	}
	return p, nil
}

// Serve proxies r, replacing its path with rest (the part after the API's
// context and version, still escaped; the caller has refused dot segments).
// It returns 502 or 504 when it answered for an unreachable or slow
// backend, 0 otherwise.
func (p *Proxy) Serve(w http.ResponseWriter, r *http.Request, rest string) int {
	return p.serve(w, r, rest, false).answered
}

// result is how one attempt went.
type result struct {
	// answered is 502 or 504 when the gateway answered for the backend.
	answered int
	// failed: a connection error, a timeout or a 5xx answer.
	failed bool
	// again: the attempt failed and wrote nothing, so another may follow.
	again bool
}

// serve is Serve; with retryable set, a failure (connection error,
// timeout, 5xx answer) writes nothing and reports again instead, so the
// caller can try another attempt.
func (p *Proxy) serve(w http.ResponseWriter, r *http.Request, rest string, retryable bool) result {
	if r.Header.Get("Upgrade") != "" || hasToken(r.Header["Te"], "trailers") {
		var failed int
		ctx := context.WithValue(r.Context(), restKey{}, rest)
		ctx = context.WithValue(ctx, failureKey{}, &failed)
		p.rp.ServeHTTP(w, r.WithContext(ctx))
		return result{answered: failed, failed: failed != 0}
	}
	out := p.outRequest(r, rest)
	if p.h1 != nil && usable(out) {
		return p.serveH1(w, r, out, retryable)
	}
	resp, err := p.transport.RoundTrip(out)
	if err != nil {
		if retryable && r.Context().Err() == nil || retryable && isTimeout(err) {
			return result{failed: true, again: true}
		}
		return result{answered: p.fail(w, r, err), failed: true}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 && retryable {
		return result{failed: true, again: true}
	}
	p.answer(w, resp)
	return result{failed: resp.StatusCode >= 500}
}

// answer copies the backend's answer to w and reports whether its body
// was read to the end.
func (p *Proxy) answer(w http.ResponseWriter, resp *http.Response) bool {
	removeHopHeaders(resp.Header)
	h := w.Header()
	for k, v := range resp.Header {
		h[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	return copyBody(w, resp)
}

// serveH1 is Serve on the h1 client: a pooled connection, or a fresh one
// when there is none or the pooled one turns out closed.
func (p *Proxy) serveH1(w http.ResponseWriter, r *http.Request, out *http.Request, retryable bool) result {
	ctx := r.Context()
	pc := p.h1.get(p.addr)
	reused := pc != nil
	var resp *http.Response
	var err error
	for {
		if pc == nil {
			if pc, err = p.h1.dial(ctx, p.addr); err != nil {
				break
			}
		}
		// The caller going away ends a blocked write or read.
		stop := context.AfterFunc(ctx, func() { _ = pc.c.SetDeadline(aLongTimeAgo) })
		resp, err = pc.roundTrip(out, reused, p.h1.responseHeaderTimeout)
		if err == nil && resp.StatusCode >= 500 && retryable {
			stop()
			resp.Body.Close()
			pc.c.Close()
			return result{failed: true, again: true}
		}
		if err == nil {
			ok := p.answer(w, resp)
			resp.Body.Close()
			if stop() && ok && !resp.Close && ctx.Err() == nil {
				p.h1.put(p.addr, pc)
			} else {
				pc.c.Close()
			}
			return result{failed: resp.StatusCode >= 500}
		}
		stop()
		pc.c.Close()
		if errors.Is(err, errStale) && ctx.Err() == nil {
			pc, reused = nil, false
			continue
		}
		break
	}
	if ctx.Err() != nil {
		// The caller went away (Canceled) or the endpoint's timeout passed
		// (DeadlineExceeded: 504).
		err = ctx.Err()
	}
	if retryable && (ctx.Err() == nil || errors.Is(err, context.DeadlineExceeded)) {
		return result{failed: true, again: true}
	}
	return result{answered: p.fail(w, r, err), failed: true}
}

// outRequest builds the backend request from r. r's header map is reused:
// the handler owns it and nothing reads it after the proxy.
func (p *Proxy) outRequest(r *http.Request, rest string) *http.Request {
	out := new(http.Request)
	*out = *r
	out.RequestURI = ""
	u := &url.URL{Scheme: p.target.Scheme, Host: p.target.Host, RawQuery: r.URL.RawQuery}
	joined := p.basePath + rest
	if strings.IndexByte(joined, '%') < 0 {
		u.Path = joined
	} else if unescaped, err := url.PathUnescape(joined); err == nil {
		u.Path, u.RawPath = unescaped, joined
	} else {
		u.Path = joined
	}
	out.URL = u
	out.Host = p.target.Host
	out.Close = false
	if r.ContentLength == 0 {
		out.Body = nil // a known empty body; non-nil would be sent chunked
	}
	h := r.Header
	removeHopHeaders(h)
	if _, ok := h["User-Agent"]; !ok {
		h["User-Agent"] = nil // do not let the Transport add Go's
	}
	if ip, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		if prior := h["X-Forwarded-For"]; len(prior) > 0 {
			ip = strings.Join(prior, ", ") + ", " + ip
		}
		h["X-Forwarded-For"] = []string{ip}
	}
	if _, ok := h["X-Forwarded-Host"]; !ok {
		h["X-Forwarded-Host"] = []string{r.Host}
	}
	if r.TLS != nil {
		h["X-Forwarded-Proto"] = protoHTTPS
	} else {
		h["X-Forwarded-Proto"] = protoHTTP
	}
	return out
}

var (
	protoHTTP  = []string{"http"}
	protoHTTPS = []string{"https"}
)

// hopHeaders are meaningful for one connection only (RFC 9110 7.6.1).
var hopHeaders = []string{
	"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
}

func removeHopHeaders(h http.Header) {
	for _, f := range h["Connection"] {
		for _, name := range strings.Split(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				h.Del(name)
			}
		}
	}
	for _, k := range hopHeaders {
		delete(h, k)
	}
}

func hasToken(values []string, token string) bool {
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// copyBody sends the backend's body on and reports whether it read it to
// the end. A body of unknown length (chunked, server-sent events) is
// flushed after every read, so streams flow.
func copyBody(w http.ResponseWriter, resp *http.Response) bool {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	var rc *http.ResponseController
	if resp.ContentLength < 0 {
		rc = http.NewResponseController(w)
	}
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return false
			}
			if rc != nil {
				_ = rc.Flush()
			}
		}
		if err != nil {
			// io.EOF, or the backend broke off: the client sees a short body.
			return err == io.EOF
		}
	}
}

// fail answers for a backend that could not be reached or was too slow,
// and returns the status it used (0 when the client had gone).
func (p *Proxy) fail(w http.ResponseWriter, r *http.Request, err error) int {
	switch {
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		return 0 // the client went away; nobody is left to answer
	case isTimeout(err):
		problem.Write(w, http.StatusGatewayTimeout, "Gateway Timeout", "the backend did not answer in time")
		return http.StatusGatewayTimeout
	default:
		p.log.Warn("backend call failed", "backend", p.target.Host, "err", err)
		problem.Write(w, http.StatusBadGateway, "Bad Gateway", "the backend could not be reached")
		return http.StatusBadGateway
	}
}

type failureKey struct{}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
