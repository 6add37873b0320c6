package dataplane

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// Limiter counts calls against quotas.
type Limiter = ratelimit.Limiter

// NewLimiter returns the rate limiter for redisURL: counters shared in
// Redis when set, in this process otherwise. close releases it.
func NewLimiter(ctx context.Context, redisURL string) (l Limiter, close func(), err error) {
	if redisURL == "" {
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
		return m, cancel, nil
	}
	opts, err := redis.ParseURL(redisURL)
	if err != nil {
		return nil, nil, fmt.Errorf("--redis: %w", err)
	}
	client := redis.NewClient(opts)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := client.Ping(pctx).Err(); err != nil {
		client.Close()
		return nil, nil, fmt.Errorf("connect to Redis: %w", err)
	}
	return ratelimit.NewRedis(client, "gatehouse:rl:"), func() { client.Close() }, nil
}
