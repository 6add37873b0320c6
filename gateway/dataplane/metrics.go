package dataplane

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	apis     prometheus.Gauge
	syncs    *prometheus.CounterVec

	throttleErrors prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_requests_total", Help: "API calls answered by the gateway.",
		}, []string{"api", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_gateway_request_duration_seconds", Help: "Time to answer an API call, backend included.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"api"}),
		apis: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gatehouse_gateway_apis", Help: "APIs in the snapshot being served.",
		}),
		syncs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_syncs_total", Help: "Snapshot fetches by result.",
		}, []string{"result"}),
		throttleErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_gateway_ratelimit_errors_total", Help: "Calls let through because the rate limiter failed.",
		}),
	}
	if reg != nil {
		reg.MustRegister(m.requests, m.latency, m.apis, m.syncs, m.throttleErrors)
	}
	return m
}
