package auth

import (
	"testing"
	"time"
)

func TestLockoutBackoff(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLockout(func() time.Time { return now })
	fail := func(n int, user, ip string) {
		for range n {
			l.Failed(user, ip)
		}
	}

	fail(4, "alice", "10.0.0.1")
	if got := l.Locked("alice", "10.0.0.1"); got != 0 {
		t.Fatalf("after 4 failures: locked for %v, want not locked", got)
	}
	fail(1, "alice", "10.0.0.1")
	steps := []struct {
		name string
		want time.Duration
	}{
		{"5th failure locks for 30s", 30 * time.Second},
	}
	for _, s := range steps {
		if got := l.Locked("alice", "10.0.0.1"); got != s.want {
			t.Errorf("%s: locked for %v", s.name, got)
		}
	}
	// Each further failure doubles the lock.
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		now = now.Add(l.Locked("alice", "10.0.0.1"))
		fail(1, "alice", "10.0.0.1")
		if got := l.Locked("alice", "10.0.0.1"); got != want {
			t.Errorf("failure %d after the lock: locked for %v, want %v", 6+i, got, want)
		}
	}
	// The lock is capped.
	fail(20, "alice", "")
	if got := l.Locked("alice", ""); got != maxLock {
		t.Errorf("after many failures: locked for %v, want the cap %v", got, maxLock)
	}
	// Another account is not locked; a success clears the account.
	if got := l.Locked("bob", ""); got != 0 {
		t.Errorf("bob locked for %v", got)
	}
	l.Succeeded("alice", "")
	if got := l.Locked("alice", ""); got != 0 {
		t.Errorf("after success: locked for %v", got)
	}

	// An address spraying many names locks at its own threshold.
	now = now.Add(2 * time.Hour)
	for i := range addressThreshold {
		l.Failed(string(rune('a'+i))+"-user", "192.0.2.7")
	}
	if got := l.Locked("fresh-user", "192.0.2.7"); got != firstLock {
		t.Errorf("address after %d failures: locked for %v, want %v", addressThreshold, got, firstLock)
	}
	if got := l.Locked("fresh-user", "192.0.2.8"); got != 0 {
		t.Errorf("another address locked for %v", got)
	}

	// A quiet hour forgets old failures.
	fail(4, "carol", "")
	now = now.Add(forgetAfter + time.Minute)
	fail(1, "carol", "")
	if got := l.Locked("carol", ""); got != 0 {
		t.Errorf("old failures still count: locked for %v", got)
	}
}
