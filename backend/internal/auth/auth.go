// Package auth signs users in to the portals: argon2id password checks and
// server-side sessions behind an HttpOnly cookie, with a per-session CSRF
// token the SPA echoes in a header. (The Key Manager later puts OIDC in
// front of Login; sessions stay as they are.)
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/customrole"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/session"
	"github.com/gatehouse/gatehouse/ent/user"
)

// SessionTTL is how long a sign-in lasts.
const SessionTTL = 12 * time.Hour

// Service checks passwords and keeps sessions.
type Service struct {
	client *ent.Client
	now    func() time.Time
	// dummyHash is compared against when the user does not exist, so a
	// wrong username costs as much time as a wrong password.
	dummyHash string
	lockout   *Lockout
}

// NewService returns the sign-in service.
func NewService(client *ent.Client) *Service {
	h, _ := HashPassword("gatehouse-dummy-password")
	return &Service{client: client, now: time.Now, dummyHash: h, lockout: NewLockout(nil)}
}

// SetLockout replaces the lockout table (tests use one with a fake clock).
func (s *Service) SetLockout(l *Lockout) { s.lockout = l }

// params are argon2id's cost settings (RFC 9106's second recommended
// option, with less memory so a small control plane can sign in many users).
var params = &argon2id.Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// HashPassword returns an argon2id PHC string for password.
func HashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, params)
}

// Session is a signed-in browser as the handlers see it.
type Session struct {
	Token     string // cookie value; only its digest is stored
	CSRFToken string
	Viewer    *viewer.Viewer
	User      *ent.User
	ExpiresAt time.Time
	// IDToken is the Key Manager's ID token of an OIDC sign-in (the
	// id_token_hint of its logout); empty for other sign-ins.
	IDToken string
}

// Login checks username and password and opens a session.
func (s *Service) Login(ctx context.Context, username, password string) (*Session, error) {
	return s.LoginFrom(ctx, username, password, "")
}

// LoginFrom is Login for a client at address ip: repeated failures lock
// the account from that address, and the address, for a while (see Lockout).
func (s *Service) LoginFrom(ctx context.Context, username, password, ip string) (*Session, error) {
	u, err := s.Authenticate(ctx, username, password, ip)
	if err != nil {
		return nil, err
	}
	if u.MustChangePassword {
		return nil, errs.E(errs.Forbidden, PasswordChangeRequired)
	}
	return s.OpenSession(ctx, u)
}

// PasswordChangeRequired is the refusal of a sign-in (REST, password
// grant) by a user whose password is temporary: only the Key Manager's
// login page, which asks for a new one, lets them in.
const PasswordChangeRequired = "password change required: sign in through the portal"

// IsPasswordChangeRequired reports whether err is LoginFrom's refusal of a
// user with a temporary password (whose password was right).
func IsPasswordChangeRequired(err error) bool {
	e := errs.As(err)
	return e.Kind == errs.Forbidden && e.Message == PasswordChangeRequired
}

// ReplaceTemporaryPassword checks username's temporary password (under the
// sign-in lockout), sets newPassword under the password policy, clears the
// must-change mark and opens a session: the second step of signing in with
// a temporary password.
func (s *Service) ReplaceTemporaryPassword(ctx context.Context, username, current, newPassword, ip string) (*Session, error) {
	u, err := s.Authenticate(ctx, username, current, ip)
	if err != nil {
		return nil, err
	}
	if !u.MustChangePassword {
		return nil, errs.E(errs.Invalid, "this account has no temporary password: sign in with it")
	}
	if err := CheckPassword(u.Username, newPassword); err != nil {
		return nil, err
	}
	if newPassword == current {
		return nil, errs.Field("password", "choose a password other than the temporary one")
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return nil, err
	}
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	n, err := tx.User.Update().Where(user.ID(u.ID), user.MustChangePassword(true)).
		SetPasswordHash(hash).SetMustChangePassword(false).Save(ctx)
	if err == nil && n == 0 {
		err = errs.E(errs.Conflict, "the password was changed meanwhile: sign in again")
	}
	if err == nil {
		err = audit.Record(viewer.NewContext(ctx, &viewer.Viewer{UserID: u.ID, Username: u.Username, OrgID: u.OrganizationID}),
			tx, u.OrganizationID, "user.change_temporary_password", "User", u.ID.String(), nil)
	}
	if err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	u.MustChangePassword = false
	u.PasswordHash = hash
	return s.OpenSession(ctx, u)
}

// OpenSession opens a session for a user someone else authenticated (an
// external identity provider): the same session a password sign-in opens.
func (s *Service) OpenSession(ctx context.Context, u *ent.User) (*Session, error) {
	if u.Disabled || u.PendingApproval {
		return nil, errs.E(errs.Forbidden, "this account cannot sign in")
	}
	token, csrf := randomToken(), randomToken()
	expires := s.now().Add(SessionTTL)
	err := s.client.Session.Create().
		SetTokenHash(digest(token)).SetCsrfToken(csrf).
		SetUserID(u.ID).SetExpiresAt(expires).Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("login: store session: %w", err)
	}
	v, err := s.viewerOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, CSRFToken: csrf, Viewer: v, User: u, ExpiresAt: expires}, nil
}

// Authenticate checks a user's password without opening a session (the
// Key Manager's password grant), under the same lockout as sign-in.
func (s *Service) Authenticate(ctx context.Context, username, password, ip string) (u *ent.User, err error) {
	username = strings.TrimSpace(username)
	if wait := s.lockout.Locked(username, ip); wait > 0 {
		secs := int(wait.Round(time.Second) / time.Second)
		return nil, errs.E(errs.Unauthenticated, "too many failed sign-ins: try again in %d seconds", max(secs, 1))
	}
	defer func() {
		switch {
		case err == nil:
			s.lockout.Succeeded(username, ip)
		case errs.KindOf(err) == errs.Unauthenticated:
			s.lockout.Failed(username, ip)
		}
	}()
	return s.checkPassword(ctx, username, password)
}

func (s *Service) checkPassword(ctx context.Context, username, password string) (*ent.User, error) {
	fail := errs.E(errs.Unauthenticated, "invalid username or password")
	if username == "" || password == "" || len(password) > 1024 {
		return nil, fail
	}
	u, err := s.client.User.Query().Where(user.Username(username)).Only(ctx)
	if ent.IsNotFound(err) {
		_, _ = argon2id.ComparePasswordAndHash(password, s.dummyHash)
		return nil, fail
	} else if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	ok, err := argon2id.ComparePasswordAndHash(password, u.PasswordHash)
	if err != nil || !ok || u.Disabled {
		return nil, fail
	}
	return u, nil
}

// Resolve returns the live session behind a cookie value, or nil.
func (s *Service) Resolve(ctx context.Context, token string) (*Session, error) {
	if token == "" || len(token) > 256 {
		return nil, nil
	}
	row, err := s.client.Session.Query().
		Where(session.TokenHash(digest(token)), session.ExpiresAtGT(s.now())).
		WithUser().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("resolve session: %w", err)
	}
	u := row.Edges.User
	if u == nil || u.Disabled {
		return nil, nil
	}
	v, err := s.viewerOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, CSRFToken: row.CsrfToken, Viewer: v, User: u, ExpiresAt: row.ExpiresAt, IDToken: row.IDToken}, nil
}

// OIDCSession is the portal session after an OpenID Connect sign-in of
// userID: the browser's session (cookie value current) when it already
// belongs to that user (the Key Manager's login page opened it), else a
// new one. Either way it keeps idToken for the logout's id_token_hint.
func (s *Service) OIDCSession(ctx context.Context, current, userID, idToken string) (*Session, error) {
	if sess, err := s.Resolve(ctx, current); err != nil {
		return nil, err
	} else if sess != nil && sess.User.ID.String() == userID {
		if err := s.client.Session.Update().Where(session.TokenHash(digest(current))).
			SetIDToken(idToken).Exec(ctx); err != nil {
			return nil, fmt.Errorf("oidc session: %w", err)
		}
		sess.IDToken = idToken
		return sess, nil
	}
	id, err := uuid.Parse(userID)
	if err != nil {
		return nil, errs.E(errs.Unauthenticated, "the ID token names no user")
	}
	u, err := s.client.User.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.Unauthenticated, "the ID token's user does not exist")
	} else if err != nil {
		return nil, fmt.Errorf("oidc session: %w", err)
	}
	sess, err := s.OpenSession(ctx, u)
	if err != nil {
		return nil, err
	}
	if err := s.client.Session.Update().Where(session.TokenHash(digest(sess.Token))).
		SetIDToken(idToken).Exec(ctx); err != nil {
		return nil, fmt.Errorf("oidc session: %w", err)
	}
	sess.IDToken = idToken
	return sess, nil
}

// Logout ends the session behind a cookie value.
func (s *Service) Logout(ctx context.Context, token string) error {
	_, err := s.client.Session.Delete().Where(session.TokenHash(digest(token))).Exec(ctx)
	return err
}

// PurgeExpired deletes sessions past their expiry.
func (s *Service) PurgeExpired(ctx context.Context) (int, error) {
	return s.client.Session.Delete().Where(session.ExpiresAtLTE(s.now())).Exec(ctx)
}

func (s *Service) viewerOf(ctx context.Context, u *ent.User) (*viewer.Viewer, error) {
	return LoadViewer(ctx, s.client, u)
}

// LoadViewer returns the viewer of user u with the roles they hold now and
// the permissions those roles grant (built-in sets, and the organization's
// custom roles read from the database): every request re-reads them, so a
// role taken away is gone on the next request.
func LoadViewer(ctx context.Context, client *ent.Client, u *ent.User) (*viewer.Viewer, error) {
	roles, err := client.RoleBinding.Query().
		Where(rolebinding.UserID(u.ID), rolebinding.OrganizationID(u.OrganizationID)).
		Select(rolebinding.FieldRole).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("load roles: %w", err)
	}
	v := &viewer.Viewer{UserID: u.ID, Username: u.Username, OrgID: u.OrganizationID}
	for _, r := range roles {
		v.Roles = append(v.Roles, viewer.Role(r))
	}
	if v.Permissions, err = RolesGrant(ctx, client, u.OrganizationID, roles); err != nil {
		return nil, err
	}
	return v, nil
}

// RolesGrant is what the role names grant in org: the built-in sets, and
// the permissions of the organization's custom roles of those names.
func RolesGrant(ctx context.Context, client *ent.Client, org uuid.UUID, names []string) (viewer.Permissions, error) {
	ps := viewer.Permissions{}
	var custom []string
	for _, r := range names {
		if viewer.IsBuiltIn(r) {
			ps.Add(viewer.BuiltIn[viewer.Role(r)]...)
		} else {
			custom = append(custom, r)
		}
	}
	if len(custom) > 0 {
		defs, err := client.CustomRole.Query().
			Where(customrole.OrganizationID(org), customrole.NameIn(custom...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load custom roles: %w", err)
		}
		for _, d := range defs {
			for _, p := range d.Permissions {
				if viewer.Known(viewer.Permission(p)) {
					ps.Add(viewer.Permission(p))
				}
			}
		}
	}
	return ps, nil
}

// CheckCSRF compares the header value with the session's token.
func (s *Session) CheckCSRF(header string) bool {
	return header != "" && subtle.ConstantTimeCompare([]byte(header), []byte(s.CSRFToken)) == 1
}

// CreateUser adds a user with roles in org. Used by bootstrap and seeding
// (the admin area's user management builds on it).
func CreateUser(ctx context.Context, tx *ent.Tx, org uuid.UUID, username, password string, roles ...viewer.Role) (*ent.User, error) {
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	u, err := tx.User.Create().SetOrganizationID(org).SetUsername(username).
		SetDisplayName(username).SetPasswordHash(hash).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("create user %s: %w", username, err)
	}
	for _, r := range roles {
		if err := tx.RoleBinding.Create().SetOrganizationID(org).SetUserID(u.ID).
			SetRole(string(r)).Exec(ctx); err != nil {
			return nil, fmt.Errorf("bind role %s to %s: %w", r, username, err)
		}
	}
	return u, nil
}

// SetPassword replaces a user's password.
func SetPassword(ctx context.Context, tx *ent.Tx, id uuid.UUID, password string) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return tx.User.UpdateOneID(id).SetPasswordHash(hash).Exec(ctx)
}

// RandomPassword returns a password for generated accounts.
func RandomPassword() string { return randomToken()[:20] }

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

func digest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ViewerFor returns the viewer of an enabled user, for requests that
// authenticate with a token instead of a session.
func (s *Service) ViewerFor(ctx context.Context, username string) (*viewer.Viewer, error) {
	u, err := s.client.User.Query().Where(user.Username(username)).Only(ctx)
	if ent.IsNotFound(err) || (err == nil && u.Disabled) {
		return nil, errs.E(errs.Unauthenticated, "the token's user is unknown or disabled")
	} else if err != nil {
		return nil, err
	}
	return s.viewerOf(ctx, u)
}
