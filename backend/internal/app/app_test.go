package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/bootstrap"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/user"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

// instance is an all-in-one running in process on loopback.
type instance struct {
	app     *app.App
	cp      *httptest.Server
	gateway *httptest.Server
	cancel  context.CancelFunc
	creds   bootstrap.Credentials
}

func start(t testing.TB, database, dataDir string) *instance {
	t.Helper()
	return startWith(t, app.Config{Database: database, DataDir: dataDir})
}

// startWith starts an instance from cfg's Database, DataDir and NATS.
func startWith(t testing.TB, base app.Config) *instance {
	t.Helper()
	database, dataDir := base.Database, base.DataDir
	addr := base.Listen
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.Config{
		Listen: ln.Addr().String(), GatewayListen: "127.0.0.1:0", DataDir: dataDir, Database: database,
		Demo: true, LogLevel: "info", LogFormat: "json", NATS: base.NATS, Now: base.Now, DemoCatalogue: base.DemoCatalogue,
		TLSCert: base.TLSCert, TLSKey: base.TLSKey, PublicURL: base.PublicURL, HSTSMaxAge: base.HSTSMaxAge,
		CookiePrefix: base.CookiePrefix, CookieDomain: base.CookieDomain, FetchAllowHosts: base.FetchAllowHosts,
		ConnectSources: base.ConnectSources, GraphQL: base.GraphQL,
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cp := httptest.NewUnstartedServer(a.Handler)
	cp.Listener.Close()
	cp.Listener = ln
	if base.TLSCert != "" {
		// Served over TLS by the test server (cp.Client() trusts it); the
		// files are not read outside Serve.
		cp.StartTLS()
	} else {
		cp.Start()
	}
	gw := httptest.NewServer(a.GatewayHandler)
	a.StartSync(ctx)
	inst := &instance{app: a, cp: cp, gateway: gw, cancel: cancel}
	b, err := os.ReadFile(filepath.Join(dataDir, "demo-credentials.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &inst.creds); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(inst.stop)
	return inst
}

// stop shuts down like Serve does: servers first (waiting for calls in
// flight), then background work, then the app.
func (i *instance) stop() {
	if i.cancel == nil {
		return
	}
	i.gateway.Close()
	i.cp.Close()
	i.cancel()
	i.app.Close()
	i.cancel = nil
}

// session is a signed-in browser: cookie plus CSRF token.
type session struct {
	cookie *http.Cookie
	csrf   string
	gql    *client.Client
}

func (i *instance) login(t *testing.T, username, password string) *session {
	t.Helper()
	resp, err := http.Post(i.cp.URL+"/auth/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, username, password)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: %s", username, resp.Status)
	}
	var body struct{ CSRFToken string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	s := &session{csrf: body.CSRFToken}
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookieName {
			s.cookie = c
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
				t.Errorf("session cookie HttpOnly=%v SameSite=%v, want HttpOnly and Strict", c.HttpOnly, c.SameSite)
			}
		}
	}
	if s.cookie == nil {
		t.Fatal("login set no session cookie")
	}
	s.gql = client.New(i.app.Handler, client.Path("/graphql"),
		client.AddCookie(s.cookie), client.AddHeader(auth.CSRFHeader, s.csrf))
	return s
}

func (i *instance) anonymous() *session {
	return &session{gql: client.New(i.app.Handler, client.Path("/graphql"))}
}

// gqlError is one GraphQL error as the edge presents it.
type gqlError struct {
	Message    string
	Extensions struct{ Code, Field string }
}

// do runs a GraphQL operation and returns its data and errors.
func (s *session) do(t *testing.T, query string, vars map[string]any) (map[string]any, []gqlError) {
	t.Helper()
	var opts []client.Option
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := s.gql.RawPost(query, opts...)
	if err != nil {
		// gqlgen answers requests it cannot run (parse or validation
		// failures) with 422; its test client reports those as an error.
		body, ok := strings.CutPrefix(err.Error(), "http 422: ")
		if !ok {
			t.Fatalf("graphql: %v", err)
		}
		var r struct{ Errors []gqlError }
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("decode 422 body %s: %v", body, err)
		}
		return nil, r.Errors
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	data, _ := resp.Data.(map[string]any)
	return data, errs
}

const createAPI = `mutation($i: CreateAPIInput!) { createAPI(input: $i) { id context version } }`
const deployAPI = `mutation($id: ID!) { deployAPI(input: {apiID: $id}) { id revision { number } environment { name } } }`

// echoBackend answers every request with its path and a marker.
func echoBackend(t *testing.T, marker string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"marker": marker, "path": r.URL.Path, "method": r.Method})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// waitGateway polls the gateway until path answers want (the gateway picks
// deployments up asynchronously), for at most 15 s.
func waitGateway(t *testing.T, gw, path string, want int) *http.Response {
	t.Helper()
	return waitGatewayWith(t, gw, path, "", want)
}

// waitGatewayWith is waitGateway with a bearer token.
func waitGatewayWith(t *testing.T, gw, path, token string, want int) *http.Response {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodGet, gw+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil && resp.StatusCode == want {
			return resp
		}
		if err == nil {
			resp.Body.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: never answered %d (last: %v %v)", path, want, statusOf(resp), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func statusOf(r *http.Response) string {
	if r == nil {
		return "no response"
	}
	return r.Status
}

func TestSliceCreateDeployCall(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			inst := start(t, database, dir)
			pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
			backend := echoBackend(t, "slice-"+kind)

			data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
				"name": "Echo", "context": "/echo/", "version": "1.0.0", "endpoint": backend.URL + "/base"}})
			if len(errs) > 0 {
				t.Fatalf("createAPI: %+v", errs)
			}
			created := data["createAPI"].(map[string]any)
			openResources(t, pub, created["id"])
			if created["context"] != "echo" {
				t.Errorf("context = %v, want it normalized to echo", created["context"])
			}
			data, errs = pub.do(t, deployAPI, map[string]any{"id": created["id"]})
			if len(errs) > 0 {
				t.Fatalf("deployAPI: %+v", errs)
			}
			dep := data["deployAPI"].(map[string]any)
			if n := dep["revision"].(map[string]any)["number"]; n != float64(1) {
				t.Errorf("revision number = %v, want 1", n)
			}

			resp := waitGateway(t, inst.gateway.URL, "/echo/1.0.0/greeting/x?q=1", http.StatusOK)
			var got map[string]string
			_ = json.NewDecoder(resp.Body).Decode(&got)
			resp.Body.Close()
			if got["marker"] != "slice-"+kind || got["path"] != "/base/greeting/x" {
				t.Errorf("proxied answer = %v, want marker slice-%s and path /base/greeting/x", got, kind)
			}

			// The demo API is deployed, needs a token, and its sample backend
			// answers the subscribed demo application.
			waitGateway(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", http.StatusUnauthorized).Body.Close()
			resp = waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", inst.token(t), http.StatusOK)
			var menu []map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&menu); err != nil || len(menu) == 0 {
				t.Errorf("pizzashack menu = %v (%v), want a non-empty list", menu, err)
			}
			resp.Body.Close()

			// A restart keeps everything and the gateway serves it again.
			inst.stop()
			inst2 := start(t, database, dir)
			if inst2.creds.Users["publisher"] != inst.creds.Users["publisher"] || *inst2.creds.Application != *inst.creds.Application {
				t.Errorf("a restart with --demo changed the seeded credentials")
			}
			resp = waitGateway(t, inst2.gateway.URL, "/echo/1.0.0/again", http.StatusOK)
			resp.Body.Close()
			pub2 := inst2.login(t, "publisher", inst2.creds.Users["publisher"].Password)
			data, _ = pub2.do(t, `{ apis(first: 10) { totalCount } }`, nil)
			if n := data["apis"].(map[string]any)["totalCount"]; n != float64(2) {
				t.Errorf("after restart totalCount = %v, want 2 (PizzaShack and Echo)", n)
			}
		})
	}
}

func TestCreateAPIRejectsBadInput(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	good := map[string]any{"name": "Orders", "context": "orders", "version": "v1", "endpoint": "http://127.0.0.1:1/x"}
	if _, errs := pub.do(t, createAPI, map[string]any{"i": good}); len(errs) > 0 {
		t.Fatalf("createAPI good: %+v", errs)
	}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		m[k] = v
		return m
	}
	tests := []struct {
		name      string
		input     map[string]any
		wantCode  string
		wantField string
	}{
		{"empty context", with("context", ""), "BAD_USER_INPUT", "context"},
		{"slashes only", with("context", "//"), "BAD_USER_INPUT", "context"},
		{"space in context", with("context", "has space"), "BAD_USER_INPUT", "context"},
		{"reserved context", with("context", "healthz"), "BAD_USER_INPUT", "context"},
		{"duplicate context and version", with("name", "Orders"), "CONFLICT", "version"},
		{"context of another API", map[string]any{"name": "Other", "context": "orders", "version": "v2", "endpoint": "http://h"}, "CONFLICT", "context"},
		{"bad endpoint scheme", with("endpoint", "ftp://x"), "BAD_USER_INPUT", "endpoint"},
		{"endpoint not a URL", with("endpoint", "not a url"), "BAD_USER_INPUT", "endpoint"},
		{"endpoint with credentials", with("endpoint", "http://u:p@h"), "BAD_USER_INPUT", "endpoint"},
		{"empty name", with("name", "  "), "BAD_USER_INPUT", "name"},
		{"bad version", with("version", "1 0"), "BAD_USER_INPUT", "version"},
		{"missing field", map[string]any{"name": "x"}, "GRAPHQL_VALIDATION_FAILED", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, errs := pub.do(t, createAPI, map[string]any{"i": tt.input})
			if len(errs) != 1 || errs[0].Extensions.Code != tt.wantCode || errs[0].Extensions.Field != tt.wantField {
				t.Fatalf("createAPI(%v) errors = %+v, want one %s on %q", tt.input, errs, tt.wantCode, tt.wantField)
			}
			if data != nil && data["createAPI"] != nil {
				t.Errorf("createAPI returned data %v alongside an error", data)
			}
		})
	}
	data, _ := pub.do(t, `{ apis(first: 50) { totalCount } }`, nil)
	if n := data["apis"].(map[string]any)["totalCount"]; n != float64(2) {
		t.Errorf("after rejected inputs totalCount = %v, want 2 (nothing stored)", n)
	}
	_, errs := pub.do(t, `mutation { deleteAPI(id: "not-a-uuid") }`, nil)
	if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" {
		t.Errorf("deleteAPI(bad id) errors = %+v, want BAD_USER_INPUT", errs)
	}
	_, errs = pub.do(t, `mutation { createAPI( }`, nil)
	if len(errs) != 1 || errs[0].Extensions.Code != "GRAPHQL_PARSE_FAILED" {
		t.Errorf("malformed query errors = %+v, want GRAPHQL_PARSE_FAILED", errs)
	}
}

func TestWhoIsAsking(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	input := map[string]any{"i": map[string]any{"name": "A", "context": "a", "version": "1", "endpoint": "http://127.0.0.1:1"}}

	// A publisher of another organization.
	otherPassword := "other-org-password"
	client := entClient(t, inst)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	org := tx.Organization.Create().SetName("other").SaveX(ctx)
	if _, err := auth.CreateUser(ctx, tx, org.ID, "mallory", otherPassword, viewer.Publisher); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	other := inst.login(t, "mallory", otherPassword)

	data, errs := pub.do(t, createAPI, input)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["createAPI"].(map[string]any)["id"]

	tests := []struct {
		name     string
		s        *session
		query    string
		vars     map[string]any
		wantCode string
	}{
		{"anonymous create", inst.anonymous(), createAPI, input, "UNAUTHENTICATED"},
		{"subscriber create", sub, createAPI, input, "FORBIDDEN"},
		{"subscriber deploy", sub, deployAPI, map[string]any{"id": id}, "FORBIDDEN"},
		{"other org deploy", other, deployAPI, map[string]any{"id": id}, "NOT_FOUND"},
		{"other org delete", other, `mutation($id: ID!) { deleteAPI(id: $id) }`, map[string]any{"id": id}, "NOT_FOUND"},
		{"other org update", other, `mutation($id: ID!) { updateAPI(id: $id, input: {name: "x"}) { id } }`, map[string]any{"id": id}, "NOT_FOUND"},
		{"other org node", other, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, "NOT_FOUND"},
		{"anonymous users", inst.anonymous(), `{ users(first: 5) { totalCount } }`, nil, "UNAUTHENTICATED"},
		{"publisher users", pub, `{ users(first: 5) { totalCount } }`, nil, "FORBIDDEN"},
		{"subscriber audit log", sub, `{ auditLogs(first: 5) { totalCount } }`, nil, "FORBIDDEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := tt.s.do(t, tt.query, tt.vars)
			if len(errs) == 0 || errs[0].Extensions.Code != tt.wantCode {
				t.Errorf("errors = %+v, want %s", errs, tt.wantCode)
			}
		})
	}

	// The other organization lists none of ours; the subscriber sees only
	// published APIs (the demo's PizzaShack), not the new one.
	data, _ = other.do(t, `{ apis(first: 50) { totalCount } }`, nil)
	if n := data["apis"].(map[string]any)["totalCount"]; n != float64(0) {
		t.Errorf("other org sees %v APIs, want 0", n)
	}
	data, _ = sub.do(t, `{ apis(first: 50) { edges { node { name } } } }`, nil)
	if edges := data["apis"].(map[string]any)["edges"].([]any); len(edges) != 1 {
		t.Errorf("subscriber sees %v, want only the published PizzaShackAPI", edges)
	}
	data, _ = inst.anonymous().do(t, `{ viewer { user { username } } }`, nil)
	if data["viewer"] != nil {
		t.Errorf("anonymous viewer = %v, want null", data["viewer"])
	}
}

func TestSessionAndCSRF(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	post := func(csrf string) int {
		req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { user { username } } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(pub.cookie)
		if csrf != "" {
			req.Header.Set(auth.CSRFHeader, csrf)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(""); got != http.StatusForbidden {
		t.Errorf("POST without CSRF header = %d, want 403", got)
	}
	if got := post("wrong"); got != http.StatusForbidden {
		t.Errorf("POST with a wrong CSRF header = %d, want 403", got)
	}
	if got := post(pub.csrf); got != http.StatusOK {
		t.Errorf("POST with the CSRF header = %d, want 200", got)
	}

	resp, err := http.Post(inst.cp.URL+"/auth/login", "application/json", strings.NewReader(`{"username":"publisher","password":"wrong"}`))
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || body["code"] != "UNAUTHENTICATED" {
		t.Errorf("bad password = %d %v, want 401 UNAUTHENTICATED", resp.StatusCode, body)
	}
	resp, _ = http.Post(inst.cp.URL+"/auth/login", "application/json", strings.NewReader(`not json`))
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("malformed login = %d, want 400", resp.StatusCode)
	}

	// Logout ends the session server-side.
	req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+"/auth/logout", nil)
	req.AddCookie(pub.cookie)
	req.Header.Set(auth.CSRFHeader, pub.csrf)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("logout = %d, want 204", resp.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodGet, inst.cp.URL+"/auth/session", nil)
	req.AddCookie(pub.cookie)
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("session after logout = %d, want 401", resp.StatusCode)
	}
}

func TestOperationalEndpoints(t *testing.T) {
	inst := start(t, "", t.TempDir())
	tests := []struct {
		base, path string
		want       int
		contains   string
	}{
		{inst.cp.URL, "/healthz", 200, `"ok"`},
		{inst.cp.URL, "/readyz", 200, `"ready"`},
		{inst.cp.URL, "/metrics", 200, "gatehouse_http_requests_total"},
		{inst.cp.URL, "/publisher/apis/new", 200, "<html"},
		{inst.cp.URL, "/api/nothing", 404, `"NOT_FOUND"`},
		{inst.cp.URL, "/api/gateway/v1/snapshot", 401, `"UNAUTHENTICATED"`},
		{inst.gateway.URL, "/healthz", 200, `"ok"`},
		{inst.gateway.URL, "/metrics", 200, "gatehouse_gateway_apis"},
		{inst.gateway.URL, "/nothing/here", 404, `"code":404`},
		{inst.gateway.URL, "/pizzashack/1.0.0/%2e%2e/admin", 400, `"code":400`},
		{inst.gateway.URL, "/pizzashack/1.0.0/nope", 404, `"code":404`},
	}
	for _, tt := range tests {
		resp, err := http.Get(tt.base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want || !strings.Contains(string(b), tt.contains) {
			t.Errorf("GET %s = %d %.120q, want %d containing %q", tt.path, resp.StatusCode, b, tt.want, tt.contains)
		}
	}
	waitGateway(t, inst.gateway.URL, "/readyz", 200).Body.Close()
}

// entClient opens the instance's SQLite database for test set-up.
func entClient(t *testing.T, inst *instance) *ent.Client {
	t.Helper()
	return app.Client(inst.app)
}

// TestExternalNATSAndStandaloneGateway runs the distributed shape: the
// control plane on an external NATS (the machine's, at 127.0.0.1:4222) and
// PostgreSQL, and a standalone gateway that knows only the control plane's
// URL and token, following its event stream.
func TestExternalNATSAndStandaloneGateway(t *testing.T) {
	natsURL := os.Getenv("GATEHOUSE_TEST_NATS")
	if natsURL == "" {
		natsURL = "nats://127.0.0.1:4222"
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(natsURL, "nats://"), 2*time.Second); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("NATS at %s is required under CI=true: %v", natsURL, err)
		}
		t.Skipf("NATS at %s is not reachable (%v); skipping", natsURL, err)
	} else {
		c.Close()
	}
	database, dir := storetest.Database(t, "postgres")
	inst := startWith(t, app.Config{Database: database, DataDir: dir, NATS: natsURL})

	token, err := os.ReadFile(filepath.Join(dir, "gateway-token"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeLimiter()
	gw := dataplane.New(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, limiter)
	cp := &dataplane.ControlPlane{BaseURL: inst.cp.URL, Token: strings.TrimSpace(string(token))}
	// A long resync: only the event stream can bring the new API in time.
	syncer := &dataplane.Syncer{Gateway: gw, Environment: "Default", Snapshots: cp, Events: cp, Resync: time.Hour}
	go syncer.Run(ctx)
	remote := httptest.NewServer(gw)
	defer remote.Close()
	waitGatewayWith(t, remote.URL, "/pizzashack/1.0.0/menu", inst.token(t), http.StatusOK).Body.Close()

	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := echoBackend(t, "remote")
	data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
		"name": "Remote", "context": "remote", "version": "v1", "endpoint": backend.URL}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	openResources(t, pub, data["createAPI"].(map[string]any)["id"])
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": data["createAPI"].(map[string]any)["id"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	resp := waitGateway(t, remote.URL, "/remote/v1/hello", http.StatusOK)
	var got map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if got["marker"] != "remote" || got["path"] != "/hello" {
		t.Errorf("standalone gateway answer = %v", got)
	}
	// The embedded gateway, on the external bus, has it too.
	waitGateway(t, inst.gateway.URL, "/remote/v1/hello", http.StatusOK).Body.Close()

	// Undeploy reaches the standalone gateway as well.
	if _, errs := pub.do(t, `mutation($id: ID!) { undeployAPI(apiID: $id) { id } }`,
		map[string]any{"id": data["createAPI"].(map[string]any)["id"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGateway(t, remote.URL, "/remote/v1/hello", http.StatusNotFound).Body.Close()
}

// token gets an access token for the demo application by client
// credentials.
func (i *instance) token(t testing.TB) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, i.cp.URL+"/oauth2/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(i.creds.Application.ClientID, i.creds.Application.ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("token: %s %v", resp.Status, err)
	}
	return body.AccessToken
}

// TestGatewayEnforcesTokens: a resource that requires authentication takes
// a valid token of a subscribed application, and nothing else.
func TestGatewayEnforcesTokens(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	gw := inst.gateway.URL
	const menu = "/pizzashack/1.0.0/menu"
	tok := inst.token(t)
	waitGatewayWith(t, gw, menu, tok, http.StatusOK).Body.Close()

	resp, err := http.Get(gw + menu)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("no token: %d %q, want 401 with a Bearer challenge", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	waitGatewayWith(t, gw, menu, tok[:len(tok)-3]+"AAA", http.StatusUnauthorized).Body.Close()

	// An application with keys but no subscription is refused.
	client := entClient(t, inst)
	org, err := client.Organization.Query().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	owner, err := client.User.Query().Where(user.Username("subscriber")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other := client.Application.Create().SetOrganizationID(org.ID).SetOwnerID(owner.ID).SetName("Unsubscribed").SaveX(ctx)
	secret := keymanager.NewSecret()
	client.ApplicationKey.Create().SetApplicationID(other.ID).SetKeyType(applicationkey.KeyTypePRODUCTION).
		SetClientID("unsubscribed-client").SetClientSecretHash(app.HashClientSecret(inst.app, secret)).ExecX(ctx)
	req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+"/oauth2/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("unsubscribed-client", secret)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	waitGatewayWith(t, gw, menu, body.AccessToken, http.StatusForbidden).Body.Close()

	// A revoked token is refused once the gateway has the new snapshot.
	if status, b := form(t, inst.cp.URL+keymanager.RevokePath, inst.creds.Application.ClientID,
		inst.creds.Application.ClientSecret, url.Values{"token": {tok}}); status != 200 {
		t.Fatalf("revoke: %d %v", status, b)
	}
	waitGatewayWith(t, gw, menu, tok, http.StatusUnauthorized).Body.Close()
	// A fresh token still works.
	waitGatewayWith(t, gw, menu, inst.token(t), http.StatusOK).Body.Close()
}
