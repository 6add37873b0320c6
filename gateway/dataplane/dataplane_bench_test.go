package dataplane

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"runtime"
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

// BenchmarkStateMemory builds the in-memory state of 10,000 APIs (five
// resources each) and 100,000 subscriptions and reports the heap it holds
// (MiB/state; the bound is 300).
func BenchmarkStateMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := &config.Snapshot{Environment: "Default"}
		for a := 0; a < 10_000; a++ {
			s.APIs = append(s.APIs, config.API{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", a), OrganizationID: "org",
				Name: fmt.Sprintf("API %d", a), Context: fmt.Sprintf("team%d/api%d", a%100, a), Version: "1.0.0",
				ProductionEndpoint: fmt.Sprintf("http://backend%d.internal:8080/base", a%500), Operations: []config.Operation{
					{Method: "GET", Target: "/menu", AuthRequired: true}, {Method: "POST", Target: "/order", AuthRequired: true},
					{Method: "GET", Target: "/order/{id}", AuthRequired: true}, {Method: "PUT", Target: "/order/{id}", AuthRequired: true},
					{Method: "DELETE", Target: "/order/{id}", AuthRequired: true},
				}})
		}
		for n := 0; n < 100_000; n++ {
			s.Subscriptions = append(s.Subscriptions, config.Subscription{ApplicationID: fmt.Sprintf("10000000-0000-4000-8000-%012d", n/10),
				APIID: s.APIs[(n*7)%len(s.APIs)].ID, Tier: "Gold", Status: "UNBLOCKED"})
		}
		s.Seal()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g := New(quietLog(), nil, ratelimit.NewMemory())
		if _, err := g.Apply(s); err != nil {
			b.Fatal(err)
		}
		s = nil
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB/state")
		runtime.KeepAlive(g)
	}
}

// BenchmarkProxies runs the same call through a plain
// httputil.ReverseProxy, the gateway without policies and the gateway
// with its full chain (JWT, subscription, in-memory throttling,
// analytics), all in one process on loopback: compare the ns/op.
func BenchmarkProxies(b *testing.B) {
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(make([]byte, 1024))
	}))
	defer be.Close()
	u, _ := url.Parse(be.URL)
	plain := httputil.NewSingleHostReverseProxy(u)
	open := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := open.Apply(snapshotFor(be.URL, "shop")); err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	full := newPolicyGateway(t, ratelimit.NewMemory(), 1<<40)
	full.g.Emitter = discard{}
	if _, err := full.g.Apply(func() *config.Snapshot {
		s := *full.g.Snapshot()
		s.APIs = append([]config.API(nil), s.APIs...)
		s.APIs[0].ProductionEndpoint = be.URL
		s.Seal()
		return &s
	}()); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		h     http.Handler
		token string
		path  string
	}{
		{"httputil", plain, "", "/shop/v1/data"},
		{"gateway", open, "", "/shop/v1/data"},
		{"gateway-full", full.g, full.token, "/shop/v1/data"},
	} {
		b.Run(c.name, func(b *testing.B) {
			srv := httptest.NewServer(c.h)
			defer srv.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequest("GET", srv.URL+c.path, nil)
					if c.token != "" {
						req.Header.Set("Authorization", "Bearer "+c.token)
					}
					resp, err := client.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Fatalf("status %d", resp.StatusCode)
					}
				}
			})
		})
	}
}

type discard struct{}

func (discard) Emit(config.AnalyticsEvent) {}
