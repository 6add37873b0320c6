package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/ent/api"
)

// TestDemoCatalogue: --demo with the catalogue seeds more published APIs
// (and a deprecated one) with documents, thumbnails, ratings and comments;
// a restart adds nothing twice; the GraphQL one answers through the
// gateway from its sample backend.
// It runs on SQLite and PostgreSQL: the catalogue's batched rating
// aggregate is dialect-sensitive (SUM of a bigint column).
func TestDemoCatalogue(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			testDemoCatalogue(t, database, dir)
		})
	}
}

func testDemoCatalogue(t *testing.T, database, dir string) {
	inst := startWith(t, app.Config{Database: database, DataDir: dir, DemoCatalogue: true})
	ctx := context.Background()
	client := entClient(t, inst)
	counts := func() [4]int {
		return [4]int{client.API.Query().CountX(ctx), client.Document.Query().CountX(ctx),
			client.Rating.Query().CountX(ctx), client.Comment.Query().CountX(ctx)}
	}
	first := counts()
	if first[0] != 4 {
		t.Errorf("demo APIs = %d, want 4 (PizzaShack + 3)", first[0])
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := sub.do(t, `{ catalogue(first: 20) { totalCount apis { name lifecycleStatus thumbnailURL rating { count average mine } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	status := map[string]string{}
	for _, a := range data["catalogue"].(map[string]any)["apis"].([]any) {
		a := a.(map[string]any)
		status[a["name"].(string)] = a["lifecycleStatus"].(string)
		if a["name"] == "WeatherAPI" {
			// subscriber 4, admin 5
			if r := a["rating"].(map[string]any); r["count"] != float64(2) || r["average"] != 4.5 || r["mine"] != float64(4) {
				t.Errorf("WeatherAPI rating = %v, want 2 ratings averaging 4.5, mine 4", r)
			}
		}
		if a["name"] != "PizzaShackAPI" && (a["thumbnailURL"] == nil || a["rating"].(map[string]any)["count"] == float64(0)) {
			t.Errorf("%s has no thumbnail or ratings: %v", a["name"], a)
		}
	}
	want := map[string]string{"PizzaShackAPI": "PUBLISHED", "WeatherAPI": "PUBLISHED", "PizzaMenuGraphQL": "PUBLISHED", "PizzaShackClassic": "DEPRECATED"}
	for name, s := range want {
		if status[name] != s {
			t.Errorf("%s is %q, want %s (catalogue: %v)", name, status[name], s, status)
		}
	}

	// The GraphQL API through the gateway.
	menu := client.API.Query().Where(api.Context("pizzamenu")).OnlyX(ctx)
	data, errs = sub.do(t, `mutation { createApplication(input: {name: "GraphQL client"}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Gold"}) { id } }`, map[string]any{"app": appID, "api": menu.ID.String()}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = sub.do(t, `mutation($app: ID!) { generateKeys(input: {applicationID: $app, keyType: PRODUCTION}) { clientSecret key { clientID } } }`, map[string]any{"app": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	keys := data["generateKeys"].(map[string]any)
	code, body := form(t, inst.cp.URL+keymanager.TokenPath, keys["key"].(map[string]any)["clientID"].(string), keys["clientSecret"].(string), url.Values{"grant_type": {"client_credentials"}})
	if code != 200 {
		t.Fatalf("token: %d %v", code, body)
	}
	token := body["access_token"].(string)
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodPost, inst.gateway.URL+"/pizzamenu/1.0.0/graphql", strings.NewReader(`{"query":"{ pizza(name: \"Garden Fresh\") { name vegetarian } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var got struct{ Data map[string]map[string]any }
			if resp.StatusCode == 200 && json.Unmarshal(b, &got) == nil && got.Data["pizza"]["vegetarian"] == true {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("GraphQL through the gateway: %d %s", resp.StatusCode, b)
			}
		} else if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Re-running --demo adds nothing.
	inst.stop()
	inst2 := startWith(t, app.Config{Database: database, DataDir: dir, DemoCatalogue: true})
	client = entClient(t, inst2)
	if again := counts(); again != first {
		t.Errorf("after a second --demo: APIs, documents, ratings, comments = %v, want %v", again, first)
	}
}
