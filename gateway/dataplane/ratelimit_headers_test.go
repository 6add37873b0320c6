package dataplane

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestRateLimitHeadersOnEveryAnswer: every answer through a throttled
// resource carries RateLimit-Policy and RateLimit (the structured-field
// form of draft-ietf-httpapi-ratelimit-headers), whatever its status: the
// backend's successes and errors, the gateway's own refusals after
// throttling, and 429s of a resource's own tier, which add Retry-After.
func TestRateLimitHeadersOnEveryAnswer(t *testing.T) {
	resTier := func(s *config.Snapshot) {
		s.Tiers = append(s.Tiers, config.Tier{OrganizationID: "org", Level: "API", Name: "PerOp", RequestCount: 2, UnitSeconds: 30})
		for i := range s.APIs[0].Operations {
			s.APIs[0].Operations[i].Tier = "PerOp"
		}
		s.APIs[0].Operations = append(s.APIs[0].Operations,
			config.Operation{Method: "GET", Target: "/fail", AuthRequired: true},
			config.Operation{Method: "POST", Target: "/graphql", AuthRequired: true})
		s.APIs[0].GraphQL = &config.GraphQLPolicy{Schema: "type Query { a: String }", MaxDepth: 1}
	}
	tests := []struct {
		name, method, path, body string
		token                    bool
		quota                    int64
		want                     []int
		policy                   string
	}{
		{"per-operation tier: 200s then 429", "GET", "/data", "", true, 0, []int{200, 200, 429}, `"PerOp";q=2;w=30`},
		{"per-operation tier on an open resource", "GET", "/open", "", false, 0, []int{200, 200, 429}, `"PerOp";q=2;w=30`},
		{"subscription tier on a backend error", "GET", "/fail", "", true, 10, []int{502}, `"Bronze";q=10;w=60`},
		{"subscription tier on the gateway's own 400", "POST", "/graphql", `{"query":"{ nope }"}`, true, 10, []int{400}, `"Bronze";q=10;w=60`},
		{"subscription tier 429", "GET", "/fail", "", true, 1, []int{502, 429}, `"Bronze";q=1;w=60`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), tt.quota, resTier)
			pg.be.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/fail" {
					w.WriteHeader(http.StatusBadGateway)
					return
				}
				w.WriteHeader(http.StatusOK)
			})
			for i, want := range tt.want {
				r := httptest.NewRequest(tt.method, "/shop/v1"+tt.path, strings.NewReader(tt.body))
				if tt.token {
					r.Header.Set("Authorization", "Bearer "+pg.token)
				}
				w := httptest.NewRecorder()
				pg.g.ServeHTTP(w, r)
				if w.Code != want {
					t.Fatalf("call %d: %d %s, want %d", i+1, w.Code, w.Body, want)
				}
				if got := w.Header().Get("RateLimit-Policy"); got != tt.policy {
					t.Errorf("call %d: RateLimit-Policy %q, want %q", i+1, got, tt.policy)
				}
				name := tt.policy[:strings.IndexByte(tt.policy, ';')]
				if got := w.Header().Get("RateLimit"); !strings.HasPrefix(got, name+";r=") || !strings.Contains(got, ";t=") {
					t.Errorf("call %d: RateLimit %q, want %s;r=..;t=..", i+1, got, name)
				}
				if ra := w.Header().Get("Retry-After"); (want == 429) != (ra != "") {
					t.Errorf("call %d: Retry-After %q", i+1, ra)
				}
			}
		})
	}
}
