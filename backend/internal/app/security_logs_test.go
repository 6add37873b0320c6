package app_test

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"log/slog"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/internal/logx"
)

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(l.b.Bytes()))
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// loggedApp is an all-in-one (no gateway, SQLite) logging at debug into
// the returned buffer through the binaries' logger.
func loggedApp(t *testing.T) (*app.App, *lockedBuffer) {
	t.Helper()
	buf := &lockedBuffer{}
	log := logx.New(buf, "json", slog.LevelDebug)
	a, err := app.New(context.Background(), app.Config{
		Listen: "127.0.0.1:0", DataDir: t.TempDir(), LogLevel: "debug", LogFormat: "json",
	}, log)
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	t.Cleanup(a.Close)
	return a, buf
}

// maxLine bounds a log line: a handful of attributes, none over the cap.
const maxLine = 8 * logx.MaxValueBytes

func TestHole10_NoBodyInLogs(t *testing.T) {
	a, logs := loggedApp(t)
	const marker = "Sekr3t-Marker-Passw0rd"
	bodies := map[string]string{
		"malformed sign-up": `{"query":"mutation($p: String!) { signUp(input: {username: \"x\", email: \"x@example.com\", password: $p}) { username } }","variables":{"p":"` + marker + `"}`,
		"wrong types":       `{"query": ["` + marker + `"]}`,
		"200 KB malformed":  `{"query":"` + strings.Repeat(marker, 10_000),
	}
	for name, body := range bodies {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"BAD_USER_INPUT"`) ||
			!strings.Contains(rec.Body.String(), "invalid JSON body at byte") {
			t.Errorf("%s: %d %s, want 400 BAD_USER_INPUT invalid JSON body", name, rec.Code, rec.Body)
		}
		if strings.Contains(rec.Body.String(), marker) {
			t.Errorf("%s: the answer echoes the body: %s", name, rec.Body)
		}
	}
	lines := logs.lines()
	if len(lines) == 0 {
		t.Fatal("no log lines captured")
	}
	for _, l := range lines {
		if strings.Contains(l, marker) {
			t.Errorf("log line holds the body: %.300s", l)
		}
		if len(l) > maxLine {
			t.Errorf("log line of %d bytes (cap %d): %.300s", len(l), maxLine, l)
		}
		if strings.Contains(l, `"level":"ERROR"`) {
			t.Errorf("client error logged at ERROR: %.300s", l)
		}
	}
}
