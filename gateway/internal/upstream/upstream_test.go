package upstream

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestOutRequest(t *testing.T) {
	tests := []struct {
		name, target, inPath, rest string
		header                     http.Header
		wantURI                    string
		wantHeader                 map[string]string // "" means absent
	}{
		{"joins base and rest", "http://b:8080/base/", "/api/v1/x?q=1", "/x", nil, "/base/x?q=1",
			map[string]string{"X-Forwarded-For": "192.0.2.1", "X-Forwarded-Host": "gw.example", "X-Forwarded-Proto": "http"}},
		{"keeps escapes", "http://b", "/api/v1/a%2Fb", "/a%2Fb", nil, "/a%2Fb", nil},
		{"drops hop-by-hop fields", "http://b", "/api/v1/x", "/x",
			http.Header{"Connection": {"close, X-Secret"}, "X-Secret": {"1"}, "Keep-Alive": {"300"}, "Proxy-Authorization": {"Basic x"}, "X-Kept": {"yes"}},
			"/x", map[string]string{"Connection": "", "X-Secret": "", "Keep-Alive": "", "Proxy-Authorization": "", "X-Kept": "yes"}},
		{"appends to a prior X-Forwarded-For", "http://b", "/api/v1/x", "/x", http.Header{"X-Forwarded-For": {"203.0.113.9"}},
			"/x", map[string]string{"X-Forwarded-For": "203.0.113.9, 192.0.2.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(tt.target, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", "http://gw.example"+tt.inPath, nil)
			for k, v := range tt.header {
				r.Header[k] = v
			}
			out := p.outRequest(r, tt.rest)
			if got := out.URL.RequestURI(); got != tt.wantURI {
				t.Errorf("request URI %q, want %q", got, tt.wantURI)
			}
			if out.Host != p.target.Host || out.RequestURI != "" || out.Body != nil {
				t.Errorf("Host %q RequestURI %q Body %v: want the backend's host, no RequestURI, no body", out.Host, out.RequestURI, out.Body)
			}
			for k, want := range tt.wantHeader {
				if got := out.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestH1Client covers the lean client's connection handling: reuse, a
// pooled connection the backend closed, a backend too slow to answer, and
// a caller who goes away.
func TestH1Client(t *testing.T) {
	var conns atomic.Int64
	release := make(chan struct{})
	be := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		case "/close":
			w.Header().Set("Connection", "close")
		}
		fmt.Fprint(w, r.URL.Path)
	}))
	be.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	be.Start()
	defer be.Close()
	defer close(release)

	client := NewClient()
	p, err := New(be.URL, client, quiet())
	if err != nil {
		t.Fatal(err)
	}
	call := func(ctx context.Context, path string) (int, string, int) {
		r := httptest.NewRequest("GET", "http://gw"+path, nil).WithContext(ctx)
		w := httptest.NewRecorder()
		failed := p.Serve(w, r, path)
		return w.Code, w.Body.String(), failed
	}
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if code, body, _ := call(ctx, "/a"); code != 200 || body != "/a" {
			t.Fatalf("call %d: %d %q", i, code, body)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("5 sequential calls used %d connections, want 1", n)
	}

	be.CloseClientConnections() // the pooled connection is now dead
	if code, body, _ := call(ctx, "/b"); code != 200 || body != "/b" {
		t.Errorf("after the backend closed the pooled connection: %d %q, want a retry on a fresh one", code, body)
	}

	if code, _, _ := call(ctx, "/close"); code != 200 {
		t.Errorf("Connection: close answer: %d", code)
	}
	before := conns.Load()
	call(ctx, "/a")
	if conns.Load() != before+1 {
		t.Error("a connection the backend asked to close was pooled")
	}

	client.h1.responseHeaderTimeout = 50 * time.Millisecond
	if _, _, failed := call(ctx, "/slow"); failed != http.StatusGatewayTimeout {
		t.Errorf("slow backend: %d, want 504", failed)
	}
	client.h1.responseHeaderTimeout = time.Minute

	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, _, failed := call(cctx, "/slow"); failed != 0 {
		t.Errorf("caller gone: %d, want no answer", failed)
	}
	if code, body, _ := call(ctx, "/a"); code != 200 || body != "/a" {
		t.Errorf("after a cancelled call: %d %q", code, body)
	}
}

func TestH1SweepsIdleConnections(t *testing.T) {
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer be.Close()
	h := newH1Client()
	h.idleTimeout = time.Hour // sweep is called by hand below
	addr := be.Listener.Addr().String()
	pcs := make([]*h1Conn, 2)
	for i := range pcs {
		pc, err := h.dial(context.Background(), addr)
		if err != nil {
			t.Fatal(err)
		}
		pcs[i] = pc
		h.put(addr, pc)
	}
	pcs[0].idleSince = time.Now().Add(-2 * time.Hour)
	h.sweep()
	if got := len(h.idle[addr]); got != 1 || h.idle[addr][0] != pcs[1] {
		t.Errorf("after a sweep %d connections are pooled, want the fresh one only", got)
	}
	if _, err := pcs[0].c.Write([]byte("x")); err == nil {
		t.Error("the stale connection was not closed")
	}
}
