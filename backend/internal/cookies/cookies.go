// Package cookies names and shapes every cookie the control plane sets
// (portal session, sign-in flow state, federation state, Key Manager form
// token), so that one rule decides what they are called and how they are
// scoped.
//
// The rule, for a cookie named "session" with the default prefix:
//
//   - over HTTPS with no --cookie-domain: "__Host-gatehouse_session",
//     Secure, Path=/, no Domain (the browser then keeps it to this exact
//     host and refuses it from any other, including a sibling sub-domain);
//   - over HTTPS with --cookie-domain: "__Secure-gatehouse_session",
//     Secure, Domain set (the __Host- prefix forbids a Domain);
//   - over plain HTTP (a laptop on localhost): "gatehouse_session"; browsers
//     refuse both prefixes without Secure.
//
// Every name starts with the prefix, so a gateway that shares the host can
// strip the control plane's cookies by prefix (StripPrefixes) before it
// proxies a call to an API backend.
//
// The Policy travels in the request context (Middleware), like the viewer:
// the handlers that set cookies live in four packages, and a Policy per
// server lets tests run HTTP and HTTPS control planes side by side.
package cookies

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// DefaultPrefix starts every control-plane cookie name.
const DefaultPrefix = "gatehouse_"

// Base names of the control plane's cookies.
const (
	Session    = "session"    // the portal session (auth)
	SignIn     = "signin"     // the portal's OIDC sign-in flow state (signin)
	Federation = "federation" // sign-in through an external IdP (federation)
	OAuthCSRF  = "oauth_csrf" // the Key Manager's form double-submit token
)

// Policy is how the control plane names and scopes its cookies.
type Policy struct {
	// Prefix starts every name (after __Host- or __Secure-).
	Prefix string
	// Domain, when set, shares the cookies with sub-domains; empty keeps
	// them host-only.
	Domain string
	// HTTPS: the control plane is reached over HTTPS (its own TLS, or a
	// TLS-terminating proxy in front of it per --public-url).
	HTTPS bool
}

// Validate checks the operator's prefix and domain.
func (p Policy) Validate() error {
	var problems []error
	switch {
	case p.Prefix == "":
		problems = append(problems, errors.New("--cookie-prefix must not be empty"))
	case strings.HasPrefix(p.Prefix, "__"):
		problems = append(problems, errors.New("--cookie-prefix must not start with __ (the __Host-/__Secure- prefixes are added by the control plane)"))
	case !isToken(p.Prefix):
		problems = append(problems, fmt.Errorf("--cookie-prefix %q: use letters, digits, '_', '-' or '.'", p.Prefix))
	}
	if p.Domain != "" {
		d := strings.TrimPrefix(p.Domain, ".")
		if d == "" || strings.ContainsAny(d, ":/ ") || net.ParseIP(d) != nil || !isToken(d) {
			problems = append(problems, fmt.Errorf("--cookie-domain %q: want a host name such as example.com", p.Domain))
		}
	}
	return errors.Join(problems...)
}

// Name is the full name of the cookie with base name base.
func (p Policy) Name(base string) string {
	return p.namePrefix() + base
}

func (p Policy) namePrefix() string {
	prefix := p.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	switch {
	case p.HTTPS && p.Domain == "":
		return "__Host-" + prefix
	case p.HTTPS:
		return "__Secure-" + prefix
	default:
		return prefix
	}
}

// StripPrefixes are the name prefixes of every cookie this policy can
// set, in each form (plain, __Host-, __Secure-): what a gateway on the same
// host must remove from calls it proxies.
func (p Policy) StripPrefixes() []string {
	prefix := p.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return []string{prefix, "__Host-" + prefix, "__Secure-" + prefix}
}

// Cookie is what a handler asks for: the rest comes from the policy.
type Cookie struct {
	Base  string // one of the base names above
	Value string
	// Path scopes the cookie over plain HTTP or with a Domain; a __Host-
	// cookie must have Path=/ and gets it.
	Path     string
	Expires  time.Time
	MaxAge   int
	SameSite http.SameSite
}

// New is the http.Cookie for c under the policy, for request r.
func (p Policy) New(r *http.Request, c Cookie) *http.Cookie {
	out := &http.Cookie{
		Name: p.Name(c.Base), Value: c.Value, Path: c.Path, Expires: c.Expires, MaxAge: c.MaxAge,
		HttpOnly: true, SameSite: c.SameSite,
	}
	if out.SameSite == 0 || out.SameSite == http.SameSiteDefaultMode || out.SameSite == http.SameSiteNoneMode {
		// None would send the session along with cross-site requests.
		out.SameSite = http.SameSiteLaxMode
	}
	if out.Path == "" {
		out.Path = "/"
	}
	switch {
	case p.HTTPS && p.Domain == "":
		out.Secure, out.Path = true, "/"
	case p.HTTPS:
		out.Secure, out.Domain = true, p.Domain
	default:
		out.Domain = p.Domain
		out.Secure = secureContext(r)
	}
	return out
}

// Set sets c on w under the request's policy.
func Set(w http.ResponseWriter, r *http.Request, c Cookie) {
	http.SetCookie(w, From(r.Context()).New(r, c))
}

// Clear tells the browser to forget the cookie c names (Value and expiry
// are ignored); the attributes match Set's, or the browser keeps it.
func Clear(w http.ResponseWriter, r *http.Request, c Cookie) {
	c.Value, c.Expires, c.MaxAge = "", time.Time{}, -1
	Set(w, r, c)
}

// Get is the value of the cookie with base name base under the request's
// policy ("" when absent). Only the current name is read: after a rename
// (a new prefix, or a switch to HTTPS) browsers sign in once more.
func Get(r *http.Request, base string) string {
	c, err := r.Cookie(From(r.Context()).Name(base))
	if err != nil {
		return ""
	}
	return c.Value
}

type policyKey struct{}

// With is ctx carrying p.
func With(ctx context.Context, p Policy) context.Context {
	return context.WithValue(ctx, policyKey{}, p)
}

// From is the policy in ctx, or the plain-HTTP default.
func From(ctx context.Context) Policy {
	if p, ok := ctx.Value(policyKey{}).(Policy); ok {
		return p
	}
	return Policy{Prefix: DefaultPrefix}
}

// Middleware puts p in every request's context.
func Middleware(p Policy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(With(r.Context(), p)))
		})
	}
}

// secureContext tells whether a browser on plain HTTP keeps a Secure
// cookie: on loopback, which browsers treat as a secure origin.
func secureContext(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isToken(s string) bool {
	for _, c := range s {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
		if !ok {
			return false
		}
	}
	return s != ""
}
