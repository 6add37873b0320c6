package portal

import (
	"context"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/application"
)

// Access is what a viewer may do with an application.
//
// The rule: the owner and the organization's admins manage it (edit,
// delete, share, attributes, generate or regenerate keys and secrets, API
// keys). A member of a group it is shared with uses it: sees it, its keys
// (client ids; secrets are never shown again) and API keys, subscribes and
// unsubscribes, and issues test tokens. Anyone else does not learn it
// exists (NOT_FOUND).
type Access int

// Access levels, weakest first.
const (
	AccessNone Access = iota
	AccessMember
	AccessOwner
)

// AccessOf tells what v may do with a, which v can already see.
func AccessOf(v *viewer.Viewer, a *ent.Application) Access {
	switch {
	case v == nil || a.OrganizationID != v.OrgID:
		return AccessNone
	case a.OwnerID == v.UserID || v.Can(viewer.AdminUsers):
		return AccessOwner
	default:
		return AccessMember
	}
}

// reachApplication loads an application v may see, with v's access.
func reachApplication(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.Application, Access, error) {
	reach, err := tenancy.ApplicationReach(ctx, tx.Client(), v)
	if err != nil {
		return nil, AccessNone, err
	}
	a, err := tx.Application.Query().Where(application.ID(id), reach).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, AccessNone, errs.E(errs.NotFound, "application %s not found", id)
	} else if err != nil {
		return nil, AccessNone, err
	}
	return a, AccessOf(v, a), nil
}

// ownedApplication loads an application the viewer may manage; a member
// of a shared group is refused (it may see the application).
func ownedApplication(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.Application, error) {
	a, acc, err := reachApplication(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	if acc < AccessOwner {
		return nil, errs.E(errs.Forbidden, "only the owner of %s (or an admin) may do this", a.Name)
	}
	return a, nil
}

// usableApplication loads an application the viewer may use: owner,
// admin or member of a shared group.
func usableApplication(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.Application, error) {
	a, _, err := reachApplication(ctx, tx, v, id)
	return a, err
}
