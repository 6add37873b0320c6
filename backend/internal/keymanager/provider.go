// Package keymanager is Gatehouse's OAuth 2.0 and OpenID Connect
// authorization server, built on ory/fosite: authorize (code + PKCE) with
// login and consent pages, token (client_credentials, authorization_code,
// refresh_token with rotation), introspection, revocation, userinfo,
// end-session, discovery and the JWKS. Access tokens are JWTs (RFC 9068) signed with an
// ES256 key, verified by gateways with the JWKS and never stored; revoked
// ones are listed by jti and pushed to gateways in their snapshot.
// Applications with token type OPAQUE get opaque reference tokens instead
// (opaque.go), which gateways verify by introspection.
package keymanager

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/oauthsession"
	"github.com/gatehouse/gatehouse/ent/revokedtoken"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// DefaultAudience is the aud of access tokens that name no other: the
// gateways of this installation (RFC 9068 requires a non-empty aud).
const DefaultAudience = "gatehouse-gateway"

// Notifier is told when the gateways' view of tokens changed (a
// revocation), so it can push new snapshots.
type Notifier interface {
	TokensChanged(ctx context.Context)
}

// Users signs people in for the authorize endpoint: the portal's own
// accounts and sessions (package auth), so a user signed in to the portal
// is signed in here too.
type Users interface {
	LoginFrom(ctx context.Context, username, password, ip string) (*auth.Session, error)
	ReplaceTemporaryPassword(ctx context.Context, username, current, newPassword, ip string) (*auth.Session, error)
	Authenticate(ctx context.Context, username, password, ip string) (*ent.User, error)
	Resolve(ctx context.Context, token string) (*auth.Session, error)
	Logout(ctx context.Context, token string) error
}

// Options configure the Key Manager.
type Options struct {
	Issuer               string // public URL of the control plane
	AccessTokenLifespan  time.Duration
	RefreshTokenLifespan time.Duration // default 30 days
	IDTokenLifespan      time.Duration // default 1 hour
	// Users serves the login page and the password grant; without it the
	// browser endpoints answer 503.
	Users Users
	// FirstPartyClients skip the consent page (the portal's own SPA).
	FirstPartyClients []string
	// KeyRotation is the age at which the signing key is replaced
	// (default 90 days; negative: never). KeyPublish is how long the new
	// key is in the JWKS before it signs (default 15 minutes).
	KeyRotation time.Duration
	KeyPublish  time.Duration
	// Now is the clock that ends secret rotation grace periods (tests
	// move it); time.Now when nil.
	Now func() time.Time
}

// Server is the authorization server.
type Server struct {
	opts     Options
	fpMu     sync.Mutex // guards opts.FirstPartyClients
	extras   LoginExtras
	cfg      *fosite.Config
	hmac     *oauth2.HMACSHAStrategy
	provider fosite.OAuth2Provider
	store    *storage
	scopes   *scopePolicy
	ring     *KeyRing
	signer   *Signer
	hasher   *SecretHasher
	notify   Notifier
	log      *slog.Logger
}

// New composes fosite with Gatehouse's storage, keys and handlers.
func New(ctx context.Context, client *ent.Client, master *MasterKey, notify Notifier, log *slog.Logger, o Options) (*Server, error) {
	if o.AccessTokenLifespan <= 0 {
		o.AccessTokenLifespan = time.Hour
	}
	if o.RefreshTokenLifespan <= 0 {
		o.RefreshTokenLifespan = 30 * 24 * time.Hour
	}
	if o.IDTokenLifespan <= 0 {
		o.IDTokenLifespan = time.Hour
	}
	if o.KeyRotation == 0 {
		o.KeyRotation = 90 * 24 * time.Hour
	}
	if o.KeyPublish <= 0 {
		o.KeyPublish = 15 * time.Minute
	}
	o.Issuer = strings.TrimRight(o.Issuer, "/")
	ring, err := NewKeyRing(ctx, client, master)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: o, ring: ring, signer: NewSigner(ring), hasher: NewSecretHasher(master),
		store: newStorage(client, DefaultAudience), scopes: newScopePolicy(client), notify: notify, log: log,
	}
	s.store.onRevoke = notify.TokensChanged
	s.store.users = o.Users
	if o.Now != nil {
		s.store.now = o.Now
	}
	cfg := &fosite.Config{
		AccessTokenLifespan:   o.AccessTokenLifespan,
		RefreshTokenLifespan:  o.RefreshTokenLifespan,
		AuthorizeCodeLifespan: 10 * time.Minute,
		IDTokenLifespan:       o.IDTokenLifespan,
		AccessTokenIssuer:     o.Issuer,
		IDTokenIssuer:         o.Issuer,
		TokenURL:              o.Issuer + TokenPath,
		// PKCE: S256 only; public clients must use it.
		EnforcePKCEForPublicClients:    true,
		EnablePKCEPlainChallengeMethod: false,
		// A refresh token goes to every client allowed the refresh_token
		// grant; its grant types, not an offline_access scope, decide.
		RefreshTokenScopes:  []string{},
		GlobalSecret:        master.Derive("fosite-global"),
		ClientSecretsHasher: s.hasher,
		// A client may ask for any scope; which it gets depends on the
		// user's roles (see scopes.go), not on the client.
		ScopeStrategy:              func([]string, string) bool { return true },
		AudienceMatchingStrategy:   fosite.DefaultAudienceMatchingStrategy,
		JWTScopeClaimKey:           jwt.JWTScopeFieldString,
		SendDebugMessagesToClients: false,
	}
	s.hmac = compose.NewOAuth2HMACStrategy(cfg)
	jwtStrategy := compose.NewOAuth2JWTStrategy(s.signer.DefaultSigner.GetPrivateKey, s.hmac, cfg)
	jwtStrategy.Signer = s.signer
	// JWTs, or opaque reference tokens for OPAQUE applications.
	strategy := &tokenStrategy{DefaultJWTStrategy: jwtStrategy, hmac: s.hmac, cfg: cfg}
	idTokens := &openid.DefaultStrategy{Signer: s.signer, Config: cfg}
	s.cfg = cfg
	// Order matters: the OpenID Connect handlers must follow the
	// authorization code handler, and PKCE checks the code's request.
	s.provider = compose.Compose(cfg, s.store, &compose.CommonStrategy{CoreStrategy: strategy, OpenIDConnectTokenStrategy: idTokens, Signer: s.signer},
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2ClientCredentialsGrantFactory,
		compose.OAuth2RefreshTokenGrantFactory,
		// The password grant: only for keys whose grant types name it.
		compose.OAuth2ResourceOwnerPasswordCredentialsFactory,
		// RFC 7523 JWT bearer grant: see jwtBearerSession for who may.
		compose.RFC7523AssertionGrantFactory,
		compose.OpenIDConnectExplicitFactory,
		compose.OpenIDConnectRefreshFactory,
		compose.OAuth2PKCEFactory,
		func(fosite.Configurator, interface{}, interface{}) interface{} { return &introspector{s: s, cfg: cfg} },
		func(fosite.Configurator, interface{}, interface{}) interface{} { return &revoker{s: s} },
	)
	return s, nil
}

// RotateKeys runs one step of signing key rotation (see KeyRing.Rotate)
// and pushes the new JWKS to gateways when it changed. The app calls it
// every minute; it also picks up rotations other replicas made.
func (s *Server) RotateKeys(ctx context.Context, now time.Time) error {
	every := s.opts.KeyRotation
	if every < 0 {
		every = 0
	}
	changed, err := s.ring.Rotate(ctx, now, RotationPolicy{
		Every: every, Publish: s.opts.KeyPublish,
		// Refresh tokens are not signed: access and ID tokens bound it.
		TokenLifetime: max(s.opts.AccessTokenLifespan, s.opts.IDTokenLifespan) + 5*time.Minute,
	})
	if err != nil {
		return err
	}
	if changed {
		s.log.Info("signing keys changed", "active_kid", s.ring.ActiveKID())
		s.notify.TokensChanged(ctx)
	}
	return nil
}

// PurgeExpired deletes expired grant state (codes, refresh tokens).
func (s *Server) PurgeExpired(ctx context.Context) (int, error) { return s.store.PurgeExpired(ctx) }

// HashSecret is the stored form of a client secret.
func (s *Server) HashSecret(secret string) string { return s.hasher.Digest(secret) }

// newSession builds the claims of an access token for client (RFC 9068
// plus what the gateway needs to decide a call without asking anyone).
func (s *Server) newSession(c *Client) *Session {
	sess := newEmptySession()
	s.fillClientClaims(sess, c, c.ID)
	return sess
}

// fillClientClaims sets the access token claims that describe the client
// and the subject the token speaks for.
func (s *Server) fillClientClaims(sess *Session, c *Client, subject string) {
	sess.AccessClaims.Subject = subject
	sess.AccessClaims.JTI = uuid.NewString()
	sess.AccessClaims.IssuedAt = time.Now().UTC()
	if sess.AccessClaims.Extra == nil {
		sess.AccessClaims.Extra = map[string]interface{}{}
	}
	x := sess.AccessClaims.Extra
	x["client_id"] = c.ID
	x["application_id"] = c.ApplicationID.String()
	x["application"] = c.Application
	x["subscriber"] = c.Subscriber
	x["key_type"] = c.KeyType
	sess.DefaultSession.Subject = subject
}

// introspector answers RFC 7662 for this server's access tokens: JWTs by
// signature and expiry with the key ring, then the revocation list;
// opaque tokens by their stored grant (introspectOpaque).
type introspector struct {
	s   *Server
	cfg *fosite.Config
}

func (i *introspector) IntrospectToken(ctx context.Context, token string, _ fosite.TokenUse, ar fosite.AccessRequester, scopes []string) (fosite.TokenUse, error) {
	if !isJWT(token) {
		req, err := i.s.introspectOpaque(ctx, token)
		if err != nil {
			return fosite.AccessToken, err
		}
		ar.Merge(req)
		return fosite.AccessToken, nil
	}
	v := &oauth2.StatelessJWTValidator{Signer: i.s.signer, Config: i.cfg}
	use, err := v.IntrospectToken(ctx, token, fosite.AccessToken, ar, scopes)
	if err != nil {
		return use, err
	}
	sess, ok := ar.GetSession().(*oauth2.JWTSession)
	if !ok || sess.JWTClaims == nil || sess.JWTClaims.JTI == "" {
		return use, fosite.ErrInactiveToken
	}
	c := sess.JWTClaims
	revoked, err := i.s.store.tokenRevoked(ctx, c.JTI, c.Subject, c.IssuedAt, c.Extra)
	if err != nil {
		return use, fosite.ErrServerError.WithWrap(err)
	}
	if revoked {
		return use, fosite.ErrInactiveToken.WithHint("The token was revoked.")
	}
	return use, nil
}

// revoker implements RFC 7009 for JWT and opaque access tokens and
// refresh tokens.
type revoker struct{ s *Server }

func (r *revoker) RevokeToken(ctx context.Context, token string, _ fosite.TokenType, client fosite.Client) error {
	if strings.HasPrefix(token, OpaquePrefix) {
		if found, err := r.revokeOpaque(ctx, token, client); found || err != nil {
			return err
		}
	}
	if !isJWT(token) {
		return r.revokeRefresh(ctx, token, client)
	}
	t, err := r.s.signer.Decode(ctx, token)
	if err != nil {
		// RFC 7009 2.2: an invalid token is not an error for the caller.
		return nil
	}
	claims := jwt.JWTClaims{}
	claims.FromMapClaims(t.Claims)
	owner, _ := t.Claims["client_id"].(string)
	if owner != client.GetID() {
		return fosite.ErrUnauthorizedClient.WithHint("The token was issued to another client.")
	}
	if claims.JTI == "" || claims.ExpiresAt.Before(time.Now()) {
		return nil
	}
	if err := r.s.store.revoke(ctx, claims.JTI, owner, claims.ExpiresAt, "revoked by client"); err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	// Gateways get the revocation list in their snapshot.
	r.s.notify.TokensChanged(ctx)
	return nil
}

// revokeRefresh revokes a refresh token and, as RFC 7009 section 2.1
// suggests, every token of its grant.
func (r *revoker) revokeRefresh(ctx context.Context, token string, client fosite.Client) error {
	sig := r.s.hmac.RefreshTokenSignature(ctx, token)
	req, _, err := r.s.store.get(ctx, oauthsession.KindREFRESH_TOKEN, sig, nil)
	if errors.Is(err, fosite.ErrNotFound) {
		return nil
	} else if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	if req.GetClient().GetID() != client.GetID() {
		return fosite.ErrUnauthorizedClient.WithHint("The token was issued to another client.")
	}
	if err := r.s.store.RevokeRefreshToken(ctx, req.GetID()); err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	if err := r.s.store.RevokeAccessToken(ctx, req.GetID()); err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	return nil
}

// GatewayIssuer is this server as a trusted issuer in gateway snapshots.
func (s *Server) GatewayIssuer() (config.Issuer, error) {
	jwks, err := json.Marshal(s.ring.JWKS())
	if err != nil {
		return config.Issuer{}, err
	}
	return config.Issuer{Issuer: s.opts.Issuer, Audience: DefaultAudience, JWKS: jwks}, nil
}

// RevokedTokens lists revoked tokens that have not expired yet.
func (s *Server) RevokedTokens(ctx context.Context) ([]config.RevokedToken, error) {
	rows, err := s.store.client.RevokedToken.Query().
		Where(revokedtoken.ExpiresAtGT(time.Now().Add(-time.Minute))).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]config.RevokedToken, len(rows))
	for i, r := range rows {
		out[i] = config.RevokedToken{JTI: r.Jti, ExpiresAt: r.ExpiresAt.UTC()}
	}
	return out, nil
}

// IssueToken signs an access token for an application's key without the
// client secret: the portal uses it for its owner's "generate a test
// token". The scopes are those the application's owner may be granted.
func (s *Server) IssueToken(ctx context.Context, clientID string, scopes []string, ttl time.Duration) (string, time.Time, error) {
	fc, err := s.store.GetClient(ctx, clientID)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue token: %w", err)
	}
	c, _ := asClient(fc)
	if scopes, err = s.scopes.allowed(ctx, c.OrgID, c.OwnerID, scopes); err != nil {
		return "", time.Time{}, fmt.Errorf("issue token: %w", err)
	}
	if ttl <= 0 || ttl > s.opts.AccessTokenLifespan {
		ttl = s.opts.AccessTokenLifespan
	}
	sess := s.newSession(c)
	claims := sess.AccessClaims
	claims.Issuer = s.opts.Issuer
	claims.Audience = []string{DefaultAudience}
	claims.Scope = scopes
	claims.ScopeField = jwt.JWTScopeFieldString
	claims.ExpiresAt = claims.IssuedAt.Add(ttl)
	if c.TokenType == TokenTypeOpaque {
		sess.SetExpiresAt(fosite.AccessToken, claims.ExpiresAt)
		req := &fosite.Request{ID: uuid.NewString(), RequestedAt: claims.IssuedAt, Client: fc,
			RequestedScope: scopes, GrantedScope: scopes,
			RequestedAudience: claims.Audience, GrantedAudience: claims.Audience, Session: sess}
		token, sig, err := s.hmac.GenerateAccessToken(ctx, req)
		if err == nil {
			err = s.store.storeOpaque(ctx, sig, req)
		}
		if err != nil {
			return "", time.Time{}, fmt.Errorf("issue token: %w", err)
		}
		return token, claims.ExpiresAt, nil
	}
	token, _, err := s.signer.Generate(ctx, claims.ToMapClaims(), sess.AccessHeader)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue token: %w", err)
	}
	return token, claims.ExpiresAt, nil
}

// VerifyAccessToken checks one of this server's access tokens (signature,
// issuer, expiry, revocation) and returns who it speaks for: the
// user it was issued to, else the subscriber owning the client's
// application; and the granted scopes.
func (s *Server) VerifyAccessToken(ctx context.Context, token string) (subscriber string, scopes []string, err error) {
	if !isJWT(token) {
		req, err := s.introspectOpaque(ctx, token)
		if errors.Is(err, fosite.ErrInactiveToken) {
			return "", nil, errs.E(errs.Unauthenticated, "the access token is invalid, expired or revoked")
		} else if err != nil {
			return "", nil, err
		}
		x := req.GetSession().(*oauth2.JWTSession).JWTClaims.Extra
		if user, ok := x["username"].(string); ok && user != "" {
			return user, req.GetGrantedScopes(), nil
		}
		sub, _ := x["subscriber"].(string)
		return sub, req.GetGrantedScopes(), nil
	}
	t, err := s.signer.Decode(ctx, token)
	if err != nil {
		return "", nil, errs.E(errs.Unauthenticated, "the access token is invalid")
	}
	var claims jwt.JWTClaims
	claims.FromMapClaims(t.Claims)
	if claims.Issuer != s.opts.Issuer || claims.ExpiresAt.IsZero() || time.Now().After(claims.ExpiresAt) {
		return "", nil, errs.E(errs.Unauthenticated, "the access token is expired or not from this server")
	}
	revoked, err := s.store.tokenRevoked(ctx, claims.JTI, claims.Subject, claims.IssuedAt, t.Claims)
	if err != nil {
		return "", nil, err
	}
	if revoked {
		return "", nil, errs.E(errs.Unauthenticated, "the access token was revoked")
	}
	// A token issued to a user (code or password grant) speaks for that
	// user; a client's own token for the application's owner.
	if user, ok := t.Claims["username"].(string); ok && user != "" {
		return user, claims.Scope, nil
	}
	sub, _ := t.Claims["subscriber"].(string)
	return sub, claims.Scope, nil
}
