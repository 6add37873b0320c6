package roles_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/portal"
	"github.com/gatehouse/gatehouse/backend/internal/roles"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/auditlog"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
	"github.com/gatehouse/gatehouse/ent/session"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/user"
)

const password = "correct-horse-battery"

// fixture: organizations acme (alice: admin; bob: publisher; carol:
// subscriber) and globex (gina: admin), the roles service and the
// publisher service to try permissions on.
type fixture struct {
	client  *ent.Client
	svc     *roles.Service
	apis    *apis.Service
	portal  *portal.Service
	revoked []uuid.UUID
	acme    uuid.UUID
	globex  uuid.UUID
	users   map[string]*ent.User
}

func (f *fixture) RevokeUserTokens(_ context.Context, id uuid.UUID, _ string) error {
	f.revoked = append(f.revoked, id)
	return nil
}

type discard struct{}

func (discard) EnvironmentChanged(context.Context, string, string) {}

func newFixture(t *testing.T, kind string) *fixture {
	t.Helper()
	st := storetest.Open(t, kind)
	ctx := context.Background()
	f := &fixture{client: st.Client, users: map[string]*ent.User{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.svc = roles.NewService(st.Client, f, discard{})
	f.apis = apis.NewService(st.Client, discard{}, log)
	f.portal = portal.NewService(st.Client, nil, nil, discard{}, nil, nil, log)
	for _, o := range []struct {
		name  string
		id    *uuid.UUID
		users map[string]viewer.Role
	}{
		{"acme", &f.acme, map[string]viewer.Role{"alice": viewer.Admin, "bob": viewer.Publisher, "carol": viewer.Subscriber}},
		{"globex", &f.globex, map[string]viewer.Role{"gina": viewer.Admin}},
	} {
		org, err := st.Client.Organization.Create().SetName(o.name).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		*o.id = org.ID
		tx, err := st.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for name, role := range o.users {
			u, err := auth.CreateUser(ctx, tx, org.ID, name, password, role)
			if err != nil {
				t.Fatal(err)
			}
			f.users[name] = u
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// as is a request of username: roles and permissions read from the
// database, as every request does.
func (f *fixture) as(t *testing.T, username string) context.Context {
	t.Helper()
	ctx := context.Background()
	u, err := f.client.User.Query().Where(user.Username(username)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := auth.LoadViewer(ctx, f.client, u)
	if err != nil {
		t.Fatal(err)
	}
	return viewer.NewContext(ctx, v)
}

func (f *fixture) id(name string) uuid.UUID { return f.users[name].ID }

// wantErr checks err's kind and field (kind -1: no error).
func wantErr(t *testing.T, what string, err error, kind errs.Kind, field string) {
	t.Helper()
	if kind == -1 {
		if err != nil {
			t.Fatalf("%s: unexpected error %v", what, err)
		}
		return
	}
	if err == nil {
		t.Fatalf("%s: no error, want %s", what, kind.Code())
	}
	if errs.KindOf(err) != kind {
		t.Fatalf("%s: error %v is %s, want %s", what, err, errs.KindOf(err).Code(), kind.Code())
	}
	if field != "" {
		var e *errs.Error
		if !errors.As(err, &e) || e.Field != field {
			t.Fatalf("%s: error %v names field %q, want %q", what, err, e.Field, field)
		}
	}
}

const ok = errs.Kind(-1)

func forEachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) { fn(t, newFixture(t, kind)) })
	}
}

func TestCreateUpdateDeleteValidation(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		if _, err := f.svc.CreateRole(f.as(t, "alice"), roles.Input{Name: "auditor", Permissions: []string{"audit:view"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CreateRole(f.as(t, "gina"), roles.Input{Name: "globex-ops", Permissions: []string{"admin:policies"}}); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name  string
			as    string
			do    func(context.Context, *roles.Service) error
			kind  errs.Kind
			field string
		}{
			{"create", "alice", create("api-maker", "api:create", "api:manage"), ok, ""},
			{"name too short", "alice", create("a", "api:create"), errs.Invalid, "name"},
			{"name upper case", "alice", create("Ops", "api:create"), errs.Invalid, "name"},
			{"name starts with a digit", "alice", create("1ops", "api:create"), errs.Invalid, "name"},
			{"name with a space", "alice", create("ops team", "api:create"), errs.Invalid, "name"},
			{"name too long", "alice", create("o"+strings.Repeat("x", 40), "api:create"), errs.Invalid, "name"},
			{"built-in name", "alice", create("publisher", "api:create"), errs.Invalid, "name"},
			{"unknown permission", "alice", create("ops", "api:destroy"), errs.Invalid, "permissions"},
			{"no permission", "alice", create("ops"), errs.Invalid, "permissions"},
			{"name taken", "alice", create("auditor", "api:create"), errs.Conflict, "name"},
			{"same name in another organization", "alice", create("globex-ops", "admin:policies"), ok, ""},
			{"publisher may not", "bob", create("ops", "api:create"), errs.Forbidden, ""},
			{"anonymous", "", create("ops", "api:create"), errs.Unauthenticated, ""},
			{"update built-in", "alice", update("admin", "admin", "api:create"), errs.Invalid, "name"},
			{"delete built-in", "alice", del("subscriber"), errs.Invalid, "name"},
			{"update unknown permission", "alice", update("auditor", "auditor", "nope"), errs.Invalid, "permissions"},
			{"rename onto a taken name", "alice", update("auditor", "api-maker", "audit:view"), errs.Conflict, "name"},
			{"rename onto a built-in", "alice", update("auditor", "admin", "audit:view"), errs.Invalid, "name"},
			{"another organization's role", "gina", update("auditor", "auditor", "audit:view"), errs.NotFound, ""},
			{"delete another organization's role", "gina", del("auditor"), errs.NotFound, ""},
			{"update", "alice", update("auditor", "auditors", "audit:view", "analytics:view"), ok, ""},
			{"delete", "alice", del("auditors"), ok, ""},
			{"delete again", "alice", del("auditors"), errs.NotFound, ""},
		} {
			ctx := context.Background()
			if tt.as != "" {
				ctx = f.as(t, tt.as)
			}
			wantErr(t, tt.name, tt.do(ctx, f.svc), tt.kind, tt.field)
		}
		// Roles lists built-ins first, then this organization's own.
		list, err := f.svc.Roles(f.as(t, "alice"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range list {
			names = append(names, r.Name)
		}
		if want := []string{"admin", "publisher", "subscriber", "api-maker", "globex-ops"}; !slices.Equal(names, want) {
			t.Errorf("roles = %v, want %v", names, want)
		}
		if !list[0].BuiltIn || list[0].UserCount != 1 || len(list[0].Permissions) != len(viewer.Catalogue) {
			t.Errorf("admin role = %+v", list[0])
		}
		if got := list[3].Permissions; !slices.Equal(got, []string{"api:create", "api:manage"}) {
			t.Errorf("api-maker permissions = %v", got)
		}
		if _, err := f.svc.Roles(f.as(t, "carol")); errs.KindOf(err) != errs.Forbidden {
			t.Errorf("a subscriber lists roles: %v, want FORBIDDEN", err)
		}
		n, err := f.client.AuditLog.Query().Where(auditlog.OrganizationID(f.acme), auditlog.ActionHasPrefix("role.")).Count(context.Background())
		if err != nil || n != 5 {
			t.Errorf("acme role audit rows = %d, %v; want 5", n, err)
		}
	})
}

func create(name string, perms ...string) func(context.Context, *roles.Service) error {
	return func(ctx context.Context, s *roles.Service) error {
		_, err := s.CreateRole(ctx, roles.Input{Name: name, Permissions: perms})
		return err
	}
}

func update(name, newName string, perms ...string) func(context.Context, *roles.Service) error {
	return func(ctx context.Context, s *roles.Service) error {
		_, err := s.UpdateRole(ctx, name, roles.Input{Name: newName, Permissions: perms})
		return err
	}
}

func del(name string) func(context.Context, *roles.Service) error {
	return func(ctx context.Context, s *roles.Service) error { return s.DeleteRole(ctx, name) }
}

func TestDeleteRefusedWhileInUse(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		admin := f.as(t, "alice")
		ctx := context.Background()
		if _, err := f.svc.CreateRole(admin, roles.Input{Name: "ops", Permissions: []string{"admin:policies"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SetUserRoles(admin, f.id("bob"), []string{"publisher", "ops"}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "held by bob", f.svc.DeleteRole(admin, "ops"), errs.Conflict, "")
		a, err := f.client.API.Create().SetOrganizationID(f.acme).SetName("Pets").SetContext("pets").SetVersion("v1").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := f.client.APIScope.Create().SetAPIID(a.ID).SetName("pets:write").SetRoles([]string{"admin", "ops"}).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Renaming carries bob's binding and the scope along.
		if _, err := f.svc.UpdateRole(admin, "ops", roles.Input{Name: "operators", Permissions: []string{"admin:policies"}}); err != nil {
			t.Fatal(err)
		}
		if names, _ := f.svc.UserRoleNames(ctx, f.users["bob"]); !slices.Equal(names, []string{"operators", "publisher"}) {
			t.Errorf("bob's roles after the rename = %v", names)
		}
		if sc = f.client.APIScope.GetX(ctx, sc.ID); !slices.Equal(sc.Roles, []string{"admin", "operators"}) {
			t.Errorf("scope roles after the rename = %v", sc.Roles)
		}
		if _, err := f.svc.SetUserRoles(admin, f.id("bob"), []string{"publisher"}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "named by a scope", f.svc.DeleteRole(admin, "operators"), errs.Conflict, "")
		if err := sc.Update().SetRoles([]string{"admin"}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "unused", f.svc.DeleteRole(admin, "operators"), ok, "")
	})
}

func TestLastEnabledAdmin(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		alice := f.as(t, "alice")
		_, err := f.svc.SetUserRoles(alice, f.id("alice"), []string{"publisher"})
		wantErr(t, "the only admin drops admin", err, errs.Conflict, "")
		if err != nil && !strings.Contains(err.Error(), "without an enabled admin") {
			t.Errorf("message %q does not say why", err)
		}
		wantErr(t, "delete oneself", f.svc.DeleteUser(alice, f.id("alice")), errs.Invalid, "id")
		_, err = f.portal.SetUserDisabled(alice, f.id("alice"), true)
		wantErr(t, "disable oneself", err, errs.Invalid, "")
		_, err = f.svc.SetUserRoles(alice, f.id("alice"), []string{})
		wantErr(t, "the only admin drops every role", err, errs.Conflict, "")

		// With bob an admin too, alice may step down; then bob is the last one.
		_, err = f.svc.SetUserRoles(alice, f.id("bob"), []string{"admin", "publisher"})
		wantErr(t, "a second admin", err, ok, "")
		bob := f.as(t, "bob")
		_, err = f.portal.SetUserDisabled(bob, f.id("alice"), true)
		wantErr(t, "disable alice while bob is admin", err, ok, "")
		_, err = f.svc.SetUserRoles(bob, f.id("bob"), []string{"publisher"})
		wantErr(t, "bob drops admin while alice is disabled", err, errs.Conflict, "")
		_, err = f.portal.SetUserDisabled(bob, f.id("alice"), false)
		wantErr(t, "enable alice", err, ok, "")
		_, err = f.svc.SetUserRoles(bob, f.id("bob"), []string{"publisher"})
		wantErr(t, "bob drops admin once alice is back", err, ok, "")
		// Nothing was changed by the refused attempts.
		if names, _ := f.svc.UserRoleNames(context.Background(), f.users["alice"]); !slices.Equal(names, []string{"admin"}) {
			t.Errorf("alice's roles = %v, want [admin]", names)
		}
		// bob, admin again, deletes alice and is then the last admin.
		if _, err := f.svc.SetUserRoles(alice, f.id("bob"), []string{"admin"}); err != nil {
			t.Fatal(err)
		}
		_, err = f.portal.SetUserDisabled(alice, f.id("bob"), true)
		wantErr(t, "disable the other admin leaves alice", err, ok, "")
		_, err = f.portal.SetUserDisabled(f.as(t, "alice"), f.id("bob"), false)
		wantErr(t, "re-enable bob", err, ok, "")
		wantErr(t, "bob deletes alice", f.svc.DeleteUser(f.as(t, "bob"), f.id("alice")), ok, "")
		_, err = f.svc.SetUserRoles(f.as(t, "bob"), f.id("bob"), []string{"subscriber"})
		wantErr(t, "the last admin after a delete", err, errs.Conflict, "")
	})
}

func TestCrossOrganizationIsNotFound(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		alice := f.as(t, "alice")
		gina := f.id("gina")
		_, err := f.svc.SetUserRoles(alice, gina, []string{"subscriber"})
		wantErr(t, "set roles", err, errs.NotFound, "")
		_, err = f.svc.SetTemporaryPassword(alice, gina, "another-long-passphrase")
		wantErr(t, "temporary password", err, errs.NotFound, "")
		wantErr(t, "delete", f.svc.DeleteUser(alice, gina), errs.NotFound, "")
		_, err = f.portal.SetUserDisabled(alice, gina, true)
		wantErr(t, "disable", err, errs.NotFound, "")
		if _, err := f.svc.CreateRole(f.as(t, "gina"), roles.Input{Name: "globex-ops", Permissions: []string{"admin:policies"}}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.SetUserRoles(alice, f.id("carol"), []string{"globex-ops"})
		wantErr(t, "another organization's role", err, errs.Invalid, "roles")
		if names, _ := f.svc.UserRoleNames(context.Background(), f.users["gina"]); !slices.Equal(names, []string{"admin"}) {
			t.Errorf("gina's roles = %v, want unchanged", names)
		}
		_, err = f.svc.SetUserRoles(f.as(t, "bob"), f.id("carol"), []string{"publisher"})
		wantErr(t, "a publisher sets roles", err, errs.Forbidden, "")
	})
}

// TestCustomRolePermissions: a custom role works wherever a permission is
// checked, and a role taken away (or changed) is gone on the next request.
func TestCustomRolePermissions(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		alice := f.as(t, "alice")
		for _, in := range []roles.Input{
			{Name: "api-maker", Permissions: []string{"api:create"}},
			{Name: "watcher", Permissions: []string{"analytics:view"}},
		} {
			if _, err := f.svc.CreateRole(alice, in); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.svc.SetUserRoles(alice, f.id("carol"), []string{"api-maker"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SetUserRoles(alice, f.id("bob"), []string{"watcher"}); err != nil {
			t.Fatal(err)
		}
		newAPI := func(ctx context.Context, name string) error {
			_, err := f.apis.Create(ctx, apis.CreateInput{Name: name, Context: "/" + name, Version: "v1", Endpoint: "http://127.0.0.1:9/"})
			return err
		}
		carol := f.as(t, "carol")
		if !viewer.FromContext(carol).Can(viewer.APICreate) {
			t.Fatalf("carol's permissions = %v", viewer.FromContext(carol).PermissionSet().Sorted())
		}
		wantErr(t, "api-maker creates an API", newAPI(carol, "pets"), ok, "")
		err := newAPI(f.as(t, "bob"), "cats")
		wantErr(t, "watcher creates an API", err, errs.Forbidden, "")
		if err != nil && !strings.Contains(err.Error(), "this needs the permission api:create") {
			t.Errorf("message %q does not name the permission", err)
		}
		// apps:manage was not granted: no applications for carol.
		_, err = f.portal.CreateApplication(carol, portal.ApplicationInput{Name: ptr("app")})
		wantErr(t, "api-maker creates an application", err, errs.Forbidden, "")

		// A changed role applies on the next request.
		if _, err := f.svc.UpdateRole(alice, "api-maker", roles.Input{Name: "api-maker", Permissions: []string{"api:manage"}}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "after the role lost api:create", newAPI(f.as(t, "carol"), "dogs"), errs.Forbidden, "")
		if _, err := f.svc.UpdateRole(alice, "api-maker", roles.Input{Name: "api-maker", Permissions: []string{"api:create"}}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "after it got it back", newAPI(f.as(t, "carol"), "dogs"), ok, "")
		// A removed role applies on the next request.
		if _, err := f.svc.SetUserRoles(alice, f.id("carol"), []string{"subscriber"}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "after the role was removed", newAPI(f.as(t, "carol"), "birds"), errs.Forbidden, "")
	})
}

func TestTemporaryPasswordAndDeleteUser(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		alice := f.as(t, "alice")
		login := auth.NewService(f.client)
		if _, err := login.Login(ctx, "carol", password); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.SetTemporaryPassword(alice, f.id("carol"), "short")
		wantErr(t, "policy", err, errs.Invalid, "password")
		u, err := f.svc.SetTemporaryPassword(alice, f.id("carol"), "temporary-passphrase-1")
		wantErr(t, "temporary password", err, ok, "")
		if !u.MustChangePassword {
			t.Error("mustChangePassword not set")
		}
		if n := f.client.Session.Query().Where(session.UserID(f.id("carol"))).CountX(ctx); n != 0 {
			t.Errorf("carol keeps %d sessions", n)
		}
		if !slices.Contains(f.revoked, f.id("carol")) {
			t.Error("carol's tokens were not revoked")
		}
		_, err = login.Login(ctx, "carol", "temporary-passphrase-1")
		if !auth.IsPasswordChangeRequired(err) {
			t.Errorf("login with a temporary password: %v, want the password-change refusal", err)
		}
		_, err = login.ReplaceTemporaryPassword(ctx, "carol", "temporary-passphrase-1", "carol-new", "")
		wantErr(t, "new password fails the policy", err, errs.Invalid, "password")
		_, err = login.ReplaceTemporaryPassword(ctx, "carol", "wrong-temporary-pass", "a-fresh-passphrase", "")
		wantErr(t, "wrong temporary password", err, errs.Unauthenticated, "")
		_, err = login.ReplaceTemporaryPassword(ctx, "carol", "temporary-passphrase-1", "a-fresh-passphrase", "")
		wantErr(t, "new password", err, ok, "")
		if _, err := login.Login(ctx, "carol", "a-fresh-passphrase"); err != nil {
			t.Errorf("login with the new password: %v", err)
		}

		// Deleting carol takes her applications, subscriptions and sessions.
		app, err := f.client.Application.Create().SetOrganizationID(f.acme).SetOwnerID(f.id("carol")).SetName("app").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		a, err := f.client.API.Create().SetOrganizationID(f.acme).SetName("Pets").SetContext("pets").SetVersion("v1").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.client.Subscription.Create().SetApplicationID(app.ID).SetAPIID(a.ID).SetThrottlingTier("Gold").Exec(ctx); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "a publisher deletes", f.svc.DeleteUser(f.as(t, "bob"), f.id("carol")), errs.Forbidden, "")
		wantErr(t, "delete carol", f.svc.DeleteUser(alice, f.id("carol")), ok, "")
		for what, n := range map[string]int{
			"users":         f.client.User.Query().Where(user.ID(f.id("carol"))).CountX(ctx),
			"applications":  f.client.Application.Query().Where(application.OwnerID(f.id("carol"))).CountX(ctx),
			"subscriptions": f.client.Subscription.Query().Where(subscription.ApplicationID(app.ID)).CountX(ctx),
			"sessions":      f.client.Session.Query().Where(session.UserID(f.id("carol"))).CountX(ctx),
			"role bindings": f.client.RoleBinding.Query().Where(rolebinding.UserID(f.id("carol"))).CountX(ctx),
		} {
			if n != 0 {
				t.Errorf("%d %s of carol left", n, what)
			}
		}
		if n := f.client.AuditLog.Query().Where(auditlog.Action("user.delete"), auditlog.TargetID(f.id("carol").String())).CountX(ctx); n != 1 {
			t.Errorf("user.delete audit rows = %d", n)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// No one hands out more than they hold: a custom role with admin:users
// cannot make anyone an admin nor touch an admin's account, and one with
// admin:roles cannot define permissions its holder lacks.
func TestNoEscalation(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		alice := f.as(t, "alice")
		for _, in := range []roles.Input{
			{Name: "user-admin", Permissions: []string{"admin:users", "apps:manage"}},
			{Name: "role-admin", Permissions: []string{"admin:roles"}},
		} {
			if _, err := f.svc.CreateRole(alice, in); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.svc.SetUserRoles(alice, f.id("bob"), []string{"user-admin"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SetUserRoles(alice, f.id("carol"), []string{"role-admin"}); err != nil {
			t.Fatal(err)
		}
		bob, carol := f.as(t, "bob"), f.as(t, "carol")
		const password = "a-temporary-passphrase-1"
		tests := []struct {
			name string
			do   func() error
			want errs.Kind
		}{
			{"make oneself admin", func() error { _, err := f.svc.SetUserRoles(bob, f.id("bob"), []string{"admin"}); return err }, errs.Forbidden},
			{"make another admin", func() error { _, err := f.svc.SetUserRoles(bob, f.id("carol"), []string{"publisher"}); return err }, errs.Forbidden},
			{"demote an admin", func() error { _, err := f.svc.SetUserRoles(bob, f.id("alice"), []string{"subscriber"}); return err }, errs.Forbidden},
			{"reset an admin's password", func() error { _, err := f.svc.SetTemporaryPassword(bob, f.id("alice"), password); return err }, errs.Forbidden},
			{"delete an admin", func() error { return f.svc.DeleteUser(bob, f.id("alice")) }, errs.Forbidden},
			{"disable an admin", func() error { _, err := f.portal.SetUserDisabled(bob, f.id("alice"), true); return err }, errs.Forbidden},
			{"create an admin", func() error {
				_, err := f.portal.CreateUser(bob, portal.NewUser{Username: "mallory", Password: password, Roles: []viewer.Role{viewer.Admin}})
				return err
			}, errs.Forbidden},
			{"define a role with more", func() error {
				_, err := f.svc.CreateRole(carol, roles.Input{Name: "grab", Permissions: []string{"api:create"}})
				return err
			}, errs.Forbidden},
			{"widen one's own role", func() error {
				_, err := f.svc.UpdateRole(carol, "role-admin", roles.Input{Name: "role-admin", Permissions: []string{"admin:roles", "admin:users"}})
				return err
			}, errs.Forbidden},
			// Changing the roles of someone who holds more is refused too.
			{"change a role-admin's roles", func() error { _, err := f.svc.SetUserRoles(bob, f.id("carol"), []string{"subscriber"}); return err }, errs.Forbidden},
			// Within what one holds, the same actions work.
			{"create a subscriber and give what one holds", func() error {
				sam, err := f.portal.CreateUser(bob, portal.NewUser{Username: "sam", Password: password, Roles: []viewer.Role{viewer.Subscriber}})
				if err != nil {
					return err
				}
				_, err = f.svc.SetUserRoles(bob, sam.ID, []string{"user-admin"})
				return err
			}, ok},
		}
		for _, tt := range tests {
			wantErr(t, tt.name, tt.do(), tt.want, "")
		}
		if u, err := f.client.User.Get(context.Background(), f.id("alice")); err != nil || u.Disabled || u.MustChangePassword {
			t.Errorf("alice after the refused attempts: %+v %v", u, err)
		}
		if names, _ := f.svc.UserRoleNames(alice, f.users["alice"]); !slices.Contains(names, "admin") {
			t.Errorf("alice's roles after the refused attempts: %v", names)
		}
	})
}
