package dataplane

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/google/uuid"
)

// Request id and W3C trace context (https://www.w3.org/TR/trace-context/).
// The gateway joins the caller's trace when its traceparent is valid and
// starts one otherwise; either way the backend and the caller see the
// gateway's own span as the parent, and analytics record the trace id.

// traceIDs is what the first step of the pipeline settles for a call.
type traceIDs struct {
	requestID   string
	traceID     string // 32 lower-case hex digits
	traceparent string // as sent upstream and returned
}

// traceContext fills c.trace and sets X-Request-ID, traceparent (and a
// kept tracestate) on the request for the backend and on the response.
func traceContext(w http.ResponseWriter, r *http.Request, c *call) {
	id := r.Header.Get("X-Request-Id")
	if id == "" || len(id) > 128 || !safeID(id) {
		id = newRequestID()
	}
	var tp [55]byte
	in := r.Header.Get("Traceparent")
	flags := "01"
	if parent, ok := parseTraceparent(in); ok {
		copy(tp[:], "00-")
		copy(tp[3:35], parent[3:35]) // the caller's trace id
		flags = parent[53:55]
	} else {
		copy(tp[:], "00-")
		var b [16]byte
		putRandom(b[:])
		hex.Encode(tp[3:35], b[:])
		// A tracestate belongs to the traceparent it came with.
		delete(r.Header, "Tracestate")
	}
	var span [8]byte
	putRandom(span[:])
	tp[35] = '-'
	hex.Encode(tp[36:52], span[:])
	tp[52] = '-'
	copy(tp[53:], flags)
	c.trace.requestID = id
	c.trace.traceparent = string(tp[:])
	c.trace.traceID = c.trace.traceparent[3:35]

	// One slice each for both directions: neither side edits them.
	idv, tpv := []string{id}, []string{c.trace.traceparent}
	h := w.Header()
	h["X-Request-Id"], r.Header["X-Request-Id"] = idv, idv
	h["Traceparent"], r.Header["Traceparent"] = tpv, tpv
}

// parseTraceparent accepts version 00 exactly, and later versions by
// their first four fields, as the specification asks; ids of all zeros
// and upper-case hex are invalid.
func parseTraceparent(s string) (string, bool) {
	if len(s) < 55 || (len(s) > 55 && (s[:2] == "00" || s[55] != '-')) {
		return "", false
	}
	if s[2] != '-' || s[35] != '-' || s[52] != '-' || s[:2] == "ff" {
		return "", false
	}
	if !lowerHex(s[:2]) || !lowerHex(s[3:35]) || !lowerHex(s[36:52]) || !lowerHex(s[53:55]) {
		return "", false
	}
	if allZero(s[3:35]) || allZero(s[36:52]) {
		return "", false
	}
	return s[:55], true
}

func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func allZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// putRandom fills b from the runtime's per-thread ChaCha8 generator:
// unpredictable, and no system call per request.
// Request and event ids are identifiers, not secrets.
func putRandom(b []byte) {
	var v [8]byte
	for i := 0; i < len(b); i += 8 {
		binary.LittleEndian.PutUint64(v[:], rand.Uint64()) // #nosec G404 -- ids, not secrets (see above)
		copy(b[i:], v[:])
	}
}

// newRequestID returns a random UUID (version 4) string.
func newRequestID() string {
	var b [16]byte
	putRandom(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// newEventID returns a UUIDv7 (RFC 9562) for the call that started at t:
// 48 bits of Unix milliseconds, so ids of one moment sit together in the
// control plane's index, and 74 random bits from the runtime's ChaCha8
// generator. Not google/uuid's NewV7, which takes a process-wide lock and
// reads crypto/rand on each call: this runs once per API call.
func newEventID(t time.Time) string {
	var b uuid.UUID
	putRandom(b[6:])
	var ms [8]byte
	binary.BigEndian.PutUint64(ms[:], uint64(t.UnixMilli())) // #nosec G115 -- calls happen after 1970
	copy(b[:6], ms[2:])
	b[6] = b[6]&0x0f | 0x70 // version 7
	b[8] = b[8]&0x3f | 0x80 // variant 10
	return b.String()
}

func safeID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
