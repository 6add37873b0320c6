package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

// TestEnvironmentServedByItsGateway: an admin creates an environment through
// GraphQL, a publisher deploys a revision to it, and a standalone gateway of
// that environment serves it while the default environment's gateway does
// not; a gateway of an unknown environment gets a clear error.
func TestEnvironmentServedByItsGateway(t *testing.T) {
	database, dir := "", t.TempDir()
	inst := start(t, database, dir)
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)

	data, errs := admin.do(t, `mutation($i: CreateEnvironmentInput!) { createEnvironment(input: $i) { id name displayName type gatewayURL } }`,
		map[string]any{"i": map[string]any{"name": "staging", "displayName": "Staging", "gatewayURL": "http://staging.example.com:8280"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if env := data["createEnvironment"].(map[string]any); env["type"] != "PRODUCTION" || env["displayName"] != "Staging" {
		t.Errorf("created environment = %v", env)
	}
	// A publisher may not create one.
	if _, errs := pub.do(t, `mutation { createEnvironment(input: {name: "x"}) { id } }`, nil); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("publisher createEnvironment errors = %v", errs)
	}

	backend := echoBackend(t, "staging")
	data, errs = pub.do(t, createAPI, map[string]any{"i": map[string]any{
		"name": "Staged", "context": "staged", "version": "v1", "endpoint": backend.URL}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	apiID := data["createAPI"].(map[string]any)["id"]
	openResources(t, pub, apiID)
	data, errs = pub.do(t, `mutation($id: ID!) { createAPIRevision(apiID: $id) { id } }`, map[string]any{"id": apiID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	revID := data["createAPIRevision"].(map[string]any)["id"]
	data, errs = pub.do(t, `mutation($r: ID!, $e: [String!]!) { deployAPIRevisionTo(revisionID: $r, environments: $e) { environment { name } } }`,
		map[string]any{"r": revID, "e": []string{"staging"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := data["deployAPIRevisionTo"].([]any); len(got) != 1 {
		t.Fatalf("deployments = %v", got)
	}

	token, err := os.ReadFile(filepath.Join(dir, "gateway-token"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cp := &dataplane.ControlPlane{BaseURL: inst.cp.URL, Token: strings.TrimSpace(string(token))}
	standalone := func(env string) *httptest.Server {
		limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(closeLimiter)
		gw := dataplane.New(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, limiter)
		go (&dataplane.Syncer{Gateway: gw, Environment: env, Snapshots: cp, Events: cp, Resync: time.Hour}).Run(ctx)
		srv := httptest.NewServer(gw.Handler(http.NotFoundHandler()))
		t.Cleanup(srv.Close)
		return srv
	}
	stagingGW := standalone("staging")
	waitGateway(t, stagingGW.URL, "/staged/v1/hello", http.StatusOK).Body.Close()
	// The default environment's gateways (the embedded one) do not serve it.
	waitGateway(t, inst.gateway.URL, "/readyz", http.StatusOK).Body.Close()
	if resp, err := http.Get(inst.gateway.URL + "/staged/v1/hello"); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusNotFound {
		t.Errorf("default gateway answered %d for the staging API, want 404", resp.StatusCode)
	}

	// An unknown environment is named as such, and /readyz says why.
	var unknown *dataplane.UnknownEnvironmentError
	if _, err := cp.Snapshot(ctx, "nowhere"); !errors.As(err, &unknown) {
		t.Errorf("snapshot of an unknown environment: %v", err)
	}
	ghost := standalone("nowhere")
	resp := waitGateway(t, ghost.URL, "/readyz", http.StatusServiceUnavailable)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(string(b), "no gateway environment") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		resp, _ := http.Get(ghost.URL + "/readyz")
		b, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if !strings.Contains(string(b), `no gateway environment \"nowhere\"`) {
		t.Errorf("/readyz of an unknown environment's gateway = %s", b)
	}

	// Deleting it while deployed is refused, naming the count.
	envID := ""
	data, _ = admin.do(t, `{ environments(first: 10) { edges { node { id name } } } }`, nil)
	for _, e := range data["environments"].(map[string]any)["edges"].([]any) {
		if n := e.(map[string]any)["node"].(map[string]any); n["name"] == "staging" {
			envID = n["id"].(string)
		}
	}
	if _, errs := admin.do(t, `mutation($id: ID!) { deleteEnvironment(id: $id) }`, map[string]any{"id": envID}); len(errs) == 0 ||
		errs[0].Extensions.Code != "CONFLICT" || !strings.Contains(errs[0].Message, "1 deployment") {
		t.Errorf("delete a deployed environment: %v", errs)
	}
}
