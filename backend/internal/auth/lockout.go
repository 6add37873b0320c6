package auth

import (
	"sync"
	"time"
)

// Lockout slows password guessing: after a run of failed sign-ins an
// account (or a client address) is locked, for 30 s at first and twice as
// long with each further failure, up to an hour. A success clears the
// account's record. The portal's sign-in and the Key Manager's login page
// share it because both call Service.LoginFrom.
//
// Records live in memory: a restart forgets them, and each control-plane
// replica counts on its own, which still bounds guessing to a few tries a
// minute per replica.
type Lockout struct {
	mu      sync.Mutex
	records map[string]*failures
	now     func() time.Time
}

type failures struct {
	count       int
	last        time.Time
	lockedUntil time.Time
}

// Lockout policy.
const (
	accountThreshold = 5  // failures before an account locks
	addressThreshold = 20 // an office behind one NAT shares an address
	firstLock        = 30 * time.Second
	maxLock          = time.Hour
	forgetAfter      = time.Hour // a quiet hour clears the count
	maxRecords       = 100_000   // bounds memory under a spray of names
)

// NewLockout returns an empty lockout table.
func NewLockout(now func() time.Time) *Lockout {
	if now == nil {
		now = time.Now
	}
	return &Lockout{records: map[string]*failures{}, now: now}
}

func accountKey(username string) string { return "u:" + username }
func addressKey(ip string) string       { return "ip:" + ip }

// Locked reports how long the account or address must still wait.
func (l *Lockout) Locked(username, ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	wait := time.Duration(0)
	for _, k := range keys(username, ip) {
		if f := l.records[k]; f != nil && f.lockedUntil.After(now) {
			wait = max(wait, f.lockedUntil.Sub(now))
		}
	}
	return wait
}

// Failed records a failed sign-in.
func (l *Lockout) Failed(username, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.records) >= maxRecords {
		l.sweep(now)
	}
	for i, k := range keys(username, ip) {
		f := l.records[k]
		if f == nil || now.Sub(f.last) > forgetAfter {
			f = &failures{}
			l.records[k] = f
		}
		f.count++
		f.last = now
		threshold := accountThreshold
		if i == 1 {
			threshold = addressThreshold
		}
		if f.count >= threshold {
			lock := firstLock << min(f.count-threshold, 7)
			f.lockedUntil = now.Add(min(lock, maxLock))
		}
	}
}

// Succeeded clears the account's record (not the address's: one good
// password does not excuse a spray from the same place).
func (l *Lockout) Succeeded(username string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.records, accountKey(username))
}

func keys(username, ip string) []string {
	k := []string{accountKey(username)}
	if ip != "" {
		k = append(k, addressKey(ip))
	}
	return k
}

// sweep drops records that no longer lock or count.
func (l *Lockout) sweep(now time.Time) {
	for k, f := range l.records {
		if f.lockedUntil.Before(now) && now.Sub(f.last) > forgetAfter/4 {
			delete(l.records, k)
		}
	}
}
