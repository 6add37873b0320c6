package keymanager

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-jose/go-jose/v3"
	"github.com/google/uuid"
	"github.com/ory/fosite"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/clientassertion"
	"github.com/gatehouse/gatehouse/ent/revokedtoken"
)

// Client is an application's key as fosite sees it, with what the access
// token must say about the application.
type Client struct {
	fosite.DefaultClient
	ApplicationID uuid.UUID
	// OrgID is the application's organization: only its users may sign
	// in to the client.
	OrgID       uuid.UUID
	Application string
	Subscriber  string
	// OwnerID is the application's owner, whose roles decide the scopes
	// of the client's own (client_credentials) tokens.
	OwnerID uuid.UUID
	KeyType string
	// FirstParty clients are the control plane's own (RegisterFirstParty):
	// not bound to one organization.
	FirstParty             bool
	PostLogoutRedirectURIs []string
	// TokenType is the application's access token type: JWT or OPAQUE.
	TokenType string
	// PKCERequired: authorization requests must carry an S256 code
	// challenge (fosite's own enforcement is global: see pkceS256).
	PKCERequired bool

	// previousHash is the digest of a regenerated key's old secret, which
	// authenticates until previousUntil as read on now.
	previousHash  []byte
	previousUntil time.Time
	now           func() time.Time
}

// GetRotatedHashes implements fosite.ClientWithSecretRotation: during a
// rotation's grace period the old secret works beside the new one. The
// deadline is checked on every call, so a cached client cannot outlive it.
func (c *Client) GetRotatedHashes() [][]byte {
	if len(c.previousHash) == 0 || !c.now().Before(c.previousUntil) {
		return nil
	}
	return [][]byte{c.previousHash}
}

// storage is fosite's storage over ent. Issued JWTs are not stored: they
// are verified by signature, and revoked ones are listed by jti.
type storage struct {
	client   *ent.Client
	audience string

	// clients caches client lookups: every token request needs one, and
	// three queries each would cap issuance. Any change to keys,
	// applications or users moves generation on, which empties the cache;
	// the TTL bounds what a lookup racing a transaction could keep.
	clients    sync.Map // client id -> *cachedClient
	firstParty sync.Map // client id -> *Client (RegisterFirstParty)
	generation atomic.Uint64

	// onRevoke is told when access tokens went on the revocation list.
	onRevoke func(context.Context)
	// users checks passwords for the password grant.
	users Users
	// now ends rotation grace periods.
	now func() time.Time
}

type clientIPKey struct{}

// Authenticate implements oauth2.ResourceOwnerPasswordCredentialsGrantStorage
// with the portal's accounts and lockout; the subject is the user id.
func (s *storage) Authenticate(ctx context.Context, name, secret string) (string, error) {
	if s.users == nil {
		return "", fosite.ErrNotFound
	}
	ip, _ := ctx.Value(clientIPKey{}).(string)
	u, err := s.users.Authenticate(ctx, name, secret, ip)
	if err != nil {
		if e := errs.As(err); e.Kind == errs.Unauthenticated {
			return "", fosite.ErrNotFound.WithWrap(err).WithDebug(e.Message)
		}
		return "", err
	}
	return u.ID.String(), nil
}

type cachedClient struct {
	c          fosite.Client
	generation uint64
	loaded     time.Time
}

// clientCacheTTL bounds how long a cached client is trusted.
const clientCacheTTL = 2 * time.Second

func newStorage(client *ent.Client, audience string) *storage {
	s := &storage{client: client, audience: audience, now: time.Now}
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
	if c, ok := s.firstPartyClient(ctx, id); ok {
		return c, nil
	}
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

// asFosite is what fosite sees of c: with registered public keys, a
// client that authenticates with private_key_jwt only.
func asFosite(c *Client, jwks string) fosite.Client {
	if jwks == "" {
		return c
	}
	set, alg, err := parseClientJWKS(jwks)
	if err != nil {
		// Validated when stored; a set that no longer parses locks the
		// key out rather than falling back to its secret.
		return &assertionClient{Client: c, keys: &jose.JSONWebKeySet{}, alg: "none"}
	}
	return &assertionClient{Client: c, keys: set, alg: alg}
}

func (s *storage) loadClient(ctx context.Context, id string) (fosite.Client, error) {
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
			// A key without a secret is a public client (a browser or
			// native app); fosite then insists on PKCE.
			Public:        k.ClientSecretHash == "",
			ResponseTypes: []string{"code"},
		},
		ApplicationID: app.ID,
		OrgID:         app.OrganizationID,
		Application:   app.Name,
		KeyType:       k.KeyType.String(),
		TokenType:     app.TokenType.String(),
		// A public client cannot opt out, whatever the row says.
		PKCERequired: k.PkceRequired || k.ClientSecretHash == "",
		now:          s.now,
	}
	if k.PreviousSecretHash != "" && k.PreviousSecretExpiresAt != nil {
		c.previousHash = []byte(k.PreviousSecretHash)
		c.previousUntil = *k.PreviousSecretExpiresAt
	}
	if k.CallbackURL != "" {
		c.RedirectURIs = []string{k.CallbackURL}
	}
	if app.Edges.Owner != nil {
		c.Subscriber = app.Edges.Owner.Username
		c.OwnerID = app.Edges.Owner.ID
	}
	return asFosite(c, k.Jwks), nil
}

// ClientAssertionJWTValid implements fosite.ClientManager: a
// private_key_jwt assertion may be used once. The used ids live in the
// database, so a replay to another replica (or after a restart) is
// refused too.
func (s *storage) ClientAssertionJWTValid(ctx context.Context, jti string) error {
	used, err := s.client.ClientAssertion.Query().
		Where(clientassertion.Jti(jti), clientassertion.ExpiresAtGT(time.Now())).Exist(ctx)
	if err != nil {
		return err
	}
	if used {
		return fosite.ErrJTIKnown
	}
	return nil
}

// SetClientAssertionJWT implements fosite.ClientManager. The unique jti
// decides between two replicas racing with the same assertion: one insert
// wins; an expired row of the same jti may be taken over.
func (s *storage) SetClientAssertionJWT(ctx context.Context, jti string, exp time.Time) error {
	err := s.client.ClientAssertion.Create().SetJti(jti).SetExpiresAt(exp).Exec(ctx)
	if err == nil {
		return nil
	}
	if !ent.IsConstraintError(err) {
		return err
	}
	n, err := s.client.ClientAssertion.Update().
		Where(clientassertion.Jti(jti), clientassertion.ExpiresAtLTE(time.Now())).
		SetExpiresAt(exp).Save(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return fosite.ErrJTIKnown
	}
	return nil
}

// CreateAccessTokenSession implements oauth2.AccessTokenStorage. JWT
// access tokens carry their session, so nothing is written for a
// client_credentials token; a user's token keeps its jti with its grant.
func (s *storage) CreateAccessTokenSession(ctx context.Context, sig string, req fosite.Requester) error {
	if opaqueClient(req.GetClient()) {
		return s.storeOpaque(ctx, sig, req)
	}
	return s.accessTokenStored(ctx, sig, req)
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
