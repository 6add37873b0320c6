// Package authn decides whether a call may reach an API: it verifies the
// bearer token (a JWT from a trusted issuer, checked locally against keys
// in the snapshot and the revocation list; an opaque token by asking its
// key manager, with a short cache: introspect.go) and checks that the
// token's application is subscribed to the API. For JWTs everything it
// needs is in memory; it asks no one.
package authn

import (
	"context"
	"crypto"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Leeway tolerates clock skew between the key manager and the gateway.
const Leeway = 30 * time.Second

var algorithms = []jose.SignatureAlgorithm{jose.ES256, jose.ES384, jose.RS256, jose.PS256, jose.EdDSA}

// Principal is who a verified token speaks for.
type Principal struct {
	ClientID      string
	ApplicationID string
	Application   string
	Subscriber    string
	KeyType       string
	Scopes        []string
	Tier          string // of the subscription that let the call through
	JTI           string
	// EndUser is the token's sub: the user who authorized the
	// application (the application itself for client credentials).
	EndUser string
	// User is the end user the call is made for, by username (as deny
	// policies name users): on a user grant (authorization code,
	// password, refresh, JWT bearer) the user who authorized the
	// application, the token's username claim; on client credentials and
	// API keys the application's owner (Subscriber), as WSO2 does; on a
	// third-party key manager's token its mapped user claim.
	User string
	// Expiry is when the token or API key stops being valid.
	Expiry time.Time
	// ThrottleKey names the subscription's counter: one per application
	// and API, made once per snapshot so throttling builds no strings.
	ThrottleKey string
	// Claims are the token's own claims with string, number or boolean
	// values (an array of them gives one Claim per element), read once
	// when the token is verified and shared by every call that presents
	// it: policy conditions scan them without allocating.
	Claims []Claim
}

// Claim is one claim of a verified token, its value as text.
type Claim struct{ Name, Value string }

// Bounds on the claims a principal keeps, so a token stuffed with claims
// cannot grow the token cache.
const (
	maxClaims      = 64
	maxClaimLength = 512
)

// claimList flattens a token's claims for Principal.Claims, sorted by
// name so the result does not depend on map order.
func claimList(all map[string]any) []Claim {
	var out []Claim
	add := func(name string, v any) {
		if len(out) >= maxClaims {
			return
		}
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case bool:
			s = strconv.FormatBool(v)
		case float64:
			s = strconv.FormatFloat(v, 'f', -1, 64)
		case json.Number:
			s = v.String()
		default:
			return
		}
		if len(s) <= maxClaimLength {
			out = append(out, Claim{Name: name, Value: s})
		}
	}
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if arr, ok := all[k].([]any); ok {
			for _, e := range arr {
				add(k, e)
			}
			continue
		}
		add(k, all[k])
	}
	return out
}

// Error is a refusal with its HTTP status.
type Error struct {
	Status  int
	Message string
	Detail  string
}

func (e *Error) Error() string { return e.Detail }

func unauthorized(detail string) *Error {
	return &Error{Status: http.StatusUnauthorized, Message: "Unauthorized", Detail: detail}
}

func forbidden(detail string) *Error {
	return &Error{Status: http.StatusForbidden, Message: "Forbidden", Detail: detail}
}

// Authenticator is built once per snapshot and never changed.
type Authenticator struct {
	// keys by kid: issuers do not coordinate kids, so one kid may name
	// keys of several issuers; the signature tells which.
	keys map[string][]issuerKey
	// restricted issuers are accepted only by the API ids in their set.
	restricted map[string]map[string]bool
	// external are the third-party issuers' claim and client mappings.
	external map[string]*external
	revoked  map[string]time.Time
	// revokedKeys are the revocations with their effective time (API keys).
	revokedKeys map[string]config.RevokedToken
	// rules are the bulk revocations: the token's application, client
	// or subject -> revokedBefore (unix seconds); a token issued at or
	// before it is denied. Three maps so the check is a map lookup each.
	rulesByApp, rulesByClient, rulesBySubject map[string]int64
	subs                                      map[string]map[string]subscription // application id -> API id
	cache                                     *Cache
	now                                       func() time.Time
	// targets are the key managers that introspect opaque tokens;
	// introspection asks them (nil: opaque tokens are refused).
	targets       []*target
	introspection *Introspection
}

// WithIntrospection lets the authenticator verify opaque tokens; call it
// before the authenticator serves.
func (a *Authenticator) WithIntrospection(in *Introspection) *Authenticator {
	a.introspection = in
	return a
}

// external is how a third-party key manager's tokens map to applications.
type external struct {
	claims  config.IssuerClaims
	clients map[string]config.IssuerClient
}

type subscription struct {
	config.Subscription
	throttleKey string
}

// Cache remembers tokens whose signature and claims were verified, keyed
// by the token's SHA-256 (the cache holds no bearer secret), so a client
// repeating its token costs a hash and a map lookup instead of an ECDSA
// verification. It is bounded (least recently used go first) and outlives
// snapshots: an entry is used only while its key is still trusted by the
// same issuer and audience, and expiry, revocation and the subscription
// are checked on every call.
type Cache struct {
	lru *lru.Cache[[sha256.Size]byte, *verified]
}

// verified is an immutable record of a checked token.
type verified struct {
	kid, thumb, issuer, audience string
	expiry, notBefore            time.Time
	// issuedAt (unix seconds, 0 when the token has no iat) and subject
	// (Gatehouse's own tokens only) are what revocation rules match.
	issuedAt int64
	subject  string
	// external: the principal's application comes from the issuer's
	// client mapping of the current snapshot, looked up on every call.
	external  bool
	principal Principal // without Tier and ThrottleKey
	// introspected: an opaque token a key manager vouched for, trusted
	// until cacheUntil while its issuer still introspects here.
	introspected bool
	cacheUntil   time.Time
}

// NewCache holds up to size verified tokens.
func NewCache(size int) *Cache {
	c, _ := lru.New[[sha256.Size]byte, *verified](max(size, 1)) // only fails for size <= 0
	return &Cache{lru: c}
}

type issuerKey struct {
	key      jose.JSONWebKey
	thumb    string // RFC 7638 thumbprint: the same kid with new key material is another key
	issuer   string
	audience string
	external bool
}

// New builds the authenticator of a snapshot; cache may be nil.
func New(s *config.Snapshot, cache *Cache) (*Authenticator, error) {
	a := &Authenticator{
		keys:       map[string][]issuerKey{},
		restricted: map[string]map[string]bool{},
		external:   map[string]*external{},
		revoked:    make(map[string]time.Time, len(s.RevokedTokens)),
		subs:       map[string]map[string]subscription{},
		cache:      cache,
		now:        time.Now,
	}
	for _, iss := range s.Issuers {
		var set jose.JSONWebKeySet
		if err := json.Unmarshal(iss.JWKS, &set); err != nil {
			return nil, fmt.Errorf("issuer %s: JWKS: %w", iss.Issuer, err)
		}
		for _, k := range set.Keys {
			if k.KeyID == "" || !k.Valid() {
				continue
			}
			thumb, err := k.Thumbprint(crypto.SHA256)
			if err != nil {
				continue
			}
			a.keys[k.KeyID] = append(a.keys[k.KeyID], issuerKey{key: k, thumb: string(thumb), issuer: iss.Issuer,
				audience: iss.Audience, external: iss.Claims != nil})
		}
		if iss.Restricted {
			allowed := map[string]bool{}
			for _, id := range iss.APIs {
				allowed[id] = true
			}
			a.restricted[iss.Issuer] = allowed
		}
		switch {
		case iss.Claims == nil:
			a.targets = append([]*target{{issuer: iss.Issuer, audience: iss.Audience, builtIn: true}}, a.targets...)
		case iss.Introspection != nil && iss.Introspection.Endpoint != "":
			a.targets = append(a.targets, &target{issuer: iss.Issuer, audience: iss.Audience, external: true, endpoint: iss.Introspection})
		}
		if iss.Claims != nil {
			ext := &external{claims: *iss.Claims, clients: map[string]config.IssuerClient{}}
			for _, c := range iss.Clients {
				ext.clients[c.ClientID] = c
			}
			a.external[iss.Issuer] = ext
		}
	}
	for _, r := range s.RevokedTokens {
		a.revoked[r.JTI] = r.ExpiresAt
	}
	a.revokedKeys = revokedKeyMap(s.RevokedTokens)
	a.rulesByApp, a.rulesByClient, a.rulesBySubject = ruleMaps(s.RevocationRules)
	for _, sub := range s.Subscriptions {
		m := a.subs[sub.ApplicationID]
		if m == nil {
			m = map[string]subscription{}
			a.subs[sub.ApplicationID] = m
		}
		m[sub.APIID] = subscription{Subscription: sub, throttleKey: "sub:" + sub.ApplicationID + ":" + sub.APIID}
	}
	return a, nil
}

// claims are the access token claims the gateway reads (RFC 9068 plus
// Gatehouse's own).
type claims struct {
	jwt.Claims
	ClientID      string `json:"client_id"`
	ApplicationID string `json:"application_id"`
	Application   string `json:"application"`
	Subscriber    string `json:"subscriber"`
	KeyType       string `json:"key_type"`
	Scope         string `json:"scope"`
	// Username is set on tokens of user grants only.
	Username string `json:"username"`
}

// Authenticate checks r's bearer token for the API apiID and, when the
// operation names scopes, that the token holds one of them.
func (a *Authenticator) Authenticate(r *http.Request, apiID string, scopes []string) (*Principal, *Error) {
	p := new(Principal)
	if err := a.AuthenticateInto(r, apiID, scopes, p); err != nil {
		return nil, err
	}
	return p, nil
}

// AuthenticateInto is Authenticate writing into p, so the gateway's hot
// path allocates nothing for a token it has seen before.
func (a *Authenticator) AuthenticateInto(r *http.Request, apiID string, scopes []string, p *Principal) *Error {
	raw, ok := bearer(r)
	if !ok {
		return unauthorized("an access token is required: send Authorization: Bearer <token>")
	}
	v, aerr := a.verify(r.Context(), raw, apiID)
	if aerr != nil {
		return aerr
	}
	now := a.now()
	switch {
	case now.After(v.expiry.Add(Leeway)):
		return unauthorized("the access token has expired")
	case !v.notBefore.IsZero() && now.Add(Leeway).Before(v.notBefore):
		return unauthorized("the access token is not valid yet")
	}
	if exp, revoked := a.revoked[v.principal.JTI]; revoked && exp.After(now.Add(-Leeway)) {
		return unauthorized("the access token was revoked")
	}
	if allowed, ok := a.restricted[v.issuer]; ok && !allowed[apiID] {
		return unauthorized("this API does not accept tokens of the key manager " + v.issuer)
	}
	*p = v.principal
	if v.external {
		if ext := a.external[v.issuer]; ext != nil {
			c := ext.clients[p.ClientID]
			p.ApplicationID, p.Application, p.KeyType = c.ApplicationID, c.Application, c.KeyType
			if p.Subscriber == "" {
				p.Subscriber = c.Subscriber
			}
		}
	}
	if p.User == "" {
		// Client credentials: the application's owner.
		p.User = p.Subscriber
	}
	if a.revokedByRule(v, p) {
		return unauthorized("the access token was revoked")
	}
	if aerr := a.subscribed(p, apiID); aerr != nil {
		return aerr
	}
	if len(scopes) > 0 && !anyOf(p.Scopes, scopes) {
		return forbidden("the access token lacks a required scope: one of " + strings.Join(scopes, ", "))
	}
	return nil
}

// verify checks the token's form, signature, issuer, audience and that it
// has an expiry; the time checks are the caller's, on every call. A token
// verified before with a key still trusted for the same issuer and
// audience is answered from the cache.
func (a *Authenticator) verify(ctx context.Context, raw, apiID string) (*verified, *Error) {
	var sum [sha256.Size]byte
	jwtLike := looksJWT(raw)
	if a.cache != nil || !jwtLike {
		// The hash reads the token's bytes in place; nothing keeps them.
		sum = sha256.Sum256(unsafe.Slice(unsafe.StringData(raw), len(raw))) // #nosec G103 -- read-only view of the string for hashing; the slice never escapes Sum256
	}
	if a.cache != nil {
		if v, ok := a.cache.lru.Get(sum); ok {
			if v.introspected {
				if a.now().Before(v.cacheUntil) && a.introspects(v.issuer) {
					return v, nil
				}
				a.cache.lru.Remove(sum)
			}
			for _, ik := range a.keys[v.kid] {
				if ik.thumb == v.thumb && ik.issuer == v.issuer && ik.audience == v.audience && ik.external == v.external {
					return v, nil
				}
			}
		}
	}
	if !jwtLike {
		return a.introspect(ctx, raw, apiID, sum)
	}
	tok, err := jwt.ParseSigned(raw, algorithms)
	if err != nil || len(tok.Headers) != 1 {
		return nil, unauthorized("the access token is malformed")
	}
	h := tok.Headers[0]
	candidates := a.keys[h.KeyID]
	if len(candidates) == 0 {
		return nil, unauthorized("the access token was not signed by a trusted key manager")
	}
	var (
		c     claims
		extra map[string]any
		ik    issuerKey
		found bool
	)
	for _, k := range candidates {
		// Every claim is read once here, for policy conditions on claims
		// (and a third party's mapped claims); the result is cached.
		if err := tok.Claims(k.key.Key, &c, &extra); err == nil {
			ik, found = k, true
			break
		}
	}
	if !found {
		return nil, unauthorized("the access token signature is invalid")
	}
	// Gatehouse's tokens are RFC 9068 access tokens; third-party servers
	// often type theirs plain JWT.
	typ, _ := h.ExtraHeaders[jose.HeaderType].(string)
	if typ != "" && !strings.EqualFold(typ, "at+jwt") && !strings.EqualFold(typ, "application/at+jwt") &&
		(!ik.external || !strings.EqualFold(typ, "JWT")) {
		return nil, unauthorized("the token is not an access token")
	}
	if c.Expiry == nil {
		return nil, unauthorized("the access token has no expiry")
	}
	// Issuer and audience now; the time is checked by the caller (a zero
	// Time in Expected means "now", so pass one inside the window).
	exp := jwt.Expected{Issuer: ik.issuer, Time: c.Expiry.Time().Add(-time.Nanosecond)}
	if ik.audience != "" || !ik.external {
		exp.AnyAudience = jwt.Audience{ik.audience}
	}
	err = c.Claims.ValidateWithLeeway(exp, Leeway)
	if err != nil && !errors.Is(err, jwt.ErrNotValidYet) && !errors.Is(err, jwt.ErrIssuedInTheFuture) {
		return nil, unauthorized("the access token is not valid here: " + err.Error())
	}
	v := &verified{kid: h.KeyID, thumb: ik.thumb, issuer: ik.issuer, audience: ik.audience, expiry: c.Expiry.Time(),
		external: ik.external,
		principal: Principal{ClientID: c.ClientID, ApplicationID: c.ApplicationID, Application: c.Application,
			Subscriber: c.Subscriber, KeyType: c.KeyType, Scopes: strings.Fields(c.Scope), JTI: c.ID,
			EndUser: c.Subject, User: c.Username, Expiry: c.Expiry.Time()}}
	if ik.external {
		// Only the mapped claims count: a third party's tokens cannot name
		// a Gatehouse application themselves.
		m := a.external[ik.issuer].claims
		user := stringClaim(extra[m.User])
		v.principal = Principal{ClientID: stringClaim(extra[m.ClientID]), Subscriber: user, User: user,
			Scopes: listClaim(extra[m.Scopes]), JTI: c.ID, EndUser: c.Subject, Expiry: c.Expiry.Time()}
	}
	v.principal.Claims = claimList(extra)
	// Not before its nbf, nor before it was issued (a token from the future).
	if c.NotBefore != nil {
		v.notBefore = c.NotBefore.Time()
	}
	if c.IssuedAt != nil {
		v.issuedAt = int64(*c.IssuedAt)
		if c.IssuedAt.Time().After(v.notBefore) {
			v.notBefore = c.IssuedAt.Time()
		}
	}
	if !ik.external {
		v.subject = c.Subject
	}
	if a.cache != nil {
		a.cache.lru.Add(sum, v)
	}
	return v, nil
}

// introspects reports whether issuer still introspects tokens here.
func (a *Authenticator) introspects(issuer string) bool {
	for _, t := range a.targets {
		if t.issuer == issuer {
			return true
		}
	}
	return false
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return "", false
	}
	t := strings.TrimSpace(h[7:])
	return t, t != ""
}

func anyOf(have, want []string) bool {
	for _, w := range want {
		for _, h := range have {
			if h == w {
				return true
			}
		}
	}
	return false
}

func stringClaim(v any) string {
	s, _ := v.(string)
	return s
}

// listClaim reads scopes as a space-separated string (RFC 8693 scope) or
// a JSON array (scp, roles).
func listClaim(v any) []string {
	switch c := v.(type) {
	case string:
		return strings.Fields(c)
	case []any:
		out := make([]string, 0, len(c))
		for _, e := range c {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
