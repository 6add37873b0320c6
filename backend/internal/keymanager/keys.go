package keymanager

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v3"
	"github.com/google/uuid"
	"github.com/ory/fosite"
	"github.com/ory/fosite/token/jwt"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/signingkey"
)

// KeyRing holds the signing keys: the active one signs, every key not yet
// retired verifies and is published in the JWKS.
type KeyRing struct {
	client *ent.Client
	master *MasterKey

	mu     sync.RWMutex
	active *jose.JSONWebKey            // private
	public map[string]*jose.JSONWebKey // by kid
}

// sealLabel binds sealed private keys to their purpose.
const sealLabel = "signing-key"

// NewKeyRing loads the keys, generating an ES256 key on first start.
func NewKeyRing(ctx context.Context, client *ent.Client, master *MasterKey) (*KeyRing, error) {
	k := &KeyRing{client: client, master: master}
	if err := k.load(ctx); err != nil {
		return nil, err
	}
	if k.active == nil {
		if err := k.generate(ctx); err != nil {
			return nil, err
		}
		if err := k.load(ctx); err != nil {
			return nil, err
		}
	}
	return k, nil
}

func (k *KeyRing) load(ctx context.Context) error {
	rows, err := k.client.SigningKey.Query().
		Where(signingkey.Or(signingkey.RetireAfterIsNil(), signingkey.RetireAfterGT(time.Now()))).
		Order(ent.Asc(signingkey.FieldCreatedAt)).All(ctx)
	if err != nil {
		return fmt.Errorf("load signing keys: %w", err)
	}
	public := map[string]*jose.JSONWebKey{}
	var active *jose.JSONWebKey
	for _, r := range rows {
		var pub jose.JSONWebKey
		if err := json.Unmarshal([]byte(r.PublicJwk), &pub); err != nil {
			return fmt.Errorf("signing key %s: %w", r.Kid, err)
		}
		public[r.Kid] = &pub
		if r.State != signingkey.StateACTIVE {
			continue
		}
		der, err := k.master.Open(r.PrivateKey, sealLabel)
		if err != nil {
			return fmt.Errorf("signing key %s: cannot unseal with this master key: %w", r.Kid, err)
		}
		priv, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return fmt.Errorf("signing key %s: %w", r.Kid, err)
		}
		active = &jose.JSONWebKey{Key: priv, KeyID: r.Kid, Algorithm: r.Algorithm.String(), Use: "sig"}
	}
	k.mu.Lock()
	k.active, k.public = active, public
	k.mu.Unlock()
	return nil
}

// RotationPolicy says when signing keys change.
type RotationPolicy struct {
	// Every is the age at which the active key is replaced (0: never).
	Every time.Duration
	// Publish is how long a new key is in the JWKS before it signs, so
	// every gateway and client has fetched it by then (JWKS caches, the
	// snapshot push).
	Publish time.Duration
	// TokenLifetime is the longest a token signed with a key stays valid:
	// a replaced key stays in the JWKS that long.
	TokenLifetime time.Duration
}

// Rotate moves the key ring one step along policy at now: it publishes a
// next key when the active one is due, promotes a next key that has been
// published long enough (the old active key keeps verifying until its
// tokens expire), and deletes keys past retirement. It reports whether
// the JWKS changed. Every replica may run it: it reloads what others did.
func (k *KeyRing) Rotate(ctx context.Context, now time.Time, p RotationPolicy) (changed bool, err error) {
	rows, err := k.client.SigningKey.Query().Order(ent.Asc(signingkey.FieldCreatedAt)).All(ctx)
	if err != nil {
		return false, fmt.Errorf("rotate signing keys: %w", err)
	}
	var active, next *ent.SigningKey
	for _, r := range rows {
		switch r.State {
		case signingkey.StateACTIVE:
			active = r
		case signingkey.StateNEXT:
			if next == nil {
				next = r
			}
		}
	}
	switch {
	case next != nil && now.Sub(next.CreatedAt) >= p.Publish:
		err = k.promote(ctx, active, next, now.Add(p.TokenLifetime))
		changed = err == nil
	case next == nil && active != nil && p.Every > 0 && now.Sub(active.CreatedAt) >= p.Every:
		err = k.generateState(ctx, signingkey.StateNEXT)
		changed = err == nil
	}
	if err != nil {
		return false, err
	}
	n, err := k.client.SigningKey.Delete().
		Where(signingkey.StateEQ(signingkey.StateRETIRED), signingkey.RetireAfterLT(now)).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("delete retired signing keys: %w", err)
	}
	before := k.kids()
	if err := k.load(ctx); err != nil {
		return false, err
	}
	return changed || n > 0 || before != k.kids(), nil
}

// promote makes next the signing key and retires active once its tokens
// have expired (retireAfter).
func (k *KeyRing) promote(ctx context.Context, active, next *ent.SigningKey, retireAfter time.Time) error {
	tx, err := k.client.Tx(ctx)
	if err != nil {
		return err
	}
	if active != nil {
		if err := tx.SigningKey.UpdateOne(active).SetState(signingkey.StateRETIRED).SetRetireAfter(retireAfter).Exec(ctx); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("retire signing key: %w", err)
		}
	}
	// Only one replica promotes: the update is conditional on the state.
	n, err := tx.SigningKey.Update().Where(signingkey.ID(next.ID), signingkey.StateEQ(signingkey.StateNEXT)).
		SetState(signingkey.StateACTIVE).Save(ctx)
	if err != nil || n == 0 {
		_ = tx.Rollback()
		if err == nil {
			return nil // another replica did it
		}
		return fmt.Errorf("promote signing key: %w", err)
	}
	return tx.Commit()
}

// kids lists the published key ids and the signing one, to tell changes.
func (k *KeyRing) kids() string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	ids := make([]string, 0, len(k.public))
	for id := range k.public {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	active := ""
	if k.active != nil {
		active = k.active.KeyID
	}
	return active + "|" + strings.Join(ids, ",")
}

// ActiveKID is the id of the key that signs now.
func (k *KeyRing) ActiveKID() string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	if k.active == nil {
		return ""
	}
	return k.active.KeyID
}

// generate stores a new active ES256 key.
func (k *KeyRing) generate(ctx context.Context) error {
	return k.generateState(ctx, signingkey.StateACTIVE)
}

// generateState stores a new ES256 key in state.
func (k *KeyRing) generateState(ctx context.Context, state signingkey.State) error {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return err
	}
	kid := uuid.NewString()
	pub := jose.JSONWebKey{Key: &priv.PublicKey, KeyID: kid, Algorithm: string(jose.ES256), Use: "sig"}
	pubJSON, err := pub.MarshalJSON()
	if err != nil {
		return err
	}
	return k.client.SigningKey.Create().
		SetKid(kid).SetAlgorithm(signingkey.AlgorithmES256).
		SetPrivateKey(k.master.Seal(der, sealLabel)).SetPublicJwk(string(pubJSON)).
		SetState(state).Exec(ctx)
}

// JWKS is the public key set.
func (k *KeyRing) JWKS() jose.JSONWebKeySet {
	k.mu.RLock()
	defer k.mu.RUnlock()
	set := jose.JSONWebKeySet{Keys: make([]jose.JSONWebKey, 0, len(k.public))}
	for _, pub := range k.public {
		set.Keys = append(set.Keys, *pub)
	}
	return set
}

// Signer signs with the active key and verifies with whichever key the
// token's kid names, so tokens signed before a rotation stay valid.
type Signer struct {
	ring *KeyRing
	jwt.DefaultSigner
}

// NewSigner returns the ring's fosite signer.
func NewSigner(ring *KeyRing) *Signer {
	s := &Signer{ring: ring}
	s.DefaultSigner.GetPrivateKey = func(context.Context) (interface{}, error) {
		ring.mu.RLock()
		defer ring.mu.RUnlock()
		if ring.active == nil {
			return nil, errors.New("no active signing key")
		}
		return ring.active, nil
	}
	return s
}

// Decode verifies token against the key its header names.
func (s *Signer) Decode(_ context.Context, token string) (*jwt.Token, error) {
	return jwt.ParseWithClaims(token, jwt.MapClaims{}, func(t *jwt.Token) (interface{}, error) {
		kid, _ := t.Header["kid"].(string)
		s.ring.mu.RLock()
		pub := s.ring.public[kid]
		s.ring.mu.RUnlock()
		if pub == nil {
			return nil, fmt.Errorf("unknown signing key %q", kid)
		}
		return pub.Key, nil
	})
}

// Validate implements jwt.Signer with kid-based key lookup.
func (s *Signer) Validate(ctx context.Context, token string) (string, error) {
	if _, err := s.Decode(ctx, token); err != nil {
		return "", fosite.ErrTokenSignatureMismatch.WithWrap(err).WithDebug(err.Error())
	}
	return s.GetSignature(ctx, token)
}

// GetSignature returns the token's signature part.
func (s *Signer) GetSignature(_ context.Context, token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", fosite.ErrInvalidTokenFormat
	}
	return parts[2], nil
}
