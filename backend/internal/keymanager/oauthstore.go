package keymanager

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/oauthsession"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/user"
)

// The grant state fosite's handlers keep (authorization codes, PKCE
// challenges, OpenID Connect requests, refresh tokens, and the jtis of
// access tokens issued to users) lives in one ent table, so it survives a
// restart and is shared by every control-plane replica.

// storedRequest is a fosite request as kept in the database. The client is
// kept by id and looked up again, so a changed or deleted key takes effect.
type storedRequest struct {
	ID                string          `json:"id"`
	RequestedAt       time.Time       `json:"requested_at"`
	ClientID          string          `json:"client_id"`
	RequestedScope    []string        `json:"requested_scope"`
	GrantedScope      []string        `json:"granted_scope"`
	RequestedAudience []string        `json:"requested_audience"`
	GrantedAudience   []string        `json:"granted_audience"`
	Form              url.Values      `json:"form"`
	Session           json.RawMessage `json:"session"`
}

func signatureHash(sig string) string {
	sum := sha256.Sum256([]byte(sig))
	return hex.EncodeToString(sum[:])
}

// put stores req under kind and signature.
func (s *storage) put(ctx context.Context, kind oauthsession.Kind, sig string, req fosite.Requester, exp time.Time, jti string) error {
	sess, err := json.Marshal(req.GetSession())
	if err != nil {
		return fmt.Errorf("store %s: %w", kind, err)
	}
	body, err := json.Marshal(storedRequest{
		ID: req.GetID(), RequestedAt: req.GetRequestedAt(), ClientID: req.GetClient().GetID(),
		RequestedScope: req.GetRequestedScopes(), GrantedScope: req.GetGrantedScopes(),
		RequestedAudience: req.GetRequestedAudience(), GrantedAudience: req.GetGrantedAudience(),
		Form: req.GetRequestForm(), Session: sess,
	})
	if err != nil {
		return fmt.Errorf("store %s: %w", kind, err)
	}
	if exp.IsZero() {
		exp = time.Now().Add(24 * time.Hour)
	}
	subject := ""
	if ss, ok := req.GetSession().(*Session); ok {
		subject = ss.UserID
	}
	return s.client.OAuthSession.Create().
		SetKind(kind).SetSignatureHash(signatureHash(sig)).SetRequestID(req.GetID()).
		SetClientID(req.GetClient().GetID()).SetSubject(subject).SetJti(jti).
		SetExpiresAt(exp).SetRequest(string(body)).Exec(ctx)
}

// get loads the request stored under kind and signature into session. An
// inactive row comes back with its request and inactive = true.
func (s *storage) get(ctx context.Context, kind oauthsession.Kind, sig string, session fosite.Session) (req *fosite.Request, inactive bool, err error) {
	row, err := s.client.OAuthSession.Query().
		Where(oauthsession.KindEQ(kind), oauthsession.SignatureHash(signatureHash(sig))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, false, fosite.ErrNotFound
	} else if err != nil {
		return nil, false, err
	}
	var sr storedRequest
	if err := json.Unmarshal([]byte(row.Request), &sr); err != nil {
		return nil, false, fmt.Errorf("load %s: %w", kind, err)
	}
	if session == nil {
		session = newEmptySession()
	}
	if err := json.Unmarshal(sr.Session, session); err != nil {
		return nil, false, fmt.Errorf("load %s session: %w", kind, err)
	}
	c, err := s.GetClient(ctx, sr.ClientID)
	if err != nil {
		// The key was deleted since: the grant is gone with it.
		return nil, false, fosite.ErrNotFound
	}
	req = &fosite.Request{
		ID: sr.ID, RequestedAt: sr.RequestedAt, Client: c,
		RequestedScope: sr.RequestedScope, GrantedScope: sr.GrantedScope,
		RequestedAudience: sr.RequestedAudience, GrantedAudience: sr.GrantedAudience,
		Form: sr.Form, Session: session,
	}
	if req.Form == nil {
		req.Form = url.Values{}
	}
	return req, !row.Active || time.Now().After(row.ExpiresAt), nil
}

func (s *storage) drop(ctx context.Context, kind oauthsession.Kind, sig string) error {
	_, err := s.client.OAuthSession.Delete().
		Where(oauthsession.KindEQ(kind), oauthsession.SignatureHash(signatureHash(sig))).Exec(ctx)
	return err
}

func expiry(req fosite.Requester, t fosite.TokenType) time.Time {
	if req.GetSession() == nil {
		return time.Time{}
	}
	return req.GetSession().GetExpiresAt(t)
}

// CreateAuthorizeCodeSession implements oauth2.AuthorizeCodeStorage.
func (s *storage) CreateAuthorizeCodeSession(ctx context.Context, code string, req fosite.Requester) error {
	return s.put(ctx, oauthsession.KindAUTHORIZE_CODE, code, req, expiry(req, fosite.AuthorizeCode), "")
}

// GetAuthorizeCodeSession implements oauth2.AuthorizeCodeStorage: a used
// code comes back with ErrInvalidatedAuthorizeCode and its request, so
// fosite can revoke what the first use issued (RFC 6749 section 4.1.2).
func (s *storage) GetAuthorizeCodeSession(ctx context.Context, code string, session fosite.Session) (fosite.Requester, error) {
	req, inactive, err := s.get(ctx, oauthsession.KindAUTHORIZE_CODE, code, session)
	if err != nil {
		return nil, err
	}
	if inactive {
		return req, fosite.ErrInvalidatedAuthorizeCode
	}
	return req, nil
}

// InvalidateAuthorizeCodeSession implements oauth2.AuthorizeCodeStorage.
// Only one caller can flip a code from active: a concurrent second use
// finds nothing to update and is refused.
func (s *storage) InvalidateAuthorizeCodeSession(ctx context.Context, code string) error {
	n, err := s.client.OAuthSession.Update().
		Where(oauthsession.KindEQ(oauthsession.KindAUTHORIZE_CODE), oauthsession.SignatureHash(signatureHash(code)), oauthsession.Active(true)).
		SetActive(false).Save(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return fosite.ErrInvalidatedAuthorizeCode
	}
	return nil
}

// CreatePKCERequestSession implements pkce.PKCERequestStorage.
func (s *storage) CreatePKCERequestSession(ctx context.Context, sig string, req fosite.Requester) error {
	return s.put(ctx, oauthsession.KindPKCE, sig, req, expiry(req, fosite.AuthorizeCode), "")
}

// GetPKCERequestSession implements pkce.PKCERequestStorage.
func (s *storage) GetPKCERequestSession(ctx context.Context, sig string, session fosite.Session) (fosite.Requester, error) {
	req, _, err := s.get(ctx, oauthsession.KindPKCE, sig, session)
	if err != nil {
		return nil, err
	}
	return req, nil
}

// DeletePKCERequestSession implements pkce.PKCERequestStorage.
func (s *storage) DeletePKCERequestSession(ctx context.Context, sig string) error {
	return s.drop(ctx, oauthsession.KindPKCE, sig)
}

// CreateOpenIDConnectSession implements openid.OpenIDConnectRequestStorage.
func (s *storage) CreateOpenIDConnectSession(ctx context.Context, code string, req fosite.Requester) error {
	return s.put(ctx, oauthsession.KindOIDC, code, req, expiry(req, fosite.AuthorizeCode), "")
}

// GetOpenIDConnectSession implements openid.OpenIDConnectRequestStorage.
func (s *storage) GetOpenIDConnectSession(ctx context.Context, code string, requester fosite.Requester) (fosite.Requester, error) {
	req, _, err := s.get(ctx, oauthsession.KindOIDC, code, requester.GetSession())
	if err != nil {
		return nil, err
	}
	return req, nil
}

// DeleteOpenIDConnectSession implements openid.OpenIDConnectRequestStorage.
func (s *storage) DeleteOpenIDConnectSession(ctx context.Context, code string) error {
	return s.drop(ctx, oauthsession.KindOIDC, code)
}

// CreateRefreshTokenSession implements oauth2.RefreshTokenStorage.
func (s *storage) CreateRefreshTokenSession(ctx context.Context, sig, _ string, req fosite.Requester) error {
	return s.put(ctx, oauthsession.KindREFRESH_TOKEN, sig, req, expiry(req, fosite.RefreshToken), "")
}

// GetRefreshTokenSession implements oauth2.RefreshTokenStorage. A rotated
// (used) refresh token comes back with ErrInactiveToken and its request:
// fosite then treats it as reuse and revokes the whole family.
func (s *storage) GetRefreshTokenSession(ctx context.Context, sig string, session fosite.Session) (fosite.Requester, error) {
	req, inactive, err := s.get(ctx, oauthsession.KindREFRESH_TOKEN, sig, session)
	if err != nil {
		return nil, err
	}
	if inactive {
		return req, fosite.ErrInactiveToken
	}
	return req, nil
}

// DeleteRefreshTokenSession implements oauth2.RefreshTokenStorage.
func (s *storage) DeleteRefreshTokenSession(ctx context.Context, sig string) error {
	return s.drop(ctx, oauthsession.KindREFRESH_TOKEN, sig)
}

// RotateRefreshToken implements oauth2.RefreshTokenStorage: the used token
// stays, inactive, so a later use of it is recognised as reuse. Only one
// of two concurrent refreshes with the same token wins.
func (s *storage) RotateRefreshToken(ctx context.Context, _ string, sig string) error {
	n, err := s.client.OAuthSession.Update().
		Where(oauthsession.KindEQ(oauthsession.KindREFRESH_TOKEN), oauthsession.SignatureHash(signatureHash(sig)), oauthsession.Active(true)).
		SetActive(false).Save(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return fosite.ErrInactiveToken
	}
	return nil
}

// RevokeRefreshToken implements oauth2.TokenRevocationStorage: every
// refresh token of the grant stops working.
func (s *storage) RevokeRefreshToken(ctx context.Context, requestID string) error {
	_, err := s.client.OAuthSession.Update().
		Where(oauthsession.KindEQ(oauthsession.KindREFRESH_TOKEN), oauthsession.RequestID(requestID)).
		SetActive(false).Save(ctx)
	return err
}

// RevokeAccessToken implements oauth2.TokenRevocationStorage: every live
// access token of the grant goes on the revocation list gateways get.
func (s *storage) RevokeAccessToken(ctx context.Context, requestID string) error {
	rows, err := s.client.OAuthSession.Query().
		Where(oauthsession.KindEQ(oauthsession.KindACCESS_TOKEN), oauthsession.RequestID(requestID),
			oauthsession.ExpiresAtGT(time.Now())).All(ctx)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := s.revoke(ctx, r.Jti, r.ClientID, r.ExpiresAt, "grant revoked"); err != nil {
			return err
		}
	}
	// Opaque tokens of the grant stop introspecting as active.
	if len(rows) > 0 {
		if _, err := s.client.OAuthSession.Update().
			Where(oauthsession.KindEQ(oauthsession.KindACCESS_TOKEN), oauthsession.RequestID(requestID)).
			SetActive(false).Save(ctx); err != nil {
			return err
		}
	}
	if len(rows) > 0 && s.onRevoke != nil {
		s.onRevoke(ctx)
	}
	return nil
}

// accessTokenStored keeps the jti of an access token issued to a user, so
// the grant's tokens can be revoked together (refresh-token reuse, a
// replayed code, revocation of the refresh token). client_credentials
// tokens are not stored: issuing them writes nothing.
func (s *storage) accessTokenStored(ctx context.Context, sig string, req fosite.Requester) error {
	sess, ok := req.GetSession().(*Session)
	if !ok || sess.UserID == "" || sess.AccessClaims == nil || sess.AccessClaims.JTI == "" {
		return nil
	}
	return s.put(ctx, oauthsession.KindACCESS_TOKEN, sig, req, expiry(req, fosite.AccessToken), sess.AccessClaims.JTI)
}

// PurgeExpired deletes grant state past its expiry.
func (s *storage) PurgeExpired(ctx context.Context) (int, error) {
	n, err := s.client.OAuthSession.Delete().Where(oauthsession.ExpiresAtLT(time.Now().Add(-time.Minute))).Exec(ctx)
	if err != nil {
		return n, err
	}
	m, err := s.purgeRules(ctx)
	return n + m, err
}

// userByID loads a user for userinfo; nil when there is none.
func (s *storage) userByID(ctx context.Context, id string) (*ent.User, error) {
	uid, err := uuid.Parse(id)
	if err != nil {
		return nil, nil
	}
	u, err := s.client.User.Get(ctx, uid)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return u, err
}

// userByName loads a user by username; nil when there is none.
func (s *storage) userByName(ctx context.Context, name string) (*ent.User, error) {
	u, err := s.client.User.Query().Where(user.Username(name)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return u, err
}

// roles lists u's roles in its organization.
func (s *storage) roles(ctx context.Context, u *ent.User) ([]string, error) {
	roles, err := s.client.RoleBinding.Query().
		Where(rolebinding.UserID(u.ID), rolebinding.OrganizationID(u.OrganizationID)).
		Select(rolebinding.FieldRole).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("load roles: %w", err)
	}
	if roles == nil {
		roles = []string{}
	}
	return roles, nil
}
