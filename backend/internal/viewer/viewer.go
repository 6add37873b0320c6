// Package viewer carries who is asking through a request's context.
package viewer

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// Role is what a user may do inside their organization.
type Role string

// The roles.
const (
	Admin      Role = "admin"
	Publisher  Role = "publisher"
	Subscriber Role = "subscriber"
)

// Viewer is the signed-in user behind a request.
type Viewer struct {
	UserID   uuid.UUID
	Username string
	OrgID    uuid.UUID
	// Roles are every role the user holds, built-in and custom.
	Roles []Role
	// Permissions are what Roles grant, resolved when the viewer is
	// loaded (per request, so a removed role is gone on the next one).
	Permissions Permissions
}

// Has reports whether v holds any of roles.
func (v *Viewer) Has(roles ...Role) bool {
	if v == nil {
		return false
	}
	for _, r := range roles {
		if slices.Contains(v.Roles, r) {
			return true
		}
	}
	return false
}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer in ctx, or nil for an anonymous caller.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// Require returns the viewer in ctx when it holds one of roles (any role
// when none are named): Unauthenticated without a viewer, Forbidden when the
// role is missing.
func Require(ctx context.Context, roles ...Role) (*Viewer, error) {
	v := FromContext(ctx)
	if v == nil {
		return nil, errs.E(errs.Unauthenticated, "sign in required")
	}
	if len(roles) > 0 && !v.Has(roles...) {
		return nil, errs.E(errs.Forbidden, "this needs one of the roles %v", roles)
	}
	return v, nil
}
