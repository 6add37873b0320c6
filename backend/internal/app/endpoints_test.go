package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const updateEndpoints = `mutation($id: ID!, $i: APIEndpointsInput!) { updateAPIEndpoints(id: $id, input: $i) {
  id productionEndpoint endpoints { production { type urls timeoutMs retries auth { type username hasSecret } } sandbox { urls } } } }`

// TestEndpoints sets a load-balanced production group with basic auth,
// refuses bad groups with the field at fault, keeps the password out of
// reads (and in storage when omitted), and shows the gateway spreading
// calls over both backends with the credentials.
func TestEndpoints(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			inst := start(t, database, dir)
			pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
			sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
			backend := func(name string) *httptest.Server {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_ = json.NewEncoder(w).Encode(map[string]string{"marker": name, "auth": r.Header.Get("Authorization")})
				}))
				t.Cleanup(srv.Close)
				return srv
			}
			one, two := backend("one"), backend("two")
			data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
				"name": "Spread", "context": "spread", "version": "1.0.0", "endpoint": one.URL}})
			if len(errs) > 0 {
				t.Fatalf("createAPI: %+v", errs)
			}
			id := data["createAPI"].(map[string]any)["id"]
			openResources(t, pub, id)
			group := func(auth map[string]any, urls ...string) map[string]any {
				return map[string]any{"production": map[string]any{"type": "LOAD_BALANCED", "urls": urls, "timeoutMs": 5000, "retries": 1, "auth": auth}}
			}
			basic := map[string]any{"type": "BASIC", "username": "gw", "password": "s3cret"}
			for _, bad := range []struct {
				name  string
				input map[string]any
				field string
			}{
				{"one URL in a group", group(nil, one.URL), "production.urls"},
				{"bad URL", group(nil, one.URL, "ftp://x"), "production.urls.1"},
				{"basic without password", group(map[string]any{"type": "BASIC", "username": "gw"}, one.URL, two.URL), "production.auth.password"},
			} {
				_, errs := pub.do(t, updateEndpoints, map[string]any{"id": id, "i": bad.input})
				if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != bad.field {
					t.Errorf("%s: %+v, want BAD_USER_INPUT on %s", bad.name, errs, bad.field)
				}
			}
			mustDo(t, pub, "updateAPIEndpoints", updateEndpoints, map[string]any{"id": id, "i": group(basic, one.URL, two.URL)})
			// Omitting the password keeps it.
			got := mustDo(t, pub, "updateAPIEndpoints", updateEndpoints, map[string]any{"id": id,
				"i": group(map[string]any{"type": "BASIC", "username": "gw"}, one.URL, two.URL)})
			prod := got["endpoints"].(map[string]any)["production"].(map[string]any)
			if got["productionEndpoint"] != one.URL || prod["type"] != "LOAD_BALANCED" || len(prod["urls"].([]any)) != 2 ||
				prod["auth"].(map[string]any)["hasSecret"] != true || got["endpoints"].(map[string]any)["sandbox"] != nil {
				t.Errorf("endpoints read back: %v", got)
			}
			if _, errs := sub.do(t, `query($id: ID!) { node(id: $id) { ... on API { endpoints { production { urls } } } } }`, map[string]any{"id": id}); len(errs) == 0 {
				t.Error("a subscriber read an API's endpoints")
			}

			if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
				t.Fatalf("deployAPI: %+v", errs)
			}
			waitGateway(t, inst.gateway.URL, "/spread/1.0.0/x", http.StatusOK).Body.Close()
			seen := map[string]int{}
			for i := 0; i < 4; i++ {
				resp, err := http.Get(inst.gateway.URL + "/spread/1.0.0/x")
				if err != nil {
					t.Fatal(err)
				}
				var body map[string]string
				_ = json.NewDecoder(resp.Body).Decode(&body)
				resp.Body.Close()
				if body["auth"] != "Basic Z3c6czNjcmV0" {
					t.Errorf("backend saw Authorization %q, want the group's basic credentials", body["auth"])
				}
				seen[body["marker"]]++
			}
			if seen["one"] != 2 || seen["two"] != 2 {
				t.Errorf("calls per backend: %v, want 2 each", seen)
			}
		})
	}
}
