package viewer

import (
	"context"
	"slices"
	"sort"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// Permission is something a role lets its holders do. Every domain rule
// asks for a permission, never for a role name, so custom roles work
// everywhere the built-in ones do.
type Permission string

// The permission catalogue (names are a contract with the SPA).
const (
	APICreate          Permission = "api:create"
	APIManage          Permission = "api:manage"
	APIPublish         Permission = "api:publish"
	ServiceManage      Permission = "service:manage"
	SubscriptionManage Permission = "subscription:manage"
	AnalyticsView      Permission = "analytics:view"
	AppsManage         Permission = "apps:manage"
	AdminUsers         Permission = "admin:users"
	AdminRoles         Permission = "admin:roles"
	AdminPolicies      Permission = "admin:policies"
	AdminEnvironments  Permission = "admin:environments"
	AdminKeyManagers   Permission = "admin:keymanagers"
	AdminSettings      Permission = "admin:settings"
	AuditView          Permission = "audit:view"
)

// PermissionInfo is a catalogue entry.
type PermissionInfo struct {
	Name        Permission
	Description string
}

// Catalogue lists every permission with what it allows, in display order.
var Catalogue = []PermissionInfo{
	{APICreate, "Create and import APIs, new versions and API products."},
	{APIManage, "Edit and design APIs and products: resources, scopes, documents, endpoints, mediation, delete."},
	{APIPublish, "Change lifecycles, create revisions, deploy to and undeploy from environments."},
	{ServiceManage, "Manage Service Catalog entries."},
	{SubscriptionManage, "Block and unblock subscriptions to the organization's APIs."},
	{AnalyticsView, "View analytics and usage of the organization's APIs and applications."},
	{AppsManage, "Manage one's own applications, keys, tokens, API keys, subscriptions, ratings and comments."},
	{AdminUsers, "Manage users, their roles, temporary passwords, sign-up approvals, groups and token revocation."},
	{AdminRoles, "Define custom roles."},
	{AdminPolicies, "Manage throttling tiers, traffic and deny policies."},
	{AdminEnvironments, "Manage gateway environments."},
	{AdminKeyManagers, "Manage key managers and identity providers."},
	{AdminSettings, "Manage organization settings: sign-up mode, categories, alerts, workflows."},
	{AuditView, "Read and export the audit log."},
}

// Known reports whether p is in the catalogue.
func Known(p Permission) bool {
	return slices.ContainsFunc(Catalogue, func(i PermissionInfo) bool { return i.Name == p })
}

// BuiltIn holds the permission sets of the built-in roles.
var BuiltIn = map[Role][]Permission{
	Admin: allPermissions(),
	Publisher: {APICreate, APIManage, APIPublish, ServiceManage, SubscriptionManage,
		AnalyticsView, AppsManage},
	Subscriber: {AppsManage},
}

// BuiltInRoles are the built-in role names in display order.
var BuiltInRoles = []Role{Admin, Publisher, Subscriber}

// IsBuiltIn reports whether name is a built-in role.
func IsBuiltIn(name string) bool { return slices.Contains(BuiltInRoles, Role(name)) }

func allPermissions() []Permission {
	out := make([]Permission, len(Catalogue))
	for i, p := range Catalogue {
		out[i] = p.Name
	}
	return out
}

// Permissions is a set of permissions.
type Permissions map[Permission]struct{}

// Add puts ps into the set.
func (s Permissions) Add(ps ...Permission) {
	for _, p := range ps {
		s[p] = struct{}{}
	}
}

// Sorted returns the set's names, sorted.
func (s Permissions) Sorted() []string {
	out := make([]string, 0, len(s))
	for p := range s {
		out = append(out, string(p))
	}
	sort.Strings(out)
	return out
}

// PermissionsOf returns the permissions the built-in roles among roles
// grant (custom roles are resolved by whoever loads the viewer).
func PermissionsOf(roles []Role) Permissions {
	s := Permissions{}
	for _, r := range roles {
		s.Add(BuiltIn[r]...)
	}
	return s
}

// Can reports whether v holds permission p. A viewer built without a
// permission set (tests, internal jobs) holds what its built-in roles grant.
func (v *Viewer) Can(p Permission) bool {
	if v == nil {
		return false
	}
	if v.Permissions == nil {
		_, ok := PermissionsOf(v.Roles)[p]
		return ok
	}
	_, ok := v.Permissions[p]
	return ok
}

// CanAny reports whether v holds any of ps.
func (v *Viewer) CanAny(ps ...Permission) bool {
	return slices.ContainsFunc(ps, v.Can)
}

// PermissionSet returns v's permissions (derived from built-in roles when
// the viewer was built without a set).
func (v *Viewer) PermissionSet() Permissions {
	if v == nil {
		return Permissions{}
	}
	if v.Permissions == nil {
		return PermissionsOf(v.Roles)
	}
	return v.Permissions
}

// RequirePermission returns the viewer in ctx when it holds p:
// Unauthenticated without a viewer, Forbidden without the permission.
func RequirePermission(ctx context.Context, p Permission) (*Viewer, error) {
	v := FromContext(ctx)
	if v == nil {
		return nil, errs.E(errs.Unauthenticated, "sign in required")
	}
	if !v.Can(p) {
		return nil, errs.E(errs.Forbidden, "this needs the permission %s", p)
	}
	return v, nil
}
