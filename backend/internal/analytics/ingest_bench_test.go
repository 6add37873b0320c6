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

// BenchmarkStore measures ingestion, rollups included, into the database in
// gateway-sized batches of 500 events (reported as events/s). The events
// spread over 5 APIs, 11 applications (each calling one API), 4 resources
// and several statuses, about 200 rollup rows a minute, so each batch
// updates a realistic number of rollup rows.
//
// "fetch" stores 16 gateway batches in one transaction, as the ingestor
// does with what one fetch from the stream returns.
func BenchmarkStore(b *testing.B) {
	for _, kind := range storetest.Kinds {
		b.Run(kind, func(b *testing.B) { benchStore(b, kind, 500) })
		b.Run(kind+"/fetch", func(b *testing.B) { benchStore(b, kind, 16*500) })
	}
}

func benchStore(b *testing.B, kind string, size int) {
	st := storetest.Open(b, kind)
	ing := NewIngestor(st, nil, nil, discard(), nil)
	batch := make([]config.AnalyticsEvent, size)
	start := time.Now().Add(-time.Hour)
	var elapsed time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range batch {
			batch[j] = benchEvent(i*len(batch)+j, start)
		}
		t0 := time.Now()
		if err := ing.Store(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(t0)
	}
	b.ReportMetric(float64(b.N*len(batch))/elapsed.Seconds(), "events/s")
}

var benchStatuses = []int{200, 200, 200, 200, 200, 200, 201, 404, 500, 429}

func benchEvent(n int, start time.Time) config.AnalyticsEvent {
	status := benchStatuses[n%len(benchStatuses)]
	e := config.AnalyticsEvent{
		RequestID: fmt.Sprintf("bench-%d", n), Time: start.Add(time.Duration(n) * time.Millisecond),
		OrganizationID: "org", APIID: fmt.Sprintf("api-%d", n%11%5), APIName: fmt.Sprintf("API%d", n%11%5), APIVersion: "1.0.0",
		APIContext: "ctx", Method: "GET", Resource: fmt.Sprintf("/r%d", n%4), ApplicationID: fmt.Sprintf("app-%d", n%11),
		Application: fmt.Sprintf("App %d", n%11), Subscriber: fmt.Sprintf("user%d", n%11), KeyType: "PRODUCTION",
		ClientIP: "10.0.0.1", UserAgent: "bench", Status: status, RequestBytes: 120, ResponseBytes: 2048,
		LatencyMS: float64(n%300) / 3, BackendLatencyMS: 1, GatewayID: "gw", Environment: "Default",
	}
	if status == 429 {
		e.ErrorType = config.ErrorThrottled
	}
	return e
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
