package dataplane

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
)

func TestHTTPEmitterRetriesAndCountsDrops(t *testing.T) {
	var mu sync.Mutex
	var got []config.AnalyticsEvent
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if r.URL.Path != AnalyticsPath || r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		if calls == 1 {
			http.Error(w, "starting", http.StatusServiceUnavailable) // retried
			return
		}
		var batch []config.AnalyticsEvent
		if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got = append(got, batch...)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	reg := prometheus.NewRegistry()
	e := NewHTTPEmitter(&ControlPlane{BaseURL: srv.URL, Token: "tok"}, 3, slog.New(slog.NewTextHandler(io.Discard, nil)), reg)
	// The buffer holds at least one batch: two events past it are dropped.
	for i := range batchSize + 2 {
		e.Emit(config.AnalyticsEvent{RequestID: strconv.Itoa(i)})
	}
	if d := counterValue(t, reg, "gatehouse_gateway_analytics_dropped_total"); d != 2 {
		t.Errorf("dropped %v, want 2", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go e.Run(ctx)
	cancel()
	e.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != batchSize || got[0].RequestID != "0" || calls < 2 {
		t.Errorf("control plane got %d events in %d calls, want %d after a retry", len(got), calls, batchSize)
	}
}

func counterValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}
