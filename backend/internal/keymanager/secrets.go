package keymanager

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/ory/fosite"
)

// SecretHasher stores client secrets as keyed SHA-256 digests. Secrets are
// server-generated with 256 bits of entropy, so a keyed fast hash is as
// safe as a slow password hash and verifies in microseconds; user
// passwords stay argon2id.
type SecretHasher struct{ key []byte }

// NewSecretHasher keys the digests with a subkey of the master key.
func NewSecretHasher(m *MasterKey) *SecretHasher {
	return &SecretHasher{key: m.Derive("client-secret")}
}

const digestPrefix = "hmac-sha256:"

// Digest returns the stored form of secret.
func (h *SecretHasher) Digest(secret string) string {
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte(secret))
	return digestPrefix + hex.EncodeToString(mac.Sum(nil))
}

// Hash implements fosite.Hasher.
func (h *SecretHasher) Hash(_ context.Context, data []byte) ([]byte, error) {
	return []byte(h.Digest(string(data))), nil
}

// Compare implements fosite.Hasher in constant time.
func (h *SecretHasher) Compare(_ context.Context, hash, data []byte) error {
	if !strings.HasPrefix(string(hash), digestPrefix) ||
		!hmac.Equal(hash, []byte(h.Digest(string(data)))) {
		return fosite.ErrInvalidClient.WithHint("The client secret is wrong.")
	}
	return nil
}

// NewSecret returns a new client secret: 256 random bits.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewClientID returns a new client id.
func NewClientID() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
