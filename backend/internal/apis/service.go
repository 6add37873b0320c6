// Package apis is the publisher's domain: creating APIs, changing them,
// freezing them into revisions and deploying those to gateway environments.
// Every rule about APIs lives here; GraphQL resolvers only call it.
package apis

import (
	"context"
	"log/slog"
	"net/http"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/access"
	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/safehttp"
	"github.com/gatehouse/gatehouse/backend/internal/sealed"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/apirevision"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/document"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Notifier is told when an environment's deployments changed, after the
// change is committed.
type Notifier interface {
	EnvironmentChanged(ctx context.Context, environment, reason string)
}

// Service implements the publisher's operations on APIs.
type Service struct {
	client       *ent.Client
	notify       Notifier
	log          *slog.Logger
	maxRevisions int
	sealer       sealed.Sealer // seals endpoint secrets at rest (see WithSealer)
	// fetcher downloads definitions from URLs (see WithFetchClient).
	fetcher *http.Client
}

// NewService returns the API service.
func NewService(client *ent.Client, notify Notifier, log *slog.Logger) *Service {
	return &Service{client: client, notify: notify, log: log, maxRevisions: DefaultMaxRevisions,
		fetcher: safehttp.NewClient(safehttp.Options{})}
}

// CreateInput is what a publisher gives to create an API.
type CreateInput struct {
	Name             string
	Context          string
	Version          string
	Endpoint         string
	Description      string
	IsDefaultVersion bool
	Operations       []OperationInput
	// Definition is the document the API was imported from, if any.
	Definition     string
	DefinitionType api.DefinitionType
	// Type is the kind of API (HTTP when empty); Topics are the topics of a
	// WebSocket or async API created from scratch (see kinds.go).
	Type   api.Type
	Topics []string
	// ServiceEntryID and ServiceHash link an API built from a catalog
	// service to the definition it was built from.
	ServiceEntryID *uuid.UUID
	ServiceHash    string
}

// OperationInput is one resource of a new API.
type OperationInput struct {
	Method       string
	Target       string
	AuthRequired bool
	Scopes       []string
	Tier         string
	// RequestValidation and Policies come from an exported definition's
	// extensions (see OperationsOf).
	RequestValidation bool
	Policies          *config.OperationPolicies
	// SOAPAction is the action a SOAP pass-through resource answers.
	SOAPAction string
	// source is the operation an API product's operation proxies to.
	source *uuid.UUID
	// ext are the definition's x-gatehouse extensions of the operation.
	ext *definition.GatewaySettings
}

// UpdateInput changes an API; nil fields stay as they are.
type UpdateInput struct {
	Name             *string
	Description      *string
	Endpoint         *string
	IsDefaultVersion *bool
}

// Query returns the APIs the viewer in ctx may see (access.APIVisible, the
// one rule every GraphQL edge to an API applies too).
func (s *Service) Query(ctx context.Context) *ent.APIQuery {
	return s.client.API.Query().Where(access.APIVisible(viewer.FromContext(ctx)))
}

// Get returns one API the viewer may see.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (*ent.API, error) {
	a, err := s.Query(ctx).Where(api.ID(id)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "API %s not found", id)
	}
	return a, err
}

// Create validates in and stores a new API with its operations.
func (s *Service) Create(ctx context.Context, in CreateInput) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "create API")
	v, err := viewer.RequirePermission(ctx, viewer.APICreate)
	if err != nil {
		return nil, err
	}
	in.Name = strings.TrimSpace(in.Name)
	in.Version = strings.TrimSpace(in.Version)
	in.Endpoint = strings.TrimSpace(in.Endpoint)
	if in.Type == "" {
		in.Type = api.TypeHTTP
	}
	if in.Definition == "" && len(in.Operations) == 0 {
		if in.Operations, err = scratchOperations(in.Type, in.Topics); err != nil {
			return nil, err
		}
	}
	if in.Context, err = validateCreate(in); err != nil {
		return nil, err
	}
	var created *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if err := checkContextFree(ctx, tx, in.Name, in.Context, in.Version, uuid.Nil); err != nil {
			return err
		}
		if in.IsDefaultVersion {
			if err := tx.API.Update().Where(api.Context(in.Context)).SetIsDefaultVersion(false).Exec(ctx); err != nil {
				return err
			}
		}
		tiers, err := defaultSubscriptionTiers(ctx, tx, v.OrgID)
		if err != nil {
			return err
		}
		created, err = tx.API.Create().
			SetOrganizationID(v.OrgID).
			SetSubscriptionTiers(tiers).
			SetName(in.Name).
			SetType(in.Type).
			SetContext(in.Context).
			SetVersion(in.Version).
			SetDescription(strings.TrimSpace(in.Description)).
			SetProductionEndpoint(in.Endpoint).
			SetIsDefaultVersion(in.IsDefaultVersion).
			SetCreatedBy(v.Username).
			SetDefinition(in.Definition).
			SetNillableDefinitionType(nilIfEmpty(in.DefinitionType)).
			SetNillableServiceEntryID(in.ServiceEntryID).
			SetServiceDefinitionHash(in.ServiceHash).
			Save(ctx)
		if err != nil {
			return err
		}
		if err := resolveSettings(ctx, tx, v.OrgID, "source", in.Operations); err != nil {
			return err
		}
		for _, op := range in.Operations {
			err := tx.APIOperation.Create().
				SetAPIID(created.ID).
				SetMethod(apiOperationMethod(op.Method)).
				SetTarget(op.Target).
				SetAuthRequired(op.AuthRequired).
				SetScopes(op.Scopes).
				SetThrottlingTier(op.Tier).
				SetRequestValidation(op.RequestValidation).
				SetPolicies(storedPolicies(op.Policies)).
				SetSoapAction(op.SOAPAction).
				SetNillableSourceOperationID(op.source).
				Exec(ctx)
			if err != nil {
				return err
			}
		}
		if err := ensureScopes(ctx, tx, created.ID, scopesOf(in.Operations)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.create", "API", created.ID.String(),
			map[string]string{"name": in.Name, "context": in.Context, "version": in.Version})
	})
	if err != nil {
		return nil, err
	}
	// Detach from the finished transaction so edges load through the client.
	return created.Unwrap(), nil
}

// updateOwned saves the changes edit makes to the API id, in one
// transaction with their audit record (action), for a publisher or admin
// of the API's organization.
func (s *Service) updateOwned(ctx context.Context, id uuid.UUID, action string,
	edit func(tx *ent.Tx, v *viewer.Viewer, a *ent.API) (*ent.APIUpdateOne, error)) (*ent.API, error) {
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		u, err := edit(tx, v, a)
		if err != nil {
			return err
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, action, "API", id.String(), nil)
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// Update changes an API's editable fields. Deployed revisions keep serving
// what they froze until the API is deployed again.
func (s *Service) Update(ctx context.Context, id uuid.UUID, in UpdateInput) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "update API %s", id)
	return s.updateOwned(ctx, id, "api.update", func(tx *ent.Tx, v *viewer.Viewer, a *ent.API) (*ent.APIUpdateOne, error) {
		u := a.Update()
		if in.Name != nil {
			name := strings.TrimSpace(*in.Name)
			if err := validateName(name); err != nil {
				return nil, err
			}
			// Every version under a context shares the API's name.
			if err := checkContextFree(ctx, tx, name, a.Context, "", a.ID); err != nil {
				return nil, err
			}
			u.SetName(name)
		}
		if in.Description != nil {
			u.SetDescription(strings.TrimSpace(*in.Description))
		}
		if in.Endpoint != nil {
			ep := strings.TrimSpace(*in.Endpoint)
			if err := config.ValidateEndpoint(ep); err != nil {
				return nil, errs.Field("endpoint", "%v", err)
			}
			u.SetProductionEndpoint(ep)
			if e := singleProduction(a, ep); e != nil {
				u.SetEndpoints(e)
			}
		}
		if in.IsDefaultVersion != nil {
			if *in.IsDefaultVersion {
				if err := tx.API.Update().Where(api.Context(a.Context), api.IDNEQ(a.ID)).SetIsDefaultVersion(false).Exec(ctx); err != nil {
					return nil, err
				}
			}
			u.SetIsDefaultVersion(*in.IsDefaultVersion)
		}
		return u, nil
	})
}

// Delete removes an API with its revisions and deployments. An API that
// applications subscribe to is kept: deleting it would break them silently.
func (s *Service) Delete(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return err
	}
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		n, err := tx.Subscription.Query().Where(subscription.APIID(id)).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return errs.E(errs.Conflict, "API %s has %d subscription(s); remove them first", a.Name, n)
		}
		envs, err = tx.Environment.Query().
			Where(environment.HasDeploymentsWith(deployment.APIID(id))).
			Select(environment.FieldName).Strings(ctx)
		if err != nil {
			return err
		}
		// Children first: SQLite enforces the foreign keys row by row.
		if _, err := tx.Deployment.Delete().Where(deployment.APIID(id)).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.APIRevision.Delete().Where(apirevision.APIID(id)).Exec(ctx); err != nil {
			return err
		}
		docs, err := tx.Document.Query().Where(document.APIID(id)).All(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.Document.Delete().Where(document.APIID(id)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.API.DeleteOne(a).Exec(ctx); err != nil {
			return err
		}
		// Uploaded files go with the last API or document using them.
		files := []*uuid.UUID{a.ThumbnailID}
		for _, d := range docs {
			files = append(files, d.FileID)
		}
		for _, f := range files {
			if err := dropFileIfUnused(ctx, tx, f); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, v.OrgID, "api.delete", "API", id.String(), map[string]string{"name": a.Name})
	})
	if err == nil {
		for _, e := range envs {
			s.notify.EnvironmentChanged(ctx, e, "undeploy")
		}
	}
	return err
}

// Deploy freezes the API into a new revision and makes environment (the
// default one when empty) serve it.
func (s *Service) Deploy(ctx context.Context, id uuid.UUID, envName, description string) (*ent.Deployment, error) {
	return s.DeployOn(ctx, id, envName, "", description)
}

// DeployOn is Deploy on one of the environment's virtual hosts (vhost "":
// the environment's default, any Host).
func (s *Service) DeployOn(ctx context.Context, id uuid.UUID, envName, vhost, description string) (_ *ent.Deployment, err error) {
	defer errs.Wrap(&err, "deploy API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	var dep *ent.Deployment
	var env *ent.Environment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if err := checkDeployable(a); err != nil {
			return err
		}
		if a.ProductionEndpoint == "" && a.Type != api.TypePRODUCT {
			return errs.Field("endpoint", "set a production endpoint before deploying")
		}
		if env, err = findEnvironment(ctx, tx, envName); err != nil {
			return err
		}
		host, err := pickVirtualHost(env, vhost)
		if err != nil {
			return err
		}
		rev, err := s.createRevision(ctx, tx, v, a, description)
		if err != nil {
			return err
		}
		if dep, err = deployTo(ctx, tx, v, id, env, host, rev); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.deploy", "API", id.String(),
			map[string]any{"environment": env.Name, "revision": rev.Number, "virtualHost": host})
	})
	if err != nil {
		return nil, err
	}
	s.notify.EnvironmentChanged(ctx, env.Name, "deploy")
	return dep.Unwrap(), nil
}

// Undeploy stops environment (the default one when empty) serving the API.
func (s *Service) Undeploy(ctx context.Context, id uuid.UUID, envName string) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "undeploy API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	var a *ent.API
	var env *ent.Environment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if a, err = ownedAPI(ctx, tx, v, id); err != nil {
			return err
		}
		if env, err = findEnvironment(ctx, tx, envName); err != nil {
			return err
		}
		n, err := tx.Deployment.Delete().Where(deployment.APIID(id), deployment.EnvironmentID(env.ID)).Exec(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.E(errs.NotFound, "API %s is not deployed to %s", a.Name, env.Name)
		}
		return audit.Record(ctx, tx, v.OrgID, "api.undeploy", "API", id.String(), map[string]string{"environment": env.Name})
	})
	if err != nil {
		return nil, err
	}
	s.notify.EnvironmentChanged(ctx, env.Name, "undeploy")
	return a.Unwrap(), nil
}

// InvocationURLs lists where consumers call a, one URL per environment.
func (s *Service) InvocationURLs(ctx context.Context, a *ent.API) ([]string, error) {
	envs, err := s.client.Environment.Query().
		Where(environment.HasDeploymentsWith(deployment.APIID(a.ID))).
		Order(ent.Asc(environment.FieldName)).All(ctx)
	if err != nil {
		return nil, err
	}
	urls := make([]string, 0, len(envs))
	for _, e := range envs {
		if e.GatewayURL != "" {
			urls = append(urls, strings.TrimRight(e.GatewayURL, "/")+"/"+a.Context+"/"+a.Version)
		}
	}
	return urls, nil
}

// GatewayAPI is the gateway's view of a (with its operations loaded), as
// frozen in revision number.
func GatewayAPI(a *ent.API, number int) config.API {
	g := config.API{
		ID:                 a.ID.String(),
		Name:               a.Name,
		Context:            a.Context,
		Version:            a.Version,
		Revision:           number,
		IsDefaultVersion:   a.IsDefaultVersion,
		ProductionEndpoint: a.ProductionEndpoint,
		SandboxEndpoint:    a.SandboxEndpoint,
	}
	if c := CORSOf(a); c.Enabled {
		g.CORS = &c
	}
	g.MutualTLS = MutualTLSOf(a)
	if b := BackendJWTOf(a); b.Enabled {
		g.BackendJWT = &b
	}
	if e := a.Endpoints; e != nil {
		g.Production, g.Sandbox = e.Production, e.Sandbox
	}
	for _, op := range a.Edges.Operations {
		o := config.Operation{
			Method: op.Method.String(), Target: op.Target, AuthRequired: op.AuthRequired,
			Scopes: op.Scopes, Tier: op.ThrottlingTier, ValidateRequest: op.RequestValidation,
			SOAPAction: op.SoapAction,
		}
		if p := PoliciesOf(op); !p.Empty() {
			o.Policies = &p
		}
		g.Operations = append(g.Operations, o)
	}
	return g
}

// ownedAPI loads an API of the viewer's organization inside tx; another
// organization's API is reported as not found, so ids reveal nothing.
func ownedAPI(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.API, error) {
	a, err := tx.API.Query().Where(api.ID(id), api.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "API %s not found", id)
	}
	return a, err
}

func findEnvironment(ctx context.Context, tx *ent.Tx, name string) (*ent.Environment, error) {
	q := tx.Environment.Query()
	if name == "" {
		q = q.Where(environment.IsDefault(true))
	} else {
		q = q.Where(environment.Name(name))
	}
	env, err := q.First(ctx)
	if ent.IsNotFound(err) {
		if name == "" {
			return nil, errs.E(errs.NotFound, "no default gateway environment is configured")
		}
		return nil, errs.Field("environment", "gateway environment %q does not exist", name)
	}
	return env, err
}

// tx runs fn in a transaction (see store.WithTx).
func (s *Service) tx(ctx context.Context, fn func(*ent.Tx) error) error {
	return store.WithTx(ctx, s.client, fn)
}

func nilIfEmpty(t api.DefinitionType) *api.DefinitionType {
	if t == "" {
		return nil
	}
	return &t
}

// NewVersion copies an API, with its resources and definition, as a new
// version under the same context. The copy starts in CREATED; revisions,
// deployments and subscriptions stay with the original.
func (s *Service) NewVersion(ctx context.Context, id uuid.UUID, version string, isDefault bool) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "new version of API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APICreate)
	if err != nil {
		return nil, err
	}
	version = strings.TrimSpace(version)
	if err := config.ValidateVersion(version); err != nil {
		return nil, errs.Field("version", "%v", err)
	}
	var created *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if err := checkContextFree(ctx, tx, a.Name, a.Context, version, uuid.Nil); err != nil {
			return err
		}
		ops, err := a.QueryOperations().All(ctx)
		if err != nil {
			return err
		}
		categoryIDs, err := a.QueryCategories().IDs(ctx)
		if err != nil {
			return err
		}
		scopeDefs, err := a.QueryScopeDefinitions().All(ctx)
		if err != nil {
			return err
		}
		if isDefault {
			if err := tx.API.Update().Where(api.Context(a.Context)).SetIsDefaultVersion(false).Exec(ctx); err != nil {
				return err
			}
		}
		create := tx.API.Create().SetOrganizationID(a.OrganizationID).SetName(a.Name).SetContext(a.Context).
			SetVersion(version).SetDescription(a.Description).SetType(a.Type).SetIsDefaultVersion(isDefault).
			SetProductionEndpoint(a.ProductionEndpoint).SetSandboxEndpoint(a.SandboxEndpoint).
			SetDefinitionType(a.DefinitionType).SetDefinition(a.Definition).SetTags(a.Tags).
			SetBusinessOwnerName(a.BusinessOwnerName).SetBusinessOwnerEmail(a.BusinessOwnerEmail).
			SetTechnicalOwnerName(a.TechnicalOwnerName).SetTechnicalOwnerEmail(a.TechnicalOwnerEmail).
			SetVisibility(a.Visibility).SetVisibleRoles(a.VisibleRoles).SetSubscriptionTiers(a.SubscriptionTiers).
			SetNillableThumbnailID(a.ThumbnailID).AddCategoryIDs(categoryIDs...).
			SetNillableServiceEntryID(a.ServiceEntryID).SetServiceDefinitionHash(a.ServiceDefinitionHash).
			SetCreatedBy(v.Username)
		if a.Endpoints != nil {
			e := *a.Endpoints
			create.SetEndpoints(&e)
		}
		if a.Cors != nil {
			c := *a.Cors
			create.SetCors(&c)
		}
		if a.MutualTLS != nil {
			m := *a.MutualTLS
			create.SetMutualTLS(&m)
		}
		if a.BackendJwt != nil {
			b := *a.BackendJwt
			create.SetBackendJwt(&b)
		}
		created, err = create.Save(ctx)
		if err != nil {
			return err
		}
		for _, op := range ops {
			if err := tx.APIOperation.Create().SetAPIID(created.ID).SetMethod(op.Method).SetTarget(op.Target).
				SetAuthRequired(op.AuthRequired).SetScopes(op.Scopes).SetThrottlingTier(op.ThrottlingTier).
				SetRequestValidation(op.RequestValidation).SetPolicies(op.Policies).SetSoapAction(op.SoapAction).
				SetNillableSourceOperationID(op.SourceOperationID).Exec(ctx); err != nil {
				return err
			}
		}
		if err := copyScopes(ctx, tx, scopeDefs, created.ID); err != nil {
			return err
		}
		// Documents come along; uploaded files are shared, not copied.
		docs, err := tx.Document.Query().Where(document.APIID(a.ID)).All(ctx)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := tx.Document.Create().SetAPIID(created.ID).SetName(d.Name).SetSummary(d.Summary).SetDocType(d.DocType).
				SetSourceType(d.SourceType).SetContent(d.Content).SetURL(d.URL).SetNillableFileID(d.FileID).
				SetFileName(d.FileName).SetFileSize(d.FileSize).SetCreatedBy(d.CreatedBy).Exec(ctx); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, v.OrgID, "api.new_version", "API", created.ID.String(),
			map[string]string{"from": a.Version, "version": version})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// RemovedSincePreviousVersion lists the operations ("GET /pets") the
// previous version of a has (by creation time, same context) that a lacks:
// what consumers moving to a would lose.
func (s *Service) RemovedSincePreviousVersion(ctx context.Context, a *ent.API) ([]string, error) {
	prev, err := s.PreviousVersion(ctx, a)
	if err != nil || prev == nil {
		return []string{}, err
	}
	return s.removedOperations(ctx, prev, a)
}

// removedOperations lists the operations prev has and a lacks.
func (s *Service) removedOperations(ctx context.Context, prev, a *ent.API) ([]string, error) {
	key := func(o *ent.APIOperation) string { return o.Method.String() + " " + o.Target }
	now, err := s.client.APIOperation.Query().Where(apioperation.APIID(a.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, o := range now {
		// Renaming a path parameter removes nothing.
		have[key(o)], have[blankParams(key(o))] = true, true
	}
	before, err := s.client.APIOperation.Query().Where(apioperation.APIID(prev.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	removed := []string{}
	for _, o := range before {
		if !have[key(o)] && !have[blankParams(key(o))] {
			removed = append(removed, key(o))
		}
	}
	sort.Strings(removed)
	return removed, nil
}
