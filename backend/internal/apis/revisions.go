package apis

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apirevision"
	"github.com/gatehouse/gatehouse/ent/apiscope"
	"github.com/gatehouse/gatehouse/ent/category"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// DefaultMaxRevisions is how many revisions an API keeps unless configured.
const DefaultMaxRevisions = 5

// WithMaxRevisions sets how many revisions each API keeps (n < 1: the default).
func (s *Service) WithMaxRevisions(n int) *Service {
	if n < 1 {
		n = DefaultMaxRevisions
	}
	s.maxRevisions = n
	return s
}

func (s *Service) revisionLimit() int {
	if s.maxRevisions < 1 {
		return DefaultMaxRevisions
	}
	return s.maxRevisions
}

// CreateRevision freezes the API's working copy into a new revision.
func (s *Service) CreateRevision(ctx context.Context, apiID uuid.UUID, description string) (_ *ent.APIRevision, err error) {
	defer errs.Wrap(&err, "create revision of API %s", apiID)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	var rev *ent.APIRevision
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, apiID)
		if err != nil {
			return err
		}
		rev, err = s.createRevision(ctx, tx, v, a, description)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rev.Unwrap(), nil
}

// createRevision freezes a inside tx. When the API already keeps its limit
// of revisions, the oldest one no environment serves makes room; when all
// are deployed, it refuses.
func (s *Service) createRevision(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, a *ent.API, description string) (*ent.APIRevision, error) {
	description = strings.TrimSpace(description)
	if utf8.RuneCountInString(description) > 500 {
		return nil, errs.Field("description", "the description is longer than 500 characters")
	}
	ops, err := a.QueryOperations().All(ctx)
	if err != nil {
		return nil, err
	}
	a.Edges.Operations = ops
	revs, err := tx.APIRevision.Query().Where(apirevision.APIID(a.ID)).
		Order(ent.Asc(apirevision.FieldNumber)).WithDeployments().All(ctx)
	if err != nil {
		return nil, err
	}
	number := 1
	if len(revs) > 0 {
		number = revs[len(revs)-1].Number + 1
	}
	for excess := len(revs) - s.revisionLimit() + 1; excess > 0; excess-- {
		i := 0
		for i < len(revs) && len(revs[i].Edges.Deployments) > 0 {
			i++
		}
		if i == len(revs) {
			return nil, errs.E(errs.Conflict, "the API keeps at most %d revisions and all are deployed; undeploy one first", s.revisionLimit())
		}
		if err := tx.APIRevision.DeleteOneID(revs[i].ID).Exec(ctx); err != nil {
			return nil, err
		}
		revs = append(revs[:i], revs[i+1:]...)
	}
	g := GatewayAPI(a, number)
	defs, err := a.QueryScopeDefinitions().All(ctx)
	if err != nil {
		return nil, err
	}
	g.ScopeDefinitions = scopeDefinitions(defs)
	if err := freezeDefinition(ctx, a, &g); err != nil {
		return nil, err
	}
	if err := freezeTrafficControls(a, &g); err != nil {
		return nil, err
	}
	if a.Type == api.TypePRODUCT {
		if err := productEndpoints(ctx, tx, a, &g); err != nil {
			return nil, err
		}
	}
	snap, err := json.Marshal(g)
	if err != nil {
		return nil, err
	}
	state, err := revisionState(ctx, a)
	if err != nil {
		return nil, err
	}
	rev, err := tx.APIRevision.Create().
		SetAPIID(a.ID).SetNumber(number).SetDescription(description).
		SetSnapshot(string(snap)).SetState(state).SetCreatedBy(v.Username).Save(ctx)
	if err != nil {
		return nil, err
	}
	return rev, audit.Record(ctx, tx, v.OrgID, "api.revision.create", "API", a.ID.String(), map[string]any{"revision": number})
}

// DeployRevision makes environment (the default one when empty) serve an
// existing revision.
func (s *Service) DeployRevision(ctx context.Context, revisionID uuid.UUID, envName string) (*ent.Deployment, error) {
	return s.DeployRevisionOn(ctx, revisionID, envName, "")
}

// DeployRevisionOn is DeployRevision on one of the environment's virtual
// hosts (vhost "": the environment's default, any Host).
func (s *Service) DeployRevisionOn(ctx context.Context, revisionID uuid.UUID, envName, vhost string) (_ *ent.Deployment, err error) {
	defer errs.Wrap(&err, "deploy revision %s", revisionID)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	var dep *ent.Deployment
	var env *ent.Environment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		rev, a, err := deployableRevision(ctx, tx, v, revisionID)
		if err != nil {
			return err
		}
		if env, err = findEnvironment(ctx, tx, envName); err != nil {
			return err
		}
		host, err := pickVirtualHost(env, vhost)
		if err != nil {
			return err
		}
		if dep, err = deployTo(ctx, tx, v, a.ID, env, host, rev); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.deploy", "API", a.ID.String(),
			map[string]any{"environment": env.Name, "revision": rev.Number, "virtualHost": host})
	})
	if err != nil {
		return nil, err
	}
	s.notify.EnvironmentChanged(ctx, env.Name, "deploy")
	return dep.Unwrap(), nil
}

// RestoreRevision copies what a revision froze (endpoints, resources and
// their settings, scope definitions, CORS, mutual TLS, backend JWT, traffic
// controls, and for revisions that hold it the definition text and business
// data) back into the API's working copy. Deployments are untouched.
func (s *Service) RestoreRevision(ctx context.Context, revisionID uuid.UUID) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "restore revision %s", revisionID)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		rev, a, err := ownedRevision(ctx, tx, v, revisionID)
		if err != nil {
			return err
		}
		var g config.API
		if err := json.Unmarshal([]byte(rev.Snapshot), &g); err != nil {
			return err
		}
		if a.Type == api.TypePRODUCT {
			// Its frozen endpoint is the first source's, not its own.
			g.ProductionEndpoint = ""
		}
		// Revisions made before scopes were defined froze none: the
		// current definitions stay and cover the operations below.
		if len(g.ScopeDefinitions) > 0 {
			if _, err := tx.APIScope.Delete().Where(apiscope.APIID(a.ID)).Exec(ctx); err != nil {
				return err
			}
			for _, d := range g.ScopeDefinitions {
				if err := tx.APIScope.Create().SetAPIID(a.ID).SetName(d.Name).SetDisplayName(d.DisplayName).
					SetDescription(d.Description).SetRoles(append([]string{}, d.Roles...)).Exec(ctx); err != nil {
					return err
				}
			}
		}
		// Resources are updated in place by method and path, so a
		// product's operations keep their source links, and products
		// linking to this API's operations keep working.
		ops := make([]OperationInput, 0, len(g.Operations))
		for _, op := range g.Operations {
			ops = append(ops, OperationInput{Method: op.Method, Target: op.Target, AuthRequired: op.AuthRequired,
				Scopes: op.Scopes, Tier: op.Tier, RequestValidation: op.ValidateRequest, Policies: op.Policies,
				SOAPAction: op.SOAPAction, ext: &definition.GatewaySettings{}})
		}
		if err := syncOperations(ctx, tx, a.ID, ops); err != nil {
			return err
		}
		u := a.Update().SetProductionEndpoint(g.ProductionEndpoint).SetSandboxEndpoint(g.SandboxEndpoint)
		if g.Production != nil || g.Sandbox != nil {
			u.SetEndpoints(&fieldtype.Endpoints{Production: g.Production, Sandbox: g.Sandbox})
		} else {
			u.ClearEndpoints()
		}
		if g.CORS != nil {
			c := fieldtype.CORS(*g.CORS)
			u.SetCors(&c)
		} else {
			u.ClearCors()
		}
		if g.MutualTLS != nil {
			m := fieldtype.MutualTLS(*g.MutualTLS)
			u.SetMutualTLS(&m)
		} else {
			u.ClearMutualTLS()
		}
		if g.BackendJWT != nil {
			b := fieldtype.BackendJWT(*g.BackendJWT)
			u.SetBackendJwt(&b)
		} else {
			u.ClearBackendJwt()
		}
		if g.GraphQL != nil || g.WebSocket != nil {
			tc := fieldtype.TrafficControls{WebSocket: g.WebSocket}
			if g.GraphQL != nil {
				gp := *g.GraphQL
				gp.Schema = "" // the definition is the working copy's own
				tc.GraphQL = &gp
			}
			u.SetTrafficControls(&tc)
		} else {
			u.ClearTrafficControls()
		}
		if rev.State != nil {
			if err := restoreState(ctx, tx, u, *rev.State); err != nil {
				return err
			}
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.revision.restore", "API", a.ID.String(), map[string]any{"revision": rev.Number})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// DeleteRevision removes a revision no environment serves.
func (s *Service) DeleteRevision(ctx context.Context, revisionID uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete revision %s", revisionID)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *ent.Tx) error {
		rev, a, err := ownedRevision(ctx, tx, v, revisionID)
		if err != nil {
			return err
		}
		deployed, err := tx.Deployment.Query().Where(deployment.RevisionID(rev.ID)).Exist(ctx)
		if err != nil {
			return err
		}
		if deployed {
			return errs.E(errs.Conflict, "revision %d is deployed; undeploy it first", rev.Number)
		}
		if err := tx.APIRevision.DeleteOne(rev).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.revision.delete", "API", a.ID.String(), map[string]any{"revision": rev.Number})
	})
}

func ownedRevision(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.APIRevision, *ent.API, error) {
	rev, err := tx.APIRevision.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, errs.E(errs.NotFound, "revision %s not found", id)
	} else if err != nil {
		return nil, nil, err
	}
	a, err := ownedAPI(ctx, tx, v, rev.APIID)
	if errs.KindOf(err) == errs.NotFound {
		return nil, nil, errs.E(errs.NotFound, "revision %s not found", id)
	}
	return rev, a, err
}

func checkDeployable(a *ent.API) error {
	switch a.LifecycleStatus.String() {
	case "RETIRED", "BLOCKED":
		return errs.E(errs.Conflict, "a %s API cannot be deployed", strings.ToLower(a.LifecycleStatus.String()))
	}
	return nil
}

// deployTo points env's deployment of the API at rev, creating it if needed.
func deployTo(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, apiID uuid.UUID, env *ent.Environment, vhost string, rev *ent.APIRevision) (*ent.Deployment, error) {
	existing, err := tx.Deployment.Query().
		Where(deployment.APIID(apiID), deployment.EnvironmentID(env.ID)).Only(ctx)
	switch {
	case err == nil:
		return existing.Update().SetRevisionID(rev.ID).SetVirtualHost(vhost).SetDeployedBy(v.Username).Save(ctx)
	case ent.IsNotFound(err):
		return tx.Deployment.Create().SetAPIID(apiID).SetEnvironmentID(env.ID).SetVirtualHost(vhost).
			SetRevisionID(rev.ID).SetDeployedBy(v.Username).Save(ctx)
	default:
		return nil, err
	}
}

// MaxRevisions is how many revisions each API keeps.
func (s *Service) MaxRevisions() int { return s.revisionLimit() }

// revisionState is what a revision freezes beyond the gateway snapshot.
func revisionState(ctx context.Context, a *ent.API) (*fieldtype.RevisionState, error) {
	cats, err := a.QueryCategories().IDs(ctx)
	if err != nil {
		return nil, err
	}
	st := &fieldtype.RevisionState{
		Definition: a.Definition, DefinitionType: a.DefinitionType.String(), Description: a.Description,
		Tags: a.Tags, BusinessOwnerName: a.BusinessOwnerName, BusinessOwnerEmail: a.BusinessOwnerEmail,
		TechnicalOwnerName: a.TechnicalOwnerName, TechnicalOwnerEmail: a.TechnicalOwnerEmail,
		Visibility: a.Visibility.String(), VisibleRoles: a.VisibleRoles, SubscriptionTiers: a.SubscriptionTiers,
		KeyManagers: a.KeyManagers,
	}
	for _, id := range cats {
		st.CategoryIDs = append(st.CategoryIDs, id.String())
	}
	return st, nil
}

// restoreState puts a revision's frozen state into u. Categories deleted
// since are left out rather than failing the restore.
func restoreState(ctx context.Context, tx *ent.Tx, u *ent.APIUpdateOne, st fieldtype.RevisionState) error {
	u.SetDefinition(st.Definition).SetDescription(st.Description).
		SetBusinessOwnerName(st.BusinessOwnerName).SetBusinessOwnerEmail(st.BusinessOwnerEmail).
		SetTechnicalOwnerName(st.TechnicalOwnerName).SetTechnicalOwnerEmail(st.TechnicalOwnerEmail).
		SetTags(st.Tags).SetVisibleRoles(st.VisibleRoles).SetSubscriptionTiers(st.SubscriptionTiers).
		SetKeyManagers(st.KeyManagers)
	if st.DefinitionType != "" {
		u.SetDefinitionType(api.DefinitionType(st.DefinitionType))
	}
	if st.Visibility != "" {
		u.SetVisibility(api.Visibility(st.Visibility))
	}
	ids := make([]uuid.UUID, 0, len(st.CategoryIDs))
	for _, s := range st.CategoryIDs {
		if id, err := uuid.Parse(s); err == nil {
			ids = append(ids, id)
		}
	}
	u.ClearCategories()
	if len(ids) > 0 {
		live, err := tx.Category.Query().Where(category.IDIn(ids...)).IDs(ctx)
		if err != nil {
			return err
		}
		u.AddCategoryIDs(live...)
	}
	return nil
}

// deployableRevision is the viewer's revision revisionID when its API may be
// deployed and its snapshot has a valid production endpoint: a revision
// without one would make gateways refuse the whole environment's snapshot.
func deployableRevision(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, revisionID uuid.UUID) (*ent.APIRevision, *ent.API, error) {
	rev, a, err := ownedRevision(ctx, tx, v, revisionID)
	if err != nil {
		return nil, nil, err
	}
	if err := checkDeployable(a); err != nil {
		return nil, nil, err
	}
	var g config.API
	if err := json.Unmarshal([]byte(rev.Snapshot), &g); err != nil {
		return nil, nil, err
	}
	if config.ValidateEndpoint(g.ProductionEndpoint) != nil {
		return nil, nil, errs.E(errs.Conflict, "revision %d has no valid production endpoint; it cannot be deployed", rev.Number)
	}
	return rev, a, nil
}
