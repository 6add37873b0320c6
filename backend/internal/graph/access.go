package graph

import (
	"context"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/access"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/apirevision"
	"github.com/gatehouse/gatehouse/ent/apiscope"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/auditlog"
	"github.com/gatehouse/gatehouse/ent/category"
	"github.com/gatehouse/gatehouse/ent/denypolicy"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/document"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/serviceentry"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/ent/user"
)

// guard is the access rules' choke point (package access) with the public
// forms of the restricted fields that have one.
func (r *Resolver) guard() *access.Guard {
	return access.NewGuard(r.client, map[string]access.Redactor{
		"API.definition": func(ctx context.Context, obj any) (any, error) {
			return r.apis.PublicDefinition(ctx, obj.(*ent.API))
		},
	})
}

// node resolves a global id of any Node type, then asks the type's read
// rule: an id the viewer may not read is NOT_FOUND, as a missing one is.
func (r *Resolver) node(ctx context.Context, id uuid.UUID) (ent.Noder, error) {
	n, err := r.client.Noder(ctx, id, ent.WithNodeType(r.nodeTable))
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "no object with id %s", id)
	} else if err != nil {
		return nil, err
	}
	ok, err := access.CanRead(ctx, r.client, n)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.E(errs.NotFound, "no object with id %s", id)
	}
	return n, nil
}

// nodeTables find which table holds a node id (ids are random UUIDs, so
// they do not encode their type).
var nodeTables = []struct {
	table string
	has   func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error)
}{
	{api.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.API.Query().Where(api.ID(id)).Exist(ctx)
	}},
	{apioperation.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.APIOperation.Query().Where(apioperation.ID(id)).Exist(ctx)
	}},
	{apirevision.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.APIRevision.Query().Where(apirevision.ID(id)).Exist(ctx)
	}},
	{apiscope.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.APIScope.Query().Where(apiscope.ID(id)).Exist(ctx)
	}},
	{application.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Application.Query().Where(application.ID(id)).Exist(ctx)
	}},
	{applicationkey.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.ApplicationKey.Query().Where(applicationkey.ID(id)).Exist(ctx)
	}},
	{auditlog.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.AuditLog.Query().Where(auditlog.ID(id)).Exist(ctx)
	}},
	{category.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Category.Query().Where(category.ID(id)).Exist(ctx)
	}},
	{denypolicy.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.DenyPolicy.Query().Where(denypolicy.ID(id)).Exist(ctx)
	}},
	{deployment.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Deployment.Query().Where(deployment.ID(id)).Exist(ctx)
	}},
	{document.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Document.Query().Where(document.ID(id)).Exist(ctx)
	}},
	{environment.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Environment.Query().Where(environment.ID(id)).Exist(ctx)
	}},
	{organization.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Organization.Query().Where(organization.ID(id)).Exist(ctx)
	}},
	{rolebinding.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.RoleBinding.Query().Where(rolebinding.ID(id)).Exist(ctx)
	}},
	{serviceentry.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.ServiceEntry.Query().Where(serviceentry.ID(id)).Exist(ctx)
	}},
	{subscription.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.Subscription.Query().Where(subscription.ID(id)).Exist(ctx)
	}},
	{throttlingtier.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.ThrottlingTier.Query().Where(throttlingtier.ID(id)).Exist(ctx)
	}},
	{user.Table, func(ctx context.Context, c *ent.Client, id uuid.UUID) (bool, error) {
		return c.User.Query().Where(user.ID(id)).Exist(ctx)
	}},
}

func (r *Resolver) nodeTable(ctx context.Context, id uuid.UUID) (string, error) {
	for _, t := range nodeTables {
		ok, err := t.has(ctx, r.client, id)
		if err != nil {
			return "", err
		}
		if ok {
			return t.table, nil
		}
	}
	return "", errs.E(errs.NotFound, "no object with id %s", id)
}
