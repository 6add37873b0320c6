package dataplane

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
)

// The ids analytics and tracing depend on: v7 event ids carry the call's
// millisecond (the control plane's index orders by it), v4 request ids,
// and no two alike.
func TestIDs(t *testing.T) {
	at := time.Date(2026, 12, 7, 23, 59, 58, 123_000_000, time.UTC)
	seen := map[string]bool{}
	for range 1000 {
		ev, err := uuid.Parse(newEventID(at))
		if err != nil {
			t.Fatal(err)
		}
		if ev.Version() != 7 || ev.Variant() != uuid.RFC4122 {
			t.Fatalf("event id %s: version %d variant %v", ev, ev.Version(), ev.Variant())
		}
		var ms [8]byte
		copy(ms[2:], ev[:6])
		if got := int64(binary.BigEndian.Uint64(ms[:])); got != at.UnixMilli() {
			t.Fatalf("event id %s holds %d ms, want %d", ev, got, at.UnixMilli())
		}
		req, err := uuid.Parse(newRequestID())
		if err != nil || req.Version() != 4 || req.Variant() != uuid.RFC4122 {
			t.Fatalf("request id %s: %v", req, err)
		}
		for _, id := range []string{ev.String(), req.String()} {
			if seen[id] {
				t.Fatalf("id %s repeated", id)
			}
			seen[id] = true
		}
	}
}

// A masked close frame unmasks to status 1008 and its reason, with a
// fresh key each time.
func TestCloseFrameMasked(t *testing.T) {
	a, b := closeFrame(true), closeFrame(true)
	if a[0] != 0x88 || a[1]&0x80 == 0 || int(a[1]&0x7f) != len(a)-6 {
		t.Fatalf("header % x", a[:2])
	}
	key, payload := a[2:6], append([]byte(nil), a[6:]...)
	for i := range payload {
		payload[i] ^= key[i%4]
	}
	if binary.BigEndian.Uint16(payload) != 1008 || string(payload[2:]) != "message limit exceeded" {
		t.Fatalf("payload %q", payload)
	}
	if string(a[2:6]) == string(b[2:6]) && string(closeFrame(true)[2:6]) == string(a[2:6]) {
		t.Fatal("the masking key repeats")
	}
	if plain := closeFrame(false); plain[1]&0x80 != 0 || string(plain[4:]) != "message limit exceeded" {
		t.Fatalf("plain frame % x", plain)
	}
}
