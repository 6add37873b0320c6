package upstream

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// h1Client sends bodiless HTTP/1.1 requests to plain-http backends on
// keep-alive connections it pools itself, writing the request and reading
// the answer on the caller's goroutine. http.Transport hands every call to
// a write loop and a read loop goroutine and back; skipping those four
// hand-offs is most of what a proxy can save per call. Requests with a
// body keep using http.Transport: a pooled connection the backend closed
// while idle is only found out on use, and a bodiless request can then be
// sent again on a fresh connection, a consumed body cannot.
type h1Client struct {
	dialer                *net.Dialer
	maxIdlePerHost        int
	idleTimeout           time.Duration
	responseHeaderTimeout time.Duration

	mu       sync.Mutex
	idle     map[string][]*h1Conn // by host:port, most recently used last
	sweeping bool                 // a sweep of stale connections is scheduled
}

type h1Conn struct {
	c         net.Conn
	br        *bufio.Reader
	bw        *bufio.Writer
	idleSince time.Time
}

func newH1Client() *h1Client {
	return &h1Client{
		dialer:                &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second},
		maxIdlePerHost:        1024,
		idleTimeout:           90 * time.Second,
		responseHeaderTimeout: 60 * time.Second,
		idle:                  map[string][]*h1Conn{},
	}
}

// get returns an idle connection to addr, or nil.
func (h *h1Client) get(addr string) *h1Conn {
	h.mu.Lock()
	defer h.mu.Unlock()
	list := h.idle[addr]
	for len(list) > 0 {
		pc := list[len(list)-1]
		list[len(list)-1] = nil
		list = list[:len(list)-1]
		if time.Since(pc.idleSince) < h.idleTimeout {
			h.idle[addr] = list
			return pc
		}
		pc.c.Close()
	}
	h.idle[addr] = list
	return nil
}

func (h *h1Client) put(addr string, pc *h1Conn) {
	pc.idleSince = time.Now()
	h.mu.Lock()
	if list := h.idle[addr]; len(list) < h.maxIdlePerHost {
		h.idle[addr] = append(list, pc)
		if !h.sweeping {
			h.sweeping = true
			time.AfterFunc(h.idleTimeout, h.sweep)
		}
		h.mu.Unlock()
		return
	}
	h.mu.Unlock()
	pc.c.Close()
}

// sweep closes connections idle for longer than idleTimeout (the oldest
// sit first in each list) and comes back while any remain, so a backend
// no longer called does not keep sockets open.
func (h *h1Client) sweep() {
	cutoff := time.Now().Add(-h.idleTimeout)
	h.mu.Lock()
	defer h.mu.Unlock()
	remaining := 0
	for addr, list := range h.idle {
		n := 0
		for n < len(list) && list[n].idleSince.Before(cutoff) {
			list[n].c.Close()
			list[n] = nil
			n++
		}
		if list = list[n:]; len(list) == 0 {
			delete(h.idle, addr)
		} else {
			h.idle[addr] = list
			remaining += len(list)
		}
	}
	if h.sweeping = remaining > 0; h.sweeping {
		time.AfterFunc(h.idleTimeout/2, h.sweep)
	}
}

func (h *h1Client) dial(ctx context.Context, addr string) (*h1Conn, error) {
	c, err := h.dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	return &h1Conn{c: c, br: bufio.NewReaderSize(c, 16<<10), bw: bufio.NewWriterSize(c, 4<<10)}, nil
}

// errStale marks a pooled connection that failed before any answer.
var errStale = errors.New("pooled connection closed by the backend")

// roundTrip sends out on pc and reads the answer's header. On a
// connection from the pool, a failure before the first byte of the answer
// is errStale, so the caller can send again on a fresh one.
func (pc *h1Conn) roundTrip(out *http.Request, reused bool, headerTimeout time.Duration) (*http.Response, error) {
	_ = pc.c.SetDeadline(time.Now().Add(headerTimeout))
	if err := out.Write(pc.bw); err != nil {
		return nil, err
	}
	if err := pc.bw.Flush(); err != nil {
		if reused {
			return nil, errStale
		}
		return nil, err
	}
	if _, err := pc.br.Peek(1); err != nil {
		if reused && (errors.Is(err, io.EOF) || isReset(err)) {
			return nil, errStale
		}
		return nil, err
	}
	for {
		resp, err := http.ReadResponse(pc.br, out)
		if err != nil {
			return nil, err
		}
		// Interim answers (103 Early Hints and the like) have no body.
		if resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols {
			continue
		}
		if resp.StatusCode == http.StatusSwitchingProtocols {
			return nil, errors.New("backend switched protocols on a request that asked for no upgrade")
		}
		// The body may take as long as it takes; the caller going away
		// still ends it (see Serve).
		_ = pc.c.SetDeadline(time.Time{})
		return resp, nil
	}
}

func isReset(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && !op.Timeout()
}

// usable reports whether out can go through the h1 client.
func usable(out *http.Request) bool {
	return out.URL.Scheme == "http" && out.Body == nil && len(out.TransferEncoding) == 0 && out.Header.Get("Expect") == ""
}

// aLongTimeAgo is a deadline that has passed: setting it ends blocked I/O.
var aLongTimeAgo = time.Unix(1, 0)
