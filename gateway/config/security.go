package config

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/textproto"
	"strings"
)

// Modes of an API's authentication methods (as WSO2's "mandatory" and
// "optional" security schemes).
const (
	SecurityMandatory = "MANDATORY"
	SecurityOptional  = "OPTIONAL"
)

// Mutual TLS limits: enough for a CA bundle, small enough for a snapshot.
const (
	MaxTrustedCAPEM = 64 << 10
	MaxTrustedCAs   = 20
)

// MutualTLS makes the gateway check client certificates for an API
// against the API's own trusted certificates (CAs, or self-signed client
// certificates themselves).
//
// ClientCert and OAuth2 say how the two methods combine:
//   - MANDATORY + MANDATORY: a trusted certificate and a token;
//   - MANDATORY + OPTIONAL: a trusted certificate is enough (a token, when
//     sent, is checked too);
//   - OPTIONAL + MANDATORY: a token is required; a certificate, when
//     presented, must be trusted.
//
// At least one of them is mandatory.
type MutualTLS struct {
	ClientCert string `json:"clientCert"`
	OAuth2     string `json:"oauth2"`
	// TrustedCAs are PEM certificates.
	TrustedCAs string `json:"trustedCAs"`
}

// BackendJWT makes the gateway send the backend a JWT it signs, saying
// who called (end user, application, subscriber, key type, scopes).
type BackendJWT struct {
	Enabled bool `json:"enabled"`
	// Header carries the JWT (DefaultBackendJWTHeader when empty).
	Header string `json:"header,omitempty"`
	// TTLSeconds is the JWT's lifetime (DefaultBackendJWTTTL when 0); never
	// beyond the caller's token.
	TTLSeconds int `json:"ttlSeconds,omitempty"`
}

// Backend JWT defaults and limits.
const (
	DefaultBackendJWTHeader = "X-JWT-Assertion"
	DefaultBackendJWTTTL    = 300
	MaxBackendJWTTTL        = 3600
)

// SecurityError names the field of a security setting that is wrong.
type SecurityError struct {
	Field   string
	Message string
}

func (e *SecurityError) Error() string { return e.Field + ": " + e.Message }

// Validate checks m and returns it normalized (modes upper-case, the
// certificates re-encoded as plain PEM).
func (m MutualTLS) Validate() (MutualTLS, error) {
	fail := func(field, format string, args ...any) (MutualTLS, error) {
		return m, &SecurityError{Field: field, Message: fmt.Sprintf(format, args...)}
	}
	out := MutualTLS{ClientCert: strings.ToUpper(strings.TrimSpace(m.ClientCert)), OAuth2: strings.ToUpper(strings.TrimSpace(m.OAuth2))}
	if out.OAuth2 == "" {
		out.OAuth2 = SecurityMandatory
	}
	for field, v := range map[string]string{"clientCert": out.ClientCert, "oauth2": out.OAuth2} {
		if v != SecurityMandatory && v != SecurityOptional {
			return fail(field, "must be MANDATORY or OPTIONAL")
		}
	}
	if out.ClientCert == SecurityOptional && out.OAuth2 == SecurityOptional {
		return fail("clientCert", "client certificates or OAuth2 must be mandatory")
	}
	certs, err := ParseTrustedCAs(m.TrustedCAs)
	if err != nil {
		return fail("trustedCAs", "%v", err)
	}
	var b strings.Builder
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}) // a strings.Builder does not fail
	}
	out.TrustedCAs = b.String()
	return out, nil
}

// ParseTrustedCAs reads PEM certificates: at least one, at most
// MaxTrustedCAs, nothing but CERTIFICATE blocks.
func ParseTrustedCAs(pemText string) ([]*x509.Certificate, error) {
	if len(pemText) > MaxTrustedCAPEM {
		return nil, fmt.Errorf("at most %d KiB of PEM", MaxTrustedCAPEM>>10)
	}
	rest := []byte(strings.TrimSpace(pemText))
	var certs []*x509.Certificate
	for len(rest) > 0 {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, fmt.Errorf("certificate %d is not PEM", len(certs)+1)
		}
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("block %d is a %s, not a CERTIFICATE (never paste private keys)", len(certs)+1, block.Type)
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %v", len(certs)+1, err)
		}
		certs = append(certs, c)
		if len(certs) > MaxTrustedCAs {
			return nil, fmt.Errorf("at most %d certificates", MaxTrustedCAs)
		}
		rest = []byte(strings.TrimSpace(string(rest)))
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("at least one PEM certificate is required")
	}
	return certs, nil
}

// Validate checks b and returns it normalized (header canonical, defaults
// filled in).
func (b BackendJWT) Validate() (BackendJWT, error) {
	out := b
	out.Header = strings.TrimSpace(b.Header)
	if out.Header == "" {
		out.Header = DefaultBackendJWTHeader
	}
	if !headerToken.MatchString(out.Header) {
		return b, &SecurityError{Field: "header", Message: "must be an HTTP header name"}
	}
	switch strings.ToLower(out.Header) {
	case "authorization", "host", "content-length", "transfer-encoding", "connection", "cookie":
		return b, &SecurityError{Field: "header", Message: out.Header + " cannot carry the JWT"}
	}
	out.Header = textproto.CanonicalMIMEHeaderKey(out.Header)
	if b.TTLSeconds == 0 {
		out.TTLSeconds = DefaultBackendJWTTTL
	}
	if out.TTLSeconds < 30 || out.TTLSeconds > MaxBackendJWTTTL {
		return b, &SecurityError{Field: "ttlSeconds", Message: fmt.Sprintf("must be between 30 and %d seconds", MaxBackendJWTTTL)}
	}
	return out, nil
}
