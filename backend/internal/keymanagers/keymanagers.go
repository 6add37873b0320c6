// Package keymanagers registers third-party authorization servers (key
// managers) whose JWT access tokens gateways accept: APIs choose the key
// managers they accept, applications map the servers' client ids to their
// keys, and the control plane fetches each server's JWKS (cached and
// refreshed) into the gateway snapshot.
package keymanagers

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/externalclient"
	"github.com/gatehouse/gatehouse/ent/externalkeymanager"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/user"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// BuiltIn names Gatehouse's own Key Manager in an API's list.
const BuiltIn = "built-in"

// JWKSMaxAge is how long a fetched JWKS is used before it is fetched again.
const JWKSMaxAge = 10 * time.Minute

// Service manages third-party key managers.
type Service struct {
	client *ent.Client
	apis   *apis.Service
	log    *slog.Logger
	// Changed is told when gateways need new snapshots (set by the app).
	Changed func(ctx context.Context)
	// HTTPClient fetches JWKS documents.
	HTTPClient *http.Client
	// Sealer seals introspection client secrets at rest (the Key
	// Manager's master key; set by the app). Without one they are kept
	// as given.
	Sealer interface {
		Seal(plaintext []byte, label string) []byte
		Open(sealed []byte, label string) ([]byte, error)
	}

	mu   sync.Mutex
	jwks map[uuid.UUID]cachedJWKS
}

type cachedJWKS struct {
	uri     string
	doc     json.RawMessage
	fetched time.Time
}

// NewService returns the service.
func NewService(client *ent.Client, apiService *apis.Service, log *slog.Logger) *Service {
	return &Service{client: client, apis: apiService, log: log,
		HTTPClient: &http.Client{Timeout: 10 * time.Second}, jwks: map[uuid.UUID]cachedJWKS{}}
}

// Input is what an admin sets on a key manager.
type Input struct {
	Name, Issuer, JWKSURI, IntrospectionEndpoint, TokenEndpoint, Audience string
	ClientIDClaim, ScopesClaim, UserClaim                                 string
	// IntrospectionClientID and IntrospectionClientSecret authenticate
	// gateways at the introspection endpoint; an empty secret on update
	// keeps the stored one.
	IntrospectionClientID, IntrospectionClientSecret string
	Enabled                                          *bool
}

func httpURL(field, raw string, required bool) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" && !required {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Fragment != "" {
		return "", errs.Field(field, "must be an http(s) URL")
	}
	return raw, nil
}

func (in *Input) normalize() (err error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 80 {
		return errs.Field("name", "a name of 1 to 80 characters is required")
	}
	if in.Name == BuiltIn {
		return errs.Field("name", "%q names the built-in key manager", BuiltIn)
	}
	if in.Issuer, err = httpURL("issuer", in.Issuer, true); err != nil {
		return err
	}
	if in.JWKSURI, err = httpURL("jwksURI", in.JWKSURI, true); err != nil {
		return err
	}
	if in.IntrospectionEndpoint, err = httpURL("introspectionEndpoint", in.IntrospectionEndpoint, false); err != nil {
		return err
	}
	if in.TokenEndpoint, err = httpURL("tokenEndpoint", in.TokenEndpoint, false); err != nil {
		return err
	}
	in.IntrospectionClientID = strings.TrimSpace(in.IntrospectionClientID)
	if len(in.IntrospectionClientID) > 200 || len(in.IntrospectionClientSecret) > 500 {
		return errs.Field("introspectionClientID", "the introspection client id (200) or secret (500) is too long")
	}
	if in.IntrospectionClientID != "" && in.IntrospectionEndpoint == "" {
		return errs.Field("introspectionEndpoint", "an introspection endpoint is required with introspection credentials")
	}
	in.Audience = strings.TrimSpace(in.Audience)
	for _, c := range []struct {
		field string
		v     *string
		def   string
	}{{"clientIDClaim", &in.ClientIDClaim, "client_id"}, {"scopesClaim", &in.ScopesClaim, "scope"}, {"userClaim", &in.UserClaim, "sub"}} {
		*c.v = strings.TrimSpace(*c.v)
		if *c.v == "" {
			*c.v = c.def
		}
		if len(*c.v) > 100 {
			return errs.Field(c.field, "a claim name is at most 100 characters")
		}
	}
	return nil
}

// List returns the organization's key managers (any signed-in user: the
// devportal shows them when mapping a client id).
func (s *Service) List(ctx context.Context) ([]*ent.ExternalKeyManager, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	return s.client.ExternalKeyManager.Query().Where(externalkeymanager.OrganizationID(v.OrgID)).
		Order(ent.Asc(externalkeymanager.FieldName)).All(ctx)
}

// Create registers a key manager (admins only).
func (s *Service) Create(ctx context.Context, in Input) (*ent.ExternalKeyManager, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminKeyManagers)
	if err != nil {
		return nil, err
	}
	if err := in.normalize(); err != nil {
		return nil, err
	}
	if err := s.nameFree(ctx, v.OrgID, in.Name, uuid.Nil); err != nil {
		return nil, err
	}
	c := s.client.ExternalKeyManager.Create().SetOrganizationID(v.OrgID).SetName(in.Name).
		SetIssuer(in.Issuer).SetJwksURI(in.JWKSURI).SetIntrospectionEndpoint(in.IntrospectionEndpoint).
		SetTokenEndpoint(in.TokenEndpoint).SetAudience(in.Audience).SetClientIDClaim(in.ClientIDClaim).
		SetScopesClaim(in.ScopesClaim).SetUserClaim(in.UserClaim).
		SetIntrospectionClientID(in.IntrospectionClientID).SetIntrospectionClientSecret(s.seal(in.IntrospectionClientSecret))
	if in.Enabled != nil {
		c.SetEnabled(*in.Enabled)
	}
	km, err := c.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create key manager: %w", err)
	}
	return km, nil
}

// Update changes a key manager (admins only); gateways get new snapshots.
func (s *Service) Update(ctx context.Context, id uuid.UUID, in Input) (*ent.ExternalKeyManager, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminKeyManagers)
	if err != nil {
		return nil, err
	}
	if _, err := s.get(ctx, v.OrgID, id); err != nil {
		return nil, err
	}
	if err := in.normalize(); err != nil {
		return nil, err
	}
	if err := s.nameFree(ctx, v.OrgID, in.Name, id); err != nil {
		return nil, err
	}
	u := s.client.ExternalKeyManager.UpdateOneID(id).SetName(in.Name).
		SetIssuer(in.Issuer).SetJwksURI(in.JWKSURI).SetIntrospectionEndpoint(in.IntrospectionEndpoint).
		SetTokenEndpoint(in.TokenEndpoint).SetAudience(in.Audience).SetClientIDClaim(in.ClientIDClaim).
		SetScopesClaim(in.ScopesClaim).SetUserClaim(in.UserClaim).SetIntrospectionClientID(in.IntrospectionClientID)
	if in.IntrospectionClientSecret != "" || in.IntrospectionClientID == "" {
		u.SetIntrospectionClientSecret(s.seal(in.IntrospectionClientSecret))
	}
	if in.Enabled != nil {
		u.SetEnabled(*in.Enabled)
	}
	km, err := u.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("update key manager: %w", err)
	}
	s.mu.Lock()
	delete(s.jwks, id)
	s.mu.Unlock()
	s.changed(ctx)
	return km, nil
}

// Delete removes a key manager and its client mappings (admins only).
// APIs that listed it simply no longer accept it.
func (s *Service) Delete(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AdminKeyManagers)
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
	if _, err := tx.ExternalClient.Delete().Where(externalclient.KeyManagerID(id)).Exec(ctx); err != nil {
		return err
	}
	if err := tx.ExternalKeyManager.DeleteOneID(id).Exec(ctx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.changed(ctx)
	return nil
}

func (s *Service) changed(ctx context.Context) {
	if s.Changed != nil {
		s.Changed(context.WithoutCancel(ctx))
	}
}

func (s *Service) get(ctx context.Context, org, id uuid.UUID) (*ent.ExternalKeyManager, error) {
	km, err := s.client.ExternalKeyManager.Query().
		Where(externalkeymanager.ID(id), externalkeymanager.OrganizationID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "no key manager %s", id)
	}
	return km, err
}

func (s *Service) nameFree(ctx context.Context, org uuid.UUID, name string, except uuid.UUID) error {
	taken, err := s.client.ExternalKeyManager.Query().Where(externalkeymanager.OrganizationID(org),
		externalkeymanager.Name(name), externalkeymanager.IDNEQ(except)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return errs.Field("name", "a key manager named %q exists already", name)
	}
	return nil
}

// APIKeyManagers is the list of key managers an API accepts.
func (s *Service) APIKeyManagers(ctx context.Context, apiID uuid.UUID) ([]string, error) {
	a, err := s.apis.Get(ctx, apiID)
	if err != nil {
		return nil, err
	}
	return accepted(a.KeyManagers), nil
}

func accepted(list []string) []string {
	if len(list) == 0 {
		return []string{BuiltIn}
	}
	return list
}

// SetAPIKeyManagers chooses the key managers an API accepts: "built-in"
// and ids of the organization's key managers (publishers and admins).
func (s *Service) SetAPIKeyManagers(ctx context.Context, apiID uuid.UUID, list []string) ([]string, error) {
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	a, err := s.apis.Get(ctx, apiID)
	if err != nil {
		return nil, err
	}
	if a.OrganizationID != v.OrgID {
		return nil, errs.E(errs.NotFound, "API %s not found", apiID)
	}
	var out []string
	for _, raw := range list {
		raw = strings.TrimSpace(raw)
		if slices.Contains(out, raw) {
			continue
		}
		if raw != BuiltIn {
			id, err := uuid.Parse(raw)
			if err != nil {
				return nil, errs.Field("keyManagers", "%q is neither %q nor a key manager id", raw, BuiltIn)
			}
			if _, err := s.get(ctx, v.OrgID, id); err != nil {
				return nil, errs.Field("keyManagers", "no key manager %s", raw)
			}
		}
		out = append(out, raw)
	}
	if len(out) == 0 {
		return nil, errs.Field("keyManagers", "an API accepts at least one key manager")
	}
	if err := s.client.API.UpdateOneID(a.ID).SetKeyManagers(out).Exec(ctx); err != nil {
		return nil, fmt.Errorf("set key managers: %w", err)
	}
	s.changed(ctx)
	return out, nil
}

// MapClient maps a client id of a key manager to the application's key
// of keyType (the application's owner or an admin).
func (s *Service) MapClient(ctx context.Context, appID, kmID uuid.UUID, clientID, keyType string) (*ent.ExternalClient, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if _, err := s.ownedApplication(ctx, v, appID); err != nil {
		return nil, err
	}
	if _, err := s.get(ctx, v.OrgID, kmID); err != nil {
		return nil, errs.Field("keyManagerID", "no key manager %s", kmID)
	}
	clientID = strings.TrimSpace(clientID)
	if clientID == "" || len(clientID) > 512 {
		return nil, errs.Field("clientID", "a client id of 1 to 512 characters is required")
	}
	kt := externalclient.KeyType(keyType)
	if externalclient.KeyTypeValidator(kt) != nil {
		return nil, errs.Field("keyType", "the key type is PRODUCTION or SANDBOX")
	}
	taken, err := s.client.ExternalClient.Query().
		Where(externalclient.KeyManagerID(kmID), externalclient.ClientID(clientID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, errs.Field("clientID", "this client id is mapped to an application already")
	}
	c, err := s.client.ExternalClient.Create().SetKeyManagerID(kmID).SetClientID(clientID).
		SetApplicationID(appID).SetKeyType(kt).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("map client: %w", err)
	}
	s.changed(ctx)
	return c, nil
}

// ClientMappings lists an application's mapped client ids, to whoever
// reaches the application (members of a group it is shared with too: they
// see its keys; only the owner or an admin changes them).
func (s *Service) ClientMappings(ctx context.Context, appID uuid.UUID) ([]*ent.ExternalClient, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	reach, err := tenancy.ApplicationReach(ctx, s.client, v)
	if err != nil {
		return nil, err
	}
	ok, err := s.client.Application.Query().Where(application.ID(appID), reach).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.E(errs.NotFound, "application %s not found", appID)
	}
	return s.client.ExternalClient.Query().Where(externalclient.ApplicationID(appID)).
		Order(ent.Asc(externalclient.FieldCreatedAt)).All(ctx)
}

// UnmapClient removes a mapping of one of the viewer's applications.
func (s *Service) UnmapClient(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return err
	}
	c, err := s.client.ExternalClient.Get(ctx, id)
	if ent.IsNotFound(err) {
		return errs.E(errs.NotFound, "no client mapping %s", id)
	} else if err != nil {
		return err
	}
	if _, err := s.ownedApplication(ctx, v, c.ApplicationID); err != nil {
		return errs.E(errs.NotFound, "no client mapping %s", id)
	}
	if err := s.client.ExternalClient.DeleteOneID(id).Exec(ctx); err != nil {
		return err
	}
	s.changed(ctx)
	return nil
}

func (s *Service) ownedApplication(ctx context.Context, v *viewer.Viewer, id uuid.UUID) (*ent.Application, error) {
	q := s.client.Application.Query().Where(application.ID(id), application.OrganizationID(v.OrgID))
	if !v.Can(viewer.AdminUsers) {
		q = q.Where(application.OwnerID(v.UserID))
	}
	a, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "application %s not found", id)
	}
	return a, err
}

// AddIssuers puts the third-party key managers the snapshot's APIs accept
// into it, and restricts the built-in issuer when some API leaves it out.
// A key manager whose JWKS cannot be fetched (and was never fetched) is
// left out: its tokens are refused until it answers.
func (s *Service) AddIssuers(ctx context.Context, snap *config.Snapshot) error {
	ids := make([]uuid.UUID, 0, len(snap.APIs))
	for _, a := range snap.APIs {
		if id, err := uuid.Parse(a.ID); err == nil {
			ids = append(ids, id)
		}
	}
	rows, err := s.client.API.Query().Where(apiIDIn(ids)).All(ctx)
	if err != nil {
		return err
	}
	var builtIn []string
	restrictBuiltIn := false
	byKM := map[uuid.UUID][]string{}
	for _, a := range rows {
		for _, km := range accepted(a.KeyManagers) {
			if km == BuiltIn {
				builtIn = append(builtIn, a.ID.String())
				continue
			}
			if id, err := uuid.Parse(km); err == nil {
				byKM[id] = append(byKM[id], a.ID.String())
			}
		}
		if !slices.Contains(accepted(a.KeyManagers), BuiltIn) {
			restrictBuiltIn = true
		}
	}
	if restrictBuiltIn {
		slices.Sort(builtIn)
		for i := range snap.Issuers {
			snap.Issuers[i].Restricted = true
			snap.Issuers[i].APIs = builtIn
		}
	}
	if len(byKM) == 0 {
		return nil
	}
	kmIDs := make([]uuid.UUID, 0, len(byKM))
	for id := range byKM {
		kmIDs = append(kmIDs, id)
	}
	kms, err := s.client.ExternalKeyManager.Query().
		Where(externalkeymanager.IDIn(kmIDs...), externalkeymanager.Enabled(true)).All(ctx)
	if err != nil {
		return err
	}
	for _, km := range kms {
		doc, err := s.JWKS(ctx, km)
		if err != nil && km.IntrospectionEndpoint != "" {
			// Its opaque tokens can still be introspected.
			s.log.Warn("key manager JWKS unavailable; only its opaque tokens are accepted", "keyManager", km.Name, "err", err)
			doc = json.RawMessage(`{"keys":[]}`)
		} else if err != nil {
			s.log.Warn("key manager JWKS unavailable; its tokens are refused", "keyManager", km.Name, "err", err)
			continue
		}
		clients, err := s.clients(ctx, km.ID)
		if err != nil {
			return err
		}
		apiList := byKM[km.ID]
		slices.Sort(apiList)
		snap.Issuers = append(snap.Issuers, config.Issuer{
			Issuer: km.Issuer, Audience: km.Audience, JWKS: doc, Restricted: true, APIs: apiList,
			Claims:  &config.IssuerClaims{ClientID: km.ClientIDClaim, Scopes: km.ScopesClaim, User: km.UserClaim},
			Clients: clients,
		})
		if km.IntrospectionEndpoint != "" {
			secret, err := s.open(km.IntrospectionClientSecret)
			if err != nil {
				s.log.Warn("key manager introspection secret cannot be opened; its opaque tokens are refused", "keyManager", km.Name, "err", err)
			} else {
				snap.Issuers[len(snap.Issuers)-1].Introspection = &config.IssuerIntrospection{
					Endpoint: km.IntrospectionEndpoint, ClientID: km.IntrospectionClientID, ClientSecret: secret}
			}
		}
	}
	return nil
}

// introspectionSecretLabel binds sealed introspection secrets to their use.
const introspectionSecretLabel = "keymanager-introspection-secret"

// seal is the stored form of an introspection client secret.
func (s *Service) seal(secret string) string {
	if secret == "" || s.Sealer == nil {
		return secret
	}
	return base64.RawURLEncoding.EncodeToString(s.Sealer.Seal([]byte(secret), introspectionSecretLabel))
}

// open recovers an introspection client secret from its stored form.
func (s *Service) open(stored string) (string, error) {
	if stored == "" || s.Sealer == nil {
		return stored, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(stored)
	if err != nil {
		return "", fmt.Errorf("introspection secret: %w", err)
	}
	b, err := s.Sealer.Open(raw, introspectionSecretLabel)
	if err != nil {
		return "", fmt.Errorf("introspection secret: %w", err)
	}
	return string(b), nil
}

func (s *Service) clients(ctx context.Context, kmID uuid.UUID) ([]config.IssuerClient, error) {
	rows, err := s.client.ExternalClient.Query().Where(externalclient.KeyManagerID(kmID)).
		Order(ent.Asc(externalclient.FieldClientID)).All(ctx)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	appIDs := make([]uuid.UUID, 0, len(rows))
	for _, r := range rows {
		appIDs = append(appIDs, r.ApplicationID)
	}
	apps, err := s.client.Application.Query().Where(application.IDIn(appIDs...)).
		WithOwner(func(q *ent.UserQuery) { q.Select(user.FieldUsername) }).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]*ent.Application{}
	for _, a := range apps {
		byID[a.ID] = a
	}
	out := make([]config.IssuerClient, 0, len(rows))
	for _, r := range rows {
		a := byID[r.ApplicationID]
		if a == nil {
			continue // the application is gone
		}
		c := config.IssuerClient{ClientID: r.ClientID, ApplicationID: a.ID.String(), Application: a.Name, KeyType: r.KeyType.String()}
		if a.Edges.Owner != nil {
			c.Subscriber = a.Edges.Owner.Username
		}
		out = append(out, c)
	}
	return out, nil
}

// JWKS returns the key manager's key set, fetched at most every
// JWKSMaxAge; when a fetch fails the last good set is kept.
func (s *Service) JWKS(ctx context.Context, km *ent.ExternalKeyManager) (json.RawMessage, error) {
	s.mu.Lock()
	c, ok := s.jwks[km.ID]
	s.mu.Unlock()
	if ok && c.uri == km.JwksURI && time.Since(c.fetched) < JWKSMaxAge {
		return c.doc, nil
	}
	doc, err := s.fetch(ctx, km.JwksURI)
	if err != nil {
		if ok && c.uri == km.JwksURI {
			return c.doc, nil
		}
		return nil, err
	}
	s.mu.Lock()
	s.jwks[km.ID] = cachedJWKS{uri: km.JwksURI, doc: doc, fetched: time.Now()}
	s.mu.Unlock()
	return doc, nil
}

func (s *Service) fetch(ctx context.Context, uri string) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, uri, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := s.HTTPClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", uri, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(b, &set); err != nil || len(set.Keys) == 0 {
		return nil, fmt.Errorf("GET %s: not a JSON Web Key Set with keys", uri)
	}
	// Only public keys go to gateways.
	pub := jose.JSONWebKeySet{}
	for _, k := range set.Keys {
		if k.Valid() && k.KeyID != "" {
			pub.Keys = append(pub.Keys, k.Public())
		}
	}
	return json.Marshal(pub)
}

// Refresh refetches every enabled key manager's JWKS every interval and
// asks for new snapshots when one changed (a key rotated).
func (s *Service) Refresh(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		kms, err := s.client.ExternalKeyManager.Query().Where(externalkeymanager.Enabled(true)).All(ctx)
		if err != nil {
			continue
		}
		changed := false
		for _, km := range kms {
			doc, err := s.fetch(ctx, km.JwksURI)
			if err != nil {
				s.log.Warn("refresh key manager JWKS", "keyManager", km.Name, "err", err)
				continue
			}
			s.mu.Lock()
			old := s.jwks[km.ID]
			changed = changed || string(old.doc) != string(doc)
			s.jwks[km.ID] = cachedJWKS{uri: km.JwksURI, doc: doc, fetched: time.Now()}
			s.mu.Unlock()
		}
		if changed {
			s.changed(ctx)
		}
	}
}

func apiIDIn(ids []uuid.UUID) predicate.API { return api.IDIn(ids...) }
