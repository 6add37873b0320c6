package app_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const catalogueQuery = `query($q: String, $tags: [String!], $cats: [String!], $sort: CatalogueSort) {
  catalogue(query: $q, tags: $tags, categories: $cats, sort: $sort) {
    totalCount apis { name lifecycleStatus } tags { name count } categories { name count } } }`

// TestCatalogue lists published and deprecated APIs by visibility at the
// GraphQL layer: anonymous visitors see public ones, a subscriber also
// those shared with subscribers, never unpublished ones; search, tag and
// category filters and sorts narrow and order the list.
func TestCatalogue(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) { testCatalogue(t, kind) })
	}
}

func testCatalogue(t *testing.T, kind string) {
	database, dir := storetest.Database(t, kind)
	inst := start(t, database, dir)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	anon := inst.anonymous()
	be := echoBackend(t, "cat")

	ids := map[string]any{}
	mk := func(name string, business map[string]any, publish bool) {
		t.Helper()
		data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
			"name": name, "context": "cat-" + name, "version": "1.0.0", "endpoint": be.URL}})
		if len(errs) > 0 {
			t.Fatalf("createAPI %s: %+v", name, errs)
		}
		id := data["createAPI"].(map[string]any)["id"]
		ids[name] = id
		business["subscriptionTiers"] = []string{"Gold"}
		if _, errs := pub.do(t, updateBusiness, map[string]any{"id": id, "i": business}); len(errs) > 0 {
			t.Fatalf("business %s: %+v", name, errs)
		}
		if !publish {
			return
		}
		if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
			t.Fatalf("deploy %s: %+v", name, errs)
		}
		if _, errs := pub.do(t, `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { id } }`, map[string]any{"id": id}); len(errs) > 0 {
			t.Fatalf("publish %s: %+v", name, errs)
		}
	}
	mk("Alpha", map[string]any{"tags": []string{"food", "eu"}, "categories": []string{"Retail"}, "description": "pizza orders"}, true)
	mk("Bravo", map[string]any{"tags": []string{"food"}, "categories": []string{"Finance"}}, true)
	mk("Charlie", map[string]any{"tags": []string{"food"}, "visibility": "RESTRICTED", "visibleRoles": []string{"subscriber"}}, true)
	mk("Delta", map[string]any{"tags": []string{"food"}, "visibility": "RESTRICTED", "visibleRoles": []string{"admin"}}, true)
	mk("Echo", map[string]any{"tags": []string{"food"}}, false) // never published

	// Bravo is rated best, Alpha next.
	for name, stars := range map[string]int{"Alpha": 3, "Bravo": 5} {
		if _, errs := sub.do(t, `mutation($id: ID!, $s: Int!) { rateAPI(apiID: $id, stars: $s) { average } }`, map[string]any{"id": ids[name], "s": stars}); len(errs) > 0 {
			t.Fatalf("rate %s: %+v", name, errs)
		}
	}

	names := func(s *session, vars map[string]any) string {
		t.Helper()
		data, errs := s.do(t, catalogueQuery, vars)
		if len(errs) > 0 {
			t.Fatalf("catalogue %v: %+v", vars, errs)
		}
		out := ""
		for _, a := range data["catalogue"].(map[string]any)["apis"].([]any) {
			if n := a.(map[string]any)["name"].(string); ids[n] != nil { // the demo's APIs are listed too
				out += n + " "
			}
		}
		return out
	}
	cases := []struct {
		who  string
		s    *session
		vars map[string]any
		want string
	}{
		{"anonymous", anon, nil, "Alpha Bravo "},
		{"subscriber", sub, nil, "Alpha Bravo Charlie "},
		{"publisher (catalogue lists published APIs only)", pub, map[string]any{"q": "tag:food"}, "Alpha Bravo Charlie Delta "},
		{"search free text", sub, map[string]any{"q": "pizza"}, "Alpha "},
		{"search status outside the catalogue", pub, map[string]any{"q": "status:created"}, ""},
		{"tag chip", anon, map[string]any{"tags": []string{"EU"}}, "Alpha "},
		{"category chip", sub, map[string]any{"cats": []string{"finance"}}, "Bravo "},
		{"tag and category chips", sub, map[string]any{"tags": []string{"food"}, "cats": []string{"Retail"}}, "Alpha "},
		{"sort by rating", sub, map[string]any{"q": "tag:food", "sort": "RATING"}, "Bravo Alpha Charlie "},
		{"sort newest", sub, map[string]any{"q": "tag:food", "sort": "NEWEST"}, "Charlie Bravo Alpha "},
	}
	for _, c := range cases {
		if got := names(c.s, c.vars); got != c.want {
			t.Errorf("%s: catalogue = %q, want %q", c.who, got, c.want)
		}
	}

	// Facets count the searched APIs before the chips narrow them.
	data, _ := sub.do(t, catalogueQuery, map[string]any{"q": "context:cat- tag:food", "tags": []string{"eu"}})
	cat := data["catalogue"].(map[string]any)
	if got := fmt.Sprint(cat["tags"]); got != "[map[count:3 name:food] map[count:1 name:eu]]" {
		t.Errorf("tag facets = %s", got)
	}
	if n := cat["totalCount"]; n != float64(1) {
		t.Errorf("totalCount = %v, want 1", n)
	}

	// A malformed search is BAD_USER_INPUT on query.
	if _, errs := anon.do(t, catalogueQuery, map[string]any{"q": `name:"open`}); len(errs) != 1 || errs[0].Extensions.Field != "query" {
		t.Errorf("malformed search: errors %+v, want BAD_USER_INPUT on query", errs)
	}

	// One API's page: invisible or unpublished ones are NOT_FOUND.
	const page = `query($id: ID!) { catalogueAPI(id: $id) { name gatewayEndpoints { environment url } offeredTiers { name requestCount unitSeconds } } }`
	for _, c := range []struct {
		who  string
		s    *session
		api  string
		seen bool
	}{
		{"anonymous, public", anon, "Alpha", true},
		{"anonymous, restricted", anon, "Charlie", false},
		{"subscriber, restricted to subscribers", sub, "Charlie", true},
		{"subscriber, restricted to admins", sub, "Delta", false},
		{"publisher, unpublished", pub, "Echo", false},
	} {
		data, errs := c.s.do(t, page, map[string]any{"id": ids[c.api]})
		if c.seen {
			if len(errs) > 0 {
				t.Errorf("%s: %+v", c.who, errs)
				continue
			}
			a := data["catalogueAPI"].(map[string]any)
			eps := a["gatewayEndpoints"].([]any)
			if len(eps) != 1 || !strings.HasSuffix(eps[0].(map[string]any)["url"].(string), "/cat-"+c.api+"/1.0.0") {
				t.Errorf("%s: gatewayEndpoints = %v", c.who, eps)
			}
			if tiers := a["offeredTiers"].([]any); len(tiers) != 1 || tiers[0].(map[string]any)["name"] != "Gold" {
				t.Errorf("%s: offeredTiers = %v, want [Gold]", c.who, tiers)
			}
		} else if len(errs) != 1 || errs[0].Extensions.Code != "NOT_FOUND" {
			t.Errorf("%s: errors %+v, want NOT_FOUND", c.who, errs)
		}
	}

	// The console's definition calls the gateway, even for an API without an
	// OpenAPI document.
	data, errs := anon.do(t, `query($id: ID!) { catalogueAPI(id: $id) { consoleDefinition } }`, map[string]any{"id": ids["Alpha"]})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var doc struct {
		OpenAPI string                 `json:"openapi"`
		Servers []struct{ URL string } `json:"servers"`
	}
	if err := json.Unmarshal([]byte(data["catalogueAPI"].(map[string]any)["consoleDefinition"].(string)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI == "" || len(doc.Servers) != 1 || !strings.HasSuffix(doc.Servers[0].URL, "/cat-Alpha/1.0.0") {
		t.Errorf("console definition = %+v, want OpenAPI 3 with the gateway as its server", doc)
	}

	// The demo API lets the portal's origin call it from the browser.
	data, errs = pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { cors { enabled allowOrigins } } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cors := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["cors"].(map[string]any)
	if cors["enabled"] != true || len(cors["allowOrigins"].([]any)) == 0 {
		t.Errorf("demo CORS = %v, want enabled for the portal's origins", cors)
	}
}
