// Package tenancy holds the read rules for organization-scoped lists: who
// may list users, applications, environments and the rest, and which rows
// they see. (API visibility, which has more rules, lives in package apis.)
package tenancy

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/auditlog"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/serviceentry"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/ent/user"
)

// Queries returns filtered queries for the viewer in ctx.
type Queries struct{ client *ent.Client }

// New returns the tenancy queries over client.
func New(client *ent.Client) *Queries { return &Queries{client: client} }

// Users: admins see their organization's users.
func (q *Queries) Users(ctx context.Context) (*ent.UserQuery, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	return q.client.User.Query().Where(user.OrganizationID(v.OrgID)), nil
}

// Organizations: a user sees their own organization.
func (q *Queries) Organizations(ctx context.Context) (*ent.OrganizationQuery, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	return q.client.Organization.Query().Where(organization.ID(v.OrgID)), nil
}

// Applications: admins see the organization's, others their own and
// those shared with one of their groups.
func (q *Queries) Applications(ctx context.Context) (*ent.ApplicationQuery, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	reach, err := ApplicationReach(ctx, q.client, v)
	if err != nil {
		return nil, err
	}
	return q.client.Application.Query().Where(reach), nil
}

// ApplicationReach is the one rule for which applications v may see: of
// v's organization, all for admins; else v's own and those shared with a
// group v belongs to. client may be a transaction's client.
func ApplicationReach(ctx context.Context, client *ent.Client, v *viewer.Viewer) (predicate.Application, error) {
	org := application.OrganizationID(v.OrgID)
	if v.Can(viewer.AdminUsers) {
		return org, nil
	}
	groups, err := UserGroups(ctx, client, v)
	if err != nil {
		return nil, err
	}
	either := []predicate.Application{application.OwnerID(v.UserID)}
	for _, g := range groups {
		either = append(either, func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(application.FieldSharedGroups, g))
		})
	}
	return application.And(org, application.Or(either...)), nil
}

// UserGroups are the groups v belongs to.
func UserGroups(ctx context.Context, client *ent.Client, v *viewer.Viewer) ([]string, error) {
	u, err := client.User.Query().Where(user.ID(v.UserID), user.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return u.Groups, nil
}

// Environments are shared infrastructure every signed-in user may list.
func (q *Queries) Environments(ctx context.Context) (*ent.EnvironmentQuery, error) {
	if _, err := viewer.Require(ctx); err != nil {
		return nil, err
	}
	return q.client.Environment.Query(), nil
}

// ServiceEntries: publishers and admins see their organization's catalog.
func (q *Queries) ServiceEntries(ctx context.Context) (*ent.ServiceEntryQuery, error) {
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return nil, err
	}
	return q.client.ServiceEntry.Query().Where(serviceentry.OrganizationID(v.OrgID)), nil
}

// ThrottlingTiers: every signed-in user of the organization (subscribers
// pick a tier when they subscribe).
func (q *Queries) ThrottlingTiers(ctx context.Context) (*ent.ThrottlingTierQuery, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	return q.client.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(v.OrgID)), nil
}

// AuditLogs: admins see their organization's log.
func (q *Queries) AuditLogs(ctx context.Context) (*ent.AuditLogQuery, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AuditView)
	if err != nil {
		return nil, err
	}
	return q.client.AuditLog.Query().Where(auditlog.OrganizationID(v.OrgID)), nil
}
