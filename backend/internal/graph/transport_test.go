package graph

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestHole10_TransportKeepsBodyErrors: the JSON check in front of gqlgen
// reports a malformed body by offset only, and leaves a body over the
// router's limit to gqlgen's read error, mapped as before.
func TestHole10_TransportKeepsBodyErrors(t *testing.T) {
	const cut = `{"query": "{ x }", "variables": {"password": "hunter2hunter2"`
	tests := []struct {
		name, body string
		limit      int64
		status     int
		want       string
	}{
		{"cut short", cut, 1 << 20, http.StatusBadRequest, "invalid JSON body at byte " + strconv.Itoa(len(cut))},
		{"bad character", `{"query": "{ x }", "variables": {"password": "hunter2" x}}`, 1 << 20, http.StatusBadRequest, "invalid JSON body at byte 56"},
		{"wrong type", `{"query": ["hunter2"]}`, 1 << 20, http.StatusBadRequest, "invalid JSON body at byte 11"},
		{"over the limit", `{"query": "{ __typename }"}`, 10, http.StatusOK, "the request body is too large"},
		{"well-formed", `{"query": "{ __typename }"}`, 1 << 20, http.StatusOK, `"__typename":"Query"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := NewHandler((&Resolver{}).WithLimits(testLimits))
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			req.Body = http.MaxBytesReader(rec, req.Body, tt.limit)
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) || strings.Contains(rec.Body.String(), "hunter2") {
				t.Fatalf("%d %s, want %d with %q", rec.Code, rec.Body, tt.status, tt.want)
			}
		})
	}
}
