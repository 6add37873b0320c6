package keymanager

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MasterKey protects secrets at rest: it seals signing keys and keys the
// digests of client secrets. It comes from configuration, or is generated
// once into the data directory with 0600 permissions.
type MasterKey struct {
	aead cipher.AEAD
	raw  []byte
}

// LoadMasterKey returns the configured key (base64 of 32 bytes) or the one
// in dataDir/master.key, creating it on first start.
func LoadMasterKey(configured, dataDir string) (*MasterKey, error) {
	if configured != "" {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(configured))
		if err != nil || len(raw) != 32 {
			return nil, errors.New("the master key must be 32 bytes, base64-encoded (openssl rand -base64 32)")
		}
		return newMasterKey(raw)
	}
	path := filepath.Join(dataDir, "master.key")
	b, err := os.ReadFile(path) // #nosec G304 -- a fixed name in the operator's --data-dir
	switch {
	case err == nil:
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(raw) != 32 {
			return nil, fmt.Errorf("%s is not a base64 32-byte key", path)
		}
		return newMasterKey(raw)
	case errors.Is(err, os.ErrNotExist):
		raw := make([]byte, 32)
		_, _ = rand.Read(raw)
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- a fixed name in the operator's --data-dir
		if err != nil {
			return nil, fmt.Errorf("create master key: %w", err)
		}
		_, err = f.WriteString(base64.StdEncoding.EncodeToString(raw) + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("write master key: %w", err)
		}
		return newMasterKey(raw)
	default:
		return nil, fmt.Errorf("read master key: %w", err)
	}
}

func newMasterKey(raw []byte) (*MasterKey, error) {
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &MasterKey{aead: aead, raw: raw}, nil
}

// Seal encrypts plaintext with AES-256-GCM; label binds the ciphertext to
// its purpose so one sealed value cannot be swapped for another.
func (m *MasterKey) Seal(plaintext []byte, label string) []byte {
	nonce := make([]byte, m.aead.NonceSize())
	_, _ = rand.Read(nonce)
	return m.aead.Seal(nonce, nonce, plaintext, []byte(label))
}

// Open decrypts what Seal produced with the same label.
func (m *MasterKey) Open(sealed []byte, label string) ([]byte, error) {
	n := m.aead.NonceSize()
	if len(sealed) < n {
		return nil, errors.New("sealed value too short")
	}
	return m.aead.Open(nil, sealed[:n], sealed[n:], []byte(label))
}

// Derive returns a 32-byte subkey for one purpose.
func (m *MasterKey) Derive(purpose string) []byte {
	mac := hmac.New(sha256.New, m.raw)
	mac.Write([]byte("gatehouse:" + purpose))
	return mac.Sum(nil)
}
