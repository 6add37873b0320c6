package keymanager

import (
	"time"

	"github.com/mohae/deepcopy"
	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"
)

// Session is what fosite carries through a grant and what the storage
// keeps with a code or refresh token: the access token's claims and, for
// OpenID Connect, the ID token's. One type serves every grant because the
// token endpoint learns the grant only after it has handed fosite a
// session to fill.
type Session struct {
	*openid.DefaultSession `json:"oidc"`
	AccessClaims           *jwt.JWTClaims `json:"access_claims"`
	AccessHeader           *jwt.Headers   `json:"access_header"`
	// UserID is the signed-in user a delegated grant speaks for; empty
	// for client_credentials, whose tokens are never stored.
	UserID string `json:"user_id,omitempty"`
}

func newEmptySession() *Session {
	return &Session{
		DefaultSession: &openid.DefaultSession{Claims: &jwt.IDTokenClaims{}, Headers: &jwt.Headers{}},
		AccessClaims:   &jwt.JWTClaims{Extra: map[string]interface{}{}},
		AccessHeader:   &jwt.Headers{Extra: map[string]interface{}{"typ": "at+jwt"}},
	}
}

// GetJWTClaims implements oauth2.JWTSessionContainer.
func (s *Session) GetJWTClaims() jwt.JWTClaimsContainer {
	if s.AccessClaims == nil {
		s.AccessClaims = &jwt.JWTClaims{}
	}
	return s.AccessClaims
}

// GetJWTHeader implements oauth2.JWTSessionContainer.
func (s *Session) GetJWTHeader() *jwt.Headers {
	if s.AccessHeader == nil {
		s.AccessHeader = &jwt.Headers{Extra: map[string]interface{}{"typ": "at+jwt"}}
	}
	return s.AccessHeader
}

// Clone implements fosite.Session.
func (s *Session) Clone() fosite.Session {
	if s == nil {
		return nil
	}
	return deepcopy.Copy(s).(fosite.Session)
}

// freshAccessToken gives the next access token of this session its own
// jti and issue time: a refresh reuses the stored claims otherwise.
func (s *Session) freshAccessToken(jti string, now time.Time) {
	c := s.GetJWTClaims().(*jwt.JWTClaims)
	c.JTI = jti
	c.IssuedAt = now
	c.ExpiresAt = time.Time{}
	c.Issuer = ""
	c.Audience = nil
	c.Scope = nil
}
