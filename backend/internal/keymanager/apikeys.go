package keymanager

import (
	"context"
	"fmt"
	"time"

	"github.com/ory/fosite/token/jwt"
)

// APIKeyType is the JWT typ of API keys, so a gateway never mistakes one
// for an access token (or the reverse).
const APIKeyType = "apikey+jwt" // #nosec G101 -- a JWT typ header value, not a credential

// SignAPIKey signs a self-contained API key with the active signing key:
// this server as issuer, the gateway audience, jti, the validity window,
// and the caller's claims (application, key type, restrictions).
func (s *Server) SignAPIKey(ctx context.Context, jti string, claims map[string]any, notBefore, expires time.Time) (string, error) {
	c := jwt.MapClaims{}
	for k, v := range claims {
		c[k] = v
	}
	c["iss"] = s.opts.Issuer
	c["aud"] = []string{DefaultAudience}
	c["jti"] = jti
	c["iat"] = time.Now().Unix()
	c["nbf"] = notBefore.Unix()
	c["exp"] = expires.Unix()
	token, _, err := s.signer.Generate(ctx, c, &jwt.Headers{Extra: map[string]interface{}{"typ": APIKeyType}})
	if err != nil {
		return "", fmt.Errorf("sign API key: %w", err)
	}
	return token, nil
}
