package analytics

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// BenchmarkStore measures ingestion into the database in gateway-sized
// batches of 500 events (reported as events/s).
func BenchmarkStore(b *testing.B) {
	for _, kind := range storetest.Kinds {
		b.Run(kind, func(b *testing.B) {
			st := storetest.Open(b, kind)
			ing := NewIngestor(st.Client, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
			batch := make([]config.AnalyticsEvent, 500)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for j := range batch {
					batch[j] = config.AnalyticsEvent{RequestID: fmt.Sprintf("b%d-%d", i, j), Time: time.Now(),
						APIID: "api", APIName: "PizzaShackAPI", Method: "GET", Resource: "/menu", Status: 200, LatencyMS: 1.5}
				}
				if err := ing.Store(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*len(batch))/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func TestStoreIsIdempotent(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			st := storetest.Open(t, kind)
			ing := NewIngestor(st.Client, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
			batch := []config.AnalyticsEvent{{RequestID: "a", Status: 200, Time: time.Now()}, {RequestID: "b", Status: 500, Time: time.Now()}, {RequestID: ""}}
			for range 3 {
				if err := ing.Store(context.Background(), batch); err != nil {
					t.Fatal(err)
				}
			}
			if n := st.Client.AnalyticsEvent.Query().CountX(context.Background()); n != 2 {
				t.Errorf("stored %d events after three deliveries, want 2", n)
			}
		})
	}
}
