// Package upstream proxies a request to an API's backend.
package upstream

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
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
		MaxIdleConns:          2048,
		MaxIdleConnsPerHost:   512,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// Proxy sends requests to one backend base URL.
type Proxy struct {
	rp *httputil.ReverseProxy
}

type restKey struct{}

// New returns a proxy to target (an absolute http(s) URL).
func New(target string, transport http.RoundTripper, log *slog.Logger) (*Proxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	rp := &httputil.ReverseProxy{
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
			switch {
			case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
				// The client went away; nobody is left to answer.
				return
			case isTimeout(err):
				setFailure(r, http.StatusGatewayTimeout)
				problem.Write(w, http.StatusGatewayTimeout, "Gateway Timeout", "the backend did not answer in time")
			default:
				setFailure(r, http.StatusBadGateway)
				log.Warn("backend call failed", "backend", u.Host, "err", err)
				problem.Write(w, http.StatusBadGateway, "Bad Gateway", "the backend could not be reached")
			}
		},
	}
	return &Proxy{rp: rp}, nil
}

// Serve proxies r, replacing its path with rest (the part after the API's
// context and version, still escaped; the caller has refused dot segments).
// It returns 502 or 504 when it answered for an unreachable or slow
// backend, 0 otherwise.
func (p *Proxy) Serve(w http.ResponseWriter, r *http.Request, rest string) int {
	var failed int
	ctx := context.WithValue(r.Context(), restKey{}, rest)
	ctx = context.WithValue(ctx, failureKey{}, &failed)
	p.rp.ServeHTTP(w, r.WithContext(ctx))
	return failed
}

type failureKey struct{}

func setFailure(r *http.Request, status int) {
	if p, ok := r.Context().Value(failureKey{}).(*int); ok {
		*p = status
	}
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
