package roles

import (
	"context"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
)

// No one hands out more than they hold: a custom role with admin:users
// could otherwise give its holder the built-in admin role, reset an
// admin's password or delete one, and one with admin:roles could add
// every permission to a role its holder has. So each grant, and each
// action on a user, is refused unless the viewer holds every permission
// involved. The built-in admin holds them all.

// NamesGrant is what role names grant in org (auth.RolesGrant inside tx).
func NamesGrant(ctx context.Context, tx *ent.Tx, org uuid.UUID, names []string) (viewer.Permissions, error) {
	return auth.RolesGrant(ctx, tx.Client(), org, names)
}

// UserGrant is what the roles a user holds in org grant.
func UserGrant(ctx context.Context, tx *ent.Tx, org, userID uuid.UUID) (viewer.Permissions, error) {
	names, err := tx.RoleBinding.Query().Where(rolebinding.UserID(userID), rolebinding.OrganizationID(org)).
		Select(rolebinding.FieldRole).Strings(ctx)
	if err != nil {
		return nil, err
	}
	return NamesGrant(ctx, tx, org, names)
}

// WithinViewer refuses (FORBIDDEN) when grant holds a permission v lacks;
// what says what would have done it.
func WithinViewer(v *viewer.Viewer, grant viewer.Permissions, what string) error {
	have := v.PermissionSet()
	var missing []string
	for p := range grant {
		if _, ok := have[p]; !ok {
			missing = append(missing, string(p))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return errs.E(errs.Forbidden, "%s involves permissions you do not hold: %s", what, strings.Join(missing, ", "))
}

// userWithinViewer refuses an action on a user who holds a permission v
// lacks.
func userWithinViewer(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, u *ent.User, what string) error {
	grant, err := UserGrant(ctx, tx, v.OrgID, u.ID)
	if err != nil {
		return err
	}
	return WithinViewer(v, grant, what+" "+u.Username)
}

func permissionsOf(names []string) viewer.Permissions {
	ps := viewer.Permissions{}
	for _, n := range names {
		ps.Add(viewer.Permission(n))
	}
	return ps
}
