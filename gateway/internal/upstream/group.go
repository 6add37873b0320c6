package upstream

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// Default circuit breaker settings (an endpoint's config.Breaker overrides
// them): after BreakerFailures consecutive failures an endpoint of a group
// is skipped for BreakerCooldown; then calls may try it again, and one
// more failure opens it again.
const (
	BreakerFailures = 5
	BreakerCooldown = 30 * time.Second
)

// maxReplayBody is the largest request body kept to send again on a retry
// or failover; calls with larger bodies get one attempt.
const maxReplayBody = 1 << 20

// Group sends an API's calls of one key type to its endpoints: one URL, a
// load-balanced group or a failover group, with an attempt timeout,
// retries of idempotent calls and backend authentication.
type Group struct {
	kind    string
	members []*member
	timeout time.Duration
	retries int
	authz   []string           // a fixed Authorization value (basic), or nil
	tokens  oauth2.TokenSource // client credentials, cached until expiry, or nil
	next    atomic.Uint32      // round robin position
	// breakerFailures and breakerCooldown are the group's breaker settings.
	breakerFailures int32
	breakerCooldown time.Duration
	now             func() time.Time
	log             *slog.Logger
}

// member is one endpoint of a group with its circuit breaker.
type member struct {
	proxy *Proxy
	// failures counts consecutive failures; openUntil (unix nanoseconds)
	// is when an open breaker lets calls through again.
	failures  atomic.Int32
	openUntil atomic.Int64
}

// NewGroup returns a group for cfg (validated by config.Snapshot.Validate).
func NewGroup(cfg config.EndpointConfig, client *Client, log *slog.Logger) (*Group, error) {
	if client == nil {
		client = NewClient()
	}
	g := &Group{kind: cfg.Type, timeout: time.Duration(cfg.TimeoutMS) * time.Millisecond, retries: cfg.Retries, now: time.Now, log: log,
		breakerFailures: BreakerFailures, breakerCooldown: BreakerCooldown}
	if b := cfg.Breaker; b != nil {
		// Validate caps Failures at config.MaxBreakerFailures; the bound
		// here keeps the int32 conversion safe for a snapshot that skipped
		// validation (a larger count falls back to the default).
		if n := b.Failures; n > 0 && n <= config.MaxBreakerFailures {
			g.breakerFailures = int32(n)
		}
		if b.CooldownMS > 0 {
			g.breakerCooldown = time.Duration(b.CooldownMS) * time.Millisecond
		}
	}
	for _, u := range cfg.URLs {
		p, err := New(u, client, log)
		if err != nil {
			return nil, err
		}
		g.members = append(g.members, &member{proxy: p})
	}
	if a := cfg.Auth; a != nil {
		switch a.Type {
		case config.EndpointAuthBasic:
			g.authz = []string{"Basic " + base64.StdEncoding.EncodeToString([]byte(a.Username+":"+a.Password))}
		case config.EndpointAuthOAuth2:
			cc := clientcredentials.Config{ClientID: a.ClientID, ClientSecret: a.ClientSecret, TokenURL: a.TokenURL, Scopes: a.Scopes}
			// Token requests use their own bounded client, never the caller's
			// context: the cached token outlives the call that fetched it.
			ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Timeout: 10 * time.Second})
			g.tokens = cc.TokenSource(ctx) // caches the token until shortly before expiry
		}
	}
	return g, nil
}

// Serve proxies r to the group, returning 502 or 504 when it answered
// for the backend, 0 otherwise.
func (g *Group) Serve(w http.ResponseWriter, r *http.Request, rest string) int {
	if g.authz != nil {
		r.Header["Authorization"] = g.authz
	} else if g.tokens != nil {
		tok, err := g.tokens.Token()
		if err != nil {
			g.log.Warn("backend token request failed", "err", err)
			problem.Write(w, http.StatusBadGateway, "Bad Gateway", "the gateway could not get a token for the backend")
			return http.StatusBadGateway
		}
		r.Header["Authorization"] = []string{"Bearer " + tok.AccessToken}
	}
	attempts := 1
	if idempotent(r.Method) {
		attempts += g.retries
		if g.kind == config.EndpointFailover {
			attempts += len(g.members) - 1
		}
	}
	var body []byte
	if attempts > 1 && r.ContentLength != 0 && r.Body != nil && r.Body != http.NoBody {
		if r.ContentLength < 0 || r.ContentLength > maxReplayBody {
			attempts = 1
		} else {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				problem.Write(w, http.StatusBadRequest, "Bad Request", "the request body could not be read")
				return 0
			}
			body = b
		}
	}
	if attempts == 1 && g.timeout == 0 && len(g.members) == 1 {
		return g.members[0].proxy.Serve(w, r, rest) // the common case: no extra cost
	}
	prior, hadPrior := r.Header["X-Forwarded-For"]
	start := g.pick()
	for i := 0; i < attempts; i++ {
		m := g.members[start]
		if i > 0 {
			m = g.members[g.healthy(start+i)]
		}
		if hadPrior {
			r.Header["X-Forwarded-For"] = prior
		} else {
			delete(r.Header, "X-Forwarded-For")
		}
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		req, cancel := r, context.CancelFunc(nil)
		if g.timeout > 0 {
			var ctx context.Context
			ctx, cancel = context.WithTimeout(r.Context(), g.timeout)
			req = r.WithContext(ctx)
		}
		res := m.proxy.serve(w, req, rest, i < attempts-1)
		if cancel != nil {
			cancel()
		}
		m.record(res.failed, g.now(), g.breakerFailures, g.breakerCooldown)
		if !res.again {
			return res.answered
		}
		if r.Context().Err() != nil {
			return 0 // the caller went away between attempts
		}
	}
	// Not reached: the last attempt always answers.
	return 0
}

// pick is the first member to try: the next in turn for a load-balanced
// group, the first one not known to be down for a failover group.
func (g *Group) pick() int {
	if len(g.members) == 1 {
		return 0
	}
	if g.kind == config.EndpointLoadBalanced {
		return g.healthy(int(g.next.Add(1)-1) % len(g.members))
	}
	return g.healthy(0)
}

// healthy is the first member from i on (wrapping) whose breaker is
// closed; when all are open, i itself: a call still goes somewhere.
func (g *Group) healthy(i int) int {
	now := g.now().UnixNano()
	n := len(g.members)
	for k := 0; k < n; k++ {
		j := (i + k) % n
		if g.members[j].openUntil.Load() <= now {
			return j
		}
	}
	return i % n
}

// record feeds the breaker. Only groups skip open members: a lone
// endpoint keeps getting calls, so it answers as soon as it is back.
func (m *member) record(failed bool, now time.Time, threshold int32, cooldown time.Duration) {
	if !failed {
		if m.failures.Load() != 0 {
			m.failures.Store(0)
		}
		return
	}
	if m.failures.Add(1) >= threshold {
		m.failures.Store(threshold - 1) // after the cool-down, one failure reopens it
		m.openUntil.Store(now.Add(cooldown).UnixNano())
	}
}

// idempotent reports whether a call may be sent again (RFC 9110 9.2.2).
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace:
		return true
	}
	return false
}
