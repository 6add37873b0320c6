package ratelimit

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
)

// exerciseModes runs burst control, costs and the bill and peek modes
// against any limiter.
func exerciseModes(t *testing.T, l Limiter) {
	t.Helper()
	ctx := context.Background()
	type step struct {
		limit Limit
		want  bool
		over  bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"burst holds a fast third call", []step{
			{Limit{Requests: 100, Period: time.Minute, Burst: 2}, true, false},
			{Limit{Requests: 100, Period: time.Minute, Burst: 2}, true, false},
			{Limit{Requests: 100, Period: time.Minute, Burst: 2}, false, false},
		}},
		{"bill counts over the quota, never refuses, marks the excess", []step{
			{Limit{Requests: 1, Period: time.Minute, Mode: Bill}, true, false},
			{Limit{Requests: 1, Period: time.Minute, Mode: Bill}, true, true},
			{Limit{Requests: 1, Period: time.Minute}, false, false},
		}},
		{"bill on a calendar quota", []step{
			{Limit{Requests: 1, Mode: Bill, Calendar: &Calendar{}}, true, false},
			{Limit{Requests: 1, Mode: Bill, Calendar: &Calendar{}}, true, true},
		}},
		{"peek admits until costs spend the quota", []step{
			{Limit{Requests: 1000, Period: time.Minute, Mode: Peek}, true, false},
			{Limit{Requests: 1000, Period: time.Minute, Mode: Bill, Cost: 999}, true, false},
			{Limit{Requests: 1000, Period: time.Minute, Mode: Peek}, true, false},
			{Limit{Requests: 1000, Period: time.Minute, Mode: Bill, Cost: 1}, true, false},
			{Limit{Requests: 1000, Period: time.Minute, Mode: Peek}, false, false},
		}},
		{"calendar day", []step{
			{Limit{Requests: 2, Calendar: &Calendar{}}, true, false},
			{Limit{Requests: 2, Calendar: &Calendar{}}, true, false},
			{Limit{Requests: 2, Calendar: &Calendar{}}, false, false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := uuid.NewString()
			for i, s := range tt.steps {
				d, err := l.Allow(ctx, key, s.limit)
				if err != nil || d.Allowed != s.want || d.Over != s.over {
					t.Fatalf("step %d: %+v %v, want allowed=%v over=%v", i+1, d, err, s.want, s.over)
				}
				if !d.Allowed && d.RetryAfter <= 0 {
					t.Errorf("step %d: refused without a wait", i+1)
				}
			}
		})
	}
}

func TestMemoryModes(t *testing.T) { exerciseModes(t, NewMemory()) }

func TestRedisModes(t *testing.T) {
	exerciseModes(t, NewRedis(redisClient(t), "gatehouse-test:"))
}
