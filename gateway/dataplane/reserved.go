package dataplane

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Headers the gateway reserves toward backends. A backend trusts what the
// gateway tells it, so nothing a client sends may pass for the gateway's
// word: on every API, before mediation and the backend JWT add their own,
// stripReserved removes
//
//   - reservedHeaders and anything starting with reservedPrefixes: the
//     backend-JWT header (the default name, whatever the API uses, and the
//     API's own), the forwarding headers a proxy vouches for, and the
//     client-certificate headers TLS terminators pass to backends (the
//     gateway checks certificates itself and tells the backend in its JWT);
//   - spellings of the headers the gateway sets itself (gatewaySet) other
//     than the canonical one, such as X_Request_Id: servers behind CGI or
//     WSGI read X-Request-Id and X_Request_Id as the same variable;
//   - names listed in Connection, now rather than at the proxy: after the
//     gateway has added its own headers, a client's "Connection:
//     X-JWT-Assertion" would remove them;
//   - the control plane's cookies (StripCookiePrefixes): the portals and
//     the embedded gateway share a host, so a browser signed in to a
//     portal sends its session with every call through the gateway.
//
// X-Forwarded-For is kept and the gateway appends its peer to it, as
// proxies do: its last entry is the one the gateway vouches for. The
// gateway then sets X-Request-Id and Traceparent (trace.go, replacing the
// client's), the backend JWT (backendjwt.go), X-Forwarded-For, -Host and
// -Proto (upstream) and, for backends with credentials, Authorization
// (upstream.Group). Names are compared ignoring case, with '_' and '-'
// alike.
var (
	reservedHeaders = []string{
		config.DefaultBackendJWTHeader,
		"forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
		"x-forwarded-client-cert", "x-client-cert", "x-client-cert-chain", "x-client-verify",
		"client-cert", "client-cert-chain", // RFC 9440
		"ssl-client-cert", "ssl-client-verify", "x-arr-clientcert",
	}
	// reservedPrefixes: X-Forwarded-For aside (see above), every
	// X-Forwarded- header is the gateway's to set.
	reservedPrefixes = []string{"x-gatehouse-", "x-forwarded-", "x-ssl-"}
	gatewaySet       = []string{"X-Forwarded-For", "X-Request-Id", "Traceparent", "Tracestate"}
)

// DefaultStripCookiePrefixes name the control plane's cookies: its session
// and sign-in cookies are gatehouse_*, and with the __Host- or __Secure-
// prefix __Host-gatehouse* and __Secure-gatehouse*.
var DefaultStripCookiePrefixes = []string{"gatehouse_", "__Host-gatehouse", "__Secure-gatehouse"}

// ParseCookiePrefixes reads a comma-separated list of cookie name
// prefixes (the --strip-cookie-prefix flag). Prefixes are case-sensitive,
// as cookie names are; at least one is required, since without one the
// portals' session would reach backends.
func ParseCookiePrefixes(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		for i := 0; i < len(p); i++ {
			if c := p[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, c) >= 0 {
				return nil, errors.New("a cookie name prefix may hold only token characters (RFC 6265)")
			}
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, errors.New("name at least one cookie prefix, such as " + strings.Join(DefaultStripCookiePrefixes, ","))
	}
	return out, nil
}

// stripReserved is the pipeline step described at reservedHeaders. It
// allocates only to rewrite a Cookie header that held a control-plane
// cookie among others.
func (g *Gateway) stripReserved(r *http.Request, c *call) {
	h := r.Header
	var own string // the API's backend-JWT header, when it names one
	if bj := c.route.backendJWT; bj != nil {
		own = bj.Header
	}
	for k := range h {
		if reservedHeader(k) || own != "" && headerNameIs(k, own) {
			delete(h, k)
		}
	}
	if v, ok := h["Connection"]; ok {
		stripConnection(h, v)
	}
	if v, ok := h["Cookie"]; ok {
		stripCookies(h, v, g.stripCookies)
	}
}

// reservedHeader reports whether a client may not send the header named k.
func reservedHeader(k string) bool {
	for _, n := range reservedHeaders {
		if headerNameIs(k, n) {
			return true
		}
	}
	for _, p := range reservedPrefixes {
		if len(k) >= len(p) && headerNameIs(k[:len(p)], p) {
			return k != "X-Forwarded-For"
		}
	}
	for _, n := range gatewaySet {
		if k != n && headerNameIs(k, n) {
			return true
		}
	}
	return false
}

// headerNameIs compares header names ignoring ASCII case, with '_' and
// '-' alike.
func headerNameIs(k, name string) bool {
	if len(k) != len(name) {
		return false
	}
	for i := 0; i < len(k); i++ {
		a, b := k[i], name[i]
		if a == b {
			continue
		}
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		} else if a == '_' {
			a = '-'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		} else if b == '_' {
			b = '-'
		}
		if a != b {
			return false
		}
	}
	return true
}

// stripConnection applies the client's Connection header now: the headers
// it names are removed, and only an Upgrade token is kept (the WebSocket
// proxy needs it; the gateway's own connection to the backend has its own
// Connection header). The headers the gateway set before this step
// (gatewaySet) are not the client's to remove.
func stripConnection(h http.Header, values []string) {
	upgrade := false
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			switch {
			case strings.EqualFold(name, "upgrade"):
				upgrade = true
			case name == "" || slices.ContainsFunc(gatewaySet, func(n string) bool { return headerNameIs(name, n) }):
				// The gateway's own headers stay; only the token goes.
			default:
				h.Del(name)
			}
		}
	}
	if upgrade {
		h["Connection"] = []string{"Upgrade"}
	} else {
		delete(h, "Connection")
	}
}

// stripCookies removes from the Cookie header every cookie whose name
// starts with one of prefixes, keeping the others byte for byte. Cookie
// pairs are split as RFC 6265 section 5.4 writes them and net/http reads
// them ("; " between pairs, the name before the first '='); names are
// case-sensitive. Several Cookie headers (HTTP/2 sends each cookie in its
// own) are handled alike; one left empty is removed.
func stripCookies(h http.Header, values []string, prefixes []string) {
	if !anyCookieMatches(values, prefixes) {
		return // the common case: nothing to remove, nothing allocated
	}
	kept := make([]string, 0, len(values))
	for _, v := range values {
		var b strings.Builder
		for part := range strings.SplitSeq(v, ";") {
			part = strings.TrimSpace(part)
			if part == "" || cookieMatches(part, prefixes) {
				continue
			}
			if b.Len() > 0 {
				b.WriteString("; ")
			}
			b.WriteString(part)
		}
		if b.Len() > 0 {
			kept = append(kept, b.String())
		}
	}
	if len(kept) == 0 {
		delete(h, "Cookie")
		return
	}
	h["Cookie"] = kept
}

func anyCookieMatches(values []string, prefixes []string) bool {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ";") {
			if cookieMatches(strings.TrimSpace(part), prefixes) {
				return true
			}
		}
	}
	return false
}

// cookieMatches reports whether the pair's name starts with a prefix. A
// pair without '=' is matched by the whole of it: some servers read it as
// a name without a value.
func cookieMatches(pair string, prefixes []string) bool {
	name, _, _ := strings.Cut(pair, "=")
	name = strings.TrimSpace(name)
	for _, p := range prefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// SetStripCookiePrefixes sets the names of the cookies the gateway never
// forwards (DefaultStripCookiePrefixes until then); call it before
// serving.
func (g *Gateway) SetStripCookiePrefixes(prefixes []string) error {
	if len(prefixes) == 0 {
		return errors.New("at least one cookie prefix is required")
	}
	g.stripCookies = append([]string(nil), prefixes...)
	return nil
}
