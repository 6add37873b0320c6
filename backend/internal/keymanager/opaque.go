package keymanager

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/token/jwt"

	"github.com/gatehouse/gatehouse/ent/oauthsession"
)

// Opaque reference tokens. An application whose token type is OPAQUE gets
// fosite's HMAC access tokens ("ory_at_<random>.<hmac>") from every grant
// instead of JWTs. Only a digest of the token's HMAC signature is stored,
// with the claims the JWT would have carried, so introspection answers
// exactly what a gateway would have read from the JWT. JWT issuance stays
// free of database writes: only opaque tokens are stored.

// TokenTypeOpaque is the application token type that selects opaque tokens.
const TokenTypeOpaque = "OPAQUE"

// OpaquePrefix starts every opaque access token of this server.
const OpaquePrefix = "ory_at_"

// isJWT tells a JWT (three dot-separated parts) from an opaque token.
func isJWT(token string) bool { return strings.Count(token, ".") == 2 }

// tokenStrategy issues JWT or opaque access tokens by the client's
// application; refresh tokens and codes are HMAC tokens either way.
type tokenStrategy struct {
	*oauth2.DefaultJWTStrategy
	hmac *oauth2.HMACSHAStrategy
	cfg  *fosite.Config
}

func opaqueClient(c fosite.Client) bool {
	cl, ok := asClient(c)
	return ok && cl.TokenType == TokenTypeOpaque
}

func (t *tokenStrategy) AccessTokenSignature(ctx context.Context, token string) string {
	if isJWT(token) {
		return t.DefaultJWTStrategy.AccessTokenSignature(ctx, token)
	}
	return t.hmac.AccessTokenSignature(ctx, token)
}

func (t *tokenStrategy) GenerateAccessToken(ctx context.Context, req fosite.Requester) (string, string, error) {
	if !opaqueClient(req.GetClient()) {
		return t.DefaultJWTStrategy.GenerateAccessToken(ctx, req)
	}
	sess, ok := req.GetSession().(*Session)
	if !ok {
		return "", "", errors.New("opaque token: unexpected session type")
	}
	// The claims the JWT would carry, kept with the token for introspection.
	sess.GetJWTClaims().
		With(sess.GetExpiresAt(fosite.AccessToken), req.GetGrantedScopes(), req.GetGrantedAudience()).
		WithDefaults(time.Now().UTC(), t.cfg.GetAccessTokenIssuer(ctx))
	return t.hmac.GenerateAccessToken(ctx, req)
}

func (t *tokenStrategy) ValidateAccessToken(ctx context.Context, req fosite.Requester, token string) error {
	if isJWT(token) {
		return t.DefaultJWTStrategy.ValidateAccessToken(ctx, req, token)
	}
	return t.hmac.ValidateAccessToken(ctx, req, token)
}

// storeOpaque keeps an opaque access token's grant under the digest of
// its signature, with its jti so revoking the grant lists it for gateways.
func (s *storage) storeOpaque(ctx context.Context, sig string, req fosite.Requester) error {
	sess, _ := req.GetSession().(*Session)
	jti := ""
	if sess != nil && sess.AccessClaims != nil {
		jti = sess.AccessClaims.JTI
	}
	return s.put(ctx, oauthsession.KindACCESS_TOKEN, sig, req, expiry(req, fosite.AccessToken), jti)
}

// introspectOpaque loads an opaque access token: active only when its row
// is active (revocation flips it), unexpired, and its key still exists.
// The returned request carries the JWT's claims in a JWTSession, so
// fosite writes the same introspection response as for a JWT.
func (s *Server) introspectOpaque(ctx context.Context, token string) (fosite.Requester, error) {
	if !strings.HasPrefix(token, OpaquePrefix) {
		return nil, fosite.ErrInactiveToken
	}
	// The HMAC proves the token is ours before any lookup; the expiry
	// fosite would check from an empty request is not the token's (the
	// stored claims' is), hence ErrTokenExpired is let through.
	if err := s.hmac.ValidateAccessToken(ctx, &fosite.Request{Session: &oauth2.JWTSession{}}, token); err != nil &&
		!errors.Is(err, fosite.ErrTokenExpired) {
		return nil, fosite.ErrInactiveToken
	}
	sig := s.hmac.AccessTokenSignature(ctx, token)
	req, inactive, err := s.store.get(ctx, oauthsession.KindACCESS_TOKEN, sig, nil)
	if errors.Is(err, fosite.ErrNotFound) {
		return nil, fosite.ErrInactiveToken
	} else if err != nil {
		return nil, fosite.ErrServerError.WithWrap(err)
	}
	sess, _ := req.GetSession().(*Session)
	if inactive || sess == nil || sess.AccessClaims == nil || !opaqueClient(req.GetClient()) {
		return nil, fosite.ErrInactiveToken
	}
	claims := *sess.AccessClaims
	if claims.ExpiresAt.IsZero() || time.Now().After(claims.ExpiresAt) {
		return nil, fosite.ErrInactiveToken
	}
	claims.ScopeField = jwt.JWTScopeFieldString
	return &fosite.Request{
		ID: req.GetID(), RequestedAt: claims.IssuedAt, Client: req.GetClient(),
		RequestedScope: claims.Scope, GrantedScope: claims.Scope,
		RequestedAudience: claims.Audience, GrantedAudience: claims.Audience,
		Session: &oauth2.JWTSession{
			JWTClaims: &claims, JWTHeader: &jwt.Headers{},
			ExpiresAt: map[fosite.TokenType]time.Time{fosite.AccessToken: claims.ExpiresAt},
			Subject:   claims.Subject,
		},
	}, nil
}

// revokeOpaque implements RFC 7009 for an opaque access token: its row
// goes inactive and its jti on the revocation list gateways follow.
func (r *revoker) revokeOpaque(ctx context.Context, token string, client fosite.Client) (bool, error) {
	sig := r.s.hmac.AccessTokenSignature(ctx, token)
	req, _, err := r.s.store.get(ctx, oauthsession.KindACCESS_TOKEN, sig, nil)
	if errors.Is(err, fosite.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, fosite.ErrServerError.WithWrap(err)
	}
	if req.GetClient().GetID() != client.GetID() {
		return false, fosite.ErrUnauthorizedClient.WithHint("The token was issued to another client.")
	}
	if _, err := r.s.store.client.OAuthSession.Update().
		Where(oauthsession.KindEQ(oauthsession.KindACCESS_TOKEN), oauthsession.SignatureHash(signatureHash(sig))).
		SetActive(false).Save(ctx); err != nil {
		return false, fosite.ErrServerError.WithWrap(err)
	}
	sess, _ := req.GetSession().(*Session)
	if sess != nil && sess.AccessClaims != nil && sess.AccessClaims.JTI != "" {
		if err := r.s.store.revoke(ctx, sess.AccessClaims.JTI, client.GetID(), sess.AccessClaims.ExpiresAt, "revoked by client"); err != nil {
			return false, fosite.ErrServerError.WithWrap(err)
		}
		r.s.notify.TokensChanged(ctx)
	}
	return true, nil
}

// Introspect answers RFC 7662 for a gateway (the gateway-sync API and the
// in-process gateway): the response fosite would write to a client, as a
// map; {"active": false} for a token that is not active.
func (s *Server) Introspect(ctx context.Context, token string) (map[string]any, error) {
	ar := fosite.NewAccessRequest(s.newSession(&Client{}))
	in := &introspector{s: s, cfg: s.cfg}
	if _, err := in.IntrospectToken(ctx, token, fosite.AccessToken, ar, nil); err != nil {
		// Every RFC 6749 error but a server error means "not active".
		var rfc *fosite.RFC6749Error
		if errors.As(err, &rfc) && rfc.CodeField < 500 {
			return map[string]any{"active": false}, nil
		}
		return nil, err
	}
	return introspectionClaims(ar), nil
}

// introspectionClaims is fosite's introspection response body for an
// active token (WriteIntrospectionResponse), as a map.
func introspectionClaims(ar fosite.Requester) map[string]any {
	out := map[string]any{"active": true}
	sess := ar.GetSession()
	if ec, ok := sess.(fosite.ExtraClaimsSession); ok {
		for k, v := range ec.GetExtraClaims() {
			switch k {
			case "exp", "client_id", "scope", "iat", "sub", "aud", "username":
			default:
				out[k] = v
			}
		}
	}
	if exp := sess.GetExpiresAt(fosite.AccessToken); !exp.IsZero() {
		out["exp"] = exp.Unix()
	}
	if id := ar.GetClient().GetID(); id != "" {
		out["client_id"] = id
	}
	if sc := ar.GetGrantedScopes(); len(sc) > 0 {
		out["scope"] = strings.Join(sc, " ")
	}
	if !ar.GetRequestedAt().IsZero() {
		out["iat"] = ar.GetRequestedAt().Unix()
	}
	if sub := sess.GetSubject(); sub != "" {
		out["sub"] = sub
	}
	if aud := ar.GetGrantedAudience(); len(aud) > 0 {
		out["aud"] = []string(aud)
	}
	if u := sess.GetUsername(); u != "" {
		out["username"] = u
	}
	return out
}
