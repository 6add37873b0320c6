package dataplane

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestMetricsExposition scrapes /metrics as Prometheus would after an
// answered call, a throttled one and a refused one.
func TestMetricsExposition(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 1)
	for _, c := range []struct {
		token string
		want  int
	}{{pg.token, 200}, {pg.token, 429}, {"", 401}} {
		if w := pg.call("/shop/v1/data", c.token); w.Code != c.want {
			t.Fatalf("call: %d, want %d", w.Code, c.want)
		}
	}
	w := httptest.NewRecorder()
	pg.g.Handler(promhttp.HandlerFor(pg.reg, promhttp.HandlerOpts{})).ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	body := w.Body.String()
	for _, want := range []string{
		`gatehouse_gateway_requests_total{api="shop/v1",class="2xx",environment="Default"} 1`,
		`gatehouse_gateway_requests_total{api="shop/v1",class="4xx",environment="Default"} 2`,
		`gatehouse_gateway_request_duration_seconds_count{api="shop/v1",class="2xx",environment="Default"} 1`,
		`gatehouse_gateway_request_duration_seconds_bucket{api="shop/v1",class="4xx",environment="Default",le="+Inf"} 2`,
		`gatehouse_gateway_upstream_duration_seconds_count{api="shop/v1",environment="Default"} 1`,
		`gatehouse_gateway_throttled_total{api="shop/v1",environment="Default"} 1`,
		`gatehouse_gateway_auth_failures_total{api="shop/v1",code="401",environment="Default"} 1`,
		`gatehouse_gateway_snapshot_info{`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
