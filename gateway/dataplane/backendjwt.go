package dataplane

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
)

// JWKSPath is where a gateway serves the public keys of the JWTs it signs
// for backends. The path cannot collide with an API: contexts start with
// a letter or digit.
const JWKSPath = "/.well-known/gateway-jwks.json"

// BackendJWTIssuer is the iss of the JWTs a gateway signs for backends.
const BackendJWTIssuer = "gatehouse-gateway"

// JWTSigner signs the JWTs a gateway sends backends about their callers
// (the API's BackendJWT setting). Signed assertions are cached per token
// (jti) and API until shortly before they expire, so a client repeating
// its token costs a map lookup, not an ECDSA signature.
type JWTSigner struct {
	signer jose.Signer
	jwks   []byte
	cache  *lru.Cache[assertionKey, assertion]
	now    func() time.Time
}

type assertionKey struct{ jti, api string }

type assertion struct {
	jwt string
	// until is when the cached assertion stops being handed out: a little
	// before its exp, so backends never receive one about to expire.
	until time.Time
}

// assertionMargin is how long before its exp a cached assertion is
// replaced.
const assertionMargin = 30 * time.Second

// backendClaims are the claims about the caller (WSO2's X-JWT-Assertion
// carries the same facts under http://wso2.org/claims/ names).
type backendClaims struct {
	jwt.Claims
	ClientID      string `json:"client_id,omitempty"`
	ApplicationID string `json:"application_id,omitempty"`
	Application   string `json:"application,omitempty"`
	Subscriber    string `json:"subscriber,omitempty"`
	KeyType       string `json:"key_type,omitempty"`
	APIContext    string `json:"api_context"`
	APIVersion    string `json:"api_version"`
	APIName       string `json:"api_name,omitempty"`
	Scope         string `json:"scope,omitempty"`
	// ClientCertSubject is the client certificate's subject when mutual
	// TLS authenticated the call.
	ClientCertSubject string `json:"client_cert_subject,omitempty"`
}

// NewJWTSigner signs with key (ECDSA P-256: ES256), whose kid is its
// RFC 7638 thumbprint.
func NewJWTSigner(key *ecdsa.PrivateKey) (*JWTSigner, error) {
	if key == nil || key.Curve != elliptic.P256() {
		return nil, errors.New("the backend JWT key must be an ECDSA P-256 key")
	}
	pub := jose.JSONWebKey{Key: &key.PublicKey, Algorithm: string(jose.ES256), Use: "sig"}
	thumb, err := pub.Thumbprint(crypto.SHA256)
	if err != nil {
		return nil, err
	}
	pub.KeyID = fmt.Sprintf("%x", thumb[:12])
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader(jose.HeaderKey("kid"), pub.KeyID))
	if err != nil {
		return nil, err
	}
	jwks, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{pub}})
	if err != nil {
		return nil, err
	}
	cache, _ := lru.New[assertionKey, assertion](50_000) // only fails for size <= 0
	return &JWTSigner{signer: signer, jwks: jwks, cache: cache, now: time.Now}, nil
}

// EphemeralJWTSigner signs with a key made now: enough for one gateway;
// gateways behind one load balancer share a key file instead
// (LoadOrCreateJWTKey), so backends trust one JWKS.
func EphemeralJWTSigner() *JWTSigner {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err) // crypto/rand does not fail
	}
	s, err := NewJWTSigner(key)
	if err != nil {
		panic(err)
	}
	return s
}

// UseJWTKeyFile makes g sign backend JWTs with the key at path, or at
// dataDir/gateway-jwt.pem when path is empty, creating it on first use.
func (g *Gateway) UseJWTKeyFile(path, dataDir string) error {
	if path == "" {
		path = filepath.Join(dataDir, "gateway-jwt.pem")
	}
	key, err := LoadOrCreateJWTKey(path)
	if err != nil {
		return err
	}
	signer, err := NewJWTSigner(key)
	if err != nil {
		return err
	}
	g.JWTSigner.Store(signer)
	return nil
}

// LoadOrCreateJWTKey reads the PEM (PKCS #8) ECDSA P-256 key at path,
// creating it (mode 0600) on first use.
func LoadOrCreateJWTKey(path string) (*ecdsa.PrivateKey, error) {
	b, err := os.ReadFile(path) // #nosec G304 -- the operator's backend JWT key flag, not request input
	if errors.Is(err, os.ErrNotExist) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: not PEM", path)
	}
	var parsed any
	switch block.Type {
	case "PRIVATE KEY":
		parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		parsed, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("%s: a %s, want an EC PRIVATE KEY or PRIVATE KEY", path, block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	key, ok := parsed.(*ecdsa.PrivateKey)
	if !ok || key.Curve != elliptic.P256() {
		return nil, fmt.Errorf("%s: want an ECDSA P-256 key", path)
	}
	return key, nil
}

// JWKS is the public key set backends verify the assertions with.
func (s *JWTSigner) JWKS() []byte { return s.jwks }

// Assertion is the signed JWT about p calling api, valid for ttl but
// never beyond p's own credential.
func (s *JWTSigner) Assertion(p *authn.Principal, api *config.API, ttl time.Duration, certSubject string) (string, error) {
	now := s.now()
	key := assertionKey{jti: p.JTI, api: api.ID}
	// Only credentials with a jti are cached: without one, two tokens
	// could share a key and differ in their claims.
	cacheable := p.JTI != "" && certSubject == ""
	if cacheable {
		if a, ok := s.cache.Get(key); ok && now.Before(a.until) {
			return a.jwt, nil
		}
	}
	exp := now.Add(ttl)
	if !p.Expiry.IsZero() && p.Expiry.Before(exp) {
		exp = p.Expiry
	}
	sub := p.EndUser
	if sub == "" {
		sub = p.Subscriber
	}
	if sub == "" {
		sub = certSubject
	}
	c := backendClaims{
		Claims: jwt.Claims{Issuer: BackendJWTIssuer, Subject: sub, IssuedAt: jwt.NewNumericDate(now),
			Expiry: jwt.NewNumericDate(exp)},
		ClientID: p.ClientID, ApplicationID: p.ApplicationID, Application: p.Application, Subscriber: p.Subscriber,
		KeyType: p.KeyType, APIContext: "/" + api.Context, APIVersion: api.Version, APIName: api.Name,
		Scope: strings.Join(p.Scopes, " "), ClientCertSubject: certSubject,
	}
	signed, err := jwt.Signed(s.signer).Claims(c).Serialize()
	if err != nil {
		return "", err
	}
	if cacheable {
		if until := exp.Add(-assertionMargin); until.After(now) {
			s.cache.Add(key, assertion{jwt: signed, until: until})
		}
	}
	return signed, nil
}

// backendJWT sets the API's backend JWT header on the proxied call. The
// client's own value of the header is always dropped (findRoute's
// caller does it), so a caller cannot forge one.
func (g *Gateway) backendJWT(r *http.Request, c *call) {
	bj := c.route.backendJWT
	if bj == nil {
		return
	}
	p := c.principal
	if p == nil {
		if c.certSubject == "" {
			return // an open resource: nobody to speak of
		}
		p = &authn.Principal{}
	}
	signed, err := g.jwtSigner().Assertion(p, c.api, time.Duration(bj.TTLSeconds)*time.Second, c.certSubject)
	if err != nil {
		g.log.Warn("backend JWT not signed", "api", c.api.ID, "err", err)
		return
	}
	r.Header[bj.Header] = []string{signed}
}

func (g *Gateway) jwtSigner() *JWTSigner {
	if s := g.JWTSigner.Load(); s != nil {
		return s
	}
	s := EphemeralJWTSigner()
	if g.JWTSigner.CompareAndSwap(nil, s) {
		return s
	}
	return g.JWTSigner.Load()
}

// serveJWKS answers JWKSPath.
func (g *Gateway) serveJWKS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(g.jwtSigner().JWKS())
}
