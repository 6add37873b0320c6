package dataplane

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Label cardinality stays bounded: api is the API's context/version (one
// series set per deployed API, "none" for calls that matched none), class
// the status class (2xx...), environment the snapshot's environment.
type metrics struct {
	requests     *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	upstream     *prometheus.HistogramVec
	throttled    *prometheus.CounterVec
	authFailures *prometheus.CounterVec
	apis         prometheus.Gauge
	syncs        *prometheus.CounterVec
	snapshot     *prometheus.GaugeVec
	applied      prometheus.Gauge

	throttleErrors prometheus.Counter
	reg            prometheus.Registerer
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_requests_total", Help: "API calls answered by the gateway.",
		}, []string{"api", "class", "environment"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_gateway_request_duration_seconds", Help: "Time to answer an API call, backend included.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 17),
		}, []string{"api", "class", "environment"}),
		upstream: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gatehouse_gateway_upstream_duration_seconds", Help: "Time the backend took, from sending the request to the end of its answer.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 17),
		}, []string{"api", "environment"}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_throttled_total", Help: "API calls refused with 429 because a quota was spent.",
		}, []string{"api", "environment"}),
		authFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_auth_failures_total", Help: "API calls refused with 401 or 403.",
		}, []string{"api", "environment", "code"}),
		apis: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gatehouse_gateway_apis", Help: "APIs in the snapshot being served.",
		}),
		syncs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_syncs_total", Help: "Snapshot fetches by result.",
		}, []string{"result"}),
		snapshot: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "gatehouse_gateway_snapshot_info", Help: "1 for the snapshot being served, by version and environment.",
		}, []string{"version", "environment"}),
		applied: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gatehouse_gateway_snapshot_applied_timestamp_seconds", Help: "When the snapshot being served was applied (Unix time).",
		}),
		throttleErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_gateway_ratelimit_errors_total", Help: "Throttling decisions the rate limiter could not make (fail closed: refused with 503).",
		}),
		reg: reg,
	}
	if reg != nil {
		reg.MustRegister(m.requests, m.latency, m.upstream, m.throttled, m.authFailures, m.apis, m.syncs,
			m.snapshot, m.applied, m.throttleErrors)
	}
	return m
}

// routeMetrics are one API's series, resolved once per snapshot so a call
// does no label lookups.
type routeMetrics struct {
	requests     [6]prometheus.Counter // by status class: 0 other, 1..5
	latency      [6]prometheus.Observer
	upstream     prometheus.Observer
	throttled    prometheus.Counter
	unauthorized prometheus.Counter
	forbidden    prometheus.Counter
}

var classes = [6]string{"other", "1xx", "2xx", "3xx", "4xx", "5xx"}

func (m *metrics) forRoute(api, env string) *routeMetrics {
	rm := &routeMetrics{
		upstream:     m.upstream.WithLabelValues(api, env),
		throttled:    m.throttled.WithLabelValues(api, env),
		unauthorized: m.authFailures.WithLabelValues(api, env, "401"),
		forbidden:    m.authFailures.WithLabelValues(api, env, "403"),
	}
	for i, c := range classes {
		rm.requests[i] = m.requests.WithLabelValues(api, c, env)
		rm.latency[i] = m.latency.WithLabelValues(api, c, env)
	}
	return rm
}

func statusClass(status int) int {
	if c := status / 100; c >= 1 && c <= 5 {
		return c
	}
	return 0
}

// snapshotApplied records the snapshot now served.
func (m *metrics) snapshotApplied(version, env string, at time.Time, apis int) {
	m.snapshot.Reset()
	m.snapshot.WithLabelValues(version, env).Set(1)
	m.applied.Set(float64(at.UnixNano()) / 1e9)
	m.apis.Set(float64(apis))
}

// forget drops the series of APIs that old served and next does not, so
// undeployed APIs do not linger in /metrics.
func (m *metrics) forget(old, next *config.Snapshot) {
	keep := make(map[string]bool, len(next.APIs))
	for _, a := range next.APIs {
		keep[next.Environment+"\x00"+a.Context+"/"+a.Version] = true
	}
	for _, a := range old.APIs {
		label := a.Context + "/" + a.Version
		if keep[old.Environment+"\x00"+label] {
			continue
		}
		l := prometheus.Labels{"api": label, "environment": old.Environment}
		m.requests.DeletePartialMatch(l)
		m.latency.DeletePartialMatch(l)
		m.upstream.DeletePartialMatch(l)
		m.throttled.DeletePartialMatch(l)
		m.authFailures.DeletePartialMatch(l)
	}
}
