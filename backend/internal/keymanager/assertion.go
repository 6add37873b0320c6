package keymanager

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/go-jose/go-jose/v3"
	josejwt "github.com/go-jose/go-jose/v3/jwt"
	"github.com/ory/fosite"
)

// assertionClient is a key that registered public keys: fosite then
// authenticates it only with private_key_jwt (RFC 7523 section 2.2),
// signed by one of them. A key without public keys stays a plain *Client,
// which may use client_secret_basic or client_secret_post.
type assertionClient struct {
	*Client
	keys *jose.JSONWebKeySet
	alg  string
}

var _ fosite.OpenIDConnectClient = (*assertionClient)(nil)

func (c *assertionClient) GetRequestURIs() []string                     { return nil }
func (c *assertionClient) GetJSONWebKeys() *jose.JSONWebKeySet          { return c.keys }
func (c *assertionClient) GetJSONWebKeysURI() string                    { return "" }
func (c *assertionClient) GetRequestObjectSigningAlgorithm() string     { return "" }
func (c *assertionClient) GetTokenEndpointAuthMethod() string           { return "private_key_jwt" }
func (c *assertionClient) GetTokenEndpointAuthSigningAlgorithm() string { return c.alg }

// asClient returns the Gatehouse client behind what fosite hands back.
func asClient(c fosite.Client) (*Client, bool) {
	switch v := c.(type) {
	case *Client:
		return v, true
	case *assertionClient:
		return v.Client, true
	}
	return nil, false
}

// AssertionAlgs are the client assertion signing algorithms accepted.
var AssertionAlgs = []string{"ES256", "ES384", "RS256", "PS256", "EdDSA"}

// maxClientKeys bounds a registered key set.
const maxClientKeys = 10

// CheckJWKS validates a client's public key set: public signing keys of
// one accepted algorithm, RSA of at least 2048 bits.
func (s *Server) CheckJWKS(raw string) error {
	_, _, err := parseClientJWKS(raw)
	return err
}

func parseClientJWKS(raw string) (*jose.JSONWebKeySet, string, error) {
	var set jose.JSONWebKeySet
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return nil, "", errors.New("the key set is not a JSON Web Key Set ({\"keys\": [...]})")
	}
	if len(set.Keys) == 0 || len(set.Keys) > maxClientKeys {
		return nil, "", fmt.Errorf("the key set must hold 1 to %d keys", maxClientKeys)
	}
	alg := ""
	for i, k := range set.Keys {
		if !k.Valid() || !k.IsPublic() {
			return nil, "", fmt.Errorf("key %d is not a valid public key (private keys must never be sent)", i+1)
		}
		if k.Use != "" && k.Use != "sig" {
			return nil, "", fmt.Errorf("key %d is not a signing key (use %q)", i+1, k.Use)
		}
		a := k.Algorithm
		switch pub := k.Key.(type) {
		case *ecdsa.PublicKey:
			if a == "" {
				a = map[elliptic.Curve]string{elliptic.P256(): "ES256", elliptic.P384(): "ES384"}[pub.Curve]
			}
		case *rsa.PublicKey:
			if pub.N.BitLen() < 2048 {
				return nil, "", fmt.Errorf("key %d: RSA keys must have at least 2048 bits", i+1)
			}
			if a == "" {
				a = "RS256"
			}
		case ed25519.PublicKey:
			if a == "" {
				a = "EdDSA"
			}
		}
		if !slices.Contains(AssertionAlgs, a) {
			return nil, "", fmt.Errorf("key %d: algorithm %q is not accepted (use one of %v)", i+1, a, AssertionAlgs)
		}
		if alg != "" && a != alg {
			return nil, "", errors.New("all keys must use the same algorithm")
		}
		alg = a
	}
	return &set, alg, nil
}

// GrantTypeJWTBearer is the JWT bearer grant (RFC 7523 section 2.1).
const GrantTypeJWTBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer" // #nosec G101 -- the grant type's registered URN (RFC 7523), not a credential

// The JWT bearer grant's trust model: an application key may exchange an
// assertion signed with its own registered keys (iss = its client id)
// for a token about a user of its organization (sub = username) who has
// consented to it before; the scopes stay within that consent. The
// storage methods below find the keys; Server.jwtBearerSession checks
// the user and the consent.

// GetPublicKey implements rfc7523.RFC7523KeyStorage.
func (s *storage) GetPublicKey(ctx context.Context, issuer, subject, keyID string) (*jose.JSONWebKey, error) {
	set, err := s.GetPublicKeys(ctx, issuer, subject)
	if err != nil {
		return nil, err
	}
	for i := range set.Keys {
		if set.Keys[i].KeyID == keyID {
			return &set.Keys[i], nil
		}
	}
	return nil, fosite.ErrNotFound
}

// GetPublicKeys implements rfc7523.RFC7523KeyStorage.
func (s *storage) GetPublicKeys(ctx context.Context, issuer, _ string) (*jose.JSONWebKeySet, error) {
	fc, err := s.GetClient(ctx, issuer)
	if err != nil {
		return nil, fosite.ErrNotFound
	}
	ac, ok := fc.(*assertionClient)
	if !ok || ac.keys == nil {
		return nil, fosite.ErrNotFound
	}
	return ac.keys, nil
}

// GetPublicKeyScopes implements rfc7523.RFC7523KeyStorage: scopes are
// bounded by the user's consent instead (Server.jwtBearerSession).
func (s *storage) GetPublicKeyScopes(context.Context, string, string, string) ([]string, error) {
	return nil, nil
}

// IsJWTUsed implements rfc7523.RFC7523KeyStorage.
func (s *storage) IsJWTUsed(ctx context.Context, jti string) (bool, error) {
	return s.ClientAssertionJWTValid(ctx, jti) != nil, nil
}

// MarkJWTUsedForTime implements rfc7523.RFC7523KeyStorage.
func (s *storage) MarkJWTUsedForTime(ctx context.Context, jti string, exp time.Time) error {
	return s.SetClientAssertionJWT(ctx, jti, exp)
}

// jwtBearerSession fills the claims of a JWT bearer grant's token: the
// assertion's issuer must be the authenticated client, its subject a
// user of the client's organization who consented to the scopes asked.
func (s *Server) jwtBearerSession(ctx context.Context, ar fosite.AccessRequester, sess *Session, c *Client) error {
	tok, err := josejwt.ParseSigned(ar.GetRequestForm().Get("assertion"))
	if err != nil {
		return fosite.ErrInvalidGrant.WithHint("The assertion is malformed.")
	}
	var claims josejwt.Claims
	// fosite verified the signature already; this reads who it names.
	if err := tok.UnsafeClaimsWithoutVerification(&claims); err != nil || claims.Issuer != c.ID {
		return fosite.ErrInvalidGrant.WithHint("The assertion must be issued by the authenticated client.")
	}
	u, err := s.store.userByName(ctx, claims.Subject)
	if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	if u == nil || u.Disabled || u.OrganizationID != c.OrgID {
		return fosite.ErrInvalidGrant.WithHint("The assertion's subject cannot sign in to this application.")
	}
	ok, err := s.consented(ctx, u.ID, c.ID, ar.GetRequestedScopes())
	if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	if !ok {
		return fosite.ErrInvalidGrant.WithHint("The user has not allowed this application these scopes.")
	}
	if req, ok := ar.(*fosite.AccessRequest); ok {
		// fosite granted the assertion's audience (the token endpoint);
		// the token is for the gateways.
		req.GrantedAudience = fosite.Arguments{}
	}
	sess.DefaultSession.Subject = u.ID.String()
	return s.userGrantSession(sess, c, u)
}
