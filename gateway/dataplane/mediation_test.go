package dataplane

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestMediation runs open resources with policies through the gateway to
// a backend that reports what it received.
func TestMediation(t *testing.T) {
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Backend-Secret", "leak")
		w.Header().Set("X-Kept", "yes")
		_ = json.NewEncoder(w).Encode(map[string]string{"path": r.URL.Path, "query": r.URL.RawQuery,
			"x-tenant": r.Header.Get("X-Tenant"), "x-debug": r.Header.Get("X-Debug")})
	}))
	defer be.Close()
	policies := func(p config.OperationPolicies) *config.OperationPolicies {
		out, err := p.Validate()
		if err != nil {
			t.Fatal(err)
		}
		return &out
	}
	snap := &config.Snapshot{Environment: "Default", APIs: []config.API{{ID: "m", Name: "M", Context: "m", Version: "v1", ProductionEndpoint: be.URL + "/base",
		Operations: []config.Operation{
			{Method: "GET", Target: "/plain"},
			{Method: "GET", Target: "/headers", Policies: policies(config.OperationPolicies{
				SetRequestHeaders: []config.NameValue{{Name: "x-tenant", Value: "acme"}}, RemoveRequestHeaders: []string{"X-Debug"},
				SetResponseHeaders: []config.NameValue{{Name: "Cache-Control", Value: "no-store"}}, RemoveResponseHeaders: []string{"x-backend-secret"}})},
			{Method: "GET", Target: "/query", Policies: policies(config.OperationPolicies{
				SetQueryParams: []config.NameValue{{Name: "apikey", Value: "k 1"}}, RemoveQueryParams: []string{"debug"}})},
			{Method: "GET", Target: "/old/{id}", Policies: policies(config.OperationPolicies{RewritePath: "/new"})},
			{Method: "POST", Target: "/json", Policies: policies(config.OperationPolicies{ContentTypes: []string{"application/json"}})},
		}}}}
	snap.Seal()
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, target, contentType, body string
		header                                  map[string]string
		wantStatus                              int
		wantBody                                map[string]string // fields of the backend's report
		wantHeader                              map[string]string // "" : absent
	}{
		{"no policies", "GET", "/m/v1/plain?a=1", "", "", map[string]string{"X-Debug": "1"}, 200,
			map[string]string{"path": "/base/plain", "query": "a=1", "x-debug": "1"}, map[string]string{"X-Backend-Secret": "leak"}},
		{"request and response headers", "GET", "/m/v1/headers", "", "", map[string]string{"X-Debug": "1", "X-Tenant": "evil"}, 200,
			map[string]string{"x-tenant": "acme", "x-debug": ""}, map[string]string{"X-Backend-Secret": "", "Cache-Control": "no-store", "X-Kept": "yes"}},
		{"query parameters", "GET", "/m/v1/query?debug=1&q=x", "", "", nil, 200,
			map[string]string{"query": "apikey=k+1&q=x"}, nil},
		{"path rewrite", "GET", "/m/v1/old/42?z=1", "", "", nil, 200, map[string]string{"path": "/base/new", "query": "z=1"}, nil},
		{"allowed content type", "POST", "/m/v1/json", "application/json; charset=utf-8", "{}", nil, 200, map[string]string{"path": "/base/json"}, nil},
		{"refused content type", "POST", "/m/v1/json", "text/plain", "hi", nil, 415, nil, nil},
		{"missing content type", "POST", "/m/v1/json", "", "hi", nil, 415, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body *strings.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			var r *http.Request
			if body != nil {
				r = httptest.NewRequest(tt.method, "http://gw"+tt.target, body)
			} else {
				r = httptest.NewRequest(tt.method, "http://gw"+tt.target, nil)
			}
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			g.ServeHTTP(w, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d (%s), want %d", w.Code, w.Body.String(), tt.wantStatus)
			}
			var got map[string]string
			if tt.wantBody != nil {
				if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
					t.Fatalf("body %q: %v", w.Body.String(), err)
				}
			}
			for k, want := range tt.wantBody {
				if got[k] != want {
					t.Errorf("backend saw %s = %q, want %q", k, got[k], want)
				}
			}
			for k, want := range tt.wantHeader {
				if h := w.Header().Get(k); h != want {
					t.Errorf("answer header %s = %q, want %q", k, h, want)
				}
			}
		})
	}
}

// TestResourceTier: a resource's own tier limits it for all callers, on
// top of (here: without) a subscription.
func TestResourceTier(t *testing.T) {
	be := backend(t)
	snap := &config.Snapshot{Environment: "Default",
		APIs: []config.API{{ID: "r", OrganizationID: "org", Name: "R", Context: "r", Version: "v1", ProductionEndpoint: be.URL,
			Operations: []config.Operation{{Method: "GET", Target: "/limited", Tier: "TwoPerMin"}, {Method: "GET", Target: "/free"}}}},
		Tiers: []config.Tier{{OrganizationID: "org", Level: "API", Name: "TwoPerMin", RequestCount: 2, UnitSeconds: 60}},
	}
	snap.Seal()
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, path := range []string{"/limited", "/limited", "/limited", "/free"} {
		w := httptest.NewRecorder()
		g.ServeHTTP(w, httptest.NewRequest("GET", "http://gw/r/v1"+path, nil))
		got = append(got, w.Code)
	}
	if fmt.Sprint(got) != "[200 200 429 200]" {
		t.Errorf("statuses %v, want [200 200 429 200]", got)
	}
}

func TestPoliciesValidate(t *testing.T) {
	tests := []struct {
		name      string
		in        config.OperationPolicies
		wantField string
	}{
		{"fine", config.OperationPolicies{SetRequestHeaders: []config.NameValue{{Name: "x-a", Value: "1"}}, RewritePath: "/x/y", ContentTypes: []string{"Application/JSON"}}, ""},
		{"bad header name", config.OperationPolicies{SetRequestHeaders: []config.NameValue{{Name: "a b", Value: "1"}}}, "setRequestHeaders"},
		{"header injection", config.OperationPolicies{SetResponseHeaders: []config.NameValue{{Name: "x", Value: "1\r\nSet-Cookie: a"}}}, "setResponseHeaders"},
		{"protected header", config.OperationPolicies{RemoveRequestHeaders: []string{"host"}}, "removeRequestHeaders"},
		{"relative rewrite", config.OperationPolicies{RewritePath: "x"}, "rewritePath"},
		{"climbing rewrite", config.OperationPolicies{RewritePath: "/a/../b"}, "rewritePath"},
		{"bad media type", config.OperationPolicies{ContentTypes: []string{"json"}}, "contentTypes"},
		{"empty query name", config.OperationPolicies{SetQueryParams: []config.NameValue{{Name: " ", Value: "1"}}}, "setQueryParams"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.in.Validate()
			if tt.wantField == "" {
				if err != nil || out.SetRequestHeaders[0].Name != "X-A" || out.ContentTypes[0] != "application/json" {
					t.Errorf("%+v %v", out, err)
				}
				return
			}
			pe, ok := err.(*config.PolicyError)
			if !ok || pe.Field != tt.wantField {
				t.Errorf("error %v, want one on %s", err, tt.wantField)
			}
		})
	}
}
