package ratelimit

import (
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
)

// exercise runs the same table against any limiter: 3 a minute, so the
// fourth call in a row is refused with a wait, and keys do not share.
func exercise(t *testing.T, l Limiter) {
	t.Helper()
	ctx := context.Background()
	key := uuid.NewString()
	quota := Limit{Requests: 3, Period: time.Minute}
	for i := 1; i <= 3; i++ {
		d, err := l.Allow(ctx, key, quota)
		if err != nil || !d.Allowed || d.Remaining != 3-i {
			t.Fatalf("call %d: %+v %v, want allowed with %d remaining", i, d, err, 3-i)
		}
	}
	d, err := l.Allow(ctx, key, quota)
	if err != nil || d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > 2*time.Minute || d.Remaining != 0 {
		t.Errorf("call 4: %+v %v, want refused with a wait under two periods", d, err)
	}
	if d, _ := l.Allow(ctx, key+"-other", quota); !d.Allowed {
		t.Errorf("another key was refused: %+v", d)
	}
}

func TestMemory(t *testing.T) {
	exercise(t, NewMemory())
}

// TestWindow drives the sliding window through a timeline: each step
// makes n calls at offset at (from the start of a window) and expects
// admitted of them to pass.
func TestWindow(t *testing.T) {
	const P = int64(time.Minute)
	type step struct {
		at       time.Duration
		n        int
		admitted int
	}
	tests := []struct {
		name  string
		limit int
		steps []step
	}{
		{"fills up within a window", 10, []step{{0, 12, 10}}},
		{"no burst at the boundary", 10, []step{{59 * time.Second, 10, 10}, {60*time.Second + time.Millisecond, 10, 0}}},
		{"previous window weighs by overlap", 10, []step{{59 * time.Second, 10, 10}, {90 * time.Second, 10, 5}}},
		{"a skipped window forgets", 10, []step{{0, 10, 10}, {150 * time.Second, 10, 10}}},
		{"a steady rate under the quota always passes", 4, []step{
			{0, 1, 1}, {20 * time.Second, 1, 1}, {40 * time.Second, 1, 1}, {60 * time.Second, 1, 1},
			{80 * time.Second, 1, 1}, {100 * time.Second, 1, 1}, {120 * time.Second, 1, 1}, {140 * time.Second, 1, 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := 1000 * P // aligned to a window start
			var w window
			for i, s := range tt.steps {
				got := 0
				var last Decision
				for j := 0; j < s.n; j++ {
					last = w.take(base+int64(s.at), P, tt.limit)
					if last.Allowed {
						got++
					}
				}
				if got != s.admitted {
					t.Fatalf("step %d (%d calls at %v): admitted %d, want %d", i, s.n, s.at, got, s.admitted)
				}
				if !last.Allowed && (last.RetryAfter <= 0 || last.RetryAfter > 2*time.Minute) {
					t.Errorf("step %d: refused with RetryAfter %v", i, last.RetryAfter)
				}
			}
		})
	}
}

// TestRetryAfterIsEnough checks that a refused caller who waits the
// advised time is admitted, and one who comes back a little early is not.
func TestRetryAfterIsEnough(t *testing.T) {
	const P = int64(time.Minute)
	for _, at := range []time.Duration{0, 20 * time.Second, 59 * time.Second} {
		var w window
		base := 1000 * P
		now := base + int64(at)
		var d Decision
		for d = w.take(now, P, 5); d.Allowed; d = w.take(now, P, 5) {
		}
		probe := w
		if early := probe.take(now+int64(d.RetryAfter)-int64(time.Second), P, 5); early.Allowed {
			t.Errorf("at %v: admitted a second before the advised %v", at, d.RetryAfter)
		}
		if ok := w.take(now+int64(d.RetryAfter)+int64(time.Millisecond), P, 5); !ok.Allowed {
			t.Errorf("at %v: refused after waiting the advised %v", at, d.RetryAfter)
		}
	}
}

func TestMemoryRefillsAndSweeps(t *testing.T) {
	m := NewMemory()
	now := time.Unix(1000, 0)
	m.now = func() time.Time { return now }
	q := Limit{Requests: 1, Period: time.Second}
	if d, _ := m.Allow(context.Background(), "k", q); !d.Allowed {
		t.Fatal("first call refused")
	}
	if d, _ := m.Allow(context.Background(), "k", q); d.Allowed {
		t.Fatal("second call in the same instant allowed")
	}
	now = now.Add(2 * time.Second)
	if d, _ := m.Allow(context.Background(), "k", q); !d.Allowed {
		t.Error("call after the window slid past refused")
	}
	now = now.Add(time.Hour)
	if n := m.Sweep(time.Minute); n != 1 {
		t.Errorf("Sweep removed %d keys, want 1", n)
	}
}

// failing is a shared limiter that is down until up is set.
type failing struct {
	up    atomic.Bool
	calls atomic.Int64
}

func (f *failing) Allow(context.Context, string, Limit) (Decision, error) {
	f.calls.Add(1)
	if !f.up.Load() {
		return Decision{}, errors.New("connection refused")
	}
	return Decision{Allowed: true, Remaining: 99}, nil
}

func TestFallback(t *testing.T) {
	q := Limit{Requests: 2, Period: time.Minute}
	tests := []struct {
		name     string
		failOpen bool
		want     []bool // allowed, call by call, while shared is down
		wantErr  error
	}{
		{"open uses local limits", true, []bool{true, true, false}, nil},
		{"closed refuses", false, []bool{false, false, false}, ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shared := &failing{}
			var changes []bool
			f := &Fallback{Shared: shared, Local: NewMemory(), FailOpen: tt.failOpen, Probe: time.Hour,
				OnChange: func(degraded bool, _ error) { changes = append(changes, degraded) }}
			for i, want := range tt.want {
				d, err := f.Allow(context.Background(), "k", q)
				if d.Allowed != want || !errors.Is(err, tt.wantErr) {
					t.Errorf("call %d: %+v, %v; want allowed=%v err=%v", i, d, err, want, tt.wantErr)
				}
			}
			if shared.calls.Load() != 1 {
				t.Errorf("shared tried %d times within one probe interval, want 1", shared.calls.Load())
			}
			if !f.Degraded() || f.Fallbacks() != 3 {
				t.Errorf("Degraded=%v Fallbacks=%d, want true and 3", f.Degraded(), f.Fallbacks())
			}
			shared.up.Store(true)
			f.retryAt.Store(0) // the probe interval has passed
			if d, err := f.Allow(context.Background(), "k", q); err != nil || d.Remaining != 99 {
				t.Errorf("after recovery: %+v %v, want the shared decision", d, err)
			}
			if len(changes) != 2 || !changes[0] || changes[1] {
				t.Errorf("OnChange calls %v, want [true false]", changes)
			}
		})
	}
}

func redisClient(t *testing.T) *redis.Client {
	t.Helper()
	addr := os.Getenv("GATEHOUSE_TEST_REDIS")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	client := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { client.Close() })
	if err := client.Ping(context.Background()).Err(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Redis at %s is required under CI=true: %v", addr, err)
		}
		t.Skipf("Redis at %s is not reachable (%v); skipping", addr, err)
	}
	return client
}

func TestRedis(t *testing.T) {
	client := redisClient(t)
	exercise(t, NewRedis(client, "gatehouse-test:"))
	// Two gateways on one Redis share the count.
	a, b := NewRedis(client, "gatehouse-test:"), NewRedis(client, "gatehouse-test:")
	key, q := uuid.NewString(), Limit{Requests: 2, Period: time.Minute}
	a.Allow(context.Background(), key, q)
	b.Allow(context.Background(), key, q)
	if d, _ := a.Allow(context.Background(), key, q); d.Allowed {
		t.Error("the third call across two gateways was allowed: counters are not shared")
	}
}

// TestRedisIsAtomic races many callers on one key: exactly the limit pass.
func TestRedisIsAtomic(t *testing.T) {
	client := redisClient(t)
	l := NewRedis(client, "gatehouse-test:")
	key, q := uuid.NewString(), Limit{Requests: 50, Period: time.Hour}
	var admitted atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				d, err := l.Allow(context.Background(), key, q)
				if err != nil {
					t.Error(err)
					return
				}
				if d.Allowed {
					admitted.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	// A window boundary inside the run could only lower the count (the
	// previous window's calls still weigh), never raise it.
	if got := admitted.Load(); got != 50 {
		t.Errorf("admitted %d of 200 racing calls, want exactly 50", got)
	}
}

// hung is a shared limiter that never answers: it waits for the caller's
// deadline, as a Redis stopped mid-connection does.
type hung struct{ calls atomic.Int64 }

func (h *hung) Allow(ctx context.Context, _ string, _ Limit) (Decision, error) {
	h.calls.Add(1)
	<-ctx.Done()
	return Decision{}, ctx.Err()
}

// A hung Redis holds no call past Timeout, and while the breaker is open
// exactly one call at a time probes it.
func TestFallbackBreakerOnHungShared(t *testing.T) {
	shared := &hung{}
	f := &Fallback{Shared: shared, Local: NewMemory(), FailOpen: true, Timeout: 10 * time.Millisecond, Probe: time.Hour}
	q := Limit{Requests: 1000, Period: time.Minute}
	calls := func(n int) {
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// The caller's own deadline is long: a decision must come
				// from the breaker, not from the caller giving up.
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				if d, err := f.Allow(ctx, "k", q); err != nil || !d.Allowed {
					t.Errorf("call: %+v %v, want the local decision", d, err)
				}
			}()
		}
		wg.Wait()
	}
	calls(1)
	if !f.Degraded() || shared.calls.Load() != 1 {
		t.Fatalf("after the first timeout: degraded=%v shared calls=%d", f.Degraded(), shared.calls.Load())
	}
	calls(200)
	if got := shared.calls.Load(); got != 1 {
		t.Errorf("shared called %d times while the breaker was open, want 1", got)
	}
	f.retryAt.Store(0) // the probe's time has come
	calls(200)
	if got := shared.calls.Load(); got != 2 {
		t.Errorf("shared called %d times after the probe time, want 2 (one probe)", got)
	}
	if f.Fallbacks() != 401 {
		t.Errorf("Fallbacks=%d, want 401", f.Fallbacks())
	}
}

func TestFallbackWait(t *testing.T) {
	tests := []struct {
		probe, ceiling time.Duration
		failures       int64
		want           time.Duration
	}{
		{time.Second, 5 * time.Second, 1, time.Second},
		{time.Second, 5 * time.Second, 2, 2 * time.Second},
		{time.Second, 5 * time.Second, 3, 4 * time.Second},
		{time.Second, 5 * time.Second, 4, 5 * time.Second},
		{time.Second, 5 * time.Second, 60, 5 * time.Second},
		{time.Second, 0, 10, DefaultMaxProbe},
		{0, 0, 1, 100 * time.Millisecond},
		{time.Hour, 0, 3, time.Hour}, // a probe longer than the ceiling is kept
	}
	for _, tt := range tests {
		f := &Fallback{Probe: tt.probe, MaxProbe: tt.ceiling}
		if got := f.wait(tt.failures); got != tt.want {
			t.Errorf("Probe %v MaxProbe %v after %d failures: %v, want %v", tt.probe, tt.ceiling, tt.failures, got, tt.want)
		}
	}
}
