package router

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// vhostTable has the same context on two virtual hosts, an API on none, and
// a virtual host that overrides an any-host API's version.
func vhostTable(t testing.TB) *Table {
	t.Helper()
	s := &config.Snapshot{APIs: []config.API{
		{ID: "shop-a", Context: "shop", Version: "v1", ProductionEndpoint: "http://a", VirtualHost: "a.example.com", Operations: getAll},
		{ID: "shop-b", Context: "shop", Version: "v1", ProductionEndpoint: "http://b", VirtualHost: "b.example.com",
			Operations: []config.Operation{{Method: "GET", Target: "/items"}}},
		{ID: "open", Context: "open", Version: "v1", ProductionEndpoint: "http://c", IsDefaultVersion: true, Operations: getAll},
		{ID: "open-a2", Context: "open", Version: "v2", ProductionEndpoint: "http://d", VirtualHost: "a.example.com", Operations: getAll},
		{ID: "open-a1", Context: "open", Version: "v1", ProductionEndpoint: "http://e", VirtualHost: "10.0.0.7", Operations: getAll},
		{ID: "v6", Context: "six", Version: "v1", ProductionEndpoint: "http://f", VirtualHost: "::1", Operations: getAll},
	}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	tb, err := Build(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestLookupHost(t *testing.T) {
	tb := vhostTable(t)
	tests := []struct {
		host, method, path string
		wantAPI            string
		wantOutcome        Outcome
	}{
		{"a.example.com", "GET", "/shop/v1/x", "shop-a", Found},
		{"A.Example.COM:8280", "GET", "/shop/v1/x", "shop-a", Found},
		{"a.example.com.", "GET", "/shop/v1/x", "shop-a", Found},
		{"b.example.com", "GET", "/shop/v1/items", "shop-b", Found},
		{"b.example.com:443", "GET", "/shop/v1/nothing", "shop-b", NoResource},
		{"c.example.com", "GET", "/shop/v1/x", "", NoAPI},
		{"", "GET", "/shop/v1/x", "", NoAPI},
		{"localhost:8280", "GET", "/shop/v1/x", "", NoAPI},
		// An API on no virtual host answers every Host.
		{"c.example.com", "GET", "/open/v1/x", "open", Found},
		{"a.example.com", "GET", "/open/v1/x", "open", Found},
		{"a.example.com", "GET", "/open/x", "open", Found}, // default version
		{"a.example.com", "GET", "/open/v2/x", "open-a2", Found},
		{"b.example.com", "GET", "/open/v2/x", "open", Found}, // v2 is only on a: the default version takes /v2/x
		// A virtual host's own deployment wins over the any-host one.
		{"10.0.0.7:8080", "GET", "/open/v1/x", "open-a1", Found},
		{"10.0.0.8", "GET", "/open/v1/x", "open", Found},
		{"[::1]:8280", "GET", "/six/v1/x", "v6", Found},
		{"[::1]", "GET", "/six/v1/x", "v6", Found},
		{"[::2]", "GET", "/six/v1/x", "", NoAPI},
	}
	for _, tt := range tests {
		m, got := tb.LookupHost(tt.host, tt.method, tt.path, "")
		if got != tt.wantOutcome {
			t.Errorf("LookupHost(%q, %s %q) outcome = %v, want %v", tt.host, tt.method, tt.path, got, tt.wantOutcome)
			continue
		}
		if tt.wantAPI != "" && (m.Route == nil || m.Route.API.ID != tt.wantAPI) {
			t.Errorf("LookupHost(%q, %s %q) = %+v, want api %s", tt.host, tt.method, tt.path, m.Route, tt.wantAPI)
		}
	}
	// Lookup without a Host sees only the APIs on no virtual host.
	if m, got := tb.Lookup("GET", "/open/v1/x"); got != Found || m.Route.API.ID != "open" {
		t.Errorf("Lookup(/open/v1/x) = %v %+v, want open", got, m.Route)
	}
	if tb.Len() != 6 {
		t.Errorf("Len() = %d, want 6", tb.Len())
	}
}

func TestLookupHostAllocations(t *testing.T) {
	tb := vhostTable(t)
	for _, host := range []string{"a.example.com:8280", "A.EXAMPLE.com", "unknown.example.com"} {
		if n := testing.AllocsPerRun(100, func() { tb.LookupHost(host, "GET", "/shop/v1/x", "") }); n != 0 {
			t.Errorf("LookupHost(%q) allocates %v times, want 0", host, n)
		}
	}
}

func TestValidateVirtualHosts(t *testing.T) {
	dup := &config.Snapshot{APIs: []config.API{
		{ID: "1", Context: "shop", Version: "v1", ProductionEndpoint: "http://a", VirtualHost: "a.example.com"},
		{ID: "2", Context: "shop", Version: "v1", ProductionEndpoint: "http://a", VirtualHost: "a.example.com"},
	}}
	if err := dup.Validate(); err == nil {
		t.Error("Validate accepted two APIs at /shop/v1 on the same virtual host")
	}
	bad := &config.Snapshot{APIs: []config.API{{ID: "1", Context: "shop", Version: "v1", ProductionEndpoint: "http://a", VirtualHost: "A.example.com"}}}
	if err := bad.Validate(); err == nil {
		t.Error("Validate accepted a virtual host that is not normalized")
	}
}

// BenchmarkLookupHost is BenchmarkLookup with the Host header: half the
// APIs sit on one of 10 virtual hosts.
func BenchmarkLookupHost(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			s := &config.Snapshot{}
			for i := 0; i < n; i++ {
				a := config.API{ID: fmt.Sprint(i), Context: fmt.Sprintf("team%d/api%d", i%50, i), Version: "v1",
					ProductionEndpoint: "http://b", Operations: []config.Operation{
						{Method: "GET", Target: "/menu"}, {Method: "GET", Target: "/order/{id}"}}}
				if i%2 == 0 {
					a.VirtualHost = fmt.Sprintf("h%d.example.com", i%10)
				}
				s.APIs = append(s.APIs, a)
			}
			tb, err := Build(s, nil)
			if err != nil {
				b.Fatal(err)
			}
			i := n / 2
			if i%2 == 1 {
				i--
			}
			path := fmt.Sprintf("/team%d/api%d/v1/order/42", i%50, i)
			host := fmt.Sprintf("h%d.example.com:8243", i%10)
			b.ReportAllocs()
			b.ResetTimer()
			for j := 0; j < b.N; j++ {
				if _, outcome := tb.LookupHost(host, "GET", path, ""); outcome != Found {
					b.Fatal("no match")
				}
			}
		})
	}
}

// FuzzLookupHost: a lookup with any Host never panics, and a match is an
// API on no virtual host or on the request's own (port and case aside).
func FuzzLookupHost(f *testing.F) {
	tb := vhostTable(f)
	f.Add("a.example.com:8280", "/shop/v1/x")
	f.Add("[::1]:1", "/six/v1/x")
	f.Add("B.EXAMPLE.COM", "/shop/v1/items")
	f.Add("", "/open/x")
	f.Fuzz(func(t *testing.T, host, path string) {
		m, outcome := tb.LookupHost(host, "GET", path, "")
		if outcome != Found {
			return
		}
		want, upper := hostKey(host)
		if upper {
			want = strings.ToLower(want)
		}
		if vh := m.Route.API.VirtualHost; vh != "" && vh != want {
			t.Fatalf("LookupHost(%q, %q) matched API %s on virtual host %q", host, path, m.Route.API.ID, vh)
		}
	})
}
