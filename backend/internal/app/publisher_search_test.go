package app_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const searchAPIs = `query($q: String, $first: Int, $after: Cursor) { searchAPIs(query: $q, first: $first, after: $after, orderBy: {field: NAME, direction: ASC}) {
  totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`

func searchNames(t *testing.T, s *session, q string) ([]string, []gqlError) {
	t.Helper()
	data, errs := s.do(t, searchAPIs, map[string]any{"q": q, "first": 50})
	if len(errs) > 0 {
		return nil, errs
	}
	var names []string
	for _, e := range data["searchAPIs"].(map[string]any)["edges"].([]any) {
		names = append(names, e.(map[string]any)["node"].(map[string]any)["name"].(string))
	}
	sort.Strings(names)
	return names, nil
}

// TestSearchAPIs runs the search language against real databases.
func TestSearchAPIs(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			inst := start(t, database, dir)
			pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
			for _, a := range []struct {
				name, ctx, desc string
				tags            []string
			}{
				{"Weather Service", "weather", "Forecasts by city", []string{"climate", "open-data"}},
				{"Payments", "pay", "Take card payments", []string{"finance"}},
				{"Open Banking", "banking", "Accounts and weather-proof payments", []string{"finance", "open-data"}},
			} {
				data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
					"name": a.name, "context": a.ctx, "version": "v1", "endpoint": "http://127.0.0.1:1/x", "description": a.desc}})
				if len(errs) > 0 {
					t.Fatal(errs)
				}
				if _, errs := pub.do(t, updateBusiness, map[string]any{"id": data["createAPI"].(map[string]any)["id"],
					"i": map[string]any{"tags": a.tags}}); len(errs) > 0 {
					t.Fatal(errs)
				}
			}
			tests := []struct {
				q    string
				want string
			}{
				{"", "[Open Banking Payments PizzaShackAPI Weather Service]"},
				{"weather", "[Open Banking Weather Service]"},
				{`"weather service"`, "[Weather Service]"},
				{"name:PAY", "[Payments]"},
				{"context:/banking", "[Open Banking]"},
				{"tag:finance", "[Open Banking Payments]"},
				{"tag:Finance payments", "[Open Banking Payments]"},
				{"tag:fin", "[]"},
				{"open-data", "[Open Banking Weather Service]"},
				{"status:published", "[PizzaShackAPI]"},
				{"status:created tag:open-data name:weather", "[Weather Service]"},
				{"provider:PUBLISHER", "[Open Banking Payments PizzaShackAPI Weather Service]"},
				{"provider:nobody", "[]"},
			}
			for _, tt := range tests {
				got, errs := searchNames(t, pub, tt.q)
				if len(errs) > 0 {
					t.Errorf("search %q: %+v", tt.q, errs)
					continue
				}
				if fmt.Sprint(got) != tt.want && !(tt.want == "[]" && got == nil) {
					t.Errorf("search %q = %v, want %s", tt.q, got, tt.want)
				}
			}
			for _, bad := range []string{"colour:red", `"open`, "status:alive", "name:"} {
				_, errs := searchNames(t, pub, bad)
				if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != "query" {
					t.Errorf("search %q: errors %+v, want BAD_USER_INPUT on query", bad, errs)
				}
			}
			if _, errs := pub.do(t, searchAPIs, map[string]any{"q": "", "first": 1000}); len(errs) != 1 || errs[0].Extensions.Field != "first" {
				t.Errorf("first: 1000: errors %+v, want BAD_USER_INPUT on first", errs)
			}
			// Pages follow the cursor.
			data, _ := pub.do(t, searchAPIs, map[string]any{"q": "", "first": 2})
			conn := data["searchAPIs"].(map[string]any)
			page := conn["pageInfo"].(map[string]any)
			if conn["totalCount"] != float64(4) || page["hasNextPage"] != true {
				t.Fatalf("first page = %v", conn)
			}
			data, _ = pub.do(t, searchAPIs, map[string]any{"q": "", "first": 2, "after": page["endCursor"]})
			edges := data["searchAPIs"].(map[string]any)["edges"].([]any)
			if len(edges) != 2 || edges[0].(map[string]any)["node"].(map[string]any)["name"] != "PizzaShackAPI" {
				t.Errorf("second page = %v, want PizzaShackAPI and Weather Service", edges)
			}
			// Subscribers search only what they may see.
			sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
			if got, _ := searchNames(t, sub, ""); fmt.Sprint(got) != "[PizzaShackAPI]" {
				t.Errorf("subscriber search = %v, want [PizzaShackAPI]", got)
			}
		})
	}
}
