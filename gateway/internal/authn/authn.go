// Package authn decides whether a call may reach an API: it verifies the
// bearer token locally (a JWT from a trusted issuer, checked against keys
// in the snapshot and the revocation list) and checks that the token's
// application is subscribed to the API. Everything it needs is in memory;
// it asks no one.
package authn

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

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
	keys    map[string]issuerKey // by kid
	revoked map[string]time.Time
	subs    map[string]map[string]config.Subscription // application id -> API id
	cache   *Cache
	now     func() time.Time
}

// Cache remembers tokens whose signature was verified, so a client
// repeating its token costs a map lookup instead of an ECDSA verification.
// It outlives snapshots: an entry is used only while its key is still
// trusted, and expiry, revocation and subscription are checked on every
// call.
type Cache struct {
	lru *lru.Cache[string, *verified]
}

type verified struct {
	c   claims
	kid string
}

// NewCache holds up to size verified tokens.
func NewCache(size int) *Cache {
	c, _ := lru.New[string, *verified](max(size, 1)) // only fails for size <= 0
	return &Cache{lru: c}
}

type issuerKey struct {
	key      jose.JSONWebKey
	issuer   string
	audience string
}

// New builds the authenticator of a snapshot; cache may be nil.
func New(s *config.Snapshot, cache *Cache) (*Authenticator, error) {
	a := &Authenticator{
		keys:    map[string]issuerKey{},
		revoked: make(map[string]time.Time, len(s.RevokedTokens)),
		subs:    map[string]map[string]config.Subscription{},
		cache:   cache,
		now:     time.Now,
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
			a.keys[k.KeyID] = issuerKey{key: k, issuer: iss.Issuer, audience: iss.Audience}
		}
	}
	for _, r := range s.RevokedTokens {
		a.revoked[r.JTI] = r.ExpiresAt
	}
	for _, sub := range s.Subscriptions {
		m := a.subs[sub.ApplicationID]
		if m == nil {
			m = map[string]config.Subscription{}
			a.subs[sub.ApplicationID] = m
		}
		m[sub.APIID] = sub
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
}

// Authenticate checks r's bearer token for the API apiID and, when the
// operation names scopes, that the token holds one of them.
func (a *Authenticator) Authenticate(r *http.Request, apiID string, scopes []string) (*Principal, *Error) {
	raw, ok := bearer(r)
	if !ok {
		return nil, unauthorized("an access token is required: send Authorization: Bearer <token>")
	}
	c, ik, aerr := a.verify(raw)
	if aerr != nil {
		return nil, aerr
	}
	now := a.now()
	if c.Expiry == nil {
		return nil, unauthorized("the access token has no expiry")
	}
	err := c.Claims.ValidateWithLeeway(jwt.Expected{Issuer: ik.issuer, AnyAudience: jwt.Audience{ik.audience}, Time: now}, Leeway)
	switch {
	case errors.Is(err, jwt.ErrExpired):
		return nil, unauthorized("the access token has expired")
	case err != nil:
		return nil, unauthorized("the access token is not valid here: " + err.Error())
	}
	if exp, revoked := a.revoked[c.ID]; revoked && exp.After(now.Add(-Leeway)) {
		return nil, unauthorized("the access token was revoked")
	}
	p := &Principal{
		ClientID: c.ClientID, ApplicationID: c.ApplicationID, Application: c.Application,
		Subscriber: c.Subscriber, KeyType: c.KeyType, Scopes: strings.Fields(c.Scope), JTI: c.ID,
	}
	sub, ok := a.subs[c.ApplicationID][apiID]
	if !ok {
		return nil, forbidden("the application is not subscribed to this API")
	}
	switch {
	case sub.Status == "UNBLOCKED":
	case sub.Status == "PROD_ONLY_BLOCKED" && p.KeyType == "SANDBOX":
	default:
		return nil, forbidden("the subscription is " + strings.ToLower(strings.ReplaceAll(sub.Status, "_", " ")))
	}
	p.Tier = sub.Tier
	if len(scopes) > 0 && !anyOf(p.Scopes, scopes) {
		return nil, forbidden("the access token lacks a required scope: one of " + strings.Join(scopes, ", "))
	}
	return p, nil
}

// verify checks the token's form and signature, from the cache when this
// token was verified before with a key that is still trusted.
func (a *Authenticator) verify(raw string) (claims, issuerKey, *Error) {
	if a.cache != nil {
		if v, ok := a.cache.lru.Get(raw); ok {
			if ik, trusted := a.keys[v.kid]; trusted {
				return v.c, ik, nil
			}
		}
	}
	tok, err := jwt.ParseSigned(raw, algorithms)
	if err != nil || len(tok.Headers) != 1 {
		return claims{}, issuerKey{}, unauthorized("the access token is malformed")
	}
	h := tok.Headers[0]
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); typ != "" && !strings.EqualFold(typ, "at+jwt") && !strings.EqualFold(typ, "application/at+jwt") {
		return claims{}, issuerKey{}, unauthorized("the token is not an access token")
	}
	ik, ok := a.keys[h.KeyID]
	if !ok {
		return claims{}, issuerKey{}, unauthorized("the access token was not signed by a trusted key manager")
	}
	var c claims
	if err := tok.Claims(ik.key.Key, &c); err != nil {
		return claims{}, issuerKey{}, unauthorized("the access token signature is invalid")
	}
	if a.cache != nil {
		a.cache.lru.Add(raw, &verified{c: c, kid: h.KeyID})
	}
	return c, ik, nil
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
