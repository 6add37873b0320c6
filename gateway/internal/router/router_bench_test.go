package router

import (
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// BenchmarkLookup shows lookup time flat as the number of APIs grows
// (compare the apis=... results), with no allocations.
func BenchmarkLookup(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			s := &config.Snapshot{}
			for i := 0; i < n; i++ {
				s.APIs = append(s.APIs, config.API{ID: fmt.Sprint(i), Context: fmt.Sprintf("team%d/api%d", i%50, i), Version: "v1",
					ProductionEndpoint: "http://b", Operations: []config.Operation{
						{Method: "GET", Target: "/menu"}, {Method: "POST", Target: "/order"},
						{Method: "GET", Target: "/order/{id}"}, {Method: "PUT", Target: "/order/{id}"}, {Method: "DELETE", Target: "/order/{id}"},
					}})
			}
			tb, err := Build(s, nil)
			if err != nil {
				b.Fatal(err)
			}
			path := fmt.Sprintf("/team%d/api%d/v1/order/42", (n/2)%50, n/2)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, outcome := tb.Lookup("GET", path); outcome != Found {
					b.Fatal("no match")
				}
			}
		})
	}
}
