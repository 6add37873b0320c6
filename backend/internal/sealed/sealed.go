// Package sealed keeps the backend credentials of API endpoints (basic-auth
// passwords, OAuth 2.0 client secrets) sealed with the master key wherever
// the control plane stores them: the API row and every revision snapshot.
// They are opened only when a snapshot is handed to a gateway, which needs
// them in the clear to authenticate to the backend.
package sealed

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Sealer is the master key (keymanager.MasterKey).
type Sealer interface {
	Seal(plaintext []byte, label string) []byte
	Open(sealed []byte, label string) ([]byte, error)
}

// Prefix marks a sealed value; the version lets a later release change the
// scheme and still recognise (and re-seal) what this one wrote. A stored
// value without it is a plaintext of an older release.
const Prefix = "sealed:v1:"

// label binds the ciphertexts to their purpose, so a sealed signing key or
// identity-provider secret cannot be swapped in for an endpoint secret.
const label = "endpoint-auth-secret"

// IsSealed reports whether v is a value Seal produced.
func IsSealed(v string) bool { return strings.HasPrefix(v, Prefix) }

// Seal returns v sealed; empty and already sealed values are returned as
// they are, so sealing is idempotent.
func Seal(s Sealer, v string) string {
	if v == "" || IsSealed(v) {
		return v
	}
	return Prefix + base64.RawURLEncoding.EncodeToString(s.Seal([]byte(v), label))
}

// Open returns the plaintext of v. A value without the prefix is returned
// as it is: a row of an older release that the start-up migration has not
// sealed yet.
func Open(s Sealer, v string) (string, error) {
	if !IsSealed(v) {
		return v, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(v, Prefix))
	if err != nil {
		return "", fmt.Errorf("sealed endpoint secret: %w", err)
	}
	b, err := s.Open(raw, label)
	if err != nil {
		// A different master key than the one that sealed it.
		return "", errors.New("sealed endpoint secret does not open with this master key")
	}
	return string(b), nil
}

// SealEndpoint returns e with its secrets sealed (e itself is not changed).
// It reports whether anything was sealed.
func SealEndpoint(s Sealer, e *config.EndpointConfig) (*config.EndpointConfig, bool) {
	if e == nil || e.Auth == nil {
		return e, false
	}
	a := *e.Auth
	a.Password, a.ClientSecret = Seal(s, a.Password), Seal(s, a.ClientSecret)
	changed := a.Password != e.Auth.Password || a.ClientSecret != e.Auth.ClientSecret
	out := *e
	out.Auth = &a
	return &out, changed
}

// OpenEndpoint returns e with its secrets opened (e itself is not changed).
func OpenEndpoint(s Sealer, e *config.EndpointConfig) (*config.EndpointConfig, error) {
	if e == nil || e.Auth == nil {
		return e, nil
	}
	a := *e.Auth
	var err error
	if a.Password, err = Open(s, a.Password); err != nil {
		return nil, err
	}
	if a.ClientSecret, err = Open(s, a.ClientSecret); err != nil {
		return nil, err
	}
	out := *e
	out.Auth = &a
	return &out, nil
}

// SealAPI seals the endpoint secrets of a gateway API in place and reports
// whether anything changed.
func SealAPI(s Sealer, a *config.API) bool {
	var p, b bool
	a.Production, p = SealEndpoint(s, a.Production)
	a.Sandbox, b = SealEndpoint(s, a.Sandbox)
	return p || b
}

// OpenAPI opens the endpoint secrets of a gateway API in place.
func OpenAPI(s Sealer, a *config.API) error {
	var err error
	if a.Production, err = OpenEndpoint(s, a.Production); err != nil {
		return fmt.Errorf("production endpoint: %w", err)
	}
	if a.Sandbox, err = OpenEndpoint(s, a.Sandbox); err != nil {
		return fmt.Errorf("sandbox endpoint: %w", err)
	}
	return nil
}
