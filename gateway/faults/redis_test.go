package faults

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/dataplane"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// Issue 15, case 1: with the shared Redis hung (SIGSTOP: connections
// open, no answers), throttled calls are decided by the failure mode at
// once instead of waiting on the client library's timeouts, the gateway
// starts without waiting for it, and it goes back to Redis when it
// answers again.
func TestHungRedis(t *testing.T) {
	for _, mode := range []string{dataplane.RedisFailOpen, dataplane.RedisFailClosed} {
		t.Run("fail "+mode, func(t *testing.T) {
			rp := startRedis(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			l, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{RedisURL: "redis://" + rp.Addr, RedisFailure: mode})
			if err != nil {
				t.Fatal(err)
			}
			defer closeLimiter()
			f := l.(*ratelimit.Fallback)
			q := ratelimit.Limit{Requests: 1_000_000, Period: time.Minute}
			if _, err := l.Allow(ctx, "k", q); err != nil || f.Degraded() {
				t.Fatalf("with Redis up: %v (degraded %v)", err, f.Degraded())
			}

			rp.Hang(t)
			const workers, each = 20, 12
			var mu sync.Mutex
			var took []time.Duration
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range each {
						// A caller that would wait: the answer must come
						// from the limiter, not from this deadline.
						cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
						start := time.Now()
						d, err := l.Allow(cctx, "k", q)
						el := time.Since(start)
						ccancel()
						switch {
						case mode == dataplane.RedisFailOpen && (err != nil || !d.Allowed):
							t.Errorf("fail open, Redis hung: %+v %v, want a local decision", d, err)
						case mode == dataplane.RedisFailClosed && !errors.Is(err, ratelimit.ErrUnavailable):
							t.Errorf("fail closed, Redis hung: %v, want ErrUnavailable", err)
						}
						mu.Lock()
						took = append(took, el)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if !f.Degraded() {
				t.Error("not degraded with Redis hung")
			}
			slices.Sort(took)
			t.Logf("fail %s, Redis hung: %d calls from %d callers: p50 %v, p99 %v, max %v; decisions without Redis %d",
				mode, len(took), workers, took[len(took)/2], took[len(took)*99/100], took[len(took)-1], f.Fallbacks())

			// A gateway starting now does not wait for the hung Redis.
			start := time.Now()
			l2, close2, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{RedisURL: "redis://" + rp.Addr, RedisFailure: mode})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("limiter start with Redis hung: %v", time.Since(start))
			_, _ = l2.Allow(ctx, "k", q)
			close2()

			rp.Resume(t)
			back := time.Now()
			for f.Degraded() {
				if time.Since(back) > 30*time.Second {
					t.Fatal("still degraded 30 s after Redis came back")
				}
				_, _ = l.Allow(ctx, "k", q)
				time.Sleep(10 * time.Millisecond)
			}
			t.Logf("back on Redis %v after it answered again", time.Since(back).Round(time.Millisecond))
			if _, err := l.Allow(ctx, "k", q); err != nil {
				t.Errorf("after recovery: %v", err)
			}
		})
	}
}
