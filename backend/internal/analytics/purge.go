package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"entgo.io/ent/dialect"
)

// Retention is how long each kind of analytics data is kept: raw events
// briefly (they are for audits and re-aggregation), rollups longer because
// they are what the charts read and they are small.
type Retention struct {
	Raw, Minutes, Hours time.Duration
}

// DefaultRetention keeps raw events a week, minute rollups a month and
// hour rollups a little over a year.
var DefaultRetention = Retention{Raw: 7 * 24 * time.Hour, Minutes: 30 * 24 * time.Hour, Hours: maxRange}

// Purger deletes analytics data past its retention.
type Purger struct {
	db        *sql.DB
	dialect   string
	retention Retention
	log       *slog.Logger
}

// NewPurger returns a purger over db; zero retentions take the defaults, and
// rollups are never kept shorter than raw events.
func NewPurger(db *sql.DB, dia string, r Retention, log *slog.Logger) *Purger {
	if r.Raw <= 0 {
		r.Raw = DefaultRetention.Raw
	}
	if r.Minutes <= 0 {
		r.Minutes = DefaultRetention.Minutes
	}
	if r.Hours <= 0 {
		r.Hours = DefaultRetention.Hours
	}
	r.Minutes = max(r.Minutes, r.Raw)
	r.Hours = max(r.Hours, r.Minutes)
	return &Purger{db: db, dialect: dia, retention: r, log: log}
}

// Run purges now and then every interval until ctx ends.
func (p *Purger) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := p.Purge(ctx, time.Now()); err != nil && ctx.Err() == nil {
			p.log.Warn("purge analytics", "err", err)
		} else if n > 0 {
			p.log.Info("purged old analytics data", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Purge deletes what is older than the retention at now; it returns the
// rows deleted.
func (p *Purger) Purge(ctx context.Context, now time.Time) (int64, error) {
	ph := "?"
	if p.dialect == dialect.Postgres {
		ph = "$1"
	}
	var total int64
	for _, d := range []struct {
		table, col string
		arg        any
	}{
		{"analytics_events", "time", now.Add(-p.retention.Raw).UTC()},
		{minuteTable, "bucket", now.Add(-p.retention.Minutes).Unix()},
		{hourTable, "bucket", now.Add(-p.retention.Hours).Unix()},
	} {
		res, err := p.db.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s < %s", d.table, d.col, ph), d.arg)
		if err != nil {
			return total, fmt.Errorf("purge %s: %w", d.table, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}
