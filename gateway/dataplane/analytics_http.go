package dataplane

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// AnalyticsPath is where a control plane takes analytics batches over HTTP.
const AnalyticsPath = "/api/gateway/v1/analytics"

// HTTPEmitter batches events to the control plane over HTTP, for a gateway
// without a bus, with the token it pulls snapshots with. The control plane
// stores them by event id, so a batch retried after a lost answer counts
// once. Like NATSEmitter it buffers up to a bound through a control plane
// outage and drops (and counts in gatehouse_gateway_analytics_dropped_total)
// what does not fit, rather than slowing calls.
type HTTPEmitter struct {
	cp      *ControlPlane
	client  *http.Client
	log     *slog.Logger
	buf     eventBuffer
	dropped prometheus.Counter
	sent    prometheus.Counter
	done    chan struct{}
}

// NewHTTPEmitter returns an emitter to cp holding up to buffer events.
func NewHTTPEmitter(cp *ControlPlane, buffer int, log *slog.Logger, reg prometheus.Registerer) *HTTPEmitter {
	e := &HTTPEmitter{
		cp: cp, client: &http.Client{Timeout: 15 * time.Second}, log: log,
		buf: newEventBuffer(buffer), done: make(chan struct{}),
		dropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_gateway_analytics_dropped_total", Help: "Analytics events dropped because the buffer was full.",
		}),
		sent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_gateway_analytics_sent_total", Help: "Analytics events the control plane took.",
		}),
	}
	if reg != nil {
		reg.MustRegister(e.dropped, e.sent)
	}
	return e
}

// Emit implements Emitter.
func (e *HTTPEmitter) Emit(ev config.AnalyticsEvent) {
	if !e.buf.add(ev) {
		e.dropped.Inc()
	}
}

// Run sends batches until ctx ends, then flushes what is buffered (for up
// to five seconds) and returns.
func (e *HTTPEmitter) Run(ctx context.Context) {
	defer close(e.done)
	runBatches(ctx, &e.buf, e.log, e.sent, e.post)
}

// Wait returns when Run has flushed and ended.
func (e *HTTPEmitter) Wait() { <-e.done }

func (e *HTTPEmitter) post(ctx context.Context, batch []config.AnalyticsEvent, id string) error {
	data, err := json.Marshal(batch)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(e.cp.BaseURL, "/")+AnalyticsPath, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+e.cp.Token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-ID", id)
	resp, err := e.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s: %s: %s", AnalyticsPath, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}
