package router

import (
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/pathx"
)

// TestHole3_APIWithoutResourcesServesNothing: an API with no operations
// is found (its CORS policy and 404 answer need it) but matches no method
// or path, and neither do paths and methods its operations do not cover.
func TestHole3_APIWithoutResourcesServesNothing(t *testing.T) {
	s := &config.Snapshot{APIs: []config.API{
		{ID: "empty", Context: "empty", Version: "v1", ProductionEndpoint: "http://a", IsDefaultVersion: true},
		{ID: "one", Context: "one", Version: "v1", ProductionEndpoint: "http://b",
			Operations: []config.Operation{{Method: "GET", Target: "/a"}}},
	}}
	tb, err := Build(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		method, path string
		want         Outcome
	}{
		{"GET", "/empty/v1/", NoResource},
		{"GET", "/empty/v1", NoResource},
		{"GET", "/empty/v1/anything/at/all", NoResource},
		{"POST", "/empty/v1/x", NoResource},
		{"DELETE", "/empty/x", NoResource}, // default version
		{"OPTIONS", "/empty/v1/x", NoResource},
		{"GET", "/one/v1/a", Found},
		{"POST", "/one/v1/a", MethodNotAllowed},
		{"GET", "/one/v1/b", NoResource},
		{"GET", "/one/v1/a/b", NoResource},
	} {
		m, got := tb.Lookup(tt.method, tt.path)
		if got != tt.want || m.Route == nil {
			t.Errorf("Lookup(%s %s) = %v (route %v), want %v with the route", tt.method, tt.path, got, m.Route != nil, tt.want)
		}
		if got == Found && m.Operation == nil {
			t.Errorf("Lookup(%s %s) found no operation", tt.method, tt.path)
		}
	}
}

// FuzzNormalizedLookup is the data plane's order: normalize, then look up.
// Whatever is found names an operation, and its Rest, the path forwarded,
// is the normalized path's own tail: it decodes to the segments the
// router matched, with no dot segment and no encoded slash.
func FuzzNormalizedLookup(f *testing.F) {
	s := &config.Snapshot{APIs: []config.API{
		{ID: "open", Context: "shop", Version: "v1", IsDefaultVersion: true, ProductionEndpoint: "http://b",
			Operations: []config.Operation{{Method: "GET", Target: "/open/{name}"}, {Method: "GET", Target: "/secure", AuthRequired: true},
				{Method: "GET", Target: "/files/*"}}},
		{ID: "empty", Context: "shop/empty", Version: "v1", ProductionEndpoint: "http://b"},
	}}
	tb, err := Build(s, nil)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{"/shop/v1/open/%2e%2e%2fsecure", "/shop/v1/open/..%2fsecure", "/shop/v1/open/%2E%2E%2Fsecure",
		"/shop/v1/open/%252e%252e%252fsecure", "/shop/v1/open/..;/secure", "/shop/v1/%73ecure", "/shop/v1/open/x",
		"/shop/v1//secure", "/shop/v1/open/%00", "/shop/v1/open/%c0%ae%c0%ae", "/shop/v1/files/a\\..\\secure", "/shop/empty/v1/x"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, path string) {
		n, err := pathx.Normalize(path)
		if err != nil {
			return
		}
		m, outcome := tb.Lookup("GET", n)
		if outcome != Found {
			return
		}
		if m.Operation == nil || m.Route.API.ID == "empty" {
			t.Fatalf("Lookup(%q) found %+v without an operation", n, m)
		}
		// "/" is the Rest of a path that ends at the version.
		if m.Rest != "/" && !strings.HasSuffix(n, m.Rest) {
			t.Fatalf("Lookup(%q): Rest %q is not the normalized path's tail", n, m.Rest)
		}
		for _, seg := range strings.Split(strings.Trim(m.Rest, "/"), "/") {
			d, err := url.PathUnescape(seg)
			if err != nil || d == "." || d == ".." || strings.ContainsAny(d, "/\\") {
				t.Fatalf("Lookup(%q): forwarded segment %q decodes to %q (%v)", n, seg, d, err)
			}
		}
		if m.Operation.Target == "/open/{name}" && m.Rest == "/secure" {
			t.Fatalf("%q reached /secure through the open resource", path)
		}
	})
}
