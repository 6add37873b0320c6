package auth

import (
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
)

// CrossOriginExempt are the state-changing endpoints a foreign origin may
// call: none of them acts on a browser's cookies.
//   - /oauth2/token, /oauth2/introspect, /oauth2/revoke: the client
//     authenticates itself (secret or assertion) in the request.
//   - /oauth2/userinfo: the access token is the credential (bearer).
//   - /oauth2/authorize: OpenID Connect lets a relying party send the
//     authorization request as a form POST from its own site; it is the
//     same request as the GET and ends at the client's registered callback.
//   - /oauth2/logout: RP-initiated logout may be POSTed by the relying
//     party; the confirmation form keeps its own double-submit token.
//   - /api/gateway/v1/, /api/service-catalog/v1/: bearer tokens (gateway
//     token, service catalog tokens), no cookies.
//   - /samples/: the demo backends hold no session.
//
// Everything else that changes state (/auth/*, /api/auth/*, /graphql, the
// Key Manager's login and consent forms, /api/publisher/v1) is checked.
var CrossOriginExempt = []string{
	"POST /oauth2/token", "POST /oauth2/introspect", "POST /oauth2/revoke",
	"POST /oauth2/userinfo", "POST /oauth2/authorize", "POST /oauth2/logout",
	"/api/gateway/v1/", "/api/service-catalog/v1/", "/samples/",
}

// CrossOrigin refuses state-changing requests (not GET, HEAD or OPTIONS) a
// browser sends from another origin, so a foreign page cannot sign a
// victim in as the attacker (login CSRF) or post with the victim's cookies.
// It is net/http's CrossOriginProtection: Sec-Fetch-Site must be
// same-origin (or none: the user typed or bookmarked it), else an Origin
// header must name the request's own host or publicURL's origin; a request
// with neither header is not from a browser (server-to-server callers)
// and passes. The SameSite=Strict session cookie and the X-CSRF-Token
// header of GraphQL stay as further layers.
func CrossOrigin(publicURL string) func(http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	// The configuration checked the URL (scheme and host) at start.
	if u, err := url.Parse(publicURL); err == nil && u.Scheme != "" && u.Host != "" {
		_ = p.AddTrustedOrigin(u.Scheme + "://" + u.Host)
	}
	for _, pattern := range CrossOriginExempt {
		p.AddInsecureBypassPattern(pattern)
	}
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, errs.E(errs.Forbidden, "cross-origin request refused"))
	}))
	return p.Handler
}

// RequireJSON refuses a body that is not application/json: an HTML form
// can send text/plain or a form encoding without a CORS preflight, never
// JSON, so a JSON-only endpoint cannot be driven by a foreign form.
func RequireJSON(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !strings.EqualFold(mt, "application/json") {
		return errs.E(errs.Invalid, "the body must be application/json")
	}
	return nil
}
