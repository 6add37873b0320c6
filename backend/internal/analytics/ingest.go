// Package analytics stores what gateways report about API calls and
// answers questions about it. Gateways batch events onto a JetStream
// stream; a durable consumer here stores each batch, keyed by the event id
// the gateway gave each call so a redelivered event is stored once, and
// only then acknowledges it, so a control plane restart loses nothing.
package analytics

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	"github.com/google/uuid"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Ingestor moves events from the stream into the database.
type Ingestor struct {
	// Bus names the analytics stream and consumer (--nats-prefix); set
	// before Run.
	Bus     config.BusNames
	done    chan struct{}
	db      *sql.DB
	dialect string
	geo     *Geo
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	js      jetstream.JetStream
	log     *slog.Logger
	stored  prometheus.Counter
	invalid prometheus.Counter
}

// NewIngestor returns an ingestor into st; js may be nil when events
// arrive only through Store, geo nil without an IP range table, reg nil.
func NewIngestor(st *store.Store, js jetstream.JetStream, geo *Geo, log *slog.Logger, reg prometheus.Registerer) *Ingestor {
	i := &Ingestor{
		done: make(chan struct{}), db: st.DB, dialect: st.Dialect, geo: geo, stmts: map[string]*sql.Stmt{}, js: js, log: log,
		stored: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gatehouse_analytics_events_stored_total", Help: "Analytics events stored (a redelivered event is not counted again).",
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
	cons, err := i.js.CreateOrUpdateConsumer(ctx, i.Bus.AnalyticsStream(), jetstream.ConsumerConfig{
		Durable:   i.Bus.AnalyticsConsumer(),
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
		var msgs []jetstream.Msg
		for msg := range batch.Messages() {
			msgs = append(msgs, msg)
		}
		i.handle(ctx, msgs)
		if err := batch.Error(); err != nil && !errors.Is(err, context.Canceled) && ctx.Err() == nil {
			i.log.Debug("analytics fetch ended", "err", err)
		}
	}
	return nil
}

// Close releases the prepared statements.
func (i *Ingestor) Close() {
	i.mu.Lock()
	defer i.mu.Unlock()
	for _, s := range i.stmts {
		s.Close()
	}
	clear(i.stmts)
}

// Wait returns when Run has ended.
func (i *Ingestor) Wait() { <-i.done }

func (i *Ingestor) handle(ctx context.Context, msgs []jetstream.Msg) {
	if len(msgs) == 0 {
		return
	}
	// Finish these batches even when shutting down.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	// Everything fetched is stored in one transaction: one commit (one
	// fsync on SQLite) for up to 16 gateway batches.
	var events []config.AnalyticsEvent
	valid := msgs[:0]
	for _, msg := range msgs {
		var part []config.AnalyticsEvent
		if err := json.Unmarshal(msg.Data(), &part); err != nil {
			// A message that is not a batch can never be stored: drop it.
			i.invalid.Inc()
			i.log.Warn("analytics: dropping a message that is not an event batch", "err", err)
			_ = msg.Term()
			continue
		}
		events = append(events, part...)
		valid = append(valid, msg)
	}
	if err := i.Store(ctx, events); err != nil {
		i.log.Error("analytics: store batch; it will be redelivered", "err", err)
		for _, msg := range valid {
			_ = msg.NakWithDelay(2 * time.Second)
		}
		return
	}
	for _, msg := range valid {
		_ = msg.Ack()
	}
}

// rawCols are the analytics_events columns Store writes, in order.
var rawCols = []string{"id", "request_id", "time", "organization_id", "api_id", "api_name", "api_version",
	"api_context", "method", "resource", "application_id", "application", "subscriber", "key_type", "client_ip",
	"user_agent", "status", "error_type", "request_bytes", "response_bytes", "latency_ms", "backend_latency_ms",
	"gateway_id", "environment", "country"}

// Statement sizes: each stays under SQLite's 32,766 and PostgreSQL's
// 65,535 parameters.
const (
	rawChunk    = 500
	rollupChunk = 400
)

// Store writes events, ignoring event ids already stored, and adds the
// calls it did store (and only those) to the minute and hour rollups, in one
// transaction: a redelivered batch changes nothing, a failed one nothing
// either. Events are keyed by their EventID, never by the caller's
// X-Request-ID (RequestID, kept as a correlation id), which callers
// choose and may repeat: keyed by it, a consumer reusing one id would be
// counted once however often it called.
func (i *Ingestor) Store(ctx context.Context, events []config.AnalyticsEvent) (err error) {
	batch := make([]config.AnalyticsEvent, 0, len(events))
	ids := make([]uuid.UUID, 0, len(events))
	seen := make(map[uuid.UUID]bool, len(events))
	now := time.Now().UTC()
	for _, e := range events {
		id, ok := eventID(&e)
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		e.RequestID = truncate(e.RequestID, 128)
		if e.Time.IsZero() {
			e.Time = now
		}
		e.Time = e.Time.UTC()
		e.UserAgent = truncate(e.UserAgent, 256)
		if e.Country == "" && i.geo != nil {
			e.Country = i.geo.Country(e.ClientIP)
		}
		batch = append(batch, e)
		ids = append(ids, id)
	}
	if len(batch) == 0 {
		return nil
	}
	if err := i.prepare(ctx); err != nil {
		return err
	}
	tx, err := i.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("analytics: begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	inserted := make(map[uuid.UUID]bool, len(batch))
	for _, part := range i.chunks(len(batch), rawChunk) {
		if err := i.insertRaw(ctx, tx, batch[part[0]:part[1]], ids[part[0]:part[1]], inserted); err != nil {
			return err
		}
	}
	minutes, hours := newAggregator(Minute), newAggregator(Hour)
	for k := range batch {
		if inserted[ids[k]] {
			minutes.add(&batch[k])
			hours.add(&batch[k])
		}
	}
	if err := i.upsertRollups(ctx, tx, minuteTable, minutes.sorted()); err != nil {
		return err
	}
	if err := i.upsertRollups(ctx, tx, hourTable, hours.sorted()); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("analytics: commit: %w", err)
	}
	i.stored.Add(float64(len(inserted)))
	return nil
}

// legacyEvents names the ids of events that came without an EventID.
var legacyEvents = uuid.MustParse("5b0c3f4e-8d1a-4c57-9a51-3f2b8f0c6e21")

// eventID is the key e is stored by (the analytics_events primary key):
// its EventID, or, from a gateway that sends none (older ones), a
// name-based UUID of the event as sent, the same on every redelivery and
// different for calls at different moments (times have nanoseconds). An
// event with neither an EventID nor a RequestID is not a call.
func eventID(e *config.AnalyticsEvent) (uuid.UUID, bool) {
	if e.EventID != "" {
		if id, err := uuid.Parse(e.EventID); err == nil && id != uuid.Nil {
			return id, true
		}
	}
	if e.RequestID == "" {
		return uuid.Nil, false
	}
	b, err := json.Marshal(e)
	if err != nil {
		return uuid.Nil, false
	}
	return uuid.NewSHA1(legacyEvents, b), true
}

// chunks splits n rows into statements of at most size rows, and the
// remainder into powers of two, so a handful of statement shapes serve
// every batch and each is parsed once.
func chunks(n, size int) [][2]int {
	var out [][2]int
	start := 0
	for n-start >= size {
		out = append(out, [2]int{start, start + size})
		start += size
	}
	for p := largestPow2(size); p > 0 && start < n; p /= 2 {
		if n-start >= p {
			out = append(out, [2]int{start, start + p})
			start += p
		}
	}
	return out
}

// insertRaw inserts part (stored by ids), marking in inserted the ids that
// were new.
func (i *Ingestor) insertRaw(ctx context.Context, tx *sql.Tx, part []config.AnalyticsEvent, ids []uuid.UUID, inserted map[uuid.UUID]bool) error {
	args := make([]any, 0, len(part)*len(rawCols))
	for k := range part {
		args = rawArgs(args, ids[k], &part[k])
	}
	stmt, err := i.statement(ctx, tx, rawTable, i.shape(len(part)))
	if err != nil {
		return err
	}
	if i.dialect == dialect.Postgres {
		args = columnar(args, len(rawCols))
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("analytics: insert events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("analytics: insert events: %w", err)
		}
		inserted[id] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("analytics: insert events: %w", err)
	}
	return nil
}

func (i *Ingestor) upsertRollups(ctx context.Context, tx *sql.Tx, table string, rows []*rollupRow) error {
	for _, c := range i.chunks(len(rows), rollupChunk) {
		part := rows[c[0]:c[1]]
		args := make([]any, 0, len(part)*len(rollupCols))
		for _, r := range part {
			args = rollupArgs(args, r)
		}
		stmt, err := i.statement(ctx, tx, table, i.shape(len(part)))
		if err != nil {
			return err
		}
		if i.dialect == dialect.Postgres {
			args = columnar(args, len(rollupCols))
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("analytics: update %s: %w", table, err)
		}
	}
	return nil
}

const rawTable = "analytics_events"

func largestPow2(n int) int {
	p := 1
	for p*2 <= n {
		p *= 2
	}
	return p
}

// On PostgreSQL every batch is one statement whatever its size: each
// column goes as one array parameter through unnest, which pgx binds far
// faster than thousands of scalar parameters.

// chunks is how a batch of n rows is split into statements.
func (i *Ingestor) chunks(n, size int) [][2]int {
	if i.dialect == dialect.Postgres {
		if n == 0 {
			return nil
		}
		return [][2]int{{0, n}}
	}
	return chunks(n, size)
}

// shape is the prepared statement serving n rows: 0 is the unnest one.
func (i *Ingestor) shape(n int) int {
	if i.dialect == dialect.Postgres {
		return 0
	}
	return n
}

func rawArgs(args []any, id uuid.UUID, e *config.AnalyticsEvent) []any {
	return append(args, id, e.RequestID, e.Time, e.OrganizationID, e.APIID, e.APIName, e.APIVersion,
		e.APIContext, e.Method, e.Resource, e.ApplicationID, e.Application, e.Subscriber, e.KeyType, e.ClientIP,
		e.UserAgent, e.Status, e.ErrorType, e.RequestBytes, e.ResponseBytes, e.LatencyMS, e.BackendLatencyMS,
		e.GatewayID, e.Environment, e.Country)
}

// prepare readies the insert statements of every shape chunks produces,
// before any transaction holds SQLite's only connection. Parsing a
// 12,000-parameter statement costs about as much as running it, so each
// shape is parsed once per process.
func (i *Ingestor) prepare(ctx context.Context) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	if len(i.stmts) > 0 {
		return nil
	}
	stmts := map[string]*sql.Stmt{}
	for _, t := range []struct {
		table string
		size  int
	}{{rawTable, rawChunk}, {minuteTable, rollupChunk}, {hourTable, rollupChunk}} {
		sizes := shapes(t.size)
		if i.dialect == dialect.Postgres {
			sizes = []int{0}
		}
		for _, n := range sizes {
			var b strings.Builder
			if n == 0 {
				cols := rawCols
				sample := rawArgs(nil, uuid.Nil, &config.AnalyticsEvent{})
				if t.table != rawTable {
					cols, sample = rollupCols, rollupArgs(nil, &rollupRow{})
				}
				b.WriteString(unnestInsert(t.table, cols, sample))
				if t.table == rawTable {
					b.WriteString(" ON CONFLICT (id) DO NOTHING RETURNING id")
				} else {
					b.WriteString(upsertSet(t.table))
				}
			} else if t.table == rawTable {
				b.WriteString("INSERT INTO " + rawTable + " (" + strings.Join(rawCols, ", ") + ") VALUES ")
				writeValues(&b, i.dialect, n, len(rawCols))
				b.WriteString(" ON CONFLICT (id) DO NOTHING RETURNING id")
			} else {
				b.WriteString(upsertSQL(i.dialect, t.table, n))
			}
			stmt, err := i.db.PrepareContext(ctx, b.String())
			if err != nil {
				for _, s := range stmts {
					s.Close()
				}
				return fmt.Errorf("analytics: prepare %s insert: %w", t.table, err)
			}
			stmts[stmtKey(t.table, n)] = stmt
		}
	}
	i.stmts = stmts
	return nil
}

// shapes are the statement sizes chunks uses: size and the powers of two
// below it.
func shapes(size int) []int {
	out := []int{size}
	for p := 1; p < size; p *= 2 {
		out = append(out, p)
	}
	return out
}

func stmtKey(table string, n int) string { return fmt.Sprintf("%s/%d", table, n) }

// statement is the prepared insert of n rows into table, bound to tx.
func (i *Ingestor) statement(ctx context.Context, tx *sql.Tx, table string, n int) (*sql.Stmt, error) {
	i.mu.Lock()
	stmt, ok := i.stmts[stmtKey(table, n)]
	i.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("analytics: no prepared insert of %d rows into %s", n, table)
	}
	return tx.StmtContext(ctx, stmt), nil
}

// truncate cuts s to at most n bytes of valid UTF-8: a header a client
// sent must not make a batch that PostgreSQL refuses, and so is redelivered
// forever.
func truncate(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToValidUTF8(s, "")
}
