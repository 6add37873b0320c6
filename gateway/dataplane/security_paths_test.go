package dataplane

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// passAll covers every method and path: tests about something else than
// resources give their APIs it, since an API without resources serves
// nothing (hole 3).
var passAll = func() []config.Operation {
	var ops []config.Operation
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"} {
		ops = append(ops, config.Operation{Method: m, Target: "/*"})
	}
	return ops
}()

// pathBackend records the paths it is called with, decoded the way
// net/http decodes them for a handler.
type pathBackend struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newPathBackend(t *testing.T) *pathBackend {
	b := &pathBackend{}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		b.paths = append(b.paths, r.Method+" "+r.URL.Path)
		b.mu.Unlock()
		fmt.Fprint(w, `{"ok":true}`)
	}))
	t.Cleanup(b.Close)
	return b
}

// take returns the calls the backend saw since the last take.
func (b *pathBackend) take() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.paths
	b.paths = nil
	return p
}

func wantProblem(t *testing.T, what string, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	var body problem.Body
	if w.Code != status || json.Unmarshal(w.Body.Bytes(), &body) != nil || body.Code != status || body.Message == "" || body.Description == "" {
		t.Errorf("%s: %d %s, want %d with the problem shape", what, w.Code, w.Body, status)
	}
}

func send(pg *policyGateway, method, target, token string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	pg.g.ServeHTTP(w, r)
	return w
}

// TestHole2_OpenResourceDoesNotReachSecuredOne: with an open GET
// /open/{name} and a secured GET /secure, no spelling of "../secure" under
// the open resource reaches the backend (400), an encoded spelling of
// /secure is matched as /secure (a token is asked for), and ordinary calls
// reach the backend at the path that was authorized.
func TestHole2_OpenResourceDoesNotReachSecuredOne(t *testing.T) {
	be := newPathBackend(t)
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, func(s *config.Snapshot) {
		s.APIs[0].ProductionEndpoint = be.URL + "/base"
		s.APIs[0].Operations = []config.Operation{{Method: "GET", Target: "/open/{name}"}, {Method: "GET", Target: "/secure", AuthRequired: true}}
	})
	for _, attack := range []string{
		"/shop/v1/open/%2e%2e%2fsecure", "/shop/v1/open/..%2fsecure", "/shop/v1/open/%2E%2E%2Fsecure",
		"/shop/v1/open/%2e%2e%5csecure", "/shop/v1/open/%252e%252e%252fsecure", "/shop/v1/open/..;/secure",
		"/shop/v1/open/%2e%2e/secure", "/shop/v1/open/x/../../secure", "/shop/v1/open/%c0%ae%c0%ae%c0%afsecure",
		"/shop/v1/open/x%00", "/shop/v1/open//secure",
	} {
		wantProblem(t, attack, send(pg, "GET", attack, ""), http.StatusBadRequest)
		if got := be.take(); len(got) > 0 {
			t.Errorf("%s reached the backend as %v", attack, got)
		}
	}
	for _, tt := range []struct {
		target, token string
		status        int
		backend       string // "": not called
	}{
		{"/shop/v1/open/menu", "", 200, "GET /base/open/menu"},
		{"/shop/v1/open/caf%C3%A9", "", 200, "GET /base/open/café"},
		{"/shop/v1/secure", "", 401, ""},
		{"/shop/v1/%73ecure", "", 401, ""}, // matched as /secure, as the backend reads it
		{"/shop/v1/%73ecure", pg.token, 200, "GET /base/secure"},
		{"/shop/v1/secure", pg.token, 200, "GET /base/secure"},
	} {
		w := send(pg, "GET", tt.target, tt.token)
		if w.Code != tt.status {
			t.Errorf("GET %s (token %v): %d %s, want %d", tt.target, tt.token != "", w.Code, w.Body, tt.status)
		}
		got := be.take()
		if tt.backend == "" && len(got) > 0 || tt.backend != "" && (len(got) != 1 || got[0] != tt.backend) {
			t.Errorf("GET %s: backend saw %v, want %q", tt.target, got, tt.backend)
		}
	}
}

// TestHole3_ResourcesBoundWhatIsServed: an API without resources answers
// 404 for every method and path, with or without a token; an API with only
// GET /a answers 405 for POST /a and 404 for /b. The backend sees none of
// them.
func TestHole3_ResourcesBoundWhatIsServed(t *testing.T) {
	be := newPathBackend(t)
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, func(s *config.Snapshot) {
		s.APIs[0].ProductionEndpoint = be.URL
		s.APIs[0].Operations = nil
		s.APIs[0].IsDefaultVersion = true
		one := s.APIs[0]
		one.ID, one.Name, one.Context, one.IsDefaultVersion = "api-2", "One", "one", false
		one.Operations = []config.Operation{{Method: "GET", Target: "/a"}}
		s.APIs = append(s.APIs, one)
		s.Subscriptions = append(s.Subscriptions, config.Subscription{ApplicationID: "app-1", APIID: "api-2", Tier: "Bronze", Status: "UNBLOCKED"})
	})
	for _, method := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"} {
		for _, target := range []string{"/shop/v1", "/shop/v1/", "/shop/v1/data", "/shop/v1/a/b/c?x=1", "/shop/data"} {
			for _, token := range []string{"", pg.token} {
				w := send(pg, method, target, token)
				if method == "HEAD" {
					if w.Code != http.StatusNotFound {
						t.Errorf("HEAD %s: %d, want 404", target, w.Code)
					}
				} else {
					wantProblem(t, method+" "+target, w, http.StatusNotFound)
				}
			}
		}
	}
	wantProblem(t, "POST /one/v1/a", send(pg, "POST", "/one/v1/a", ""), http.StatusMethodNotAllowed)
	wantProblem(t, "GET /one/v1/b", send(pg, "GET", "/one/v1/b", ""), http.StatusNotFound)
	if got := be.take(); len(got) > 0 {
		t.Errorf("the backend was called: %v", got)
	}
	if w := send(pg, "GET", "/one/v1/a", ""); w.Code != 200 {
		t.Errorf("GET /one/v1/a: %d %s, want 200", w.Code, w.Body)
	}
	if got := be.take(); len(got) != 1 || got[0] != "GET /a" {
		t.Errorf("GET /one/v1/a: backend saw %v", got)
	}
}

// TestHole14_DenyUserMatchesTheEndUser: a USER deny policy names the end
// user a token speaks for: on a user grant the user who signed in (the
// username claim), not the application's owner; on client credentials the
// owner.
func TestHole14_DenyUserMatchesTheEndUser(t *testing.T) {
	be := newPathBackend(t)
	// All tokens are of app-1, owned by alice (the subscriber claim).
	userToken := func(pg *policyGateway, id, name string) string {
		return pg.sign(map[string]any{"sub": id, "username": name, "client_id": "c1", "jti": "t-" + name})
	}
	clientToken := func(pg *policyGateway) string {
		return pg.sign(map[string]any{"sub": "c1", "client_id": "c1", "jti": "t-cc"})
	}
	tests := []struct {
		name   string
		denied string
		token  func(*policyGateway) string
		want   int
	}{
		{"bob's own token, bob denied", "bob", func(pg *policyGateway) string { return userToken(pg, "u-bob", "bob") }, 403},
		{"carol's token on the same application, bob denied", "bob", func(pg *policyGateway) string { return userToken(pg, "u-carol", "carol") }, 200},
		{"bob's token, the owner alice denied", "alice", func(pg *policyGateway) string { return userToken(pg, "u-bob", "bob") }, 200},
		{"client credentials, the owner alice denied", "alice", clientToken, 403},
		{"client credentials, bob denied", "bob", clientToken, 200},
		{"bob denied by user id, not username", "u-bob", func(pg *policyGateway) string { return userToken(pg, "u-bob", "bob") }, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, withDeny(config.DenyPolicy{OrganizationID: "org", Type: config.DenyUser, Value: tt.denied}),
				func(s *config.Snapshot) { s.APIs[0].ProductionEndpoint = be.URL })
			w := send(pg, "GET", "/shop/v1/data", tt.token(pg))
			if tt.want == 403 {
				wantProblem(t, tt.name, w, http.StatusForbidden)
				if !strings.Contains(w.Body.String(), "user is blocked") {
					t.Errorf("body %s, want the user deny reason", w.Body)
				}
			} else if w.Code != tt.want {
				t.Errorf("%d %s, want %d", w.Code, w.Body, tt.want)
			}
		})
	}
}
