package apis_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/gateway/config"
)

type notes struct {
	mu   sync.Mutex
	envs []string
}

func (n *notes) EnvironmentChanged(_ context.Context, env, _ string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.envs = append(n.envs, env)
}

func ptr[T any](v T) *T { return &v }

// envFixture is a migrated store with an organization, the Default
// environment and a deployable revision of one API.
type envFixture struct {
	client *ent.Client
	svc    *apis.Service
	notes  *notes
	org    uuid.UUID
	def    *ent.Environment
	rev    *ent.APIRevision
	api    *ent.API
}

func newEnvFixture(t *testing.T, kind string) *envFixture {
	t.Helper()
	st := storetest.Open(t, kind)
	ctx := context.Background()
	org, err := st.Client.Organization.Create().SetName("acme").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	def, err := st.Client.Environment.Create().SetName("Default").SetIsDefault(true).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Client.API.Create().SetOrganizationID(org.ID).SetName("Pets").SetContext("pets").SetVersion("v1").
		SetProductionEndpoint("http://127.0.0.1:9/").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := st.Client.APIRevision.Create().SetAPIID(a.ID).SetNumber(1).
		SetSnapshot(`{"id":"` + a.ID.String() + `","context":"pets","version":"v1","productionEndpoint":"http://127.0.0.1:9/"}`).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := &notes{}
	return &envFixture{client: st.Client, svc: apis.NewService(st.Client, n, slog.New(slog.NewTextHandler(io.Discard, nil))),
		notes: n, org: org.ID, def: def, rev: rev, api: a}
}

func (f *envFixture) as(roles ...viewer.Role) context.Context {
	if len(roles) == 0 {
		return context.Background()
	}
	return viewer.NewContext(context.Background(), &viewer.Viewer{UserID: uuid.New(), Username: string(roles[0]), OrgID: f.org, Roles: roles})
}

// wantErr checks err's code and field ("" kind: no error).
func wantErr(t *testing.T, err error, kind errs.Kind, field, contains string) {
	t.Helper()
	if kind == 0 {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if errs.KindOf(err) != kind {
		t.Fatalf("error = %v (kind %v), want kind %v", err, errs.KindOf(err), kind)
	}
	var e *errs.Error
	if field != "" {
		if !errsAs(err, &e) || e.Field != field {
			t.Fatalf("error %v: field = %v, want %s", err, e, field)
		}
	}
	if contains != "" && !strings.Contains(err.Error(), contains) {
		t.Fatalf("error %q does not say %q", err, contains)
	}
}

func TestEnvironmentsCreateValidation(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			f := newEnvFixture(t, kind)
			admin := f.as(viewer.Admin)
			for _, tt := range []struct {
				name    string
				ctx     context.Context
				in      apis.EnvironmentInput
				kind    errs.Kind
				field   string
				message string
			}{
				{"anonymous", f.as(), apis.EnvironmentInput{Name: "staging"}, errs.Unauthenticated, "", ""},
				{"publisher", f.as(viewer.Publisher), apis.EnvironmentInput{Name: "staging"}, errs.Forbidden, "", ""},
				{"subscriber", f.as(viewer.Subscriber), apis.EnvironmentInput{Name: "staging"}, errs.Forbidden, "", ""},
				{"empty name", admin, apis.EnvironmentInput{Name: ""}, errs.Invalid, "name", "slug"},
				{"upper case", admin, apis.EnvironmentInput{Name: "Staging"}, errs.Invalid, "name", "slug"},
				{"space", admin, apis.EnvironmentInput{Name: "eu west"}, errs.Invalid, "name", "slug"},
				{"trailing dash", admin, apis.EnvironmentInput{Name: "eu-"}, errs.Invalid, "name", ""},
				{"too long", admin, apis.EnvironmentInput{Name: strings.Repeat("a", 64)}, errs.Invalid, "name", ""},
				{"clash with Default", admin, apis.EnvironmentInput{Name: "default"}, errs.Invalid, "name", "already exists"},
				{"bad gateway URL", admin, apis.EnvironmentInput{Name: "x", GatewayURL: ptr("ftp://gw")}, errs.Invalid, "gatewayURL", ""},
				{"relative URL", admin, apis.EnvironmentInput{Name: "x", GatewayURL: ptr("gw.example.com")}, errs.Invalid, "gatewayURL", ""},
				{"http as https", admin, apis.EnvironmentInput{Name: "x", HTTPSURL: ptr("http://gw")}, errs.Invalid, "httpsURL", "https://"},
				{"https as ws", admin, apis.EnvironmentInput{Name: "x", WSURL: ptr("https://gw")}, errs.Invalid, "wsURL", ""},
				{"credentials", admin, apis.EnvironmentInput{Name: "x", GatewayURL: ptr("http://u:p@gw")}, errs.Invalid, "gatewayURL", ""},
				{"bad type", admin, apis.EnvironmentInput{Name: "x", Type: ptr(environment.Type("BOTH"))}, errs.Invalid, "type", ""},
				{"long display name", admin, apis.EnvironmentInput{Name: "x", DisplayName: ptr(strings.Repeat("d", 101))}, errs.Invalid, "displayName", ""},
				{"bad host", admin, apis.EnvironmentInput{Name: "x", VirtualHosts: []config.VirtualHost{{Host: "a/b"}}}, errs.Invalid, "virtualHosts.0.host", ""},
				{"ok", admin, apis.EnvironmentInput{Name: "staging", GatewayURL: ptr("http://gw.example.com:8280/"),
					HTTPSURL: ptr("https://gw.example.com"), WSURL: ptr("wss://gw.example.com"), Type: ptr(environment.TypeSANDBOX),
					VirtualHosts: []config.VirtualHost{{Host: "API.example.com"}}}, 0, "", ""},
				{"duplicate", admin, apis.EnvironmentInput{Name: "staging"}, errs.Invalid, "name", "already exists"},
			} {
				t.Run(tt.name, func(t *testing.T) {
					_, err := f.svc.CreateEnvironment(tt.ctx, tt.in)
					wantErr(t, err, tt.kind, tt.field, tt.message)
				})
			}
			env, err := f.client.Environment.Query().Where(environment.Name("staging")).Only(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if env.GatewayURL != "http://gw.example.com:8280" || env.HTTPSURL != "https://gw.example.com" || env.WsURL != "wss://gw.example.com" ||
				env.Type != environment.TypeSANDBOX || env.DisplayName != "staging" || len(env.VirtualHosts) != 1 || env.VirtualHosts[0].Host != "api.example.com" {
				t.Errorf("stored environment = %+v", env)
			}
		})
	}
}

func TestEnvironmentsUpdateDeleteDeploy(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			f := newEnvFixture(t, kind)
			admin, pub := f.as(viewer.Admin), f.as(viewer.Publisher)
			staging, err := f.svc.CreateEnvironment(admin, apis.EnvironmentInput{Name: "staging",
				VirtualHosts: []config.VirtualHost{{Host: "s.example.com"}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, tt := range []struct {
				name  string
				ctx   context.Context
				id    uuid.UUID
				in    apis.EnvironmentInput
				kind  errs.Kind
				field string
			}{
				{"anonymous", f.as(), staging.ID, apis.EnvironmentInput{DisplayName: ptr("S")}, errs.Unauthenticated, ""},
				{"publisher", pub, staging.ID, apis.EnvironmentInput{DisplayName: ptr("S")}, errs.Forbidden, ""},
				{"unknown id", admin, uuid.New(), apis.EnvironmentInput{DisplayName: ptr("S")}, errs.NotFound, ""},
				{"bad URL", admin, staging.ID, apis.EnvironmentInput{WSURL: ptr("http://x")}, errs.Invalid, "wsURL"},
				{"rename display", admin, staging.ID, apis.EnvironmentInput{DisplayName: ptr("Staging (EU)"), Type: ptr(environment.TypeSANDBOX)}, 0, ""},
				{"rename Default's display", admin, f.def.ID, apis.EnvironmentInput{DisplayName: ptr("Production")}, 0, ""},
			} {
				t.Run(tt.name, func(t *testing.T) {
					_, err := f.svc.UpdateEnvironment(tt.ctx, tt.id, tt.in)
					wantErr(t, err, tt.kind, tt.field, "")
				})
			}
			got, _ := f.client.Environment.Get(context.Background(), staging.ID)
			if got.Name != "staging" || got.DisplayName != "Staging (EU)" || got.Type != environment.TypeSANDBOX || len(got.VirtualHosts) != 1 {
				t.Errorf("updated environment = %+v", got)
			}

			// Deploying to several environments is all or nothing.
			if _, err := f.svc.DeployRevisionTo(pub, f.rev.ID, []string{"Default", "nowhere"}); errs.KindOf(err) != errs.Invalid {
				t.Fatalf("deploy to an unknown environment: %v", err)
			}
			if n, _ := f.client.Deployment.Query().Count(context.Background()); n != 0 {
				t.Fatalf("a failed multi-deploy left %d deployments", n)
			}
			for _, tt := range []struct {
				name string
				ctx  context.Context
				envs []string
				kind errs.Kind
			}{
				{"anonymous", f.as(), []string{"Default"}, errs.Unauthenticated},
				{"subscriber", f.as(viewer.Subscriber), []string{"Default"}, errs.Forbidden},
				{"none", pub, nil, errs.Invalid},
				{"twice", pub, []string{"staging", "staging"}, errs.Invalid},
			} {
				t.Run("deploy "+tt.name, func(t *testing.T) {
					_, err := f.svc.DeployRevisionTo(tt.ctx, f.rev.ID, tt.envs)
					wantErr(t, err, tt.kind, "", "")
				})
			}
			deps, err := f.svc.DeployRevisionTo(pub, f.rev.ID, []string{"Default", "staging"})
			if err != nil || len(deps) != 2 {
				t.Fatalf("deploy to two environments = %v, %v", deps, err)
			}
			if strings.Join(f.notes.envs, ",") != "staging,Default,Default,staging" {
				t.Errorf("gateways told = %v", f.notes.envs)
			}
			// A deployment keeps its environment's host from being removed.
			if _, err := f.svc.DeployRevisionOn(pub, f.rev.ID, "staging", "s.example.com"); err != nil {
				t.Fatal(err)
			}
			_, err = f.svc.UpdateEnvironment(admin, staging.ID, apis.EnvironmentInput{VirtualHosts: []config.VirtualHost{}})
			wantErr(t, err, errs.Conflict, "", "s.example.com")

			for _, tt := range []struct {
				name    string
				ctx     context.Context
				id      uuid.UUID
				kind    errs.Kind
				message string
			}{
				{"anonymous", f.as(), staging.ID, errs.Unauthenticated, ""},
				{"publisher", pub, staging.ID, errs.Forbidden, ""},
				{"unknown", admin, uuid.New(), errs.NotFound, ""},
				{"default", admin, f.def.ID, errs.Conflict, "default"},
				{"with a deployment", admin, staging.ID, errs.Conflict, "has 1 deployment;"},
			} {
				t.Run("delete "+tt.name, func(t *testing.T) {
					wantErr(t, f.svc.DeleteEnvironment(tt.ctx, tt.id), tt.kind, "", tt.message)
				})
			}
			if _, err := f.svc.Undeploy(pub, f.api.ID, "staging"); err != nil {
				t.Fatal(err)
			}
			if err := f.svc.DeleteEnvironment(admin, staging.ID); err != nil {
				t.Fatalf("delete an unused environment: %v", err)
			}
			if n, _ := f.client.Environment.Query().Count(context.Background()); n != 1 {
				t.Errorf("%d environments left, want Default only", n)
			}
		})
	}
}

func errsAs(err error, target **errs.Error) bool { return errors.As(err, target) }
