// Package servicecatalog keeps the registry of backend services that APIs
// are built from: entries with their definitions, the REST API CI
// pipelines use, export and import as zip, and drift between a service and
// the APIs built from it.
package servicecatalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/serviceentry"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Service implements the catalog.
type Service struct {
	client *ent.Client
	apis   *apis.Service
	log    *slog.Logger
}

// NewService returns the catalog service.
func NewService(client *ent.Client, apiService *apis.Service, log *slog.Logger) *Service {
	return &Service{client: client, apis: apiService, log: log}
}

// EntryInput describes a service and its definition.
type EntryInput struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	DisplayName    string `json:"displayName"`
	Description    string `json:"description"`
	ServiceURL     string `json:"serviceUrl"`
	DefinitionType string `json:"definitionType"`
	SecurityType   string `json:"securityType"`
	MutualTLS      bool   `json:"mutualSSLEnabled"`
	Definition     []byte `json:"-"`
}

// kindTypes maps what the parser detects to the catalog's definition types
// (WSO2's names).
var kindTypes = map[definition.Kind]serviceentry.DefinitionType{
	definition.KindOAS2:     serviceentry.DefinitionTypeOAS2,
	definition.KindOAS3:     serviceentry.DefinitionTypeOAS3,
	definition.KindOAS31:    serviceentry.DefinitionTypeOAS3,
	definition.KindGraphQL:  serviceentry.DefinitionTypeGRAPHQL_SDL,
	definition.KindAsyncAPI: serviceentry.DefinitionTypeASYNC_API,
	definition.KindWSDL:     serviceentry.DefinitionTypeWSDL1,
}

// Hash is the digest the catalog keeps of a definition.
func Hash(def []byte) string {
	sum := sha256.Sum256(def)
	return hex.EncodeToString(sum[:])
}

// checked is an entry that passed validation.
type checked struct {
	EntryInput
	defType  serviceentry.DefinitionType
	security serviceentry.SecurityType
	hash     string
}

func (s *Service) check(ctx context.Context, in EntryInput) (*checked, error) {
	in.Name, in.Version = strings.TrimSpace(in.Name), strings.TrimSpace(in.Version)
	switch {
	case in.Name == "":
		return nil, errs.Field("name", "name is required")
	case utf8.RuneCountInString(in.Name) > 100 || strings.ContainsAny(in.Name, "/\\\x00"):
		return nil, errs.Field("name", "name must be at most 100 characters, without slashes")
	case in.Version == "":
		return nil, errs.Field("version", "version is required")
	}
	if err := config.ValidateVersion(in.Version); err != nil {
		return nil, errs.Field("version", "%v", err)
	}
	if err := config.ValidateEndpoint(in.ServiceURL); err != nil {
		return nil, errs.Field("serviceUrl", "%v", err)
	}
	c := &checked{EntryInput: in, security: serviceentry.SecurityTypeNONE}
	if in.SecurityType != "" {
		c.security = serviceentry.SecurityType(strings.ToUpper(in.SecurityType))
		if serviceentry.SecurityTypeValidator(c.security) != nil {
			return nil, errs.Field("securityType", "security type must be NONE, BASIC, DIGEST, OAUTH2 or X509")
		}
	}
	if len(in.Definition) == 0 {
		return nil, errs.Field("definition", "the service definition is required")
	}
	def, err := definition.Parse(ctx, in.Definition)
	if err != nil {
		return nil, err
	}
	if !def.Valid() {
		return nil, errs.Field("definition", "the definition is invalid: %s", firstError(def))
	}
	c.defType = kindTypes[def.Kind]
	if in.DefinitionType != "" && !strings.EqualFold(in.DefinitionType, string(c.defType)) {
		return nil, errs.Field("definitionType", "the definition is %s, not %s", c.defType, in.DefinitionType)
	}
	c.hash = Hash(in.Definition)
	return c, nil
}

func firstError(d *definition.Definition) string {
	for _, p := range d.Problems {
		if p.Severity == definition.SeverityError {
			if p.Line > 0 {
				return fmt.Sprintf("%s (line %d)", p.Message, p.Line)
			}
			return p.Message
		}
	}
	return "unknown problem"
}

// apply sets what a create and an update of the entry share.
func (c *checked) apply(m *ent.ServiceEntryMutation, user string) {
	m.SetDisplayName(firstNonEmpty(c.DisplayName, c.Name))
	m.SetDescription(c.Description)
	m.SetServiceURL(c.ServiceURL)
	m.SetDefinitionType(c.defType)
	m.SetDefinition(string(c.Definition))
	m.SetDefinitionHash(c.hash)
	m.SetSecurityType(c.security)
	m.SetMutualTLS(c.MutualTLS)
	m.SetUpdatedBy(user)
}

// Create registers a service.
func (s *Service) Create(ctx context.Context, in EntryInput) (_ *ent.ServiceEntry, err error) {
	defer errs.Wrap(&err, "create service")
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return nil, err
	}
	c, err := s.check(ctx, in)
	if err != nil {
		return nil, err
	}
	var created *ent.ServiceEntry
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		exists, err := tx.ServiceEntry.Query().Where(serviceentry.OrganizationID(v.OrgID),
			serviceentry.Name(c.Name), serviceentry.Version(c.Version)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return &errs.Error{Kind: errs.Conflict, Field: "version", Message: fmt.Sprintf("service %s %s already exists", c.Name, c.Version)}
		}
		create := tx.ServiceEntry.Create().SetOrganizationID(v.OrgID).SetName(c.Name).SetVersion(c.Version).SetCreatedBy(v.Username)
		c.apply(create.Mutation(), v.Username)
		if created, err = create.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "service.create", "ServiceEntry", created.ID.String(), map[string]string{"name": c.Name, "version": c.Version})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// Update replaces a service's metadata and definition. APIs built from it
// become out of date when the definition changed.
func (s *Service) Update(ctx context.Context, id uuid.UUID, in EntryInput) (_ *ent.ServiceEntry, err error) {
	defer errs.Wrap(&err, "update service %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return nil, err
	}
	c, err := s.check(ctx, in)
	if err != nil {
		return nil, err
	}
	var updated *ent.ServiceEntry
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		e, err := tx.ServiceEntry.Query().Where(serviceentry.ID(id), serviceentry.OrganizationID(v.OrgID)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "service %s not found", id)
		} else if err != nil {
			return err
		}
		if c.Name != e.Name || c.Version != e.Version {
			return errs.Field("name", "a service's name and version cannot change; register a new version instead")
		}
		update := e.Update()
		c.apply(update.Mutation(), v.Username)
		if updated, err = update.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "service.update", "ServiceEntry", id.String(), map[string]string{"hash": c.hash})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// Get returns one of the viewer's organization's services.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*ent.ServiceEntry, error) {
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return nil, err
	}
	e, err := s.client.ServiceEntry.Query().Where(serviceentry.ID(id), serviceentry.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "service %s not found", id)
	}
	return e, err
}

// Usage lists the APIs built from a service.
func (s *Service) Usage(ctx context.Context, e *ent.ServiceEntry) ([]*ent.API, error) {
	return s.client.API.Query().Where(api.ServiceEntryID(e.ID)).Order(ent.Asc(api.FieldName)).All(ctx)
}

// Delete removes a service no API uses.
func (s *Service) Delete(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete service %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return err
	}
	return store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		e, err := tx.ServiceEntry.Query().Where(serviceentry.ID(id), serviceentry.OrganizationID(v.OrgID)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "service %s not found", id)
		} else if err != nil {
			return err
		}
		users, err := tx.API.Query().Where(api.ServiceEntryID(id)).Select(api.FieldName, api.FieldVersion).All(ctx)
		if err != nil {
			return err
		}
		if len(users) > 0 {
			names := make([]string, len(users))
			for i, a := range users {
				names[i] = a.Name + " " + a.Version
			}
			return errs.E(errs.Conflict, "service %s %s is used by the APIs: %s", e.Name, e.Version, strings.Join(names, ", "))
		}
		if err := tx.ServiceEntry.DeleteOne(e).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "service.delete", "ServiceEntry", id.String(), map[string]string{"name": e.Name, "version": e.Version})
	})
}

// ListOptions page and filter a listing.
type ListOptions struct {
	Name, Version, Query string
	Offset, Limit        int
}

// List returns a page of the organization's services and the total.
func (s *Service) List(ctx context.Context, o ListOptions) ([]*ent.ServiceEntry, int, error) {
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return nil, 0, err
	}
	if o.Limit <= 0 || o.Limit > 100 {
		o.Limit = 25
	}
	if o.Offset < 0 {
		return nil, 0, errs.Field("offset", "offset must not be negative")
	}
	q := s.client.ServiceEntry.Query().Where(serviceentry.OrganizationID(v.OrgID))
	if o.Name != "" {
		q = q.Where(serviceentry.Name(o.Name))
	}
	if o.Version != "" {
		q = q.Where(serviceentry.Version(o.Version))
	}
	if o.Query != "" {
		q = q.Where(serviceentry.Or(serviceentry.NameContainsFold(o.Query), serviceentry.DisplayNameContainsFold(o.Query),
			serviceentry.DescriptionContainsFold(o.Query)))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, err
	}
	list, err := q.Order(ent.Asc(serviceentry.FieldName), ent.Asc(serviceentry.FieldVersion)).
		Offset(o.Offset).Limit(o.Limit).All(ctx)
	return list, total, err
}

// CreateAPIInput builds an API from a service; empty fields default from
// the service and its definition.
type CreateAPIInput struct {
	ServiceID              uuid.UUID
	Name, Context, Version string
}

// CreateAPI builds an API from a service's definition and remembers the
// service and the definition's hash.
func (s *Service) CreateAPI(ctx context.Context, in CreateAPIInput) (*ent.API, error) {
	e, err := s.Get(ctx, in.ServiceID)
	if err != nil {
		return nil, err
	}
	if e.DefinitionType != serviceentry.DefinitionTypeOAS2 && e.DefinitionType != serviceentry.DefinitionTypeOAS3 {
		return nil, errs.Field("serviceID", "APIs can be built from OpenAPI services so far; %s is %s", e.Name, e.DefinitionType)
	}
	id := e.ID
	return s.apis.Import(ctx, apis.ImportInput{
		Source: apis.Source{Content: e.Definition}, Name: firstNonEmpty(in.Name, e.DisplayName),
		Context: in.Context, Version: firstNonEmpty(in.Version, e.Version), Endpoint: e.ServiceURL,
		ServiceEntryID: &id, ServiceHash: e.DefinitionHash,
	})
}

// Drift is how an API built from a service differs from the service now.
type Drift struct {
	OutOfDate               bool
	Added, Removed, Changed []string // "GET /pets"
}

// DriftOf compares an API with the current definition of its service; an
// API not built from a service has no drift.
func (s *Service) DriftOf(ctx context.Context, a *ent.API) (*Drift, error) {
	if a.ServiceEntryID == nil {
		return &Drift{}, nil
	}
	e, err := s.client.ServiceEntry.Get(ctx, *a.ServiceEntryID)
	if ent.IsNotFound(err) {
		return &Drift{}, nil
	} else if err != nil {
		return nil, err
	}
	if e.DefinitionHash == a.ServiceDefinitionHash {
		return &Drift{}, nil
	}
	d := &Drift{OutOfDate: true}
	newDef, err := definition.Parse(ctx, []byte(e.Definition))
	if err != nil {
		return nil, err
	}
	ops, err := a.QueryOperations().All(ctx)
	if err != nil {
		return nil, err
	}
	have := map[string][]string{}
	for _, op := range ops {
		have[op.Method.String()+" "+op.Target] = op.Scopes
	}
	seen := map[string]bool{}
	for _, op := range apis.OperationsOf(newDef) {
		key := strings.ToUpper(op.Method) + " " + op.Target
		seen[key] = true
		old, ok := have[key]
		switch {
		case !ok:
			d.Added = append(d.Added, key)
		case !sameSet(old, op.Scopes):
			d.Changed = append(d.Changed, key)
		}
	}
	for key := range have {
		if !seen[key] {
			d.Removed = append(d.Removed, key)
		}
	}
	slices.Sort(d.Added)
	slices.Sort(d.Removed)
	slices.Sort(d.Changed)
	return d, nil
}

// UpdateAPI brings an API's working copy in line with its service.
func (s *Service) UpdateAPI(ctx context.Context, apiID uuid.UUID) (*ent.API, error) {
	a, err := s.apis.Get(ctx, apiID)
	if err != nil {
		return nil, err
	}
	if a.ServiceEntryID == nil {
		return nil, errs.Field("apiID", "%s was not built from a catalog service", a.Name)
	}
	e, err := s.Get(ctx, *a.ServiceEntryID)
	if err != nil {
		return nil, err
	}
	return s.apis.ReplaceFromDefinition(ctx, apiID, []byte(e.Definition), e.DefinitionHash)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func apiServicePredicate(e *ent.ServiceEntry) predicate.API { return api.ServiceEntryID(e.ID) }
