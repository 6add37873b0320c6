// Package roles is the domain of roles and permissions: the custom roles
// an organization's admins define (named sets of the permission catalogue,
// viewer.Catalogue), which roles each user holds, temporary passwords and
// deleting users. One rule holds across all of it: an organization always
// keeps at least one enabled user holding the built-in admin role.
//
// Roles are resolved per request (auth.LoadViewer), so what is changed
// here applies from the next request on.
package roles

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apikey"
	"github.com/gatehouse/gatehouse/ent/apiscope"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/customrole"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/externalclient"
	"github.com/gatehouse/gatehouse/ent/federatedidentity"
	"github.com/gatehouse/gatehouse/ent/oauthsession"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/session"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/user"
)

// Revoker revokes every token issued to a user (the Key Manager).
type Revoker interface {
	RevokeUserTokens(ctx context.Context, userID uuid.UUID, reason string) error
}

// Notifier is told which gateway environments must drop subscriptions.
type Notifier interface {
	EnvironmentChanged(ctx context.Context, environment, reason string)
}

// Service manages roles and the users holding them.
type Service struct {
	client  *ent.Client
	revoker Revoker
	notify  Notifier
}

// NewService returns the roles service; revoker and notify may be nil.
func NewService(client *ent.Client, revoker Revoker, notify Notifier) *Service {
	return &Service{client: client, revoker: revoker, notify: notify}
}

// Role is a built-in or custom role of an organization.
type Role struct {
	Name        string
	Description string
	Permissions []string // sorted
	BuiltIn     bool
	UserCount   int
}

// Input defines or changes a custom role.
type Input struct {
	Name        string
	Description string
	Permissions []string
}

var builtInDescriptions = map[viewer.Role]string{
	viewer.Admin:      "Administers the organization: every permission.",
	viewer.Publisher:  "Creates, designs and publishes APIs and products; sees their analytics.",
	viewer.Subscriber: "Uses the Developer Portal: applications, keys and subscriptions.",
}

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{1,39}$`)

const maxDescription = 500

// Permissions lists the catalogue, for admins of users or roles.
func (s *Service) Permissions(ctx context.Context) ([]viewer.PermissionInfo, error) {
	if _, err := requireRoleReader(ctx); err != nil {
		return nil, err
	}
	return slices.Clone(viewer.Catalogue), nil
}

// requireRoleReader: reading roles is for who defines them and who hands
// them out.
func requireRoleReader(ctx context.Context) (*viewer.Viewer, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminRoles)
	if errs.KindOf(err) == errs.Forbidden {
		return viewer.RequirePermission(ctx, viewer.AdminUsers)
	}
	return v, err
}

// Roles lists the built-in roles, then the organization's custom ones by
// name, each with how many users hold it.
func (s *Service) Roles(ctx context.Context) ([]Role, error) {
	v, err := requireRoleReader(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := s.userCounts(ctx, s.client, v.OrgID)
	if err != nil {
		return nil, err
	}
	out := make([]Role, 0, len(viewer.BuiltInRoles))
	for _, r := range viewer.BuiltInRoles {
		ps := make([]string, 0, len(viewer.BuiltIn[r]))
		for _, p := range viewer.BuiltIn[r] {
			ps = append(ps, string(p))
		}
		sort.Strings(ps)
		out = append(out, Role{Name: string(r), Description: builtInDescriptions[r], Permissions: ps, BuiltIn: true, UserCount: counts[string(r)]})
	}
	custom, err := s.client.CustomRole.Query().Where(customrole.OrganizationID(v.OrgID)).
		Order(ent.Asc(customrole.FieldName)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range custom {
		out = append(out, roleOf(c, counts[c.Name]))
	}
	return out, nil
}

func roleOf(c *ent.CustomRole, users int) Role {
	ps := slices.Clone(c.Permissions)
	sort.Strings(ps)
	if ps == nil {
		ps = []string{}
	}
	return Role{Name: c.Name, Description: c.Description, Permissions: ps, UserCount: users}
}

// userCounts: role name -> users of org holding it.
func (s *Service) userCounts(ctx context.Context, client *ent.Client, org uuid.UUID) (map[string]int, error) {
	var rows []struct {
		Role  string `json:"role"`
		Count int    `json:"count"`
	}
	err := client.RoleBinding.Query().Where(rolebinding.OrganizationID(org)).
		GroupBy(rolebinding.FieldRole).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Role] = r.Count
	}
	return out, nil
}

// check normalizes and validates in.
func (in *Input) check() error {
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	if !namePattern.MatchString(in.Name) {
		return errs.Field("name", "a role name is 2-40 lower-case letters, digits, '-' or '_', starting with a letter")
	}
	if viewer.IsBuiltIn(in.Name) {
		return errs.Field("name", "%s is a built-in role", in.Name)
	}
	if len(in.Description) > maxDescription {
		return errs.Field("description", "the description is longer than %d characters", maxDescription)
	}
	ps := make([]string, 0, len(in.Permissions))
	for _, p := range in.Permissions {
		p = strings.TrimSpace(p)
		if !viewer.Known(viewer.Permission(p)) {
			return errs.Field("permissions", "%q is not a permission", p)
		}
		if !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return errs.Field("permissions", "a role needs at least one permission")
	}
	sort.Strings(ps)
	in.Permissions = ps
	return nil
}

// CreateRole defines a custom role in the admin's organization.
func (s *Service) CreateRole(ctx context.Context, in Input) (_ Role, err error) {
	defer errs.Wrap(&err, "CreateRole(%q)", in.Name)
	v, err := viewer.RequirePermission(ctx, viewer.AdminRoles)
	if err != nil {
		return Role{}, err
	}
	if err := in.check(); err != nil {
		return Role{}, err
	}
	if err := WithinViewer(v, permissionsOf(in.Permissions), "defining role "+in.Name); err != nil {
		return Role{}, err
	}
	var created *ent.CustomRole
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if err := nameFree(ctx, tx, v.OrgID, in.Name); err != nil {
			return err
		}
		created, err = tx.CustomRole.Create().SetOrganizationID(v.OrgID).SetName(in.Name).
			SetDescription(in.Description).SetPermissions(in.Permissions).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "role.create", "Role", in.Name,
			map[string]any{"permissions": in.Permissions, "description": in.Description})
	})
	if err != nil {
		return Role{}, err
	}
	return roleOf(created, 0), nil
}

func nameFree(ctx context.Context, tx *ent.Tx, org uuid.UUID, name string) error {
	taken, err := tx.CustomRole.Query().Where(customrole.OrganizationID(org), customrole.Name(name)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return &errs.Error{Kind: errs.Conflict, Field: "name", Message: "a role named " + name + " exists"}
	}
	return nil
}

// customRole loads a custom role of org; built-in names are refused, other
// organizations' roles are not found.
func customRole(ctx context.Context, tx *ent.Tx, org uuid.UUID, name string) (*ent.CustomRole, error) {
	if viewer.IsBuiltIn(name) {
		return nil, errs.Field("name", "%s is a built-in role: it cannot be changed or deleted", name)
	}
	c, err := tx.CustomRole.Query().Where(customrole.OrganizationID(org), customrole.Name(name)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "no role %s", name)
	}
	return c, err
}

// UpdateRole changes a custom role; a new in.Name renames it, and the
// role bindings and API scopes naming it follow in the same transaction.
func (s *Service) UpdateRole(ctx context.Context, name string, in Input) (_ Role, err error) {
	defer errs.Wrap(&err, "UpdateRole(%q)", name)
	v, err := viewer.RequirePermission(ctx, viewer.AdminRoles)
	if err != nil {
		return Role{}, err
	}
	if err := in.check(); err != nil {
		return Role{}, err
	}
	var updated *ent.CustomRole
	var users int
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		c, err := customRole(ctx, tx, v.OrgID, name)
		if err != nil {
			return err
		}
		grant := permissionsOf(append(slices.Clone(in.Permissions), c.Permissions...))
		if err := WithinViewer(v, grant, "changing role "+c.Name); err != nil {
			return err
		}
		if in.Name != c.Name {
			if err := nameFree(ctx, tx, v.OrgID, in.Name); err != nil {
				return err
			}
			if err := renameReferences(ctx, tx, v.OrgID, c.Name, in.Name); err != nil {
				return err
			}
		}
		updated, err = c.Update().SetName(in.Name).SetDescription(in.Description).SetPermissions(in.Permissions).Save(ctx)
		if err != nil {
			return err
		}
		if users, err = tx.RoleBinding.Query().Where(rolebinding.OrganizationID(v.OrgID), rolebinding.Role(in.Name)).Count(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "role.update", "Role", in.Name, map[string]any{
			"before": map[string]any{"name": c.Name, "description": c.Description, "permissions": c.Permissions},
			"after":  map[string]any{"name": in.Name, "description": in.Description, "permissions": in.Permissions},
		})
	})
	if err != nil {
		return Role{}, err
	}
	return roleOf(updated, users), nil
}

// scopesNaming are org's API scopes bound to role name.
func scopesNaming(org uuid.UUID, name string) predicate.APIScope {
	return apiscope.And(apiscope.HasAPIWith(api.OrganizationID(org)), func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(apiscope.FieldRoles, name))
	})
}

func renameReferences(ctx context.Context, tx *ent.Tx, org uuid.UUID, from, to string) error {
	if err := tx.RoleBinding.Update().Where(rolebinding.OrganizationID(org), rolebinding.Role(from)).
		SetRole(to).Exec(ctx); err != nil {
		return err
	}
	scopes, err := tx.APIScope.Query().Where(scopesNaming(org, from)).All(ctx)
	if err != nil {
		return err
	}
	for _, sc := range scopes {
		roles := make([]string, 0, len(sc.Roles))
		for _, r := range sc.Roles {
			if r == from {
				r = to
			}
			if !slices.Contains(roles, r) {
				roles = append(roles, r)
			}
		}
		sort.Strings(roles)
		if err := sc.Update().SetRoles(roles).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// DeleteRole deletes a custom role no user holds and no API scope names.
func (s *Service) DeleteRole(ctx context.Context, name string) (err error) {
	defer errs.Wrap(&err, "DeleteRole(%q)", name)
	v, err := viewer.RequirePermission(ctx, viewer.AdminRoles)
	if err != nil {
		return err
	}
	return store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		c, err := customRole(ctx, tx, v.OrgID, name)
		if err != nil {
			return err
		}
		users, err := tx.RoleBinding.Query().Where(rolebinding.OrganizationID(v.OrgID), rolebinding.Role(name)).Count(ctx)
		if err != nil {
			return err
		}
		if users > 0 {
			return errs.E(errs.Conflict, "%d user(s) hold the role %s: take it from them first", users, name)
		}
		scopes, err := tx.APIScope.Query().Where(scopesNaming(v.OrgID, name)).Count(ctx)
		if err != nil {
			return err
		}
		if scopes > 0 {
			return errs.E(errs.Conflict, "%d API scope(s) are bound to the role %s: unbind them first", scopes, name)
		}
		if err := tx.CustomRole.DeleteOne(c).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "role.delete", "Role", name,
			map[string]any{"before": map[string]any{"description": c.Description, "permissions": c.Permissions}})
	})
}

// CheckRoleNames validates role names for users of org: built-in ones or
// org's custom roles. It returns them deduplicated and sorted.
func CheckRoleNames(ctx context.Context, tx *ent.Tx, org uuid.UUID, field string, names []string) ([]string, error) {
	out := make([]string, 0, len(names))
	var custom []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if slices.Contains(out, n) {
			continue
		}
		out = append(out, n)
		if !viewer.IsBuiltIn(n) {
			custom = append(custom, n)
		}
	}
	if len(custom) > 0 {
		found, err := tx.CustomRole.Query().Where(customrole.OrganizationID(org), customrole.NameIn(custom...)).
			Select(customrole.FieldName).Strings(ctx)
		if err != nil {
			return nil, err
		}
		for _, n := range custom {
			if !slices.Contains(found, n) {
				return nil, errs.Field(field, "%q is not a role of the organization", n)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// RequireEnabledAdmin fails with CONFLICT unless org keeps an enabled user
// holding the admin role. Changes that could break the rule make it and
// then call this inside their transaction, which rolls back on failure.
func RequireEnabledAdmin(ctx context.Context, tx *ent.Tx, org uuid.UUID, what string) error {
	ok, err := tx.User.Query().Where(user.OrganizationID(org), user.Disabled(false),
		user.HasRoleBindingsWith(rolebinding.OrganizationID(org), rolebinding.Role(string(viewer.Admin)))).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errs.E(errs.Conflict, "%s would leave the organization without an enabled admin: make another user admin first", what)
	}
	return nil
}

// orgUser loads a user of v's organization; others are not found.
func orgUser(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.User, error) {
	u, err := tx.User.Query().Where(user.ID(id), user.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "user %s not found", id)
	}
	return u, err
}

// UserRoleNames are the roles userID holds in their organization, sorted.
func (s *Service) UserRoleNames(ctx context.Context, u *ent.User) ([]string, error) {
	names, err := s.client.RoleBinding.Query().
		Where(rolebinding.UserID(u.ID), rolebinding.OrganizationID(u.OrganizationID)).
		Select(rolebinding.FieldRole).Strings(ctx)
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// SetUserRoles replaces the roles of a user of the admin's organization.
func (s *Service) SetUserRoles(ctx context.Context, userID uuid.UUID, names []string) (_ *ent.User, err error) {
	defer errs.Wrap(&err, "SetUserRoles(%s)", userID)
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	var u *ent.User
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if u, err = orgUser(ctx, tx, v, userID); err != nil {
			return err
		}
		if names, err = CheckRoleNames(ctx, tx, v.OrgID, "roles", names); err != nil {
			return err
		}
		if err := userWithinViewer(ctx, tx, v, u, "changing the roles of"); err != nil {
			return err
		}
		grant, err := NamesGrant(ctx, tx, v.OrgID, names)
		if err != nil {
			return err
		}
		if err := WithinViewer(v, grant, "giving these roles"); err != nil {
			return err
		}
		before, err := tx.RoleBinding.Query().Where(rolebinding.UserID(u.ID), rolebinding.OrganizationID(v.OrgID)).
			Select(rolebinding.FieldRole).Strings(ctx)
		if err != nil {
			return err
		}
		sort.Strings(before)
		if _, err := tx.RoleBinding.Delete().Where(rolebinding.UserID(u.ID), rolebinding.OrganizationID(v.OrgID)).Exec(ctx); err != nil {
			return err
		}
		for _, n := range names {
			if err := tx.RoleBinding.Create().SetOrganizationID(v.OrgID).SetUserID(u.ID).SetRole(n).Exec(ctx); err != nil {
				return err
			}
		}
		if err := RequireEnabledAdmin(ctx, tx, v.OrgID, "changing the roles of "+u.Username); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "user.set_roles", "User", u.ID.String(),
			map[string]any{"username": u.Username, "before": before, "after": names})
	})
	if err != nil {
		return nil, err
	}
	return u.Unwrap(), nil
}

// SetTemporaryPassword sets a password the user must replace at the next
// sign-in, and ends the user's sessions and tokens.
func (s *Service) SetTemporaryPassword(ctx context.Context, userID uuid.UUID, password string) (_ *ent.User, err error) {
	defer errs.Wrap(&err, "SetTemporaryPassword(%s)", userID)
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	var updated *ent.User
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		u, err := orgUser(ctx, tx, v, userID)
		if err != nil {
			return err
		}
		if err := userWithinViewer(ctx, tx, v, u, "setting a temporary password for"); err != nil {
			return err
		}
		if err := auth.CheckPassword(u.Username, password); err != nil {
			return err
		}
		hash, err := auth.HashPassword(password)
		if err != nil {
			return err
		}
		if updated, err = u.Update().SetPasswordHash(hash).SetMustChangePassword(true).Save(ctx); err != nil {
			return err
		}
		if _, err := tx.Session.Delete().Where(session.UserID(u.ID)).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "user.temporary_password", "User", u.ID.String(),
			map[string]string{"username": u.Username})
	})
	if err != nil {
		return nil, err
	}
	if err := s.revoke(ctx, userID, "temporary password set by "+v.Username); err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

func (s *Service) revoke(ctx context.Context, userID uuid.UUID, reason string) error {
	if s.revoker == nil {
		return nil
	}
	if err := s.revoker.RevokeUserTokens(ctx, userID, reason); err != nil {
		return fmt.Errorf("revoke tokens of user %s: %w", userID, err)
	}
	return nil
}

// DeleteUser deletes a user of the admin's organization in one
// transaction: their role bindings, sessions, OAuth grants and tokens,
// federated identities, and their applications with the applications'
// subscriptions and keys. Not oneself, not the last enabled admin.
func (s *Service) DeleteUser(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "DeleteUser(%s)", id)
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return err
	}
	if id == v.UserID {
		return errs.Field("id", "you cannot delete your own account")
	}
	var envs []string
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		u, err := orgUser(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if err := userWithinViewer(ctx, tx, v, u, "deleting"); err != nil {
			return err
		}
		apps := application.OwnerID(u.ID)
		if envs, err = tx.Environment.Query().Where(environment.HasDeploymentsWith(deployment.HasAPIWith(
			api.HasSubscriptionsWith(subscription.HasApplicationWith(apps))))).
			Select(environment.FieldName).Strings(ctx); err != nil {
			return err
		}
		appIDs, err := tx.Application.Query().Where(apps).IDs(ctx)
		if err != nil {
			return err
		}
		steps := []func() (int, error){
			func() (int, error) {
				return tx.Subscription.Delete().Where(subscription.ApplicationIDIn(appIDs...)).Exec(ctx)
			},
			func() (int, error) {
				return tx.ApplicationKey.Delete().Where(applicationkey.ApplicationIDIn(appIDs...)).Exec(ctx)
			},
			func() (int, error) { return tx.APIKey.Delete().Where(apikey.ApplicationIDIn(appIDs...)).Exec(ctx) },
			func() (int, error) {
				return tx.ExternalClient.Delete().Where(externalclient.ApplicationIDIn(appIDs...)).Exec(ctx)
			},
			func() (int, error) { return tx.Application.Delete().Where(application.IDIn(appIDs...)).Exec(ctx) },
			func() (int, error) { return tx.RoleBinding.Delete().Where(rolebinding.UserID(u.ID)).Exec(ctx) },
			func() (int, error) { return tx.Session.Delete().Where(session.UserID(u.ID)).Exec(ctx) },
			func() (int, error) {
				return tx.FederatedIdentity.Delete().Where(federatedidentity.UserID(u.ID)).Exec(ctx)
			},
			func() (int, error) {
				return tx.OAuthSession.Update().Where(oauthsession.Subject(u.ID.String()), oauthsession.Active(true)).
					SetActive(false).Save(ctx)
			},
		}
		for _, step := range steps {
			if _, err := step(); err != nil {
				return err
			}
		}
		if err := tx.User.DeleteOne(u).Exec(ctx); err != nil {
			return err
		}
		if err := RequireEnabledAdmin(ctx, tx, v.OrgID, "deleting "+u.Username); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "user.delete", "User", u.ID.String(),
			map[string]any{"username": u.Username, "applications": len(appIDs)})
	})
	if err != nil {
		return err
	}
	if s.notify != nil {
		for _, e := range envs {
			s.notify.EnvironmentChanged(ctx, e, "unsubscribe")
		}
	}
	// The grants are deactivated above; this adds the rule gateways apply
	// to the user's JWT access tokens still in flight.
	return s.revoke(ctx, id, "user deleted by "+v.Username)
}
