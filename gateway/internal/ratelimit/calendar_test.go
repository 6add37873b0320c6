package ratelimit

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestCalendarBounds: periods start at local midnight and on the 1st,
// across a month end, a year end and both DST changes.
func TestCalendarBounds(t *testing.T) {
	berlin, ny := mustZone(t, "Europe/Berlin"), mustZone(t, "America/New_York")
	tests := []struct {
		name       string
		cal        Calendar
		at         time.Time
		start, end time.Time
		length     time.Duration
	}{
		{"day, UTC", Calendar{}, time.Date(2026, 1, 31, 23, 59, 59, 0, time.UTC),
			time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), 24 * time.Hour},
		{"month end, Berlin", Calendar{Month: true, Loc: berlin}, time.Date(2026, 1, 31, 23, 30, 0, 0, berlin),
			time.Date(2026, 1, 1, 0, 0, 0, 0, berlin), time.Date(2026, 2, 1, 0, 0, 0, 0, berlin), 31 * 24 * time.Hour},
		{"the 1st just after midnight, Berlin, seen in UTC", Calendar{Month: true, Loc: berlin}, time.Date(2026, 1, 31, 23, 30, 0, 0, time.UTC),
			time.Date(2026, 2, 1, 0, 0, 0, 0, berlin), time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), 28 * 24 * time.Hour},
		{"year end", Calendar{Month: true}, time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC),
			time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 31 * 24 * time.Hour},
		{"spring forward: a 23-hour day", Calendar{Loc: berlin}, time.Date(2026, 3, 29, 12, 0, 0, 0, berlin),
			time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), time.Date(2026, 3, 30, 0, 0, 0, 0, berlin), 23 * time.Hour},
		{"fall back: a 25-hour day", Calendar{Loc: ny}, time.Date(2026, 11, 1, 1, 30, 0, 0, ny),
			time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 11, 2, 0, 0, 0, 0, ny), 25 * time.Hour},
		{"a month holding a DST change", Calendar{Month: true, Loc: berlin}, time.Date(2026, 3, 15, 0, 0, 0, 0, berlin),
			time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 4, 1, 0, 0, 0, 0, berlin), 31*24*time.Hour - time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := tt.cal.Bounds(tt.at)
			if !s.Equal(tt.start) || !e.Equal(tt.end) || e.Sub(s) != tt.length {
				t.Errorf("Bounds(%v) = %v .. %v (%v), want %v .. %v (%v)", tt.at, s, e, e.Sub(s), tt.start, tt.end, tt.length)
			}
		})
	}
}

// calendarTimeline drives a limiter on a fake clock: each step makes n
// calls at a time and expects admitted of them, and the last decision's
// Reset (or RetryAfter when refused) to count to the boundary.
type calendarStep struct {
	at       time.Time
	n        int
	admitted int
	toReset  time.Duration
}

func runCalendar(t *testing.T, l Limiter, clock *time.Time, limit Limit, steps []calendarStep) {
	t.Helper()
	key := uuid.NewString()
	for i, s := range steps {
		*clock = s.at
		got := 0
		var last Decision
		for j := 0; j < s.n; j++ {
			d, err := l.Allow(context.Background(), key, limit)
			if err != nil {
				t.Fatal(err)
			}
			if d.Allowed {
				got++
			}
			last = d
		}
		if got != s.admitted {
			t.Fatalf("step %d at %v: admitted %d of %d, want %d", i+1, s.at, got, s.n, s.admitted)
		}
		wait := last.Reset
		if !last.Allowed {
			wait = last.RetryAfter
		}
		if wait != s.toReset {
			t.Errorf("step %d: wait %v, want %v (to the boundary)", i+1, wait, s.toReset)
		}
	}
}

func calendarCases(t *testing.T) []struct {
	name  string
	limit Limit
	steps []calendarStep
} {
	berlin, ny := mustZone(t, "Europe/Berlin"), mustZone(t, "America/New_York")
	return []struct {
		name  string
		limit Limit
		steps []calendarStep
	}{
		{"monthly quota resets on the 1st in Berlin", Limit{Requests: 3, Calendar: &Calendar{Month: true, Loc: berlin}}, []calendarStep{
			{time.Date(2026, 1, 10, 9, 0, 0, 0, berlin), 2, 2, 21*24*time.Hour + 15*time.Hour},
			{time.Date(2026, 1, 31, 23, 59, 0, 0, berlin), 3, 1, time.Minute},
			{time.Date(2026, 2, 1, 0, 0, 0, 0, berlin), 4, 3, 28 * 24 * time.Hour},
		}},
		{"daily quota across the spring-forward night", Limit{Requests: 2, Calendar: &Calendar{Loc: berlin}}, []calendarStep{
			{time.Date(2026, 3, 28, 23, 0, 0, 0, berlin), 3, 2, time.Hour},
			{time.Date(2026, 3, 29, 0, 0, 1, 0, berlin), 3, 2, 23*time.Hour - time.Second},
			{time.Date(2026, 3, 29, 23, 59, 59, 0, berlin), 1, 0, time.Second},
		}},
		{"daily quota on the fall-back day in New York", Limit{Requests: 1, Calendar: &Calendar{Loc: ny}}, []calendarStep{
			{time.Date(2026, 11, 1, 0, 30, 0, 0, ny), 2, 1, 24*time.Hour + 30*time.Minute},
			{time.Date(2026, 11, 2, 0, 0, 0, 0, ny), 1, 1, 24 * time.Hour},
		}},
		{"allow and bill counts past the quota", Limit{Requests: 1, Mode: Bill, Calendar: &Calendar{}}, []calendarStep{
			{time.Date(2026, 5, 5, 12, 0, 0, 0, time.UTC), 3, 3, 12 * time.Hour},
		}},
	}
}

func TestMemoryCalendar(t *testing.T) {
	for _, tt := range calendarCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			var clock time.Time
			m := NewMemoryWithClock(func() time.Time { return clock })
			runCalendar(t, m, &clock, tt.limit, tt.steps)
		})
	}
}

// TestRedisCalendar runs the same timelines on Redis: each period is its
// own key named by the period's start.
func TestRedisCalendar(t *testing.T) {
	client := redisClient(t)
	for _, tt := range calendarCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			var clock time.Time
			r := NewRedis(client, "gatehouse-test:")
			r.now = func() time.Time { return clock }
			runCalendar(t, r, &clock, tt.limit, tt.steps)
		})
	}
	clock := time.Date(2026, 7, 4, 10, 0, 0, 0, time.UTC)
	r := NewRedis(client, "gatehouse-test:")
	r.now = func() time.Time { return clock }
	key := uuid.NewString()
	if _, err := r.Allow(context.Background(), key, Limit{Requests: 5, Calendar: &Calendar{}}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 7, 4, 0, 0, 0, 0, time.UTC).Unix()
	if n, err := client.Get(context.Background(), "gatehouse-test:"+key+":"+strconv.FormatInt(start, 10)).Int(); err != nil || n != 1 {
		t.Errorf("period key holds %d (%v), want 1", n, err)
	}
}

// TestCalendarBurst: a calendar quota's burst limit holds calls to that
// many a second, in memory and in Redis, while the day's quota has room.
func TestCalendarBurst(t *testing.T) {
	limiters := map[string]func(t *testing.T) Limiter{
		"memory": func(*testing.T) Limiter { return NewMemory() },
		"redis":  func(t *testing.T) Limiter { return NewRedis(redisClient(t), "gatehouse-test:") },
	}
	for name, mk := range limiters {
		t.Run(name, func(t *testing.T) {
			l := mk(t)
			key := uuid.NewString()
			lim := Limit{Requests: 1000, Burst: 3, Calendar: &Calendar{}}
			refused := 0
			// Far more calls than fit in one second: at most Burst in the
			// first second, and at most 2*Burst across two (a sliding
			// second), so most of the 20 are refused.
			for range 20 {
				d, err := l.Allow(context.Background(), key, lim)
				if err != nil {
					t.Fatal(err)
				}
				if !d.Allowed {
					refused++
					if d.RetryAfter <= 0 {
						t.Fatalf("refused without Retry-After: %+v", d)
					}
				}
			}
			if refused < 20-6 {
				t.Errorf("burst refused %d of 20 calls, want at least 14", refused)
			}
		})
	}
}
