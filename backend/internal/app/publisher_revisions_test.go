package app_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
)

const (
	createRevision  = `mutation($api: ID!, $d: String) { createAPIRevision(apiID: $api, description: $d) { id number description } }`
	deployRevision  = `mutation($rev: ID!, $env: String) { deployAPIRevision(revisionID: $rev, environment: $env) { id revision { number } environment { name } } }`
	restoreRevision = `mutation($rev: ID!) { restoreAPIRevision(revisionID: $rev) { id productionEndpoint operations { method target } } }`
	revisionNumbers = `query($id: ID!) { apis(first: 1, where: {id: $id}) { edges { node { maxRevisions revisions(first: 20, orderBy: {field: NUMBER, direction: ASC}) { edges { node { number } } } } } } }`
)

// TestRevisions keeps a bounded number of revisions per API, deploys one,
// restores one into the working copy, and refuses a new one when every
// kept revision is deployed.
func TestRevisions(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	be := echoBackend(t, "rev")
	data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
		"name": "Rev", "context": "rev", "version": "v1", "endpoint": be.URL + "/one"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["createAPI"].(map[string]any)["id"]
	openResources(t, pub, id)
	numbers := func() string {
		data, _ := pub.do(t, revisionNumbers, map[string]any{"id": id})
		node := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
		var ns []int
		for _, e := range node["revisions"].(map[string]any)["edges"].([]any) {
			ns = append(ns, int(e.(map[string]any)["node"].(map[string]any)["number"].(float64)))
		}
		if node["maxRevisions"] != float64(apis.DefaultMaxRevisions) {
			t.Errorf("maxRevisions = %v", node["maxRevisions"])
		}
		return fmt.Sprint(ns)
	}
	var revs []string
	for i := 1; i <= apis.DefaultMaxRevisions; i++ {
		data, errs := pub.do(t, createRevision, map[string]any{"api": id, "d": fmt.Sprintf("r%d", i)})
		if len(errs) > 0 {
			t.Fatalf("revision %d: %+v", i, errs)
		}
		revs = append(revs, data["createAPIRevision"].(map[string]any)["id"].(string))
	}
	// Revision 1 (endpoint /one) is deployed; the next one replaces revision 2.
	if _, errs := pub.do(t, deployRevision, map[string]any{"rev": revs[0]}); len(errs) > 0 {
		t.Fatalf("deploy: %+v", errs)
	}
	waitGateway(t, inst.gateway.URL, "/rev/v1/x", http.StatusOK).Body.Close()
	if _, errs := pub.do(t, `mutation($id: ID!, $i: UpdateAPIInput!) { updateAPI(id: $id, input: $i) { id } }`,
		map[string]any{"id": id, "i": map[string]any{"endpoint": be.URL + "/two"}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := pub.do(t, createRevision, map[string]any{"api": id}); len(errs) > 0 {
		t.Fatalf("revision beyond the bound: %+v", errs)
	}
	if got := numbers(); got != "[1 3 4 5 6]" {
		t.Errorf("revisions = %s, want [1 3 4 5 6]", got)
	}

	// Restoring revision 1 brings its endpoint back into the working copy.
	data, errs = pub.do(t, restoreRevision, map[string]any{"rev": revs[0]})
	if len(errs) > 0 {
		t.Fatalf("restore: %+v", errs)
	}
	if ep := data["restoreAPIRevision"].(map[string]any)["productionEndpoint"]; ep != be.URL+"/one" {
		t.Errorf("restored endpoint = %v, want %s/one", ep, be.URL)
	}

	// With every kept revision deployed (one per environment), a new one is refused.
	client := entClient(t, inst)
	ctx := context.Background()
	data, _ = pub.do(t, `query($id: ID!) { apis(first: 1, where: {id: $id}) { edges { node { revisions(first: 20, orderBy: {field: NUMBER, direction: ASC}) { edges { node { id number deployments { id } } } } } } } }`, map[string]any{"id": id})
	edges := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["revisions"].(map[string]any)["edges"].([]any)
	for i, e := range edges {
		node := e.(map[string]any)["node"].(map[string]any)
		if len(node["deployments"].([]any)) > 0 {
			continue
		}
		name := fmt.Sprintf("env%d", i)
		if err := client.Environment.Create().SetName(name).SetDisplayName(name).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, errs := pub.do(t, deployRevision, map[string]any{"rev": node["id"], "env": name}); len(errs) > 0 {
			t.Fatalf("deploy %v to %s: %+v", node["number"], name, errs)
		}
	}
	_, errs = pub.do(t, createRevision, map[string]any{"api": id})
	if len(errs) != 1 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("revision with all deployed: errors %+v, want CONFLICT", errs)
	}
	if _, errs := pub.do(t, deployRevision, map[string]any{"rev": "00000000-0000-0000-0000-000000000000"}); len(errs) != 1 || errs[0].Extensions.Code != "NOT_FOUND" {
		t.Errorf("unknown revision: %+v, want NOT_FOUND", errs)
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	if _, errs := sub.do(t, createRevision, map[string]any{"api": id}); len(errs) == 0 {
		t.Errorf("a subscriber created a revision")
	}
}
