package apis

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/apiscope"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Scope definitions (WSO2's local scopes): an API names the scopes its
// operations require and binds each to roles of its organization; the key
// manager grants a scope only to users holding one of them. Operations
// may only require defined scopes: giving an operation a scope the API
// does not define yet defines it with no role restriction, so imports and
// older clients keep working and the publisher can tighten it afterwards.

// ScopeInput is what a publisher gives for a scope; Name is ignored on
// update (a scope is renamed by deleting and creating it, as the
// operations and issued tokens refer to it by name).
type ScopeInput struct {
	Name        string
	DisplayName string
	Description string
	Roles       []string
}

// roleName is a role of an organization: the built-in admin, publisher and
// subscriber, or a custom role string.
var roleName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$`)

const maxScopeRoles = 20

// validateScope trims in and checks it; create says whether Name counts.
func validateScope(in *ScopeInput, create bool) error {
	in.Name = strings.TrimSpace(in.Name)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	in.Description = strings.TrimSpace(in.Description)
	if create && !scopeToken.MatchString(in.Name) {
		return errs.Field("name", "%q is not a valid scope name: use 1 to 100 printable characters without spaces, quotes or backslashes (e.g. pizza:order)", in.Name)
	}
	if utf8.RuneCountInString(in.DisplayName) > 100 {
		return errs.Field("displayName", "the display name is longer than 100 characters")
	}
	if utf8.RuneCountInString(in.Description) > 500 {
		return errs.Field("description", "the description is longer than 500 characters")
	}
	roles := []string{}
	for _, r := range in.Roles {
		r = strings.TrimSpace(r)
		if r == "" || slices.Contains(roles, r) {
			continue
		}
		if !roleName.MatchString(r) {
			return errs.Field("roles", "%q is not a valid role name", r)
		}
		roles = append(roles, r)
	}
	if len(roles) > maxScopeRoles {
		return errs.Field("roles", "at most %d roles", maxScopeRoles)
	}
	sort.Strings(roles)
	in.Roles = roles
	return nil
}

// Scopes lists the scopes the API defines, by name, for a publisher or
// admin of its organization.
func (s *Service) Scopes(ctx context.Context, apiID uuid.UUID) (_ []*ent.APIScope, err error) {
	defer errs.Wrap(&err, "scopes of API %s", apiID)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	var out []*ent.APIScope
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if _, err := ownedAPI(ctx, tx, v, apiID); err != nil {
			return err
		}
		out, err = tx.APIScope.Query().Where(apiscope.APIID(apiID)).Order(ent.Asc(apiscope.FieldName)).All(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = out[i].Unwrap()
	}
	return out, nil
}

// ScopesOf lists a's scope definitions when the viewer publishes for a's
// organization; anyone else sees none, as role bindings are the
// publisher's business.
func (s *Service) ScopesOf(ctx context.Context, a *ent.API) ([]*ent.APIScope, error) {
	v := viewer.FromContext(ctx)
	if !v.Can(viewer.APIManage) || v.OrgID != a.OrganizationID {
		return []*ent.APIScope{}, nil
	}
	return s.client.APIScope.Query().Where(apiscope.APIID(a.ID)).Order(ent.Asc(apiscope.FieldName)).All(ctx)
}

// CreateScope defines a scope of the API.
func (s *Service) CreateScope(ctx context.Context, apiID uuid.UUID, in ScopeInput) (_ *ent.APIScope, err error) {
	defer errs.Wrap(&err, "create scope of API %s", apiID)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	if err := validateScope(&in, true); err != nil {
		return nil, err
	}
	var created *ent.APIScope
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if _, err := ownedAPI(ctx, tx, v, apiID); err != nil {
			return err
		}
		taken, err := tx.APIScope.Query().Where(apiscope.APIID(apiID), apiscope.Name(in.Name)).Exist(ctx)
		if err != nil {
			return err
		}
		if taken {
			return errs.Field("name", "the API already defines the scope %q", in.Name)
		}
		created, err = tx.APIScope.Create().SetAPIID(apiID).SetName(in.Name).SetDisplayName(in.DisplayName).
			SetDescription(in.Description).SetRoles(in.Roles).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.scope.create", "API", apiID.String(),
			map[string]any{"scope": in.Name, "roles": in.Roles})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// UpdateScope changes a scope's display name, description and roles.
func (s *Service) UpdateScope(ctx context.Context, id uuid.UUID, in ScopeInput) (_ *ent.APIScope, err error) {
	defer errs.Wrap(&err, "update scope %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	if err := validateScope(&in, false); err != nil {
		return nil, err
	}
	var updated *ent.APIScope
	err = s.tx(ctx, func(tx *ent.Tx) error {
		sc, err := ownedScope(ctx, tx, v, id)
		if err != nil {
			return err
		}
		updated, err = sc.Update().SetDisplayName(in.DisplayName).SetDescription(in.Description).
			SetRoles(in.Roles).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.scope.update", "API", sc.APIID.String(),
			map[string]any{"scope": sc.Name, "roles": in.Roles})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// DeleteScope removes a scope no resource of the API requires; a scope in
// use is kept, as removing it would leave resources requiring a scope no
// one is bound to.
func (s *Service) DeleteScope(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete scope %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *ent.Tx) error {
		sc, err := ownedScope(ctx, tx, v, id)
		if err != nil {
			return err
		}
		ops, err := tx.APIOperation.Query().Where(apioperation.APIID(sc.APIID)).All(ctx)
		if err != nil {
			return err
		}
		var users []string
		for _, op := range ops {
			if slices.Contains(op.Scopes, sc.Name) {
				users = append(users, op.Method.String()+" "+op.Target)
			}
		}
		if len(users) > 0 {
			return errs.E(errs.Conflict, "the scope %q is required by %s; remove it from those resources first",
				sc.Name, strings.Join(users, ", "))
		}
		if err := tx.APIScope.DeleteOne(sc).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.scope.delete", "API", sc.APIID.String(),
			map[string]string{"scope": sc.Name})
	})
}

// ownedScope loads a scope of an API of the viewer's organization inside
// tx; another organization's is reported as not found.
func ownedScope(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.APIScope, error) {
	sc, err := tx.APIScope.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "scope %s not found", id)
	} else if err != nil {
		return nil, err
	}
	if _, err := ownedAPI(ctx, tx, v, sc.APIID); err != nil {
		if errs.KindOf(err) == errs.NotFound {
			return nil, errs.E(errs.NotFound, "scope %s not found", id)
		}
		return nil, err
	}
	return sc, nil
}

// ensureScopes defines, with no role restriction, the scopes of names the
// API does not define yet: an operation may only require defined scopes.
func ensureScopes(ctx context.Context, tx *ent.Tx, apiID uuid.UUID, names []string) error {
	if len(names) == 0 {
		return nil
	}
	have, err := tx.APIScope.Query().Where(apiscope.APIID(apiID), apiscope.NameIn(names...)).
		Select(apiscope.FieldName).Strings(ctx)
	if err != nil {
		return err
	}
	for _, n := range names {
		// Imported definitions are not held to the scope-token rule;
		// an empty name has nothing to define.
		if n == "" || slices.Contains(have, n) {
			continue
		}
		if err := tx.APIScope.Create().SetAPIID(apiID).SetName(n).SetRoles([]string{}).Exec(ctx); err != nil {
			return err
		}
		have = append(have, n)
	}
	return nil
}

// scopesOf lists the scopes ops require (with repeats), for one
// ensureScopes over all of them.
func scopesOf(ops []OperationInput) []string {
	var names []string
	for _, op := range ops {
		names = append(names, op.Scopes...)
	}
	return names
}

// copyScopes gives the API to the definitions of from (new version).
func copyScopes(ctx context.Context, tx *ent.Tx, from []*ent.APIScope, to uuid.UUID) error {
	for _, sc := range from {
		if err := tx.APIScope.Create().SetAPIID(to).SetName(sc.Name).SetDisplayName(sc.DisplayName).
			SetDescription(sc.Description).SetRoles(sc.Roles).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// scopeDefinitions are defs as the revision snapshot freezes them.
func scopeDefinitions(defs []*ent.APIScope) []config.ScopeDefinition {
	out := make([]config.ScopeDefinition, 0, len(defs))
	for _, d := range defs {
		out = append(out, config.ScopeDefinition{Name: d.Name, DisplayName: d.DisplayName, Description: d.Description, Roles: d.Roles})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
