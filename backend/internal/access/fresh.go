package access

import (
	"context"
	"reflect"

	"github.com/google/uuid"

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

// loaders re-read objects by id with every column. entgql's field
// collection selects only the columns a query asked for, so an object a
// resolver returns may lack the organization or API id its rule needs: the
// rules never trust the object, only the stored row.
var loaders = map[string]func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error){
	"API": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.API.Query().Where(api.IDIn(ids...)).All(ctx)
	},
	"APIOperation": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.APIOperation.Query().Where(apioperation.IDIn(ids...)).All(ctx)
	},
	"APIRevision": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.APIRevision.Query().Where(apirevision.IDIn(ids...)).Select(apirevision.FieldID, apirevision.FieldAPIID).All(ctx)
	},
	"APIScope": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.APIScope.Query().Where(apiscope.IDIn(ids...)).All(ctx)
	},
	"Application": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Application.Query().Where(application.IDIn(ids...)).All(ctx)
	},
	"ApplicationKey": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.ApplicationKey.Query().Where(applicationkey.IDIn(ids...)).All(ctx)
	},
	"AuditLog": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.AuditLog.Query().Where(auditlog.IDIn(ids...)).All(ctx)
	},
	"Category": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Category.Query().Where(category.IDIn(ids...)).All(ctx)
	},
	"DenyPolicy": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.DenyPolicy.Query().Where(denypolicy.IDIn(ids...)).All(ctx)
	},
	"Deployment": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Deployment.Query().Where(deployment.IDIn(ids...)).All(ctx)
	},
	"Document": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Document.Query().Where(document.IDIn(ids...)).Select(document.FieldID, document.FieldAPIID).All(ctx)
	},
	"Environment": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Environment.Query().Where(environment.IDIn(ids...)).All(ctx)
	},
	"Organization": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Organization.Query().Where(organization.IDIn(ids...)).All(ctx)
	},
	"RoleBinding": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.RoleBinding.Query().Where(rolebinding.IDIn(ids...)).All(ctx)
	},
	"ServiceEntry": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.ServiceEntry.Query().Where(serviceentry.IDIn(ids...)).Select(serviceentry.FieldID, serviceentry.FieldOrganizationID).All(ctx)
	},
	"APISubscription": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.Subscription.Query().Where(subscription.IDIn(ids...)).All(ctx)
	},
	"ThrottlingTier": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.ThrottlingTier.Query().Where(throttlingtier.IDIn(ids...)).All(ctx)
	},
	"User": func(ctx context.Context, c *ent.Client, ids []uuid.UUID) (any, error) {
		return c.User.Query().Where(user.IDIn(ids...)).All(ctx)
	},
}

func idOf(obj any) (uuid.UUID, bool) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return uuid.UUID{}, false
	}
	f := v.Elem().FieldByName("ID")
	if !f.IsValid() {
		return uuid.UUID{}, false
	}
	id, ok := f.Interface().(uuid.UUID)
	return id, ok
}

// fresh returns objs (all of GraphQL type typ) as stored: nil for an
// object that no longer exists. Types without a loader (objects only
// services build, with every column) come back as they are.
func (c *checker) fresh(ctx context.Context, typ string, objs []any) ([]any, error) {
	load := loaders[typ]
	if load == nil {
		return objs, nil
	}
	ids := make([]uuid.UUID, 0, len(objs))
	for _, o := range objs {
		if id, ok := idOf(o); ok {
			ids = append(ids, id)
		}
	}
	rows, err := load(ctx, c.client, ids)
	if err != nil {
		return nil, err
	}
	byID := map[uuid.UUID]any{}
	list := reflect.ValueOf(rows)
	for i := range list.Len() {
		row := list.Index(i).Interface()
		if id, ok := idOf(row); ok {
			byID[id] = row
		}
	}
	out := make([]any, len(objs))
	for i, o := range objs {
		if id, ok := idOf(o); ok {
			out[i] = byID[id]
		}
	}
	return out, nil
}
