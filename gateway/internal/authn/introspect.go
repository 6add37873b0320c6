package authn

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Opaque (reference) tokens are verified by asking their key manager
// (RFC 7662 introspection) instead of checking a signature. The answer is
// cached in the token cache, keyed by the token's hash like verified JWTs,
// until the token expires or TTL passes, whichever is first; a "not
// active" answer is cached for NegativeTTL. A revocation reaches the
// gateway as a jti in the snapshot's revocation list and is checked on
// every call, cached or not, so it does not wait for the TTL.

// IntrospectFunc asks the built-in key manager about token and returns
// its RFC 7662 response.
type IntrospectFunc func(ctx context.Context, token string) (map[string]any, error)

// Introspection verifies opaque tokens for every snapshot's authenticator
// (make one with NewIntrospection);
// it outlives snapshots (its negative cache and in-flight calls do).
type Introspection struct {
	// BuiltIn asks the built-in key manager (nil: its opaque tokens are
	// refused). The all-in-one calls it in process; a standalone gateway
	// through the control plane's gateway API (RemoteIntrospector).
	BuiltIn IntrospectFunc
	// Client calls third-party introspection endpoints.
	Client *http.Client
	// Timeout bounds one introspection (default 2 s).
	Timeout time.Duration
	// TTL caps how long an active answer is trusted (default 30 s).
	TTL time.Duration
	// NegativeTTL is how long a "not active" answer is (default 5 s).
	NegativeTTL time.Duration

	negative *lru.Cache[[sha256.Size]byte, negative]
	flight   singleflight.Group
}

type negative struct {
	apiID string
	until time.Time
}

// NewIntrospection returns an introspection with the defaults.
func NewIntrospection(builtIn IntrospectFunc) *Introspection {
	neg, _ := lru.New[[sha256.Size]byte, negative](10_000)
	return &Introspection{BuiltIn: builtIn, Client: &http.Client{Timeout: 10 * time.Second},
		Timeout: 2 * time.Second, TTL: 30 * time.Second, NegativeTTL: 5 * time.Second, negative: neg}
}

// target is a key manager that can introspect tokens.
type target struct {
	issuer, audience string
	builtIn          bool
	external         bool
	endpoint         *config.IssuerIntrospection
}

// ErrIntrospectionStatus is an introspection endpoint answering non-200.
var ErrIntrospectionStatus = errors.New("introspection endpoint answered an error")

// RemoteIntrospector asks a control plane's gateway API
// (POST {controlPlane}/api/gateway/v1/introspect) with the gateway token.
func RemoteIntrospector(client *http.Client, controlPlane, gatewayToken string) IntrospectFunc {
	endpoint := strings.TrimRight(controlPlane, "/") + "/api/gateway/v1/introspect"
	return func(ctx context.Context, token string) (map[string]any, error) {
		return post(ctx, client, endpoint, token, func(r *http.Request) {
			r.Header.Set("Authorization", "Bearer "+gatewayToken)
		})
	}
}

// post sends an RFC 7662 request and decodes the response.
func post(ctx context.Context, client *http.Client, endpoint, token string, auth func(*http.Request)) (map[string]any, error) {
	form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	auth(req)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fmt.Errorf("%w: %s", ErrIntrospectionStatus, resp.Status)
	}
	var out map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&out); err != nil {
		return nil, fmt.Errorf("introspection response: %w", err)
	}
	return out, nil
}

// ask introspects token at t; concurrent calls for one token share one
// request, bounded by Timeout whatever the callers' contexts.
func (in *Introspection) ask(ctx context.Context, t *target, token string, sum [sha256.Size]byte) (map[string]any, error) {
	key := t.issuer + "\x00" + string(sum[:])
	v, err, _ := in.flight.Do(key, func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), in.Timeout)
		defer cancel()
		if t.builtIn {
			if in.BuiltIn == nil {
				return map[string]any{"active": false}, nil
			}
			return in.BuiltIn(ctx, token)
		}
		ep := t.endpoint
		return post(ctx, in.Client, ep.Endpoint, token, func(r *http.Request) {
			if ep.ClientID != "" {
				r.SetBasicAuth(url.QueryEscape(ep.ClientID), url.QueryEscape(ep.ClientSecret))
			}
		})
	})
	if err != nil {
		return nil, err
	}
	return v.(map[string]any), nil
}

// builtInPrefix starts the built-in key manager's opaque access tokens
// (fosite's HMAC strategy).
const builtInPrefix = "ory_at_"

// looksJWT tells a compact JWS from an opaque token.
func looksJWT(raw string) bool { return strings.Count(raw, ".") == 2 }

// targetsFor lists the key managers that may vouch for an opaque token
// sent to apiID: the built-in one first, then third parties the API
// accepts that have an introspection endpoint.
func (a *Authenticator) targetsFor(apiID string) []*target {
	out := make([]*target, 0, len(a.targets))
	for _, t := range a.targets {
		if allowed, ok := a.restricted[t.issuer]; ok && !allowed[apiID] {
			continue
		}
		out = append(out, t)
	}
	return out
}

// introspect verifies an opaque token for apiID.
func (a *Authenticator) introspect(ctx context.Context, raw, apiID string, sum [sha256.Size]byte) (*verified, *Error) {
	in := a.introspection
	if in == nil || len(a.targets) == 0 {
		return nil, unauthorized("the access token is malformed")
	}
	now := a.now()
	if n, ok := in.negative.Get(sum); ok && n.apiID == apiID && now.Before(n.until) {
		return nil, unauthorized("the access token is not active")
	}
	targets := a.targetsFor(apiID)
	if len(targets) == 0 {
		return nil, unauthorized("no key manager of this API accepts opaque access tokens")
	}
	var failed error
	for _, t := range targets {
		// The built-in key manager's opaque tokens carry fosite's prefix;
		// other tokens are not worth a lookup there.
		if t.builtIn && !strings.HasPrefix(raw, builtInPrefix) {
			continue
		}
		resp, err := in.ask(ctx, t, raw, sum)
		if err != nil {
			failed = err
			continue
		}
		if active, _ := resp["active"].(bool); !active {
			continue
		}
		v, aerr := a.fromIntrospection(t, resp, now)
		if aerr != nil {
			return nil, aerr
		}
		if a.cache != nil {
			a.cache.lru.Add(sum, v)
		}
		return v, nil
	}
	if failed != nil {
		return nil, &Error{Status: http.StatusServiceUnavailable, Message: "Service Unavailable",
			Detail: "the key manager could not be reached to verify the access token"}
	}
	in.negative.Add(sum, negative{apiID: apiID, until: now.Add(in.NegativeTTL)})
	return nil, unauthorized("the access token is not active")
}

// fromIntrospection reads an active RFC 7662 response as a verified token.
func (a *Authenticator) fromIntrospection(t *target, resp map[string]any, now time.Time) (*verified, *Error) {
	if iss := stringClaim(resp["iss"]); iss != "" && iss != t.issuer {
		return nil, unauthorized("the access token was issued by another key manager")
	}
	if t.audience != "" && !audienceHas(resp["aud"], t.audience) {
		return nil, unauthorized("the access token is not meant for this gateway")
	}
	v := &verified{issuer: t.issuer, audience: t.audience, external: t.external, introspected: true}
	if exp, ok := numClaim(resp["exp"]); ok {
		v.expiry = time.Unix(exp, 0)
	} else {
		v.expiry = now.Add(a.introspection.TTL)
	}
	if nbf, ok := numClaim(resp["nbf"]); ok {
		v.notBefore = time.Unix(nbf, 0)
	}
	// Bulk revocation rules compare iat; without one the token is taken
	// as old as can be (a rule covers it).
	v.issuedAt, _ = numClaim(resp["iat"])
	if !t.external {
		v.subject = stringClaim(resp["sub"])
	}
	v.cacheUntil = now.Add(a.introspection.TTL)
	if v.expiry.Before(v.cacheUntil) {
		v.cacheUntil = v.expiry
	}
	jti := stringClaim(resp["jti"])
	if t.external {
		m := a.external[t.issuer].claims
		user := stringClaim(resp[m.User])
		v.principal = Principal{ClientID: stringClaim(resp[m.ClientID]), Subscriber: user, User: user,
			Scopes: listClaim(resp[m.Scopes]), JTI: jti}
		return v, nil
	}
	v.principal = Principal{ClientID: stringClaim(resp["client_id"]), ApplicationID: stringClaim(resp["application_id"]),
		Application: stringClaim(resp["application"]), Subscriber: stringClaim(resp["subscriber"]),
		KeyType: stringClaim(resp["key_type"]), Scopes: strings.Fields(stringClaim(resp["scope"])), JTI: jti,
		User: stringClaim(resp["username"])}
	return v, nil
}

func numClaim(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case int64:
		return n, true
	case int:
		return int64(n), true
	}
	return 0, false
}

func audienceHas(v any, want string) bool {
	switch a := v.(type) {
	case string:
		return a == want
	case []any:
		for _, e := range a {
			if s, _ := e.(string); s == want {
				return true
			}
		}
	case []string:
		for _, s := range a {
			if s == want {
				return true
			}
		}
	}
	return false
}
