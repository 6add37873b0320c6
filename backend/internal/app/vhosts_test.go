package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const (
	envsQuery       = `{ environments(first: 10) { edges { node { id name isDefault gatewayURL virtualHosts { host httpPort httpsPort } } } } }`
	setVirtualHosts = `mutation($env: ID!, $hosts: [VirtualHostInput!]!) { setEnvironmentVirtualHosts(environmentID: $env, virtualHosts: $hosts) { id virtualHosts { host httpPort httpsPort } } }`
	deployOnHost    = `mutation($id: ID!, $vh: String) { deployAPI(input: {apiID: $id, virtualHost: $vh}) { id virtualHost } }`
	endpointsQuery  = `query($id: ID!) { apis(where: {id: $id}) { edges { node { gatewayEndpoints { environment url virtualHost } } } } }`
)

// waitHost polls the gateway with a Host header until path answers want.
func waitHost(t *testing.T, gw, host, path string, want int) *http.Response {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodGet, gw+path, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err == nil && resp.StatusCode == want {
			return resp
		}
		if err == nil {
			resp.Body.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s (Host %s): never answered %d (last: %v %v)", path, host, want, statusOf(resp), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestVirtualHosts gives the default environment two virtual hosts, deploys
// an API on one: it answers only that Host (404 problem JSON on the other),
// while an API on no virtual host answers every Host. The devportal's
// endpoint uses the virtual host.
func TestVirtualHosts(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			testVirtualHosts(t, start(t, database, dir))
		})
	}
}

func testVirtualHosts(t *testing.T, inst *instance) {
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)

	data, errs := admin.do(t, envsQuery, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var envID string
	for _, e := range data["environments"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["isDefault"] == true {
			envID = n["id"].(string)
		}
	}
	if envID == "" {
		t.Fatal("no default environment")
	}

	// Bad input is refused with the entry at fault; publishers may not edit.
	for _, tt := range []struct {
		name  string
		hosts []map[string]any
		field string
	}{
		{"duplicate", []map[string]any{{"host": "a.example.com"}, {"host": "A.example.com."}}, "virtualHosts.1.host"},
		{"not a host", []map[string]any{{"host": "a_b.example.com"}}, "virtualHosts.0.host"},
		{"with a port", []map[string]any{{"host": "a.example.com:80"}}, "virtualHosts.0.host"},
		{"bad port", []map[string]any{{"host": "a.example.com", "httpsPort": 70000}}, "virtualHosts.0.httpsPort"},
	} {
		_, errs := admin.do(t, setVirtualHosts, map[string]any{"env": envID, "hosts": tt.hosts})
		if len(errs) == 0 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != tt.field {
			t.Errorf("%s: errors = %+v, want BAD_USER_INPUT on %s", tt.name, errs, tt.field)
		}
	}
	if _, errs := pub.do(t, setVirtualHosts, map[string]any{"env": envID, "hosts": []any{}}); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("publisher set virtual hosts: %+v, want FORBIDDEN", errs)
	}

	data, errs = admin.do(t, setVirtualHosts, map[string]any{"env": envID, "hosts": []map[string]any{
		{"host": "A.Example.com"}, {"host": "b.example.com", "httpPort": 8080, "httpsPort": 8443}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	hosts, _ := json.Marshal(data["setEnvironmentVirtualHosts"].(map[string]any)["virtualHosts"])
	if want := `[{"host":"a.example.com","httpPort":null,"httpsPort":null},{"host":"b.example.com","httpPort":8080,"httpsPort":8443}]`; string(hosts) != want {
		t.Errorf("virtual hosts = %s, want %s", hosts, want)
	}

	be := echoBackend(t, "vhost")
	create := func(ctx string) string {
		data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
			"name": "VH " + ctx, "context": ctx, "version": "v1", "endpoint": be.URL}})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		id := data["createAPI"].(map[string]any)["id"].(string)
		openResources(t, pub, id)
		return id
	}
	onA, open := create("vh"), create("vhopen")
	if _, errs := pub.do(t, deployOnHost, map[string]any{"id": onA, "vh": "c.example.com"}); len(errs) == 0 || errs[0].Extensions.Field != "virtualHost" {
		t.Errorf("deploy on an unknown virtual host: %+v, want BAD_USER_INPUT on virtualHost", errs)
	}
	data, errs = pub.do(t, deployOnHost, map[string]any{"id": onA, "vh": "a.example.com"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if vh := data["deployAPI"].(map[string]any)["virtualHost"]; vh != "a.example.com" {
		t.Errorf("deployment virtualHost = %v", vh)
	}
	if _, errs := pub.do(t, deployOnHost, map[string]any{"id": open}); len(errs) > 0 {
		t.Fatal(errs)
	}

	waitHost(t, inst.gateway.URL, "A.EXAMPLE.COM:8280", "/vh/v1/x", http.StatusOK).Body.Close()
	resp := waitHost(t, inst.gateway.URL, "b.example.com", "/vh/v1/x", http.StatusNotFound)
	var problem map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&problem); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, k := range []string{"code", "message", "description"} {
		if _, ok := problem[k]; !ok {
			t.Errorf("404 body %v lacks %q", problem, k)
		}
	}
	for _, host := range []string{"a.example.com", "b.example.com", "anything.example.org", "127.0.0.1"} {
		waitHost(t, inst.gateway.URL, host, "/vhopen/v1/x", http.StatusOK).Body.Close()
	}

	// A host in use cannot be removed.
	if _, errs := admin.do(t, setVirtualHosts, map[string]any{"env": envID, "hosts": []map[string]any{{"host": "b.example.com"}}}); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("removing a virtual host in use: %+v, want CONFLICT", errs)
	}

	// The devportal's endpoint is at the virtual host.
	data, errs = pub.do(t, endpointsQuery, map[string]any{"id": onA})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	eps := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["gatewayEndpoints"].([]any)
	if len(eps) != 1 {
		t.Fatalf("endpoints = %v", eps)
	}
	ep := eps[0].(map[string]any)
	if u := ep["url"].(string); !strings.Contains(u, "://a.example.com") || !strings.HasSuffix(u, "/vh/v1") || ep["virtualHost"] != "a.example.com" {
		t.Errorf("endpoint = %v, want the virtual host's URL", ep)
	}
}
