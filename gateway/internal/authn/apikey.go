package authn

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"strings"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// APIKeyHeader carries an API key (WSO2's header name).
const APIKeyHeader = "apikey"

// apiKeyType is the JWT typ the Key Manager gives API keys.
const apiKeyType = "apikey+jwt" // #nosec G101 -- a JWT typ header value, not a credential

// apiKeyClaims are an API key's claims: who it speaks for and where it may
// be used from.
type apiKeyClaims struct {
	jwt.Claims
	ApplicationID   string   `json:"application_id"`
	Application     string   `json:"application"`
	Subscriber      string   `json:"subscriber"`
	KeyType         string   `json:"key_type"`
	AllowedIPs      []string `json:"allowed_ips"`
	AllowedReferers []string `json:"allowed_referers"`
}

// AuthenticateCallInto authenticates a call into p: by its API key when it
// sends the apikey header, by its bearer token otherwise.
func (a *Authenticator) AuthenticateCallInto(r *http.Request, apiID string, scopes []string, p *Principal) *Error {
	if r.Header.Get(APIKeyHeader) == "" {
		return a.AuthenticateInto(r, apiID, scopes, p)
	}
	kp, err := a.AuthenticateAPIKey(r, apiID, scopes)
	if err != nil {
		return err
	}
	*p = *kp
	return nil
}

// AuthenticateAPIKey checks the call's API key: signature by a trusted
// key manager, validity window, revocation (which a rotation may set in
// the future), IP and Referer restrictions, then the subscription, as for
// tokens. API keys carry no scopes, so scoped operations need a token.
func (a *Authenticator) AuthenticateAPIKey(r *http.Request, apiID string, scopes []string) (*Principal, *Error) {
	raw := strings.TrimSpace(r.Header.Get(APIKeyHeader))
	tok, err := jwt.ParseSigned(raw, algorithms)
	if err != nil || len(tok.Headers) != 1 {
		return nil, unauthorized("the API key is malformed")
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); !strings.EqualFold(typ, apiKeyType) {
		return nil, unauthorized("the apikey header does not hold an API key")
	}
	// API keys are Gatehouse's own: third-party keys never sign them.
	var ik issuerKey
	for _, k := range a.keys[h.KeyID] {
		if !k.external {
			ik = k
			break
		}
	}
	if ik.issuer == "" {
		return nil, unauthorized("the API key was not signed by a trusted key manager")
	}
	var c apiKeyClaims
	if err := tok.Claims(ik.key.Key, &c); err != nil {
		return nil, unauthorized("the API key signature is invalid")
	}
	now := a.now()
	if c.Expiry == nil {
		return nil, unauthorized("the API key has no expiry")
	}
	switch err := c.Claims.ValidateWithLeeway(jwt.Expected{Issuer: ik.issuer, AnyAudience: jwt.Audience{ik.audience}, Time: now}, Leeway); {
	case errors.Is(err, jwt.ErrExpired):
		return nil, unauthorized("the API key has expired")
	case err != nil:
		return nil, unauthorized("the API key is not valid here: " + err.Error())
	}
	if rt, revoked := a.revokedKeys[c.ID]; revoked && !now.Before(rt.From) {
		return nil, unauthorized("the API key was revoked")
	}
	if !ipAllowed(c.AllowedIPs, r) {
		return nil, forbidden("the API key may not be used from this address")
	}
	if !refererAllowed(c.AllowedReferers, r.Header.Get("Referer")) {
		return nil, forbidden("the API key may not be used from this referrer")
	}
	p := &Principal{
		ClientID: "", ApplicationID: c.ApplicationID, Application: c.Application,
		Subscriber: c.Subscriber, KeyType: c.KeyType, JTI: c.ID, EndUser: c.Subject, Expiry: c.Expiry.Time(),
		User: c.Subscriber, // an API key is the application's: its owner
	}
	if aerr := a.subscribed(p, apiID); aerr != nil {
		return nil, aerr
	}
	if len(scopes) > 0 {
		return nil, forbidden("this operation needs an access token with one of the scopes " + strings.Join(scopes, ", ") + "; API keys carry no scopes")
	}
	return p, nil
}

// subscribed checks that p's application may call apiID with its key
// type, and sets p's tier.
func (a *Authenticator) subscribed(p *Principal, apiID string) *Error {
	sub, ok := a.subs[p.ApplicationID][apiID]
	if !ok {
		return forbidden("the application is not subscribed to this API")
	}
	switch {
	case sub.Status == "UNBLOCKED":
	case sub.Status == "PROD_ONLY_BLOCKED" && p.KeyType == "SANDBOX":
	default:
		return forbidden("the subscription is " + strings.ToLower(strings.ReplaceAll(sub.Status, "_", " ")))
	}
	p.Tier, p.ThrottleKey = sub.Tier, sub.throttleKey
	return nil
}

// revokedKeyMap indexes the revocations by jti.
func revokedKeyMap(list []config.RevokedToken) map[string]config.RevokedToken {
	m := make(map[string]config.RevokedToken, len(list))
	for _, r := range list {
		m[r.JTI] = r
	}
	return m
}

// ipAllowed reports whether the caller's address is in one of the ranges
// (no ranges: any address). The address is the connection's peer: the
// gateway trusts no forwarding header for this.
func ipAllowed(ranges []string, r *http.Request) bool {
	if len(ranges) == 0 {
		return true
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, s := range ranges {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			if a, aerr := netip.ParseAddr(s); aerr == nil {
				p = netip.PrefixFrom(a, a.BitLen())
			} else {
				continue
			}
		}
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// refererAllowed reports whether referer matches one of the patterns (no
// patterns: any referer). A pattern without a scheme matches the Referer
// without its scheme; "*" matches any run of characters; a bare host
// pattern also matches that host's paths.
func refererAllowed(patterns []string, referer string) bool {
	if len(patterns) == 0 {
		return true
	}
	if referer == "" {
		return false
	}
	bare := referer
	if i := strings.Index(bare, "://"); i >= 0 {
		bare = bare[i+3:]
	}
	for _, p := range patterns {
		target := bare
		if strings.Contains(p, "://") {
			target = referer
		}
		if globMatch(p, target) || (!strings.Contains(p, "/") && globMatch(p+"/*", target)) {
			return true
		}
	}
	return false
}

func globMatch(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	for i, part := range parts {
		parts[i] = regexp.QuoteMeta(part)
	}
	re, err := regexp.Compile("^(?i:" + strings.Join(parts, ".*") + ")$")
	return err == nil && re.MatchString(s)
}
