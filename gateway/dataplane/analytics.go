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
	subject string
	log     *slog.Logger
	buf     eventBuffer
	dropped prometheus.Counter
	sent    prometheus.Counter
	done    chan struct{}
	once    sync.Once
}

// eventBuffer collects events under a short lock and wakes the sender
// only when a batch is full (otherwise its ticker collects): a call costs
// an append, not a goroutine wake-up.
type eventBuffer struct {
	mu     sync.Mutex
	events []config.AnalyticsEvent
	limit  int
	wake   chan struct{}
}

// add keeps ev unless the buffer is full.
func (b *eventBuffer) add(ev config.AnalyticsEvent) bool {
	b.mu.Lock()
	if len(b.events) >= b.limit {
		b.mu.Unlock()
		return false
	}
	b.events = append(b.events, ev)
	full := len(b.events) == batchSize
	b.mu.Unlock()
	if full {
		select {
		case b.wake <- struct{}{}:
		default:
		}
	}
	return true
}

// newEventBuffer holds up to limit events (at least one batch).
func newEventBuffer(limit int) eventBuffer {
	return eventBuffer{limit: max(limit, batchSize), wake: make(chan struct{}, 1)}
}

// swap hands over what was collected and takes spare as the new buffer.
func (b *eventBuffer) swap(spare []config.AnalyticsEvent) []config.AnalyticsEvent {
	b.mu.Lock()
	got := b.events
	b.events = spare[:0]
	b.mu.Unlock()
	return got
}

// NewNATSEmitter returns an emitter on nc holding up to buffer events.
func NewNATSEmitter(nc *nats.Conn, names config.BusNames, buffer int, log *slog.Logger, reg prometheus.Registerer) (*NATSEmitter, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, err
	}
	e := &NATSEmitter{
		js: js, subject: names.AnalyticsSubject(), log: log, done: make(chan struct{}),
		buf: newEventBuffer(buffer),
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
	if !e.buf.add(ev) {
		e.dropped.Inc()
	}
}

// Run sends batches until ctx ends, then flushes what is buffered (for up
// to five seconds) and returns.
func (e *NATSEmitter) Run(ctx context.Context) {
	defer close(e.done)
	runBatches(ctx, &e.buf, e.log, e.sent, e.publish)
}

// runBatches sends what buf collects in batches of up to batchSize, when a
// batch fills or every batchInterval, through send, which is retried each
// second until it succeeds or ctx ends; then it flushes what is buffered
// for up to five seconds. A batch keeps its id across retries, so the
// receiver can drop a batch it already stored after a lost answer.
func runBatches(ctx context.Context, buf *eventBuffer, log *slog.Logger, sent prometheus.Counter,
	send func(context.Context, []config.AnalyticsEvent, string) error) {
	var pending, spare []config.AnalyticsEvent
	tick := time.NewTicker(batchInterval)
	defer tick.Stop()
	flush := func(ctx context.Context) {
		for len(pending) > 0 && ctx.Err() == nil {
			batch := pending[:min(len(pending), batchSize)]
			id := uuid.NewString()
			for ctx.Err() == nil {
				if err := send(ctx, batch, id); err != nil {
					log.Warn("analytics: send failed; retrying", "err", err, "events", len(batch))
					select {
					case <-ctx.Done():
					case <-time.After(time.Second):
					}
					continue
				}
				sent.Add(float64(len(batch)))
				pending = pending[len(batch):]
				break
			}
		}
	}
	collect := func() {
		got := buf.swap(spare)
		spare = nil
		if len(pending) == 0 {
			spare, pending = pending, got
		} else {
			pending = append(pending, got...)
		}
	}
	for {
		select {
		case <-buf.wake:
		case <-tick.C:
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			collect()
			flush(fctx)
			cancel()
			return
		}
		collect()
		flush(ctx)
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
	_, err = e.js.Publish(pctx, e.subject, data, jetstream.WithMsgID(id))
	return err
}
