package dataplane

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// BenchmarkGatewayProxy measures a whole proxied call on loopback: route
// lookup, proxying and the backend's answer.
func BenchmarkGatewayProxy(b *testing.B) {
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer be.Close()
	g := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be.URL, "a")); err != nil {
		b.Fatal(err)
	}
	gw := httptest.NewServer(g)
	defer gw.Close()
	client := gw.Client()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Get(gw.URL + "/a/v1/menu")
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
}

// BenchmarkRouteLookup measures routing alone with 1000 APIs deployed.
func BenchmarkRouteLookup(b *testing.B) {
	ctxs := make([]string, 1000)
	for i := range ctxs {
		ctxs[i] = fmt.Sprintf("api%d/sub", i)
	}
	g := New(quietLog(), nil, ratelimit.NewMemory())
	s := snapshotFor("http://127.0.0.1:1", ctxs...)
	s.APIs[500].Operations = []config.Operation{{Method: "GET", Target: "/order/{id}"}}
	if _, err := g.Apply(s); err != nil {
		b.Fatal(err)
	}
	table := g.state.Load().table
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, outcome := table.Lookup("GET", "/api500/sub/v1/order/42"); outcome != 0 {
			b.Fatal("no match")
		}
	}
}
