// Package analytics stores what gateways report about API calls and
// answers questions about it. Gateways batch events onto a JetStream
// stream; a durable consumer here stores each batch, keyed by request id so
// a redelivered event is stored once, and only then acknowledges it, so a
// control plane restart loses nothing.
package analytics

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/analyticsevent"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// ConsumerName is the durable consumer of the analytics stream.
const ConsumerName = "gatehouse-analytics-ingest"

// Ingestor moves events from the stream into the database.
type Ingestor struct {
	done    chan struct{}
	client  *ent.Client
	js      jetstream.JetStream
	log     *slog.Logger
	stored  prometheus.Counter
	invalid prometheus.Counter
}

// NewIngestor returns an ingestor; reg may be nil.
func NewIngestor(client *ent.Client, js jetstream.JetStream, log *slog.Logger, reg prometheus.Registerer) *Ingestor {
	i := &Ingestor{
		done: make(chan struct{}), client: client, js: js, log: log,
		stored: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_analytics_events_stored_total", Help: "Analytics events stored (duplicates included once).",
		}),
		invalid: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_analytics_batches_invalid_total", Help: "Analytics messages that were not event batches.",
		}),
	}
	if reg != nil {
		reg.MustRegister(i.stored, i.invalid)
	}
	return i
}

// Run consumes until ctx ends. Messages already fetched when it ends are
// still stored and acknowledged, so a shutdown leaves nothing waiting for
// redelivery.
func (i *Ingestor) Run(ctx context.Context) error {
	defer close(i.done)
	cons, err := i.js.CreateOrUpdateConsumer(ctx, config.AnalyticsStream, jetstream.ConsumerConfig{
		Durable:   ConsumerName,
		AckPolicy: jetstream.AckExplicitPolicy,
		// After a crash, unacknowledged batches come back this soon.
		AckWait:       10 * time.Second,
		MaxAckPending: 64,
	})
	if err != nil {
		return fmt.Errorf("analytics consumer: %w", err)
	}
	for ctx.Err() == nil {
		batch, err := cons.Fetch(16, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			i.log.Warn("analytics fetch", "err", err)
			time.Sleep(time.Second)
			continue
		}
		for msg := range batch.Messages() {
			i.handle(ctx, msg)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, context.Canceled) && ctx.Err() == nil {
			i.log.Debug("analytics fetch ended", "err", err)
		}
	}
	return nil
}

// Wait returns when Run has ended.
func (i *Ingestor) Wait() { <-i.done }

func (i *Ingestor) handle(ctx context.Context, msg jetstream.Msg) {
	// Finish this batch even when shutting down.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var events []config.AnalyticsEvent
	if err := json.Unmarshal(msg.Data(), &events); err != nil {
		// A message that is not a batch can never be stored: drop it.
		i.invalid.Inc()
		i.log.Warn("analytics: dropping a message that is not an event batch", "err", err)
		_ = msg.Term()
		return
	}
	if err := i.Store(ctx, events); err != nil {
		i.log.Error("analytics: store batch; it will be redelivered", "err", err)
		_ = msg.NakWithDelay(2 * time.Second)
		return
	}
	_ = msg.Ack()
}

// Store writes events, ignoring request ids already stored.
func (i *Ingestor) Store(ctx context.Context, events []config.AnalyticsEvent) error {
	const chunk = 200 // keeps each statement under the databases' parameter limits
	for start := 0; start < len(events); start += chunk {
		part := events[start:min(start+chunk, len(events))]
		builders := make([]*ent.AnalyticsEventCreate, 0, len(part))
		for _, e := range part {
			if e.RequestID == "" {
				continue
			}
			builders = append(builders, i.client.AnalyticsEvent.Create().
				SetRequestID(truncate(e.RequestID, 128)).SetTime(e.Time).SetOrganizationID(e.OrganizationID).
				SetAPIID(e.APIID).SetAPIName(e.APIName).SetAPIVersion(e.APIVersion).SetAPIContext(e.APIContext).
				SetMethod(e.Method).SetResource(e.Resource).SetApplicationID(e.ApplicationID).
				SetApplication(e.Application).SetSubscriber(e.Subscriber).SetKeyType(e.KeyType).
				SetClientIP(e.ClientIP).SetUserAgent(truncate(e.UserAgent, 256)).SetStatus(e.Status).
				SetErrorType(e.ErrorType).SetRequestBytes(e.RequestBytes).SetResponseBytes(e.ResponseBytes).
				SetLatencyMs(e.LatencyMS).SetBackendLatencyMs(e.BackendLatencyMS).
				SetGatewayID(e.GatewayID).SetEnvironment(e.Environment))
		}
		if len(builders) == 0 {
			continue
		}
		err := i.client.AnalyticsEvent.CreateBulk(builders...).
			OnConflictColumns(analyticsevent.FieldRequestID).DoNothing().Exec(ctx)
		if err != nil && !isNoRows(err) {
			return err
		}
		i.stored.Add(float64(len(builders)))
	}
	return nil
}

// isNoRows: an upsert whose every row was a duplicate inserts nothing,
// which some drivers report as an error.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
