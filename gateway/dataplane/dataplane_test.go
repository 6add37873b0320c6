package dataplane

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func snapshotFor(endpoint string, apis ...string) *config.Snapshot {
	s := &config.Snapshot{Environment: "Default"}
	for i, ctx := range apis {
		s.APIs = append(s.APIs, config.API{ID: fmt.Sprint(i), Name: ctx, Context: ctx, Version: "v1", ProductionEndpoint: endpoint,
			Operations: passAll})
	}
	s.Seal()
	return s
}

func backend(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/base/slow" {
			time.Sleep(200 * time.Millisecond)
		}
		fmt.Fprintf(w, "%s %s", r.Method, r.URL.RequestURI())
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestServe(t *testing.T) {
	be := backend(t)
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	h := g.Handler(http.NotFoundHandler())

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/a/v1/x", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("before a snapshot: %d, want 503", rec.Code)
	}

	if _, err := g.Apply(snapshotFor(be.URL+"/base", "a", "b")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, target string
		wantStatus     int
		wantBody       string
	}{
		{"GET", "/a/v1/x?y=1", 200, "GET /base/x?y=1"},
		{"POST", "/b/v1/deep/er/", 200, "POST /base/deep/er/"},
		{"GET", "/a/v1/sp%20ace", 200, "GET /base/sp%20ace"},
		{"GET", "/a/v1/enc%2Fslash", 400, "encoded slash"},
		{"GET", "/c/v1/x", 404, `"code":404`},
		{"GET", "/a/v2/x", 404, `"code":404`},
		{"GET", "/a/v1/../../etc", 400, `"code":400`},
		{"GET", "/a/v1/%2E%2E/x", 400, `"code":400`},
		{"GET", "/readyz", 200, "ready"},
		{"POST", "/a/v1/big", 413, `"code":413`},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(tt.method, "http://gw"+tt.target, nil)
		if strings.HasSuffix(tt.target, "/big") {
			req.ContentLength = MaxBodyBytes + 1
		}
		h.ServeHTTP(rec, req)
		if rec.Code != tt.wantStatus || !strings.Contains(rec.Body.String(), tt.wantBody) {
			t.Errorf("%s %s = %d %q, want %d containing %q", tt.method, tt.target, rec.Code, rec.Body.String(), tt.wantStatus, tt.wantBody)
		}
		if tt.wantStatus >= 400 && rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: error Content-Type %q, want application/json", tt.method, tt.target, rec.Header().Get("Content-Type"))
		}
	}
}

func TestBackendDown(t *testing.T) {
	be := backend(t)
	url := be.URL
	be.Close()
	g := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(url, "a")); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	g.ServeHTTP(rec, httptest.NewRequest("GET", "/a/v1/x", nil))
	if rec.Code != http.StatusBadGateway || !strings.Contains(rec.Body.String(), `"code":502`) {
		t.Errorf("backend down: %d %s, want 502 JSON", rec.Code, rec.Body.String())
	}
}

func TestApplyRejectsInvalidAndKeepsServing(t *testing.T) {
	be := backend(t)
	g := New(quietLog(), nil, ratelimit.NewMemory())
	good := snapshotFor(be.URL, "a")
	if changed, err := g.Apply(good); err != nil || !changed {
		t.Fatalf("Apply(good) = %v, %v", changed, err)
	}
	if changed, err := g.Apply(good); err != nil || changed {
		t.Errorf("Apply(same version) = %v, %v; want unchanged", changed, err)
	}
	bad := &config.Snapshot{APIs: []config.API{{ID: "x", Context: "has space", Version: "v1", ProductionEndpoint: be.URL}}}
	bad.Seal()
	if _, err := g.Apply(bad); err == nil {
		t.Error("Apply(invalid) succeeded")
	}
	if g.Snapshot().Version != good.Version {
		t.Errorf("after a rejected snapshot the gateway serves %s, want %s", g.Snapshot().Version, good.Version)
	}
}

// fakeControlPlane serves snapshots and an SSE stream like the real one.
type fakeControlPlane struct {
	mu     sync.Mutex
	snap   *config.Snapshot
	events chan config.Event
	down   bool
}

func (f *fakeControlPlane) set(s *config.Snapshot) {
	f.mu.Lock()
	f.snap = s
	f.mu.Unlock()
	f.events <- config.Event{Environment: "Default", Version: s.Version}
}

func (f *fakeControlPlane) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	snap, down := f.snap, f.down
	f.mu.Unlock()
	if down {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	if r.Header.Get("Authorization") != "Bearer secret" {
		http.Error(w, "no", http.StatusUnauthorized)
		return
	}
	switch r.URL.Path {
	case SnapshotPath:
		_ = json.NewEncoder(w).Encode(snap)
	case EventsPath:
		w.Header().Set("Content-Type", "text/event-stream")
		w.(http.Flusher).Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case ev := <-f.events:
				b, _ := json.Marshal(ev)
				fmt.Fprintf(w, ": keep-alive\n\nevent: config\ndata: %s\n\n", b)
				w.(http.Flusher).Flush()
			}
		}
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSyncerFollowsControlPlaneAndCachesSnapshot(t *testing.T) {
	be := backend(t)
	fake := &fakeControlPlane{snap: snapshotFor(be.URL, "a"), events: make(chan config.Event, 8)}
	cp := httptest.NewServer(fake)
	defer cp.Close()
	cache := filepath.Join(t.TempDir(), "snap.json")

	ctx, cancel := context.WithCancel(context.Background())
	g := New(quietLog(), nil, ratelimit.NewMemory())
	src := &ControlPlane{BaseURL: cp.URL, Token: "secret"}
	s := &Syncer{Gateway: g, Environment: "Default", Snapshots: src, Events: src, Resync: time.Hour, CacheFile: cache}
	go s.Run(ctx)
	waitFor(t, "first snapshot", func() bool { return g.Ready() })

	next := snapshotFor(be.URL, "a", "b")
	fake.set(next)
	waitFor(t, "snapshot from event", func() bool { return g.Snapshot().Version == next.Version })
	// The cache is written just after the swap: wait for it, not the swap.
	waitFor(t, "snapshot cached", func() bool {
		c, err := readCache(cache)
		return err == nil && c.Version == next.Version
	})
	cancel()

	// The control plane goes away; a new gateway starts from the cache.
	fake.mu.Lock()
	fake.down = true
	fake.mu.Unlock()
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	g2 := New(quietLog(), nil, ratelimit.NewMemory())
	s2 := &Syncer{Gateway: g2, Environment: "Default", Snapshots: src, Events: src, Resync: time.Hour, CacheFile: cache}
	go s2.Run(ctx2)
	waitFor(t, "cached snapshot", func() bool { return g2.Ready() })
	if g2.Snapshot().Version != next.Version {
		t.Errorf("restarted gateway serves %s, want cached %s", g2.Snapshot().Version, next.Version)
	}
	rec := httptest.NewRecorder()
	g2.ServeHTTP(rec, httptest.NewRequest("GET", "/b/v1/x", nil))
	if rec.Code != 200 {
		t.Errorf("served from cache: %d %s", rec.Code, rec.Body.String())
	}
}

func TestControlPlaneRejectsBadToken(t *testing.T) {
	fake := &fakeControlPlane{snap: snapshotFor("http://x", "a"), events: make(chan config.Event)}
	cp := httptest.NewServer(fake)
	defer cp.Close()
	_, err := (&ControlPlane{BaseURL: cp.URL, Token: "wrong"}).Snapshot(context.Background(), "Default")
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("Snapshot with a wrong token = %v, want a 401 error", err)
	}
}
