package router

import (
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// FuzzLookup feeds arbitrary methods and paths to a table with nested
// contexts, default versions and templated resources. Seeds live in
// testdata/fuzz/FuzzLookup. A lookup must never panic, and a match must
// name a route whose context and version (or default) prefix the path,
// with a Rest that starts with "/" and is the path's own tail.
func FuzzLookup(f *testing.F) {
	s := &config.Snapshot{APIs: []config.API{
		{ID: "1", Context: "shop", Version: "v1", IsDefaultVersion: true, ProductionEndpoint: "http://b",
			Operations: []config.Operation{{Method: "GET", Target: "/order/{id}"}, {Method: "POST", Target: "/order"}, {Method: "GET", Target: "/files/*"}}},
		{ID: "2", Context: "shop/orders", Version: "2.0", ProductionEndpoint: "http://b"},
		{ID: "3", Context: "a", Version: "v1", ProductionEndpoint: "http://b"},
	}}
	table, err := Build(s, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("GET", "/shop/v1/order/42")
	f.Fuzz(func(t *testing.T, method, path string) {
		m, outcome := table.Lookup(method, path)
		if outcome != Found {
			return
		}
		if m.Route == nil || !strings.HasPrefix(m.Rest, "/") {
			t.Fatalf("Lookup(%q, %q) = %+v: found without a route or with Rest %q", method, path, m, m.Rest)
		}
		trimmed := strings.Trim(path, "/")
		if !strings.HasPrefix(trimmed, m.Route.API.Context) {
			t.Fatalf("Lookup(%q) matched context %q", path, m.Route.API.Context)
		}
		if rest := strings.Trim(m.Rest, "/"); rest != "" && !strings.HasSuffix(trimmed, rest) {
			t.Fatalf("Lookup(%q): Rest %q is not the path's tail", path, m.Rest)
		}
	})
}
