package dataplane

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// WebSocket message throttling. The gateway stays a transparent proxy of
// the upgraded connection (httputil.ReverseProxy copies the bytes), and
// reads only the frame headers of RFC 6455 section 5.2 on the way through:
// each data message the client starts (a text or binary frame; its
// continuation frames and control frames do not count) is counted against
// the API's per-connection limit and, when the policy says so, against the
// caller's subscription tier. Over a limit the policy either drops the
// message (the backend never sees it; the connection stays open) or, by
// default, closes the connection with status 1008 (policy violation): the
// client gets a close frame at the next frame boundary of the backend's
// stream, the backend a (masked) close frame, and the client's own close
// reply is awaited briefly before the TCP connection is closed. Parsing
// headers in place rather than terminating the WebSocket in the gateway
// keeps extensions, subprotocols and the backend's frames untouched.

// wsCloseWait bounds how long a connection closed for a violation waits
// for the client's close reply, and for the backend to finish a frame.
const wsCloseWait = 2 * time.Second

// wsUpgrade reports whether r asks to become a WebSocket.
func wsUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// wsMessageJudge says whether one more client message may go through.
type wsMessageJudge func() bool

// throttleWebSocket wraps w so that the connection it hijacks counts the
// client's messages, when the API has a WebSocket policy and r is an
// upgrade.
func (g *Gateway) throttleWebSocket(w http.ResponseWriter, r *http.Request, c *call) http.ResponseWriter {
	p := c.api.WebSocket
	if p == nil || !wsUpgrade(r) || (p.MessageCount <= 0 && !p.CountSubscription) {
		return w
	}
	var judges []func(context.Context) bool
	if p.MessageCount > 0 {
		// Per connection: a counter of its own, gone with the connection.
		win := connWindow{limit: p.MessageCount, period: int64(p.UnitSeconds) * int64(time.Second)}
		judges = append(judges, func(context.Context) bool { return win.take(time.Now().UnixNano()) })
	}
	if p.CountSubscription && c.principal != nil {
		if t := c.st.policies.tiers[tierKey(c.api.OrganizationID, "SUBSCRIPTION", c.principal.Tier)]; t != nil && !t.bandwidth {
			key := c.principal.ThrottleKey
			if key == "" {
				key = "sub:" + c.principal.ApplicationID + ":" + c.api.ID
			}
			l := t.limit
			judges = append(judges, func(ctx context.Context) bool {
				d, err := g.limiter.Allow(ctx, key, l)
				// Counters out of reach: the limiter's failure mode has
				// decided already (err only when failing closed).
				return err == nil && d.Allowed
			})
		}
	}
	if len(judges) == 0 {
		return w
	}
	throttled := c.route.metrics.throttled
	judge := func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		for _, j := range judges {
			if !j(ctx) {
				throttled.Inc()
				return false
			}
		}
		return true
	}
	return &wsWriter{ResponseWriter: w, judge: judge, drop: p.OverLimit == config.WSDrop}
}

// connWindow is a sliding-window counter (as ratelimit's: the current
// fixed window plus the previous one weighted by its overlap) owned by one
// connection's reading goroutine, so it needs no lock.
type connWindow struct {
	limit, period    int64
	start, prev, cur int64
}

func (w *connWindow) take(now int64) bool {
	ws := now - now%w.period
	if ws != w.start {
		if ws-w.start == w.period {
			w.prev = w.cur
		} else {
			w.prev = 0
		}
		w.start, w.cur = ws, 0
	}
	est := float64(w.prev)*float64(w.period-(now-ws))/float64(w.period) + float64(w.cur)
	if est+1 > float64(w.limit) {
		return false
	}
	w.cur++
	return true
}

// wsWriter hands ReverseProxy a counting connection when it hijacks.
type wsWriter struct {
	http.ResponseWriter
	judge wsMessageJudge
	drop  bool
}

func (w *wsWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	wc := &wsConn{Conn: conn, src: brw.Reader, judge: w.judge, drop: w.drop}
	// ReverseProxy writes the 101 answer through the buffered writer: that
	// goes straight to the client, outside the frames wc follows.
	return wc, bufio.NewReadWriter(bufio.NewReader(wc), brw.Writer), nil
}

func (w *wsWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// frameState follows a stream of frames: the header being read, then the
// payload left of the current frame.
type frameState struct {
	hdr     [14]byte
	hdrLen  int
	payload uint64
}

// step consumes b[i] as header or the run of payload starting at i; it
// returns how many bytes it consumed and, when a header completed, true.
func (f *frameState) step(b []byte) (n int, header bool) {
	if f.payload > 0 {
		n = int(min(f.payload, uint64(len(b)))) // #nosec G115 -- bounded by len(b), an int
		f.payload -= uint64(n)
		return n, false
	}
	f.hdr[f.hdrLen] = b[0]
	f.hdrLen++
	if f.hdrLen < 2 || f.hdrLen < f.headerSize() {
		return 1, false
	}
	switch l := f.hdr[1] & 0x7f; l {
	case 126:
		f.payload = uint64(binary.BigEndian.Uint16(f.hdr[2:4]))
	case 127:
		f.payload = binary.BigEndian.Uint64(f.hdr[2:10])
	default:
		f.payload = uint64(l)
	}
	return 1, true
}

func (f *frameState) headerSize() int {
	n := 2
	switch f.hdr[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if f.hdr[1]&0x80 != 0 {
		n += 4
	}
	return n
}

// boundary reports whether the stream is between frames.
func (f *frameState) boundary() bool { return f.hdrLen == 0 && f.payload == 0 }

// wsConn is the client's side of an upgraded connection, counting the
// client's messages on Read (client to backend) and following the
// backend's frames on Write (backend to client) so a close frame is only
// ever put between two frames.
type wsConn struct {
	net.Conn
	src   *bufio.Reader // the client's bytes, with any the server had read ahead
	judge wsMessageJudge
	drop  bool

	// Read side (one goroutine: ReverseProxy's copy to the backend).
	in      frameState
	raw     []byte
	pending []byte
	curDrop bool // the current frame is not forwarded
	msgDrop bool // the current message (and its continuations) is dropped
	done    bool // violated: the rest of the client's stream is not forwarded

	// Write side.
	wmu     sync.Mutex
	out     frameState
	closing bool // a close frame waits for the backend's frame boundary
	closed  bool // the close frame was sent: the backend's bytes are dropped
}

var errViolation = errors.New("websocket message limit exceeded")

func (c *wsConn) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		if c.done {
			c.drain()
			return 0, io.EOF
		}
		if c.raw == nil {
			c.raw = make([]byte, 32<<10)
		}
		n, err := c.src.Read(c.raw)
		c.filter(c.raw[:n])
		if err != nil && len(c.pending) == 0 {
			return 0, err
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	if len(c.pending) == 0 {
		c.pending = c.pending[:0:0]
	}
	return n, nil
}

// filter moves the client's bytes b to pending, leaving out dropped
// messages, and stops at a violation when the policy closes.
func (c *wsConn) filter(b []byte) {
	for i := 0; i < len(b) && !c.done; {
		if c.in.payload > 0 {
			n, _ := c.in.step(b[i:])
			if !c.curDrop {
				c.pending = append(c.pending, b[i:i+n]...)
			}
			i += n
			continue
		}
		n, header := c.in.step(b[i:])
		i += n
		if !header {
			continue
		}
		switch op := c.in.hdr[0] & 0x0f; {
		case op >= 8: // control frames always go through
			c.curDrop = false
		case op == 0: // continuation of the current message
			c.curDrop = c.msgDrop
		default: // a new text or binary message
			c.msgDrop = !c.judge()
			c.curDrop = c.msgDrop
			if c.msgDrop && !c.drop {
				c.violate()
				return
			}
		}
		if !c.curDrop {
			c.pending = append(c.pending, c.in.hdr[:c.in.hdrLen]...)
		}
		c.in.hdrLen = 0
	}
}

// violate ends the connection for a message over the limit: a close frame
// 1008 to the backend (after what was forwarded so far) and to the client.
func (c *wsConn) violate() {
	c.done = true
	c.pending = append(c.pending, closeFrame(true)...)
	// Whatever happens next (a backend stalled in the middle of a frame, a
	// client that does not read, so that a write holds wmu), the socket is
	// closed after wsCloseWait; Close unblocks a pending Write.
	time.AfterFunc(wsCloseWait, func() { _ = c.Conn.Close() })
	c.wmu.Lock()
	c.closing = true
	if c.out.boundary() {
		c.sendClose()
	}
	c.wmu.Unlock()
}

// drain reads the client's stream until its close reply (or end, or
// wsCloseWait), so that closing the socket does not reset a connection
// whose unread bytes would discard the close frame sent to the client.
func (c *wsConn) drain() {
	_ = c.Conn.SetReadDeadline(time.Now().Add(wsCloseWait))
	var f frameState
	buf := make([]byte, 4096)
	for {
		n, err := c.src.Read(buf)
		for i := 0; i < n; {
			k, header := f.step(buf[i:])
			i += k
			if header {
				if f.hdr[0]&0x0f == 0x8 {
					return
				}
				f.hdrLen = 0
			}
		}
		if err != nil {
			return
		}
	}
}

// Write forwards the backend's bytes to the client, following its frames;
// once the connection is closing, the close frame goes out at the next
// frame boundary and nothing after it.
func (c *wsConn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return len(p), nil // the client is told already; the rest is dropped
	}
	if !c.closing {
		c.track(p)
		return c.Conn.Write(p)
	}
	i := 0
	for i < len(p) && !c.out.boundary() {
		n, header := c.out.step(p[i:])
		i += n
		if header {
			c.out.hdrLen = 0
		}
	}
	if _, err := c.Conn.Write(p[:i]); err != nil {
		return 0, err
	}
	if c.out.boundary() {
		c.sendClose()
	}
	return len(p), nil
}

func (c *wsConn) track(p []byte) {
	for i := 0; i < len(p); {
		n, header := c.out.step(p[i:])
		i += n
		if header {
			c.out.hdrLen = 0
		}
	}
}

// sendClose writes the close frame to the client and half-closes the
// socket; wmu is held.
func (c *wsConn) sendClose() {
	c.closed = true
	_, _ = c.Conn.Write(closeFrame(false))
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
}

// closeFrame is a close frame with status 1008 and a reason; masked for
// the backend (frames from a client must be), plain for the client.
func closeFrame(masked bool) []byte {
	const reason = "message limit exceeded"
	payload := make([]byte, 2+len(reason))
	binary.BigEndian.PutUint16(payload, 1008)
	copy(payload[2:], reason)
	f := []byte{0x88, byte(2 + len(reason))} // a constant: folded at compile time
	if masked {
		// RFC 6455 section 5.3: the masking key must be unpredictable.
		var key [4]byte
		_, _ = rand.Read(key[:])
		f[1] |= 0x80
		f = append(f, key[:]...)
		for i := range payload {
			payload[i] ^= key[i%4]
		}
	}
	return append(f, payload...)
}
