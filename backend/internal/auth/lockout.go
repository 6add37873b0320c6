package auth

import (
	"sync"
	"time"
)

// Lockout slows password guessing without letting anyone lock an owner
// out (as Keycloak's brute-force detector does): failures count per
// (account, client address), so five wrong passwords from one address
// lock that address for that account only, for 30 s at first and twice as
// long with each further failure, up to an hour; the owner still signs in
// from an address that has not failed. A per-account ceiling across all
// addresses (100 failures, then the same backoff) bounds an attacker who
// rotates addresses, and an address spraying many accounts locks at its
// own threshold. A success clears that (account, address) record only.
// The portal's sign-in and the Key Manager's login page share it because
// both call Service.LoginFrom.
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
	pairThreshold    = 5   // failures of one account from one address before that pair locks
	addressThreshold = 20  // an office behind one NAT shares an address
	accountCeiling   = 100 // failures of one account from all addresses before it locks everywhere
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

// pairKey is one account from one address (an address has no space, so
// the key is unambiguous).
func pairKey(username, ip string) string { return "p:" + ip + " " + username }

// Locked reports how long a sign-in to the account from the address must
// still wait: the pair's lock, the address's, or the account's ceiling.
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
	for _, k := range keys(username, ip) {
		f := l.records[k]
		if f == nil || now.Sub(f.last) > forgetAfter {
			f = &failures{}
			l.records[k] = f
		}
		f.count++
		f.last = now
		if threshold := thresholdOf(k); f.count >= threshold {
			lock := firstLock << min(f.count-threshold, 7)
			f.lockedUntil = now.Add(min(lock, maxLock))
		}
	}
}

// Succeeded clears the record of the account from that address (not the
// address's: one good password does not excuse a spray from the same
// place; nor the account's ceiling: the owner's success elsewhere does not
// excuse failures from addresses the owner never used).
func (l *Lockout) Succeeded(username, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.records, pairKey(username, ip))
}

// keys are the records a sign-in counts against: the pair, the account's
// ceiling and, when known, the address.
func keys(username, ip string) []string {
	k := []string{pairKey(username, ip), accountKey(username)}
	if ip != "" {
		k = append(k, addressKey(ip))
	}
	return k
}

func thresholdOf(key string) int {
	switch key[0] {
	case 'p':
		return pairThreshold
	case 'u':
		return accountCeiling
	default:
		return addressThreshold
	}
}

// sweep drops records that no longer lock or count.
func (l *Lockout) sweep(now time.Time) {
	for k, f := range l.records {
		if f.lockedUntil.Before(now) && now.Sub(f.last) > forgetAfter/4 {
			delete(l.records, k)
		}
	}
}
