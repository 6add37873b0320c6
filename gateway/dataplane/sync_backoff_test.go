package dataplane

import (
	"context"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

type fixedSnapshot struct{ snap *config.Snapshot }

func (f fixedSnapshot) Snapshot(context.Context, string) (*config.Snapshot, error) {
	return f.snap, nil
}

// scriptedStream ends each Follow after the next of its durations on a
// fake clock; the last one cancels the run.
type scriptedStream struct {
	now    *time.Time
	ran    []time.Duration
	cancel context.CancelFunc
}

func (s *scriptedStream) Follow(context.Context, string, func(config.Event)) error {
	*s.now = s.now.Add(s.ran[0])
	s.ran = s.ran[1:]
	if len(s.ran) == 0 {
		s.cancel()
	}
	return errStreamClosed
}

// Issue 15, case 2: a stream that ran fine and ended (a control-plane
// restart) is reconnected after the shortest wait however many came
// before; a stream that keeps failing at once backs off, with jitter.
func TestSyncerReconnectBackoff(t *testing.T) {
	healthy, broken := time.Minute, time.Duration(0)
	ran := []time.Duration{healthy, healthy, healthy, healthy, healthy, healthy}
	for range 10 {
		ran = append(ran, broken)
	}
	ran = append(ran, healthy, broken)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	var waits []time.Duration
	s := &Syncer{
		Gateway: New(quietLog(), nil, ratelimit.NewMemory()), Environment: "Default",
		Snapshots: fixedSnapshot{snapshotFor("http://127.0.0.1:1", "a")},
		Events:    &scriptedStream{now: &clock, ran: ran, cancel: cancel},
		Resync:    time.Hour,
		wait:      func(_ context.Context, d time.Duration) bool { waits = append(waits, d); return true },
		now:       func() time.Time { return clock },
	}
	s.Run(ctx)
	if len(waits) != len(ran)-1 {
		t.Fatalf("%d waits for %d stream ends: %v", len(waits), len(ran), waits)
	}
	first := func(d time.Duration) bool { return d >= 250*time.Millisecond && d <= 750*time.Millisecond }
	for i := range 6 {
		if !first(waits[i]) {
			t.Errorf("wait %d after a healthy stream: %v, want the first step (500ms ±50%%)", i, waits[i])
		}
	}
	// Ten immediate failures: 500ms ×1.5⁹ ≈ 19 s ±50% by the last.
	if w := waits[15]; w < 9*time.Second || w > 45*time.Second {
		t.Errorf("wait after ten failed reconnects: %v, want 9–45 s", w)
	}
	if !first(waits[16]) {
		t.Errorf("wait after the stream was healthy again: %v, want the first step", waits[16])
	}
	same := true
	for _, w := range waits[1:6] {
		same = same && w == waits[0]
	}
	if same {
		t.Errorf("waits %v carry no jitter", waits[:6])
	}
}
