// Package ratelimit counts calls against quotas: in memory for one gateway,
// or in Redis so that every gateway of an environment shares the counters.
//
// Both count with the same sliding window: the current fixed window's
// count plus the previous window's count weighted by how much of it the
// sliding window still covers. A client cannot double its quota at a
// window boundary (as with fixed windows), state is two integers a key,
// and Redis decides in one atomic script, one round trip.
package ratelimit

import (
	"context"
	_ "embed"
	"errors"
	"hash/maphash"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limit is a quota: Requests (or, for bandwidth, bytes) per Period, in a
// sliding window, or per calendar day or month when Calendar is set.
// Burst, when positive, also holds calls to that many a second.
type Limit struct {
	Requests int
	Period   time.Duration
	Burst    int
	// Cost is what this call counts (0 counts 1); bandwidth quotas count
	// response bytes.
	Cost int64
	// Mode says whether a call over the quota is refused (Enforce), let
	// through and counted (Bill), or only checked, counting nothing (Peek).
	Mode Mode
	// Calendar, when set, makes the window the calendar period holding
	// now instead of a sliding Period.
	Calendar *Calendar
}

// Mode is how a Limit treats a call.
type Mode uint8

// Modes of Limit.
const (
	Enforce Mode = iota // refuse calls over the quota
	Bill                // count every call, refuse none (allow and bill)
	Peek                // admit while the quota is not spent; count nothing
)

func (l Limit) cost() int64 {
	if l.Cost <= 0 {
		return 1
	}
	return l.Cost
}

// Decision is the outcome of one call.
type Decision struct {
	Allowed bool
	// Remaining is how many more calls the window admits now.
	Remaining int
	// Reset is when the window moves on (the RateLimit header's t).
	Reset time.Duration
	// RetryAfter is, for a refused call, when one more call fits.
	RetryAfter time.Duration
	// Over marks a call a Bill limit let through beyond the quota.
	Over bool
}

// Limiter counts one call against key's quota.
type Limiter interface {
	Allow(ctx context.Context, key string, l Limit) (Decision, error)
}

// window holds a key's counts: prev in the window before start, curr in
// the window that began at start.
type window struct {
	start, prev, curr int64
}

// take counts one call at now (nanoseconds) against limit per period
// (nanoseconds). Memory and the Redis script both follow it.
func (w *window) take(now, period int64, limit int) Decision {
	return w.takeN(now, period, limit, 1, Enforce)
}

// takeN counts cost at now in mode.
func (w *window) takeN(now, period int64, limit int, cost int64, mode Mode) Decision {
	ws := now - now%period
	if ws != w.start {
		if ws-w.start == period {
			w.prev = w.curr
		} else {
			w.prev = 0
		}
		w.curr, w.start = 0, ws
	}
	est := estimate(w.prev, w.curr, now-ws, period)
	var allowed bool
	switch mode {
	case Peek:
		allowed = est < float64(limit)
	case Bill:
		over := est+float64(cost) > float64(limit)
		w.curr += cost
		d := decide(true, limit, w.prev, w.curr, now-ws, period)
		d.Over = over
		return d
	default:
		allowed = est+float64(cost) <= float64(limit)
		if allowed {
			w.curr += cost
		}
	}
	return decide(allowed, limit, w.prev, w.curr, now-ws, period)
}

func estimate(prev, curr, elapsed, period int64) float64 {
	return float64(prev)*float64(period-elapsed)/float64(period) + float64(curr)
}

// decide turns a window's counts after a call into a Decision.
func decide(allowed bool, limit int, prev, curr, elapsed, period int64) Decision {
	est := estimate(prev, curr, elapsed, period)
	d := Decision{Allowed: allowed, Remaining: max(0, int(math.Floor(float64(limit)-est))), Reset: time.Duration(period - elapsed)}
	if allowed {
		return d
	}
	// When does prev*(P-e-t)/P + curr drop to limit-1, so one more fits?
	room := float64(limit - 1)
	var wait float64
	if float64(curr) <= room {
		if prev > 0 {
			wait = float64(period-elapsed) - (room-float64(curr))*float64(period)/float64(prev)
		}
	} else {
		// Only in the next window, where this window's count becomes prev.
		wait = float64(period-elapsed) + float64(period) - room*float64(period)/float64(curr)
	}
	d.RetryAfter = max(time.Duration(wait), time.Millisecond)
	return d
}

const shards = 64

// Memory keeps counters in this process, in shards so concurrent calls on
// different keys seldom meet on a lock.
type Memory struct {
	seed   maphash.Seed
	shards [shards]shard
	now    func() time.Time
}

type shard struct {
	mu sync.Mutex
	m  map[string]*entry
	_  [40]byte // keep shards on separate cache lines
}

type entry struct {
	window
	burst  window
	period int64
	limit  int
	used   int64 // unix nanoseconds of the last call
}

// NewMemory returns an in-memory limiter.
func NewMemory() *Memory { return NewMemoryWithClock(time.Now) }

// NewMemoryWithClock returns an in-memory limiter reading now (tests
// drive calendar quotas across boundaries with it).
func NewMemoryWithClock(now func() time.Time) *Memory {
	m := &Memory{seed: maphash.MakeSeed(), now: now}
	for i := range m.shards {
		m.shards[i].m = map[string]*entry{}
	}
	return m
}

// Allow implements Limiter.
func (m *Memory) Allow(_ context.Context, key string, l Limit) (Decision, error) {
	if l.Requests <= 0 || (l.Period <= 0 && l.Calendar == nil) {
		return Decision{Allowed: true, Remaining: math.MaxInt32}, nil
	}
	t := m.now()
	now := t.UnixNano()
	period := int64(l.Period)
	var start, end int64
	if l.Calendar != nil {
		// A calendar period is a fixed window [start, end): prev is
		// always 0 and the count starts afresh at the boundary.
		s, e := l.Calendar.Bounds(t)
		start, end = s.UnixNano(), e.UnixNano()
		period = end - start
	}
	s := &m.shards[maphash.String(m.seed, key)%shards]
	s.mu.Lock()
	e := s.m[key]
	if e == nil || e.period != period || e.limit != l.Requests || (l.Calendar != nil && e.start != start) {
		// A changed quota, or a new calendar period, starts afresh.
		e = &entry{period: period, limit: l.Requests}
		e.start = start
		s.m[key] = e
	}
	e.used = now
	if l.Burst > 0 && l.Mode != Bill {
		// Burst counts calls, whatever the quota counts: a peek counts too.
		if b := e.burst.takeN(now, int64(time.Second), l.Burst, 1, Enforce); !b.Allowed {
			s.mu.Unlock()
			return b, nil
		}
	}
	var d Decision
	if l.Calendar != nil {
		d = e.takeFixed(now, end, l)
	} else {
		d = e.takeN(now, period, l.Requests, l.cost(), l.Mode)
	}
	s.mu.Unlock()
	return d, nil
}

// takeFixed counts a call in a fixed window ending at end.
func (w *window) takeFixed(now, end int64, l Limit) Decision {
	allowed := fixedStep(&w.curr, int64(l.Requests), l.cost(), l.Mode)
	d := fixedDecision(allowed, int64(l.Requests), w.curr, end-now)
	d.Over = l.Mode == Bill && w.curr > int64(l.Requests)
	return d
}

// fixedStep applies a call to a fixed window's count; the Redis script
// follows it.
func fixedStep(curr *int64, limit, cost int64, mode Mode) bool {
	switch mode {
	case Peek:
		return *curr < limit
	case Bill:
		*curr += cost
		return true
	}
	if *curr+cost > limit {
		return false
	}
	*curr += cost
	return true
}

// fixedDecision: a refused caller waits for the next period.
func fixedDecision(allowed bool, limit, curr, left int64) Decision {
	d := Decision{Allowed: allowed, Remaining: int(max(0, limit-curr)), Reset: time.Duration(max(left, 0))}
	if !allowed {
		d.RetryAfter = max(d.Reset, time.Millisecond)
	}
	return d
}

// Sweep forgets keys idle for longer than idle, so the maps do not grow
// with every client ever seen.
func (m *Memory) Sweep(idle time.Duration) int {
	cutoff := m.now().Add(-idle).UnixNano()
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		for k, e := range s.m {
			if e.used < cutoff {
				delete(s.m, k)
				n++
			}
		}
		s.mu.Unlock()
	}
	return n
}

// Redis keeps counters in Redis, shared by every gateway using it. The
// script reads Redis's clock, so gateways need not agree on the time.
type Redis struct {
	client redis.Scripter
	prefix string
	now    func() time.Time // calendar periods only
}

//go:embed sliding_window.lua
var slidingWindowLua string

var slidingWindow = redis.NewScript(slidingWindowLua)

//go:embed calendar.lua
var calendarLua string

var calendarWindow = redis.NewScript(calendarLua)

// NewRedis returns a limiter on client; keys are prefixed with prefix.
func NewRedis(client redis.Scripter, prefix string) *Redis {
	return &Redis{client: client, prefix: prefix, now: time.Now}
}

// Allow implements Limiter: one EVALSHA (EVAL the first time).
func (r *Redis) Allow(ctx context.Context, key string, l Limit) (Decision, error) {
	if l.Requests <= 0 || (l.Period <= 0 && l.Calendar == nil) {
		return Decision{Allowed: true, Remaining: math.MaxInt32}, nil
	}
	if l.Calendar != nil {
		return r.allowCalendar(ctx, key, l)
	}
	period := max(l.Period.Microseconds(), 1)
	res, err := slidingWindow.Run(ctx, r.client, []string{r.prefix + key}, l.Requests, period, l.cost(), int(l.Mode), l.Burst).Int64Slice()
	if err != nil {
		return Decision{}, err
	}
	if len(res) != 5 {
		return Decision{}, errors.New("ratelimit: unexpected script result")
	}
	if res[4] == 1 { // the burst window refused
		return decide(false, l.Burst, res[1], res[2], res[3]*1000, int64(time.Second)), nil
	}
	// The script counts in microseconds; decide works in any unit. A
	// billed call is always let through; the script's 0 marks it over.
	if l.Mode == Bill {
		d := decide(true, l.Requests, res[1], res[2], res[3]*1000, period*1000)
		d.Over = res[0] == 0
		return d, nil
	}
	return decide(res[0] == 1, l.Requests, res[1], res[2], res[3]*1000, period*1000), nil
}

// allowCalendar counts in the key of the calendar period holding now
// (the gateway's clock: periods are civil dates, not Redis's business).
// Burst control holds calls to Burst a second in a sliding second beside
// the period's counter, as in memory.
func (r *Redis) allowCalendar(ctx context.Context, key string, l Limit) (Decision, error) {
	now := r.now()
	start, end := l.Calendar.Bounds(now)
	k := r.prefix + key + ":" + strconv.FormatInt(start.Unix(), 10)
	res, err := calendarWindow.Run(ctx, r.client, []string{k, r.prefix + key + ":burst"}, l.Requests, l.cost(), int(l.Mode), max(end.Sub(now).Milliseconds(), 1), l.Burst).Int64Slice()
	if err != nil {
		return Decision{}, err
	}
	if len(res) != 6 {
		return Decision{}, errors.New("ratelimit: unexpected script result")
	}
	if res[2] == 1 { // the burst window refused
		return decide(false, l.Burst, res[3], res[4], res[5]*1000, int64(time.Second)), nil
	}
	if l.Mode == Bill {
		d := fixedDecision(true, int64(l.Requests), res[1], int64(end.Sub(now)))
		d.Over = res[0] == 0
		return d, nil
	}
	return fixedDecision(res[0] == 1, int64(l.Requests), res[1], int64(end.Sub(now))), nil
}

// ErrUnavailable is returned by a fail-closed Fallback while its shared
// counters cannot be reached.
var ErrUnavailable = errors.New("rate-limit counters unavailable")

// Fallback decides with Shared (Redis) and, while Shared fails, either
// with Local (fail open: each gateway enforces the quota on its own) or
// not at all (fail closed: ErrUnavailable). It is a circuit breaker: each
// call to Shared has Timeout to answer, so a hung Redis holds no request
// longer than that; after a failure only one call at a time probes Shared
// again, first after Probe, then after twice as long for each failed probe
// up to MaxProbe, and every other call decides at once without it.
type Fallback struct {
	Shared, Local Limiter
	FailOpen      bool
	// Timeout bounds each call to Shared (DefaultSharedTimeout when 0).
	Timeout time.Duration
	// Probe is the first wait before Shared is tried again after a failure
	// (at least 100ms); MaxProbe caps the doubling (DefaultMaxProbe when 0).
	Probe, MaxProbe time.Duration
	// OnChange is told when Shared stops or starts answering.
	OnChange func(degraded bool, err error)

	degraded atomic.Bool
	retryAt  atomic.Int64 // unix ns; while degraded, the next probe's time
	failures atomic.Int64 // failed calls to Shared in a row
	fallback atomic.Int64
}

// Defaults of Fallback.
const (
	DefaultSharedTimeout = 50 * time.Millisecond
	DefaultMaxProbe      = 5 * time.Second
)

// Allow implements Limiter.
func (f *Fallback) Allow(ctx context.Context, key string, l Limit) (Decision, error) {
	probe := f.degraded.Load()
	if probe {
		at, now := f.retryAt.Load(), time.Now().UnixNano()
		// Whoever moves retryAt on probes; the calls meanwhile do not wait.
		if now < at || !f.retryAt.CompareAndSwap(at, now+int64(f.wait(f.failures.Load()))) {
			return f.decideWithout(ctx, key, l)
		}
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultSharedTimeout
	}
	sctx, cancel := context.WithTimeout(ctx, timeout)
	d, err := f.Shared.Allow(sctx, key, l)
	cancel()
	if err == nil {
		f.failures.Store(0)
		if f.degraded.CompareAndSwap(true, false) && f.OnChange != nil {
			f.OnChange(false, nil)
		}
		return d, nil
	}
	if ctx.Err() != nil {
		return Decision{}, err // the caller went away; Redis may be fine
	}
	// The wait doubles with each failed probe; the calls that were in
	// flight when Shared first failed count as one failure.
	switch {
	case probe:
		f.retryAt.Store(time.Now().Add(f.wait(f.failures.Add(1))).UnixNano())
	case f.degraded.CompareAndSwap(false, true):
		f.failures.Store(1)
		f.retryAt.Store(time.Now().Add(f.wait(1)).UnixNano())
		if f.OnChange != nil {
			f.OnChange(true, err)
		}
	}
	return f.decideWithout(ctx, key, l)
}

// wait is how long to leave Shared alone after n failures in a row.
func (f *Fallback) wait(n int64) time.Duration {
	d, ceiling := max(f.Probe, 100*time.Millisecond), f.MaxProbe
	if ceiling <= 0 {
		ceiling = DefaultMaxProbe
	}
	for i := int64(1); i < n && d < ceiling; i++ {
		d *= 2
	}
	return min(d, max(ceiling, f.Probe))
}

func (f *Fallback) decideWithout(ctx context.Context, key string, l Limit) (Decision, error) {
	f.fallback.Add(1)
	if !f.FailOpen {
		return Decision{}, ErrUnavailable
	}
	return f.Local.Allow(ctx, key, l)
}

// Degraded reports whether Shared is failing.
func (f *Fallback) Degraded() bool { return f.degraded.Load() }

// Fallbacks counts decisions made without Shared.
func (f *Fallback) Fallbacks() int64 { return f.fallback.Load() }
