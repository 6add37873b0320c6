// Package federation signs users in through external OpenID Connect
// providers: admins register providers per organization, and the portal
// sign-in page offers "Sign in with <name>" for each enabled one. The flow
// is authorization code + PKCE with go-oidc verifying the ID token; the
// result is the same portal session a password sign-in opens.
package federation

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/federatedidentity"
	"github.com/gatehouse/gatehouse/ent/identityprovider"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
)

// Sealer seals client secrets at rest (the Key Manager's master key).
type Sealer interface {
	Seal(plaintext []byte, label string) []byte
	Open(sealed []byte, label string) ([]byte, error)
	Derive(purpose string) []byte
}

// secretLabel binds sealed client secrets to their purpose.
const secretLabel = "identity-provider-client-secret"

// DefaultScopes are asked for when an admin names none.
var DefaultScopes = []string{oidc.ScopeOpenID, "profile", "email"}

// Service manages identity providers and runs the sign-in flow.
type Service struct {
	client    *ent.Client
	sealer    Sealer
	auth      *auth.Service
	publicURL string
	log       *slog.Logger
	stateKey  []byte
	// HTTPClient talks to providers (discovery, token, JWKS, userinfo).
	HTTPClient *http.Client

	mu        sync.Mutex
	providers map[string]*oidc.Provider // by issuer; go-oidc caches the JWKS inside
}

// NewService returns the federation service. publicURL is where browsers
// reach the control plane; callbacks are publicURL/auth/federation/{id}/callback.
func NewService(client *ent.Client, sealer Sealer, sessions *auth.Service, publicURL string, log *slog.Logger) *Service {
	return &Service{
		client: client, sealer: sealer, auth: sessions, log: log,
		publicURL:  strings.TrimRight(publicURL, "/"),
		stateKey:   sealer.Derive("federation-state"),
		HTTPClient: &http.Client{Timeout: 15 * time.Second},
		providers:  map[string]*oidc.Provider{},
	}
}

// CallbackURL is the redirect URI an admin registers at the provider.
func (s *Service) CallbackURL(id uuid.UUID) string {
	return s.publicURL + "/auth/federation/" + id.String() + "/callback"
}

// Input is what an admin sets on a provider.
type Input struct {
	Name            string
	Issuer          string
	ClientID        string
	ClientSecret    *string
	Scopes          []string
	RoleMappings    []fieldtype.RoleMapping
	JITProvisioning *bool
	Enabled         *bool
}

var roles = []string{string(viewer.Admin), string(viewer.Publisher), string(viewer.Subscriber)}

func (in *Input) normalize(creating bool) error {
	in.Name = strings.TrimSpace(in.Name)
	in.Issuer = strings.TrimRight(strings.TrimSpace(in.Issuer), "/")
	in.ClientID = strings.TrimSpace(in.ClientID)
	switch {
	case in.Name == "":
		return errs.Field("name", "a name is required")
	case len(in.Name) > 80:
		return errs.Field("name", "the name is at most 80 characters")
	case in.ClientID == "":
		return errs.Field("clientID", "a client id is required")
	case len(in.ClientID) > 512:
		return errs.Field("clientID", "the client id is at most 512 characters")
	}
	u, err := url.Parse(in.Issuer)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return errs.Field("issuer", "the issuer must be an http(s) URL without query or fragment")
	}
	if in.ClientSecret != nil && len(*in.ClientSecret) > 4096 {
		return errs.Field("clientSecret", "the client secret is at most 4096 characters")
	}
	if creating && (in.ClientSecret == nil || *in.ClientSecret == "") {
		return errs.Field("clientSecret", "a client secret is required")
	}
	var scopes []string
	for _, sc := range in.Scopes {
		sc = strings.TrimSpace(sc)
		if sc == "" || slices.Contains(scopes, sc) {
			continue
		}
		if strings.ContainsAny(sc, " \t\"\\") {
			return errs.Field("scopes", "scope %q must not contain spaces or quotes", sc)
		}
		scopes = append(scopes, sc)
	}
	if len(scopes) == 0 {
		scopes = slices.Clone(DefaultScopes)
	} else if !slices.Contains(scopes, oidc.ScopeOpenID) {
		scopes = append([]string{oidc.ScopeOpenID}, scopes...)
	}
	in.Scopes = scopes
	for i, m := range in.RoleMappings {
		m.Claim, m.Value = strings.TrimSpace(m.Claim), strings.TrimSpace(m.Value)
		if m.Claim == "" {
			return errs.Field("roleMappings", "mapping %d: a claim name is required", i+1)
		}
		if !slices.Contains(roles, m.Role) {
			return errs.Field("roleMappings", "mapping %d: unknown role %q", i+1, m.Role)
		}
		in.RoleMappings[i] = m
	}
	if in.RoleMappings == nil {
		in.RoleMappings = []fieldtype.RoleMapping{}
	}
	return nil
}

func requireAdmin(ctx context.Context) (*viewer.Viewer, error) {
	return viewer.RequirePermission(ctx, viewer.AdminKeyManagers)
}

// List returns the viewer's organization's providers (admins only).
func (s *Service) List(ctx context.Context) ([]*ent.IdentityProvider, error) {
	v, err := requireAdmin(ctx)
	if err != nil {
		return nil, err
	}
	return s.client.IdentityProvider.Query().
		Where(identityprovider.OrganizationID(v.OrgID)).
		Order(ent.Asc(identityprovider.FieldName)).All(ctx)
}

// Create registers a provider.
func (s *Service) Create(ctx context.Context, in Input) (*ent.IdentityProvider, error) {
	v, err := requireAdmin(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.normalize(true); err != nil {
		return nil, err
	}
	if err := s.nameFree(ctx, v.OrgID, in.Name, uuid.Nil); err != nil {
		return nil, err
	}
	c := s.client.IdentityProvider.Create().SetOrganizationID(v.OrgID).
		SetName(in.Name).SetIssuer(in.Issuer).SetClientID(in.ClientID).
		SetClientSecret(s.sealer.Seal([]byte(*in.ClientSecret), secretLabel)).
		SetScopes(in.Scopes).SetRoleMappings(in.RoleMappings)
	if in.JITProvisioning != nil {
		c.SetJitProvisioning(*in.JITProvisioning)
	}
	if in.Enabled != nil {
		c.SetEnabled(*in.Enabled)
	}
	p, err := c.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create identity provider: %w", err)
	}
	return p, nil
}

// Update changes a provider; a nil or empty secret keeps the stored one.
func (s *Service) Update(ctx context.Context, id uuid.UUID, in Input) (*ent.IdentityProvider, error) {
	v, err := requireAdmin(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.get(ctx, v.OrgID, id); err != nil {
		return nil, err
	}
	if err := in.normalize(false); err != nil {
		return nil, err
	}
	if err := s.nameFree(ctx, v.OrgID, in.Name, id); err != nil {
		return nil, err
	}
	u := s.client.IdentityProvider.UpdateOneID(id).
		SetName(in.Name).SetIssuer(in.Issuer).SetClientID(in.ClientID).
		SetScopes(in.Scopes).SetRoleMappings(in.RoleMappings)
	if in.ClientSecret != nil && *in.ClientSecret != "" {
		u.SetClientSecret(s.sealer.Seal([]byte(*in.ClientSecret), secretLabel))
	}
	if in.JITProvisioning != nil {
		u.SetJitProvisioning(*in.JITProvisioning)
	}
	if in.Enabled != nil {
		u.SetEnabled(*in.Enabled)
	}
	p, err := u.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("update identity provider: %w", err)
	}
	return p, nil
}

// Delete removes a provider and its links to users in one transaction.
func (s *Service) Delete(ctx context.Context, id uuid.UUID) error {
	v, err := requireAdmin(ctx)
	if err != nil {
		return err
	}
	if _, err := s.get(ctx, v.OrgID, id); err != nil {
		return err
	}
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.FederatedIdentity.Delete().Where(federatedidentity.ProviderID(id)).Exec(ctx); err != nil {
		return fmt.Errorf("delete identity provider links: %w", err)
	}
	if err := tx.IdentityProvider.DeleteOneID(id).Exec(ctx); err != nil {
		return fmt.Errorf("delete identity provider: %w", err)
	}
	return tx.Commit()
}

func (s *Service) get(ctx context.Context, org, id uuid.UUID) (*ent.IdentityProvider, error) {
	p, err := s.client.IdentityProvider.Query().
		Where(identityprovider.ID(id), identityprovider.OrganizationID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "no identity provider %s", id)
	}
	return p, err
}

func (s *Service) nameFree(ctx context.Context, org uuid.UUID, name string, except uuid.UUID) error {
	taken, err := s.client.IdentityProvider.Query().Where(
		identityprovider.OrganizationID(org), identityprovider.Name(name), identityprovider.IDNEQ(except)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return errs.Field("name", "an identity provider named %q exists already", name)
	}
	return nil
}

// Button is what the sign-in page shows for an enabled provider.
type Button struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Buttons lists the enabled providers for the anonymous sign-in page.
func (s *Service) Buttons(ctx context.Context) ([]Button, error) {
	ps, err := s.client.IdentityProvider.Query().Where(identityprovider.Enabled(true)).
		Order(ent.Asc(identityprovider.FieldName)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Button, 0, len(ps))
	for _, p := range ps {
		out = append(out, Button{ID: p.ID.String(), Name: p.Name, URL: "/auth/federation/" + p.ID.String() + "/start"})
	}
	return out, nil
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
