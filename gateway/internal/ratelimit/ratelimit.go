// Package ratelimit counts calls against quotas: in memory for one gateway,
// or in Redis so that every gateway of an environment shares the counters.
// Both use a leaky-bucket (GCRA-like) algorithm from a well-kept library:
// golang.org/x/time/rate in memory, go-redis/redis_rate in Redis.
package ratelimit

import (
	"context"
	"sync"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"
)

// Limit is a quota: Requests per Period, with bursts up to Burst (Requests
// when zero).
type Limit struct {
	Requests int
	Period   time.Duration
	Burst    int
}

// Decision is the outcome of one call.
type Decision struct {
	Allowed    bool
	RetryAfter time.Duration
	Remaining  int
}

// Limiter counts one call against key's quota.
type Limiter interface {
	Allow(ctx context.Context, key string, l Limit) (Decision, error)
}

// Memory keeps counters in this process.
type Memory struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	lim   *rate.Limiter
	limit Limit
	used  time.Time
}

// NewMemory returns an in-memory limiter.
func NewMemory() *Memory { return &Memory{buckets: map[string]*bucket{}, now: time.Now} }

// Allow implements Limiter.
func (m *Memory) Allow(_ context.Context, key string, l Limit) (Decision, error) {
	now := m.now()
	burst := l.Burst
	if burst <= 0 {
		burst = l.Requests
	}
	m.mu.Lock()
	b := m.buckets[key]
	if b == nil || b.limit != l {
		// A changed quota starts a fresh bucket.
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.Period/time.Duration(l.Requests)), burst), limit: l}
		m.buckets[key] = b
	}
	b.used = now
	r := b.lim.ReserveN(now, 1)
	m.mu.Unlock()
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return Decision{Allowed: false, RetryAfter: d}, nil
	}
	return Decision{Allowed: true, Remaining: int(b.lim.TokensAt(now))}, nil
}

// Sweep forgets buckets idle for longer than idle, so the map does not grow
// with every client ever seen.
func (m *Memory) Sweep(idle time.Duration) int {
	cutoff := m.now().Add(-idle)
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for k, b := range m.buckets {
		if b.used.Before(cutoff) {
			delete(m.buckets, k)
			n++
		}
	}
	return n
}

// Redis keeps counters in Redis, shared by every gateway using it.
type Redis struct {
	lim    *redis_rate.Limiter
	prefix string
}

// NewRedis returns a limiter on client; keys are prefixed with prefix.
func NewRedis(client *redis.Client, prefix string) *Redis {
	return &Redis{lim: redis_rate.NewLimiter(client), prefix: prefix}
}

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string, l Limit) (Decision, error) {
	burst := l.Burst
	if burst <= 0 {
		burst = l.Requests
	}
	res, err := r.lim.Allow(ctx, r.prefix+key, redis_rate.Limit{Rate: l.Requests, Burst: burst, Period: l.Period})
	if err != nil {
		return Decision{}, err
	}
	return Decision{Allowed: res.Allowed > 0, RetryAfter: res.RetryAfter, Remaining: res.Remaining}, nil
}
