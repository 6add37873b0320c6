package dataplane

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestSandboxOnlyEnvironment: a sandbox-only environment's gateway never
// calls a production backend (keyless and production callers get 403); the
// same snapshot without the flag serves them.
func TestSandboxOnlyEnvironment(t *testing.T) {
	be := backend(t)
	for _, tt := range []struct {
		sandboxOnly bool
		want        int
		body        string
	}{
		{false, http.StatusOK, "GET /base/x"},
		{true, http.StatusForbidden, "sandbox keys only"},
	} {
		g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
		s := snapshotFor(be.URL+"/base", "a")
		s.Environment, s.SandboxOnly = "sandbox", tt.sandboxOnly
		s.Seal()
		if _, err := g.Apply(s); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		g.Handler(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "http://gw/a/v1/x", nil))
		if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("sandboxOnly=%v: %d %q, want %d containing %q", tt.sandboxOnly, rec.Code, rec.Body.String(), tt.want, tt.body)
		}
	}
}
