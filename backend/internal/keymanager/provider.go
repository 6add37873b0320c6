// Package keymanager is Gatehouse's OAuth 2.0 authorization server, built
// on ory/fosite: the token, introspection and revocation endpoints,
// discovery and the JWKS. Access tokens are JWTs (RFC 9068) signed with an
// ES256 key, verified by gateways with the JWKS and never stored; revoked
// ones are listed by jti and pushed to gateways in their snapshot.
package keymanager

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/token/jwt"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
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

// Options configure the Key Manager.
type Options struct {
	Issuer              string // public URL of the control plane
	AccessTokenLifespan time.Duration
}

// Server is the authorization server.
type Server struct {
	opts     Options
	provider fosite.OAuth2Provider
	store    *storage
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
	o.Issuer = strings.TrimRight(o.Issuer, "/")
	ring, err := NewKeyRing(ctx, client, master)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: o, ring: ring, signer: NewSigner(ring), hasher: NewSecretHasher(master),
		store: newStorage(client, DefaultAudience), notify: notify, log: log,
	}
	cfg := &fosite.Config{
		AccessTokenLifespan: o.AccessTokenLifespan,
		AccessTokenIssuer:   o.Issuer,
		TokenURL:            o.Issuer + TokenPath,
		GlobalSecret:        master.Derive("fosite-global"),
		ClientSecretsHasher: s.hasher,
		// Scopes are not yet bound to roles (the Publisher defines API
		// scopes); until then a client may ask for any scope.
		ScopeStrategy:              func([]string, string) bool { return true },
		AudienceMatchingStrategy:   fosite.DefaultAudienceMatchingStrategy,
		JWTScopeClaimKey:           jwt.JWTScopeFieldString,
		SendDebugMessagesToClients: false,
	}
	strategy := compose.NewOAuth2JWTStrategy(s.signer.DefaultSigner.GetPrivateKey, compose.NewOAuth2HMACStrategy(cfg), cfg)
	strategy.Signer = s.signer
	s.provider = compose.Compose(cfg, s.store, &compose.CommonStrategy{CoreStrategy: strategy, Signer: s.signer},
		compose.OAuth2ClientCredentialsGrantFactory,
		func(fosite.Configurator, interface{}, interface{}) interface{} { return &introspector{s: s, cfg: cfg} },
		func(fosite.Configurator, interface{}, interface{}) interface{} { return &revoker{s: s} },
	)
	return s, nil
}

// HashSecret is the stored form of a client secret.
func (s *Server) HashSecret(secret string) string { return s.hasher.Digest(secret) }

// newSession builds the claims of an access token for client (RFC 9068
// plus what the gateway needs to decide a call without asking anyone).
func (s *Server) newSession(c *Client) *oauth2.JWTSession {
	now := time.Now().UTC()
	return &oauth2.JWTSession{
		JWTClaims: &jwt.JWTClaims{
			Subject:  c.ID,
			JTI:      uuid.NewString(),
			IssuedAt: now,
			Extra: map[string]interface{}{
				"client_id":      c.ID,
				"application_id": c.ApplicationID.String(),
				"application":    c.Application,
				"subscriber":     c.Subscriber,
				"key_type":       c.KeyType,
			},
		},
		JWTHeader: &jwt.Headers{Extra: map[string]interface{}{"typ": "at+jwt"}},
		Subject:   c.ID,
	}
}

// introspector answers RFC 7662 for this server's JWTs: signature and
// expiry by the key ring, then the revocation list.
type introspector struct {
	s   *Server
	cfg *fosite.Config
}

func (i *introspector) IntrospectToken(ctx context.Context, token string, _ fosite.TokenUse, ar fosite.AccessRequester, scopes []string) (fosite.TokenUse, error) {
	v := &oauth2.StatelessJWTValidator{Signer: i.s.signer, Config: i.cfg}
	use, err := v.IntrospectToken(ctx, token, fosite.AccessToken, ar, scopes)
	if err != nil {
		return use, err
	}
	sess, ok := ar.GetSession().(*oauth2.JWTSession)
	if !ok || sess.JWTClaims == nil || sess.JWTClaims.JTI == "" {
		return use, fosite.ErrInactiveToken
	}
	revoked, err := i.s.store.isRevoked(ctx, sess.JWTClaims.JTI)
	if err != nil {
		return use, fosite.ErrServerError.WithWrap(err)
	}
	if revoked {
		return use, fosite.ErrInactiveToken.WithHint("The token was revoked.")
	}
	return use, nil
}

// revoker implements RFC 7009 for JWT access tokens.
type revoker struct{ s *Server }

func (r *revoker) RevokeToken(ctx context.Context, token string, _ fosite.TokenType, client fosite.Client) error {
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
// token". Scopes are granted as asked (see ScopeStrategy).
func (s *Server) IssueToken(ctx context.Context, clientID string, scopes []string, ttl time.Duration) (string, time.Time, error) {
	fc, err := s.store.GetClient(ctx, clientID)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue token: %w", err)
	}
	c := fc.(*Client)
	if ttl <= 0 || ttl > s.opts.AccessTokenLifespan {
		ttl = s.opts.AccessTokenLifespan
	}
	sess := s.newSession(c)
	claims := sess.JWTClaims
	claims.Issuer = s.opts.Issuer
	claims.Audience = []string{DefaultAudience}
	claims.Scope = scopes
	claims.ScopeField = jwt.JWTScopeFieldString
	claims.ExpiresAt = claims.IssuedAt.Add(ttl)
	token, _, err := s.signer.Generate(ctx, claims.ToMapClaims(), sess.JWTHeader)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue token: %w", err)
	}
	return token, claims.ExpiresAt, nil
}

// VerifyAccessToken checks one of this server's access tokens (signature,
// issuer, expiry, revocation) and returns who it speaks for: the
// subscriber owning the client's application, and the granted scopes.
func (s *Server) VerifyAccessToken(ctx context.Context, token string) (subscriber string, scopes []string, err error) {
	t, err := s.signer.Decode(ctx, token)
	if err != nil {
		return "", nil, errs.E(errs.Unauthenticated, "the access token is invalid")
	}
	var claims jwt.JWTClaims
	claims.FromMapClaims(t.Claims)
	if claims.Issuer != s.opts.Issuer || claims.ExpiresAt.IsZero() || time.Now().After(claims.ExpiresAt) {
		return "", nil, errs.E(errs.Unauthenticated, "the access token is expired or not from this server")
	}
	revoked, err := s.store.isRevoked(ctx, claims.JTI)
	if err != nil {
		return "", nil, err
	}
	if revoked {
		return "", nil, errs.E(errs.Unauthenticated, "the access token was revoked")
	}
	sub, _ := t.Claims["subscriber"].(string)
	return sub, claims.Scope, nil
}
