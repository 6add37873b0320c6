package keymanager

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/revokedtoken"
)

// Client is an application's key as fosite sees it, with what the access
// token must say about the application.
type Client struct {
	fosite.DefaultClient
	ApplicationID uuid.UUID
	Application   string
	Subscriber    string
	KeyType       string
}

// storage is fosite's storage over ent. Issued JWTs are not stored: they
// are verified by signature, and revoked ones are listed by jti.
type storage struct {
	client   *ent.Client
	audience string

	mu         sync.Mutex
	assertions map[string]time.Time // private_key_jwt assertion ids seen, until expiry

	// clients caches client lookups: every token request needs one, and
	// three queries each would cap issuance. Any change to keys,
	// applications or users moves generation on, which empties the cache;
	// the TTL bounds what a lookup racing a transaction could keep.
	clients    sync.Map // client id -> *cachedClient
	generation atomic.Uint64
}

type cachedClient struct {
	c          *Client
	generation uint64
	loaded     time.Time
}

// clientCacheTTL bounds how long a cached client is trusted.
const clientCacheTTL = 2 * time.Second

func newStorage(client *ent.Client, audience string) *storage {
	s := &storage{client: client, audience: audience, assertions: map[string]time.Time{}}
	client.Use(s.invalidate)
	return s
}

// invalidate is an ent hook: a change to what a client is made of makes
// every cached client stale.
func (s *storage) invalidate(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		v, err := next.Mutate(ctx, m)
		switch m.Type() {
		case ent.TypeApplicationKey, ent.TypeApplication, ent.TypeUser:
			s.generation.Add(1)
		}
		return v, err
	})
}

// GetClient implements fosite.ClientManager.
func (s *storage) GetClient(ctx context.Context, id string) (fosite.Client, error) {
	gen := s.generation.Load()
	if v, ok := s.clients.Load(id); ok {
		cc := v.(*cachedClient)
		if cc.generation == gen && time.Since(cc.loaded) < clientCacheTTL {
			return cc.c, nil
		}
	}
	c, err := s.loadClient(ctx, id)
	if err != nil {
		return nil, err
	}
	s.clients.Store(id, &cachedClient{c: c, generation: gen, loaded: time.Now()})
	return c, nil
}

func (s *storage) loadClient(ctx context.Context, id string) (*Client, error) {
	k, err := s.client.ApplicationKey.Query().Where(applicationkey.ClientID(id)).
		WithApplication(func(q *ent.ApplicationQuery) { q.WithOwner() }).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fosite.ErrNotFound
	} else if err != nil {
		return nil, err
	}
	app := k.Edges.Application
	grants := k.GrantTypes
	if len(grants) == 0 {
		grants = []string{"client_credentials"}
	}
	c := &Client{
		DefaultClient: fosite.DefaultClient{
			ID:         k.ClientID,
			Secret:     []byte(k.ClientSecretHash),
			GrantTypes: grants,
			Audience:   []string{s.audience},
		},
		ApplicationID: app.ID,
		Application:   app.Name,
		KeyType:       k.KeyType.String(),
	}
	if app.Edges.Owner != nil {
		c.Subscriber = app.Edges.Owner.Username
	}
	return c, nil
}

// ClientAssertionJWTValid implements fosite.ClientManager: a
// private_key_jwt assertion may be used once.
func (s *storage) ClientAssertionJWTValid(_ context.Context, jti string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if exp, ok := s.assertions[jti]; ok && exp.After(time.Now()) {
		return fosite.ErrJTIKnown
	}
	return nil
}

// SetClientAssertionJWT implements fosite.ClientManager.
func (s *storage) SetClientAssertionJWT(_ context.Context, jti string, exp time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	for k, e := range s.assertions {
		if e.Before(now) {
			delete(s.assertions, k)
		}
	}
	if e, ok := s.assertions[jti]; ok && e.After(now) {
		return fosite.ErrJTIKnown
	}
	s.assertions[jti] = exp
	return nil
}

// CreateAccessTokenSession implements oauth2.AccessTokenStorage. JWT
// access tokens carry their session, so nothing is written per token.
func (s *storage) CreateAccessTokenSession(context.Context, string, fosite.Requester) error {
	return nil
}

// GetAccessTokenSession implements oauth2.AccessTokenStorage.
func (s *storage) GetAccessTokenSession(context.Context, string, fosite.Session) (fosite.Requester, error) {
	return nil, fosite.ErrNotFound
}

// DeleteAccessTokenSession implements oauth2.AccessTokenStorage.
func (s *storage) DeleteAccessTokenSession(context.Context, string) error { return nil }

// isRevoked reports whether the token with jti was revoked.
func (s *storage) isRevoked(ctx context.Context, jti string) (bool, error) {
	return s.client.RevokedToken.Query().Where(revokedtoken.Jti(jti)).Exist(ctx)
}

// revoke lists jti as revoked until exp; revoking twice is fine.
func (s *storage) revoke(ctx context.Context, jti, clientID string, exp time.Time, reason string) error {
	err := s.client.RevokedToken.Create().SetJti(jti).SetClientID(clientID).
		SetExpiresAt(exp).SetReason(reason).OnConflictColumns(revokedtoken.FieldJti).Ignore().Exec(ctx)
	return err
}
