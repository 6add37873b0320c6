package dataplane

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// Limiter counts calls against quotas.
type Limiter = ratelimit.Limiter

// Redis failure modes (--redis-failure).
const (
	RedisFailOpen   = "open"   // fall back to this gateway's own counters
	RedisFailClosed = "closed" // refuse throttled calls with 503
)

// DefaultRedisTimeout is --redis-timeout's default.
const DefaultRedisTimeout = ratelimit.DefaultSharedTimeout

// LimiterConfig says where the counters live.
type LimiterConfig struct {
	RedisURL string // empty: in this process
	// RedisFailure is RedisFailOpen (default) or RedisFailClosed.
	RedisFailure string
	// RedisTimeout bounds each throttling decision's wait for Redis
	// (ratelimit.DefaultSharedTimeout when 0): past it the call is decided
	// by the failure mode and Redis is left alone for a while.
	RedisTimeout time.Duration
	Log          *slog.Logger
}

// NewLimiter returns the rate limiter for cfg: counters shared in Redis
// when a URL is set, in this process otherwise. close releases it. Redis
// being down at start is not fatal and does not delay the start: the
// failure mode applies until it answers.
func NewLimiter(ctx context.Context, cfg LimiterConfig) (l Limiter, close func(), err error) {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	local, stopSweep := sweptMemory(ctx)
	if cfg.RedisURL == "" {
		return local, stopSweep, nil
	}
	switch cfg.RedisFailure {
	case "", RedisFailOpen, RedisFailClosed:
	default:
		stopSweep()
		return nil, nil, fmt.Errorf("--redis-failure must be %q or %q", RedisFailOpen, RedisFailClosed)
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		stopSweep()
		return nil, nil, fmt.Errorf("--redis: %w", err)
	}
	timeout := cfg.RedisTimeout
	if timeout <= 0 {
		timeout = ratelimit.DefaultSharedTimeout
	}
	// The library's defaults (3 s reads, 3 retries, contexts' deadlines
	// ignored) let a hung Redis hold each call for seconds: every wait is
	// bounded by the decision's deadline instead, and a retry would not
	// fit in it.
	opts.ContextTimeoutEnabled = true
	opts.MaxRetries = -1
	opts.DialTimeout = max(timeout, time.Second)
	opts.ReadTimeout, opts.WriteTimeout, opts.PoolTimeout = timeout, timeout, timeout
	client := redis.NewClient(opts)
	failOpen := cfg.RedisFailure != RedisFailClosed
	mode := map[bool]string{true: "fail open: each gateway enforces quotas on its own", false: "fail closed: throttled APIs answer 503"}[failOpen]
	f := &ratelimit.Fallback{
		Shared: ratelimit.NewRedis(client, "gatehouse:sw:"), Local: local, FailOpen: failOpen,
		Timeout: timeout, Probe: time.Second, MaxProbe: ratelimit.DefaultMaxProbe,
		OnChange: func(degraded bool, err error) {
			if degraded {
				log.Error("rate-limit counters in Redis unreachable", "err", err, "mode", mode)
			} else {
				log.Info("rate-limit counters in Redis reachable again")
			}
		},
	}
	pctx, stopPing := context.WithTimeout(ctx, 5*time.Second)
	go func() {
		defer stopPing()
		if err := client.Ping(pctx).Err(); err != nil && pctx.Err() != context.Canceled {
			log.Error("Redis unreachable at start", "err", err, "mode", mode)
		}
	}()
	return f, func() { stopPing(); stopSweep(); _ = client.Close() }, nil
}

func sweptMemory(ctx context.Context) (*ratelimit.Memory, func()) {
	m := ratelimit.NewMemory()
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				m.Sweep(10 * time.Minute)
			}
		}
	}()
	return m, cancel
}

// registerFallbackMetrics shows a Redis outage: a gauge while it lasts
// and a count of the decisions made without Redis.
func registerFallbackMetrics(reg prometheus.Registerer, f *ratelimit.Fallback) {
	mode := RedisFailOpen
	if !f.FailOpen {
		mode = RedisFailClosed
	}
	reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gatehouse_gateway_ratelimit_shared_down", Help: "1 while the shared (Redis) rate-limit counters are unreachable.",
			ConstLabels: prometheus.Labels{"failure_mode": mode},
		}, func() float64 {
			if f.Degraded() {
				return 1
			}
			return 0
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "gatehouse_gateway_ratelimit_fallback_decisions_total", Help: "Throttling decisions made without Redis (local counters when failing open, refusals when failing closed).",
			ConstLabels: prometheus.Labels{"failure_mode": mode},
		}, func() float64 { return float64(f.Fallbacks()) }),
	)
}
