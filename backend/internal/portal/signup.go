package portal

import (
	"context"
	"net/mail"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/roles"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/user"
)

// SignUpOrganization is the organization self-signed-up users join (the
// one bootstrap creates; bootstrap.DefaultOrganization, which this package
// cannot import).
const SignUpOrganization = "default"

// NewUser is an account to create.
type NewUser struct {
	Username, Email, DisplayName, Password string
	Roles                                  []viewer.Role
	// RoleNames are further roles, custom ones included (CreateUser).
	RoleNames []string
	// TemporaryPassword makes the user choose a new password at the first
	// sign-in (CreateUser).
	TemporaryPassword bool
}

var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$`)

// check normalizes and validates u, password policy included.
func (u *NewUser) check() error {
	u.Username = strings.TrimSpace(u.Username)
	u.Email = strings.TrimSpace(u.Email)
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	if !usernamePattern.MatchString(u.Username) {
		return errs.Field("username", "a username is 3-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
	}
	if u.Email != "" {
		a, err := mail.ParseAddress(u.Email)
		if err != nil || a.Address != u.Email || len(u.Email) > 254 {
			return errs.Field("email", "%q is not an email address", u.Email)
		}
	}
	if len(u.DisplayName) > 100 {
		return errs.Field("displayName", "the display name is longer than 100 characters")
	}
	return auth.CheckPassword(u.Username, u.Password)
}

// createUser makes the account in org; pending accounts cannot sign in.
func createUser(ctx context.Context, tx *ent.Tx, org uuid.UUID, u NewUser, pending bool) (*ent.User, error) {
	taken, err := tx.User.Query().Where(user.UsernameEqualFold(u.Username)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, &errs.Error{Kind: errs.Conflict, Field: "username", Message: "the username " + u.Username + " is taken"}
	}
	created, err := auth.CreateUser(ctx, tx, org, u.Username, u.Password, u.Roles...)
	if err != nil {
		return nil, err
	}
	up := created.Update().SetEmail(u.Email)
	if u.DisplayName != "" {
		up.SetDisplayName(u.DisplayName)
	}
	if pending {
		up.SetDisabled(true).SetPendingApproval(true)
	}
	return up.Save(ctx)
}

// SignUpMode says whether strangers may sign up: the viewer's organization's
// setting, or the sign-up organization's for anonymous callers.
func (s *Service) SignUpMode(ctx context.Context) (organization.SignupMode, error) {
	q := s.client.Organization.Query().Where(organization.Name(SignUpOrganization))
	if v := viewer.FromContext(ctx); v != nil {
		q = s.client.Organization.Query().Where(organization.ID(v.OrgID))
	}
	org, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return organization.SignupModeDISABLED, nil
	}
	if err != nil {
		return "", err
	}
	return org.SignupMode, nil
}

// SetSignUpMode changes the admin's organization's sign-up setting.
func (s *Service) SetSignUpMode(ctx context.Context, mode organization.SignupMode) (organization.SignupMode, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return "", err
	}
	if organization.SignupModeValidator(mode) != nil {
		return "", errs.Field("mode", "sign-up is DISABLED, ENABLED or APPROVAL")
	}
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if err := tx.Organization.UpdateOneID(v.OrgID).SetSignupMode(mode).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "signup.mode", "Organization", v.OrgID.String(), map[string]string{"mode": mode.String()})
	})
	if err != nil {
		return "", err
	}
	return mode, nil
}

// SignUp creates a subscriber account in the sign-up organization, pending
// an admin's approval when the organization asks for it.
func (s *Service) SignUp(ctx context.Context, u NewUser) (*ent.User, error) {
	if viewer.FromContext(ctx) != nil {
		return nil, errs.E(errs.Forbidden, "sign out before signing up for another account")
	}
	u.Roles = []viewer.Role{viewer.Subscriber}
	u.DisplayName = ""
	if err := u.check(); err != nil {
		return nil, err
	}
	var created *ent.User
	err := s.tx(ctx, func(tx *ent.Tx) error {
		org, err := tx.Organization.Query().Where(organization.Name(SignUpOrganization)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.Forbidden, "self sign-up is turned off")
		} else if err != nil {
			return err
		}
		if org.SignupMode == organization.SignupModeDISABLED {
			return errs.E(errs.Forbidden, "self sign-up is turned off; ask an administrator for an account")
		}
		if created, err = createUser(ctx, tx, org.ID, u, org.SignupMode == organization.SignupModeAPPROVAL); err != nil {
			return err
		}
		return audit.Record(ctx, tx, org.ID, "user.signup", "User", created.ID.String(),
			map[string]any{"username": created.Username, "pendingApproval": created.PendingApproval})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// CreateUser lets an admin add a user to their organization, under the
// same username and password rules as sign-up.
func (s *Service) CreateUser(ctx context.Context, u NewUser) (*ent.User, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	if len(u.Roles) == 0 && len(u.RoleNames) == 0 {
		return nil, errs.Field("roles", "give the user at least one role")
	}
	if err := u.check(); err != nil {
		return nil, err
	}
	var created *ent.User
	err = s.tx(ctx, func(tx *ent.Tx) error {
		names := make([]string, 0, len(u.Roles)+len(u.RoleNames))
		for _, r := range u.Roles {
			names = append(names, string(r))
		}
		names, err := roles.CheckRoleNames(ctx, tx, v.OrgID, "roleNames", append(names, u.RoleNames...))
		if err != nil {
			return err
		}
		grant, err := roles.NamesGrant(ctx, tx, v.OrgID, names)
		if err != nil {
			return err
		}
		if err := roles.WithinViewer(v, grant, "creating a user with these roles"); err != nil {
			return err
		}
		u.Roles = u.Roles[:0]
		for _, n := range names {
			u.Roles = append(u.Roles, viewer.Role(n))
		}
		if created, err = createUser(ctx, tx, v.OrgID, u, false); err != nil {
			return err
		}
		if u.TemporaryPassword {
			if created, err = created.Update().SetMustChangePassword(true).Save(ctx); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, v.OrgID, "user.create", "User", created.ID.String(),
			map[string]any{"username": created.Username, "roles": names, "temporaryPassword": u.TemporaryPassword})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// PendingUsers lists signed-up users waiting for an admin, oldest first.
func (s *Service) PendingUsers(ctx context.Context) ([]*ent.User, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	return s.client.User.Query().Where(user.OrganizationID(v.OrgID), user.PendingApproval(true)).
		Order(ent.Asc(user.FieldCreatedAt)).All(ctx)
}

// pendingUser loads a pending user of the admin's organization.
func pendingUser(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.User, error) {
	u, err := tx.User.Query().Where(user.ID(id), user.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "user %s not found", id)
	} else if err != nil {
		return nil, err
	}
	if !u.PendingApproval {
		return nil, errs.E(errs.Conflict, "%s is not waiting for approval", u.Username)
	}
	return u, nil
}

// ApproveUser lets a signed-up user sign in.
func (s *Service) ApproveUser(ctx context.Context, id uuid.UUID) (*ent.User, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	var approved *ent.User
	err = s.tx(ctx, func(tx *ent.Tx) error {
		u, err := pendingUser(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if approved, err = u.Update().SetPendingApproval(false).SetDisabled(false).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "user.approve", "User", id.String(), map[string]string{"username": u.Username})
	})
	if err != nil {
		return nil, err
	}
	return approved.Unwrap(), nil
}

// RejectUser removes a signed-up user who was not approved; the username
// becomes free again.
func (s *Service) RejectUser(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *ent.Tx) error {
		u, err := pendingUser(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if _, err := tx.RoleBinding.Delete().Where(rolebinding.UserID(u.ID)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.User.DeleteOne(u).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "user.reject", "User", id.String(), map[string]string{"username": u.Username})
	})
	if err != nil {
		return err
	}
	// A removed account keeps no token alive. (A pending account cannot
	// sign in, so this is belt and braces for the one removal path.)
	_, err = s.revokeUser(ctx, id, "user removed by "+v.Username)
	return err
}
