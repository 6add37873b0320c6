package analytics

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
)

// BenchmarkTraffic answers the dashboard's question over 10 million calls
// spread evenly over the last 7 days. It seeds the rollup rows those calls
// would have produced directly (ingesting 10 million events first would
// take minutes and measure ingest again): 220 combinations of API,
// application, user, resource and status an hour, hour rows for 7 days and
// minute rows for the last day.
func BenchmarkTraffic(b *testing.B) {
	for _, kind := range storetest.Kinds {
		b.Run(kind, func(b *testing.B) {
			st := storetest.Open(b, kind)
			org := uuid.New()
			now := time.Now().UTC()
			seedRollups(b, st, org.String(), now, 10_000_000)
			q := NewQueries(st)
			ctx := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: uuid.New(), OrgID: org, Roles: []viewer.Role{viewer.Publisher}})
			for _, r := range []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour} {
				b.Run(r.String(), func(b *testing.B) {
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						s, err := q.Traffic(ctx, Filter{From: now.Add(-r), To: now})
						if err != nil {
							b.Fatal(err)
						}
						if s.Requests == 0 || len(s.TopAPIs) == 0 {
							b.Fatal("no traffic")
						}
					}
				})
			}
		})
	}
}

func seedRollups(b *testing.B, st *store.Store, org string, now time.Time, events int) {
	ctx := context.Background()
	ing := NewIngestor(st, nil, nil, discard(), nil)
	if err := ing.prepare(ctx); err != nil {
		b.Fatal(err)
	}
	const combos = 220 // benchEvent's first 220 calls make 88 distinct rollup keys
	const keys = 88
	week := 7 * 24
	perHour := events / (week * keys)
	seed := func(table string, step time.Duration, n int, requests int) {
		var rows []*rollupRow
		seen := map[rollupKey]bool{}
		flush := func() {
			tx, err := st.DB.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := ing.upsertRollups(ctx, tx, table, rows); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			rows = rows[:0]
		}
		total := 0
		defer func() { b.Logf("seeded %d %s rows", total, table) }()
		start := now.Truncate(step).Add(-time.Duration(n-1) * step)
		for t := range n {
			for c := range combos {
				e := benchEvent(c, start)
				e.OrganizationID = org
				r := &rollupRow{rollupKey: rollupKey{
					Bucket: start.Add(time.Duration(t) * step).Unix(), Org: org, APIID: e.APIID, AppID: e.ApplicationID,
					Resource: resourceOf(&e), User: e.Subscriber, StatusClass: e.Status / 100, ErrorType: errorTypeOf(&e),
				}, APIName: e.APIName, APIVersion: e.APIVersion, App: e.Application, Requests: int64(requests)}
				if failed(&e) {
					r.Errors = r.Requests
				}
				r.Hist[bucketOf(e.LatencyMS)] = r.Requests
				if seen[r.rollupKey] {
					continue
				}
				seen[r.rollupKey] = true
				rows = append(rows, r)
				total++
				if len(rows) == 4000 {
					flush()
				}
			}
		}
		if len(rows) > 0 {
			flush()
		}
	}
	seed(hourTable, Hour, week, perHour)
	seed(minuteTable, Minute, 24*60, max(perHour/60, 1))
}
