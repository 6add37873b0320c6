package dataplane

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

const petsDefinition = `{
  "openapi": "3.0.3",
  "info": {"title": "Pets", "version": "1"},
  "paths": {
    "/pets/{id}": {"get": {"parameters": [
        {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
        {"name": "fields", "in": "query", "schema": {"type": "string", "enum": ["all", "short"]}}],
      "responses": {"200": {"description": "ok"}}}},
    "/pets": {"post": {"requestBody": {"required": true, "content": {"application/json": {"schema": {
        "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}},
      "responses": {"201": {"description": "created"}}},
      "put": {"responses": {"200": {"description": "ok"}}}}
  }
}`

func TestRequestValidation(t *testing.T) {
	be := backend(t)
	snap := &config.Snapshot{Environment: "Default", APIs: []config.API{{ID: "p", Name: "P", Context: "pets", Version: "v1",
		ProductionEndpoint: be.URL, Definition: petsDefinition,
		Operations: []config.Operation{
			{Method: "GET", Target: "/pets/{id}", ValidateRequest: true},
			{Method: "POST", Target: "/pets", ValidateRequest: true},
			{Method: "PUT", Target: "/pets"},
		}}}}
	snap.Seal()
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, target, body string
		wantStatus                 int
		wantDetail                 string
	}{
		{"valid path parameter", "GET", "/pets/v1/pets/42?fields=all", "", 200, ""},
		{"path parameter of the wrong type", "GET", "/pets/v1/pets/abc", "", 400, `parameter \"id\"`},
		{"query parameter outside its enum", "GET", "/pets/v1/pets/1?fields=none", "", 400, `parameter \"fields\"`},
		{"valid body", "POST", "/pets/v1/pets", `{"name":"Rex"}`, 200, ""},
		{"body missing a required field", "POST", "/pets/v1/pets", `{"age":3}`, 400, "request body"},
		{"malformed JSON", "POST", "/pets/v1/pets", `{"name":`, 400, "request body"},
		{"missing body", "POST", "/pets/v1/pets", "", 400, "request body"},
		{"resource without validation", "PUT", "/pets/v1/pets", `not json`, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *http.Request
			if tt.body != "" {
				r = httptest.NewRequest(tt.method, "http://gw"+tt.target, strings.NewReader(tt.body))
				r.Header.Set("Content-Type", "application/json")
			} else {
				r = httptest.NewRequest(tt.method, "http://gw"+tt.target, nil)
			}
			w := httptest.NewRecorder()
			g.ServeHTTP(w, r)
			if w.Code != tt.wantStatus || !strings.Contains(w.Body.String(), tt.wantDetail) {
				t.Errorf("%d %s, want %d mentioning %s", w.Code, w.Body.String(), tt.wantStatus, tt.wantDetail)
			}
			if tt.wantStatus == 400 && w.Header().Get("Content-Type") != "application/problem+json" && !strings.Contains(w.Body.String(), `"code":400`) {
				t.Errorf("error shape: %s %s", w.Header().Get("Content-Type"), w.Body.String())
			}
			if tt.wantStatus == 200 && tt.method == "POST" && w.Body.String() != "POST /pets" {
				t.Errorf("backend saw %q", w.Body.String())
			}
		})
	}
}
