package apis

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// An API product is an API of type PRODUCT whose operations link to
// operations of other APIs of the organization. Being an API, it has its
// own name, context, version, tiers, documents, lifecycle, revisions,
// deployments and subscriptions with no code of its own; at the gateway,
// each of its operations proxies to its source API's endpoint with the
// source's resource path (config.Operation.SourceEndpoint).

// ProductInput creates an API product.
type ProductInput struct {
	Name         string
	Context      string
	Version      string
	Description  string
	OperationIDs []uuid.UUID
}

// maxProductOperations bounds what one product bundles.
const maxProductOperations = 500

// CreateProduct bundles operations of the organization's APIs into a new
// API product. Two chosen operations with the same method and path (from
// different APIs) cannot both be routed and are refused.
func (s *Service) CreateProduct(ctx context.Context, in ProductInput) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "create API product")
	v, err := viewer.RequirePermission(ctx, viewer.APICreate)
	if err != nil {
		return nil, err
	}
	ops, err := s.productOperations(ctx, v, in.OperationIDs)
	if err != nil {
		return nil, err
	}
	return s.Create(ctx, CreateInput{
		Name: in.Name, Context: in.Context, Version: strings.TrimSpace(in.Version), Description: in.Description,
		Type: api.TypePRODUCT, Operations: ops,
	})
}

// productOperations checks the operations a product is to bundle (the
// same rules for a new product and an edited one) and turns them into its
// resources, each starting with its source's settings.
func (s *Service) productOperations(ctx context.Context, v *viewer.Viewer, ids []uuid.UUID) ([]OperationInput, error) {
	switch n := len(ids); {
	case n == 0:
		return nil, errs.Field("operations", "choose at least one operation of an API")
	case n > maxProductOperations:
		return nil, errs.Field("operations", "a product bundles at most %d operations", maxProductOperations)
	}
	srcOps, err := s.client.APIOperation.Query().
		Where(apioperation.IDIn(ids...),
			apioperation.HasAPIWith(api.OrganizationID(v.OrgID), api.TypeNEQ(api.TypePRODUCT))).
		WithAPI().All(ctx)
	if err != nil {
		return nil, err
	}
	found := map[uuid.UUID]bool{}
	for _, op := range srcOps {
		found[op.ID] = true
	}
	for _, id := range ids {
		if !found[id] {
			return nil, errs.Field("operations", "operation %s is not an operation of one of your APIs", id)
		}
	}
	ops := make([]OperationInput, 0, len(srcOps))
	sources := map[string]*ent.APIOperation{}
	for _, op := range srcOps {
		key := op.Method.String() + " " + op.Target
		if op.SoapAction != "" {
			key += " (SOAPAction " + op.SoapAction + ")"
		}
		if prev := sources[key]; prev != nil {
			if prev.ID == op.ID {
				continue
			}
			return nil, errs.Field("operations", "%s is chosen from both %s and %s; a product routes each method and path once",
				key, prev.Edges.API.Name, op.Edges.API.Name)
		}
		sources[key] = op
		ops = append(ops, OperationInput{Method: op.Method.String(), Target: op.Target, AuthRequired: op.AuthRequired,
			Scopes: op.Scopes, Tier: op.ThrottlingTier, SOAPAction: op.SoapAction, source: &op.ID})
	}
	return ops, nil
}

// UpdateProductOperations changes which operations a product bundles,
// with the rules of CreateProduct. Operations it keeps keep the settings
// the publisher gave them; added ones start with their source's; removed
// ones go. Deployed revisions serve the old set until the next deployment.
func (s *Service) UpdateProductOperations(ctx context.Context, id uuid.UUID, operationIDs []uuid.UUID) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "update the operations of API product %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	ops, err := s.productOperations(ctx, v, operationIDs)
	if err != nil {
		return nil, err
	}
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if a.Type != api.TypePRODUCT {
			return errs.E(errs.Invalid, "%s is not an API product; edit its resources instead", a.Name)
		}
		existing, err := tx.APIOperation.Query().Where(apioperation.APIID(id)).All(ctx)
		if err != nil {
			return err
		}
		bySource := map[uuid.UUID]*ent.APIOperation{}
		for _, op := range existing {
			if op.SourceOperationID != nil {
				bySource[*op.SourceOperationID] = op
			}
		}
		keep := map[uuid.UUID]bool{}
		var add []OperationInput
		for _, op := range ops {
			if cur := bySource[*op.source]; cur != nil {
				keep[cur.ID] = true
				continue
			}
			add = append(add, op)
		}
		var gone []uuid.UUID
		for _, op := range existing {
			if !keep[op.ID] {
				gone = append(gone, op.ID)
			}
		}
		// Removed first: an added operation may take the method and path
		// of a removed one (the same path from another API).
		if len(gone) > 0 {
			if _, err := tx.APIOperation.Delete().Where(apioperation.IDIn(gone...)).Exec(ctx); err != nil {
				return err
			}
		}
		for _, op := range add {
			if err := tx.APIOperation.Create().SetAPIID(id).SetMethod(apiOperationMethod(op.Method)).SetTarget(op.Target).
				SetAuthRequired(op.AuthRequired).SetScopes(op.Scopes).SetThrottlingTier(op.Tier).
				SetSoapAction(op.SOAPAction).SetSourceOperationID(*op.source).Exec(ctx); err != nil {
				return err
			}
		}
		if updated, err = a.Update().Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.product.update_operations", "API", id.String(),
			map[string]any{"operations": len(ops)})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// SourceOperation returns the operation a product's operation links to,
// with its API, when the viewer may see that API; nil otherwise.
func (s *Service) SourceOperation(ctx context.Context, op *ent.APIOperation) (*ent.APIOperation, error) {
	if op.SourceOperationID == nil {
		return nil, nil
	}
	src, err := s.client.APIOperation.Query().Where(apioperation.ID(*op.SourceOperationID)).WithAPI().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if ok, err := s.Query(ctx).Where(api.ID(src.APIID)).Exist(ctx); err != nil || !ok {
		return nil, err
	}
	return src, nil
}

// productEndpoints fills a product's frozen operations with their source
// APIs' production endpoints, and gives the product the first of them as
// its own (the gateway requires one; every routed call uses its
// operation's). A source that is gone or has no endpoint is refused.
func productEndpoints(ctx context.Context, tx *ent.Tx, a *ent.API, g *config.API) error {
	ids := make([]uuid.UUID, 0, len(a.Edges.Operations))
	for _, op := range a.Edges.Operations {
		if op.SourceOperationID != nil {
			ids = append(ids, *op.SourceOperationID)
		}
	}
	src, err := tx.APIOperation.Query().Where(apioperation.IDIn(ids...)).WithAPI().All(ctx)
	if err != nil {
		return err
	}
	byID := map[uuid.UUID]*ent.APIOperation{}
	for _, op := range src {
		byID[op.ID] = op
	}
	for i, op := range a.Edges.Operations {
		if op.SourceOperationID == nil {
			continue
		}
		s := byID[*op.SourceOperationID]
		if s == nil {
			return errs.E(errs.Conflict, "the operation %s %s no longer exists in its API; recreate the product", op.Method, op.Target)
		}
		if s.Edges.API.ProductionEndpoint == "" {
			return errs.E(errs.Conflict, "the API %s has no production endpoint; set one before deploying the product", s.Edges.API.Name)
		}
		g.Operations[i].SourceEndpoint = s.Edges.API.ProductionEndpoint
		if g.ProductionEndpoint == "" {
			g.ProductionEndpoint = s.Edges.API.ProductionEndpoint
		}
	}
	if g.ProductionEndpoint == "" {
		return errs.E(errs.Conflict, "the product has no operations to deploy")
	}
	return nil
}
