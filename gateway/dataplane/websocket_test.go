package dataplane

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// wsGateway serves a WebSocket API (GET /chat) in front of a real
// WebSocket echo backend (coder/websocket), which counts the messages it
// receives.
type wsGateway struct {
	url      string
	received atomic.Int64
	token    string
	// reply makes the backend's answer to a message (nil: an echo).
	reply func(msg []byte) []byte
}

func newWSGateway(t *testing.T, p *config.WebSocketPolicy, quota int64) *wsGateway {
	t.Helper()
	wg := &wsGateway{}
	pg := newPolicyGateway(t, ratelimit.NewMemory(), quota, func(s *config.Snapshot) {
		s.APIs[0].WebSocket = p
		s.APIs[0].Operations = append(s.APIs[0].Operations, config.Operation{Method: "GET", Target: "/chat", AuthRequired: true})
	})
	pg.be.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer conn.CloseNow()
		for {
			typ, msg, err := conn.Read(r.Context())
			if err != nil {
				return
			}
			wg.received.Add(1)
			out := append([]byte("echo: "), msg...)
			if wg.reply != nil {
				out = wg.reply(msg)
			}
			if err := conn.Write(r.Context(), typ, out); err != nil {
				return
			}
		}
	})
	gw := httptest.NewServer(pg.g)
	t.Cleanup(gw.Close)
	wg.url, wg.token = "ws"+strings.TrimPrefix(gw.URL, "http")+"/shop/v1/chat", pg.token
	return wg
}

func (wg *wsGateway) dial(t *testing.T) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, wg.url, &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + wg.token}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	return conn
}

func roundTrip(ctx context.Context, conn *websocket.Conn, msg string) (string, error) {
	if err := conn.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
		return "", err
	}
	_, b, err := conn.Read(ctx)
	return string(b), err
}

func TestWebSocketThrottle(t *testing.T) {
	tests := []struct {
		name   string
		policy config.WebSocketPolicy
		quota  int64 // the subscription tier's calls a minute (0: unlimited)
	}{
		{"per-connection limit closes with 1008", config.WebSocketPolicy{MessageCount: 3, UnitSeconds: 60}, 0},
		{"subscription tier counts messages", config.WebSocketPolicy{CountSubscription: true}, 4}, // the upgrade is a call too
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wg := newWSGateway(t, &tt.policy, tt.quota)
			conn := wg.dial(t)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			for i := range 3 {
				if got, err := roundTrip(ctx, conn, "hi"); err != nil || got != "echo: hi" {
					t.Fatalf("message %d: %q %v", i+1, got, err)
				}
			}
			_, err := roundTrip(ctx, conn, "one too many")
			if code := websocket.CloseStatus(err); code != websocket.StatusPolicyViolation {
				t.Fatalf("over the limit: %v (status %d), want a close with 1008", err, code)
			}
			var ce websocket.CloseError
			if errors.As(err, &ce) && ce.Reason != "message limit exceeded" {
				t.Errorf("close reason %q", ce.Reason)
			}
			if n := wg.received.Load(); n != 3 {
				t.Errorf("backend received %d messages, want 3", n)
			}
		})
	}
}

// TestWebSocketDrop: over the limit, messages are dropped and the
// connection stays open.
func TestWebSocketDrop(t *testing.T) {
	wg := newWSGateway(t, &config.WebSocketPolicy{MessageCount: 2, UnitSeconds: 60, OverLimit: config.WSDrop}, 0)
	conn := wg.dial(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for i := range 2 {
		if got, err := roundTrip(ctx, conn, "hi"); err != nil || got != "echo: hi" {
			t.Fatalf("message %d: %q %v", i+1, got, err)
		}
	}
	for range 3 {
		if err := conn.Write(ctx, websocket.MessageBinary, make([]byte, 70000)); err != nil { // 64-bit length header
			t.Fatal(err)
		}
	}
	// Control frames still go through: once the pong is back, the backend
	// has read everything sent before the ping.
	go func() { _, _, _ = conn.Read(ctx) }() // Ping needs a reader
	if err := conn.Ping(ctx); err != nil {
		t.Fatalf("ping after dropped messages: %v", err)
	}
	if n := wg.received.Load(); n != 2 {
		t.Errorf("backend received %d messages, want 2 (the rest dropped)", n)
	}
}

// TestFrameState: headers of every length form, masked or not, split at
// any byte.
func TestFrameState(t *testing.T) {
	frames := [][]byte{
		{0x81, 0x02, 'h', 'i'},
		append([]byte{0x82, 0xfe, 0x01, 0x00, 1, 2, 3, 4}, make([]byte, 256)...),
		append([]byte{0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0}, make([]byte, 65536)...),
		{0x89, 0x80, 9, 9, 9, 9},
	}
	var stream []byte
	for _, f := range frames {
		stream = append(stream, f...)
	}
	for _, chunk := range []int{1, 3, 7, 1000, len(stream)} {
		var f frameState
		var headers []byte
		for off := 0; off < len(stream); off += chunk {
			b := stream[off:min(off+chunk, len(stream))]
			for i := 0; i < len(b); {
				n, header := f.step(b[i:])
				i += n
				if header {
					headers = append(headers, f.hdr[0])
					f.hdrLen = 0
				}
			}
		}
		if string(headers) != "\x81\x82\x82\x89" || !f.boundary() {
			t.Errorf("chunk %d: headers % x, boundary %v", chunk, headers, f.boundary())
		}
	}
}

// TestWebSocketCloseAtFrameBoundary: the close frame never cuts into a
// frame the backend is sending; the client reads the whole answer to its
// last admitted message, then the 1008 close.
func TestWebSocketCloseAtFrameBoundary(t *testing.T) {
	wg := newWSGateway(t, &config.WebSocketPolicy{MessageCount: 1, UnitSeconds: 60}, 0)
	big := strings.Repeat("x", 4<<20) // several writes on the way through
	wg.reply = func(msg []byte) []byte { return []byte(big) }
	conn := wg.dial(t)
	conn.SetReadLimit(8 << 20)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := conn.Write(ctx, websocket.MessageText, []byte("first")); err != nil {
		t.Fatal(err)
	}
	// Start reading the answer, so the backend is in the middle of its
	// frame when the next message breaks the limit.
	_, rd, err := conn.Reader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 1024)
	if _, err := io.ReadFull(rd, head); err != nil {
		t.Fatal(err)
	}
	if err := conn.Write(ctx, websocket.MessageText, []byte("over the limit")); err != nil {
		t.Fatal(err)
	}
	rest, err := io.ReadAll(rd)
	if err != nil || len(head)+len(rest) != len(big) {
		t.Fatalf("answer to the first message: %d bytes, %v; want all %d", len(head)+len(rest), err, len(big))
	}
	if _, _, err := conn.Read(ctx); websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
		t.Fatalf("then: %v, want a close with 1008", err)
	}
}
