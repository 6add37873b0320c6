package auth

import (
	"fmt"
	"testing"
	"time"
)

// TestHole17_LockoutIsPerAccountAndAddress: five wrong passwords from one
// address lock that address for the account, not the owner elsewhere; the
// per-account ceiling still locks every address when an attacker rotates
// addresses; locks end after their window.
func TestHole17_LockoutIsPerAccountAndAddress(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLockout(func() time.Time { return now })
	const attacker, owner = "198.51.100.1", "203.0.113.9"

	for range pairThreshold {
		l.Failed("alice", attacker)
	}
	if got := l.Locked("alice", attacker); got != firstLock {
		t.Errorf("after %d failures from A: A locked for %v, want %v", pairThreshold, got, firstLock)
	}
	if got := l.Locked("alice", owner); got != 0 {
		t.Errorf("the owner at B is locked for %v by A's failures, want not locked", got)
	}
	if got := l.Locked("bob", attacker); got != 0 {
		t.Errorf("another account from A locked for %v", got)
	}
	l.Succeeded("alice", owner)
	if got := l.Locked("alice", attacker); got != firstLock {
		t.Errorf("the owner's success at B lifted A's lock: %v", got)
	}

	// The window ends: A may try again.
	now = now.Add(firstLock)
	if got := l.Locked("alice", attacker); got != 0 {
		t.Errorf("after the window A is still locked for %v", got)
	}

	// An attacker rotating addresses (4 tries each, under every per-address
	// threshold) reaches the account's ceiling: every address is locked,
	// the owner's too.
	now = now.Add(2 * forgetAfter)
	for i := 0; i < accountCeiling; i++ {
		ip := fmt.Sprintf("10.%d.%d.1", i/4/250, i/4%250)
		if got := l.Locked("alice", ip); got != 0 {
			t.Fatalf("failure %d: %s locked for %v before the ceiling", i+1, ip, got)
		}
		l.Failed("alice", ip)
	}
	if got := l.Locked("alice", owner); got != firstLock {
		t.Errorf("at the ceiling the owner's address is locked for %v, want %v", got, firstLock)
	}
	// Backoff past the ceiling, then the window ends.
	now = now.Add(firstLock)
	l.Failed("alice", "10.200.0.1")
	if got := l.Locked("alice", owner); got != 2*firstLock {
		t.Errorf("one more failure past the ceiling: locked for %v, want %v", got, 2*firstLock)
	}
	now = now.Add(2 * firstLock)
	if got := l.Locked("alice", owner); got != 0 {
		t.Errorf("after the window the owner is still locked for %v", got)
	}
}
