package portal

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/roles"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/user"
)

// Revoker revokes tokens in bulk (the Key Manager): every token of an
// application's keys, or every token issued to a user, with the refresh
// tokens that could mint more. Gateways learn of it through the bus.
type Revoker interface {
	RevokeApplicationTokens(ctx context.Context, appID uuid.UUID, keyType, reason string) (*TokenRevocation, error)
	RevokeUserTokens(ctx context.Context, userID uuid.UUID, reason string) (*TokenRevocation, error)
}

// TokenRevocation is what a bulk revocation did.
type TokenRevocation struct {
	RevokedBefore int64 // unix seconds: tokens issued at or before are refused
	Grants        int   // stored refresh tokens, codes and opaque tokens deactivated
}

// WithRevoker enables bulk revocation.
func (s *Service) WithRevoker(r Revoker) *Service {
	s.revoker = r
	return s
}

// RevokeApplicationTokens revokes every token of the application's keys
// of keyType (nil: every key type). The owner or an admin may.
func (s *Service) RevokeApplicationTokens(ctx context.Context, appID uuid.UUID, keyType *applicationkey.KeyType) (*TokenRevocation, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if s.revoker == nil {
		return nil, errs.E(errs.Internal, "token revocation is not available")
	}
	kt := ""
	if keyType != nil {
		if err := applicationkey.KeyTypeValidator(*keyType); err != nil {
			return nil, errs.Field("keyType", "unknown key type %q", *keyType)
		}
		kt = keyType.String()
	}
	var app *ent.Application
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if app, err = ownedApplication(ctx, tx, v, appID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "tokens.revoke", "Application", app.ID.String(), map[string]any{"keyType": kt})
	})
	if err != nil {
		return nil, err
	}
	out, err := s.revoker.RevokeApplicationTokens(ctx, app.ID, kt, "revoked by "+v.Username)
	if err != nil {
		return nil, fmt.Errorf("revoke tokens of %s: %w", app.Name, err)
	}
	return out, nil
}

// RevokeUserTokens revokes every token issued to a user of the admin's
// organization.
func (s *Service) RevokeUserTokens(ctx context.Context, userID uuid.UUID) (*TokenRevocation, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	if s.revoker == nil {
		return nil, errs.E(errs.Internal, "token revocation is not available")
	}
	err = s.tx(ctx, func(tx *ent.Tx) error {
		u, err := orgUser(ctx, tx, v, userID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "tokens.revoke", "User", u.ID.String(), map[string]string{"username": u.Username})
	})
	if err != nil {
		return nil, err
	}
	return s.revokeUser(ctx, userID, "revoked by "+v.Username)
}

// SetUserDisabled disables or re-enables a user of the admin's
// organization. Disabling also revokes every token issued to the user:
// a disabled account must not keep calling APIs until its tokens expire.
func (s *Service) SetUserDisabled(ctx context.Context, userID uuid.UUID, disabled bool) (*ent.User, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	if disabled && userID == v.UserID {
		return nil, errs.Field("userID", "you cannot disable your own account")
	}
	var updated *ent.User
	err = s.tx(ctx, func(tx *ent.Tx) error {
		u, err := orgUser(ctx, tx, v, userID)
		if err != nil {
			return err
		}
		grant, err := roles.UserGrant(ctx, tx, v.OrgID, u.ID)
		if err != nil {
			return err
		}
		if err := roles.WithinViewer(v, grant, "disabling or enabling "+u.Username); err != nil {
			return err
		}
		if updated, err = u.Update().SetDisabled(disabled).Save(ctx); err != nil {
			return err
		}
		if disabled {
			if err := roles.RequireEnabledAdmin(ctx, tx, v.OrgID, "disabling "+u.Username); err != nil {
				return err
			}
		}
		action := "user.enable"
		if disabled {
			action = "user.disable"
		}
		return audit.Record(ctx, tx, v.OrgID, action, "User", u.ID.String(), map[string]string{"username": u.Username})
	})
	if err != nil {
		return nil, err
	}
	if disabled {
		// After the commit: a token issued between the two would be
		// refused at sign-in anyway (the account is disabled).
		if _, err := s.revokeUser(ctx, userID, "user disabled by "+v.Username); err != nil {
			return nil, err
		}
	}
	return updated.Unwrap(), nil
}

func (s *Service) revokeUser(ctx context.Context, userID uuid.UUID, reason string) (*TokenRevocation, error) {
	if s.revoker == nil {
		return &TokenRevocation{}, nil
	}
	out, err := s.revoker.RevokeUserTokens(ctx, userID, reason)
	if err != nil {
		return nil, fmt.Errorf("revoke tokens of user %s: %w", userID, err)
	}
	return out, nil
}

// orgUser loads a user of v's organization; others are not found.
func orgUser(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.User, error) {
	u, err := tx.User.Query().Where(user.ID(id), user.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "user %s not found", id)
	}
	return u, err
}
