package dataplane

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Emitter receives one event per API call. Emit must not block.
type Emitter interface {
	Emit(config.AnalyticsEvent)
}

// Batching bounds of the NATS emitter.
const (
	batchSize     = 500
	batchInterval = 500 * time.Millisecond
)

// NATSEmitter batches events onto the analytics stream. A bounded buffer
// rides out a bus outage; when it is full, events are dropped and counted
// (gatehouse_gateway_analytics_dropped_total) rather than slowing calls.
type NATSEmitter struct {
	js      jetstream.JetStream
	log     *slog.Logger
	ch      chan config.AnalyticsEvent
	dropped prometheus.Counter
	sent    prometheus.Counter
	done    chan struct{}
	once    sync.Once
}

// NewNATSEmitter returns an emitter on nc holding up to buffer events.
func NewNATSEmitter(nc *nats.Conn, buffer int, log *slog.Logger, reg prometheus.Registerer) (*NATSEmitter, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, err
	}
	e := &NATSEmitter{
		js: js, log: log, ch: make(chan config.AnalyticsEvent, buffer), done: make(chan struct{}),
		dropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_gateway_analytics_dropped_total", Help: "Analytics events dropped because the buffer was full.",
		}),
		sent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_gateway_analytics_sent_total", Help: "Analytics events stored on the bus.",
		}),
	}
	if reg != nil {
		reg.MustRegister(e.dropped, e.sent)
	}
	return e, nil
}

// Emit implements Emitter.
func (e *NATSEmitter) Emit(ev config.AnalyticsEvent) {
	select {
	case e.ch <- ev:
	default:
		e.dropped.Inc()
	}
}

// Run sends batches until ctx ends, then flushes what is buffered (for up
// to five seconds) and returns.
func (e *NATSEmitter) Run(ctx context.Context) {
	defer close(e.done)
	batch := make([]config.AnalyticsEvent, 0, batchSize)
	batchID := "" // kept across retries of one batch, so the stream can dedupe it
	tick := time.NewTicker(batchInterval)
	defer tick.Stop()
	flush := func(ctx context.Context) {
		for len(batch) > 0 && ctx.Err() == nil {
			if batchID == "" {
				batchID = uuid.NewString()
			}
			if err := e.publish(ctx, batch, batchID); err != nil {
				e.log.Warn("analytics: publish failed; retrying", "err", err, "events", len(batch))
				select {
				case <-ctx.Done():
				case <-time.After(time.Second):
				}
				continue
			}
			e.sent.Add(float64(len(batch)))
			batch, batchID = batch[:0], ""
		}
	}
	for {
		select {
		case ev := <-e.ch:
			batch = append(batch, ev)
			if len(batch) >= batchSize {
				flush(ctx)
			}
		case <-tick.C:
			flush(ctx)
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			for {
				select {
				case ev := <-e.ch:
					batch = append(batch, ev)
					if len(batch) >= batchSize {
						flush(fctx)
					}
					continue
				default:
				}
				break
			}
			flush(fctx)
			cancel()
			return
		}
	}
}

// Wait returns when Run has flushed and ended.
func (e *NATSEmitter) Wait() { <-e.done }

// publish stores one batch; its message id lets the stream drop a batch
// sent twice after a lost acknowledgement.
func (e *NATSEmitter) publish(ctx context.Context, batch []config.AnalyticsEvent, id string) error {
	data, err := json.Marshal(batch)
	if err != nil {
		return err
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err = e.js.Publish(pctx, config.AnalyticsSubject, data, jetstream.WithMsgID(id))
	return err
}
