package ratelimit

import (
	"context"
	"os"
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
		if err != nil || !d.Allowed {
			t.Fatalf("call %d: %+v %v, want allowed", i, d, err)
		}
	}
	d, err := l.Allow(ctx, key, quota)
	if err != nil || d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > 20*time.Second+time.Second {
		t.Errorf("call 4: %+v %v, want refused with a wait of about 20s", d, err)
	}
	if d, _ := l.Allow(ctx, key+"-other", quota); !d.Allowed {
		t.Errorf("another key was refused: %+v", d)
	}
}

func TestMemory(t *testing.T) {
	exercise(t, NewMemory())
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
	now = now.Add(time.Second)
	if d, _ := m.Allow(context.Background(), "k", q); !d.Allowed {
		t.Error("call after the period refused")
	}
	now = now.Add(time.Hour)
	if n := m.Sweep(time.Minute); n != 1 {
		t.Errorf("Sweep removed %d buckets, want 1", n)
	}
}

func TestRedis(t *testing.T) {
	addr := os.Getenv("GATEHOUSE_TEST_REDIS")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	client := redis.NewClient(&redis.Options{Addr: addr})
	defer client.Close()
	if err := client.Ping(context.Background()).Err(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Redis at %s is required under CI=true: %v", addr, err)
		}
		t.Skipf("Redis at %s is not reachable (%v); skipping", addr, err)
	}
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
