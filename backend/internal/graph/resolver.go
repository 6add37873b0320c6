// Package graph implements the GraphQL API. Resolvers are thin: they
// translate arguments and call a domain service, which checks who is asking.
package graph

import (
	"context"
	"sort"

	"github.com/gatehouse/gatehouse/backend/internal/analytics"
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/federation"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/backend/internal/keymanagers"
	"github.com/gatehouse/gatehouse/backend/internal/portal"
	"github.com/gatehouse/gatehouse/backend/internal/roles"
	"github.com/gatehouse/gatehouse/backend/internal/servicecatalog"
	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/traffic"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/ent/user"
)

// Resolver is the root resolver; it holds the domain services.
type Resolver struct {
	client    *ent.Client
	apis      *apis.Service
	portal    *portal.Service
	catalog   *servicecatalog.Service
	analytics *analytics.Queries
	alerts    *analytics.Alerts // set by WithAlerts
	tenancy   *tenancy.Queries
	// trafficSvc is set by WithTraffic.
	trafficSvc  *traffic.Service
	federation  *federation.Service  // set by WithFederation
	keyManagers *keymanagers.Service // set by WithKeyManagers
	limits      Limits               // set by WithLimits
	roles       *roles.Service       // set by WithRoles
}

// NewResolver returns the root resolver.
func NewResolver(client *ent.Client, apiService *apis.Service, portalService *portal.Service,
	catalog *servicecatalog.Service, traffic *analytics.Queries, queries *tenancy.Queries) *Resolver {
	return &Resolver{client: client, apis: apiService, portal: portalService, catalog: catalog, analytics: traffic, tenancy: queries}
}

func (r *Resolver) viewer(ctx context.Context) (*model.Viewer, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, nil
	}
	u, err := r.client.User.Query().Where(user.ID(v.UserID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	org, err := r.client.Organization.Query().Where(organization.ID(v.OrgID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	roles := make([]model.Role, 0, len(v.Roles))
	for _, role := range v.Roles {
		switch role {
		case viewer.Admin:
			roles = append(roles, model.RoleAdmin)
		case viewer.Publisher:
			roles = append(roles, model.RolePublisher)
		case viewer.Subscriber:
			roles = append(roles, model.RoleSubscriber)
		}
	}
	names := make([]string, 0, len(v.Roles))
	for _, role := range v.Roles {
		names = append(names, string(role))
	}
	sort.Strings(names)
	return &model.Viewer{User: u, Organization: org, Roles: roles,
		Permissions: v.PermissionSet().Sorted(), RoleNames: names}, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func entryInput(in model.ServiceEntryInput) servicecatalog.EntryInput {
	e := servicecatalog.EntryInput{
		Name: in.Name, Version: in.Version, DisplayName: deref(in.DisplayName), Description: deref(in.Description),
		ServiceURL: in.ServiceURL, MutualTLS: deref(in.MutualTLS), Definition: []byte(in.Definition),
	}
	if in.SecurityType != nil {
		e.SecurityType = in.SecurityType.String()
	}
	return e
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func facets(in []apis.Facet) []*model.CatalogueFacet {
	out := make([]*model.CatalogueFacet, len(in))
	for i, f := range in {
		out[i] = &model.CatalogueFacet{Name: f.Name, Count: f.Count}
	}
	return out
}

// nonZero is nil for 0 (an unset optional number).
func nonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
