package dataplane

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// TestClaimConditions: an API-level tier's condition groups on the
// verified token's claims (strings, numbers, booleans, arrays), equal or
// matching a regular expression, inverted or not.
func TestClaimConditions(t *testing.T) {
	group := func(n int64, conds ...config.Condition) config.ConditionGroup {
		return config.ConditionGroup{Conditions: conds, RequestCount: n, UnitSeconds: 60}
	}
	claim := func(name, value string, regex, invert bool) config.Condition {
		return config.Condition{Type: config.CondClaim, Name: name, Value: value, Regex: regex, Invert: invert}
	}
	tests := []struct {
		name   string
		group  config.ConditionGroup
		claims map[string]any
		want   []int
		limit  string // the RateLimit field's name
	}{
		{"string claim equals", group(1, claim("plan", "free", false, false)), map[string]any{"plan": "free"}, []int{200, 429}, `"Res#1"`},
		{"string claim differs: the default", group(1, claim("plan", "free", false, false)), map[string]any{"plan": "gold"}, []int{200, 200, 200, 429}, `"Res"`},
		{"claim absent", group(1, claim("plan", "free", false, false)), nil, []int{200, 200, 200, 429}, `"Res"`},
		{"regex on a string claim", group(1, claim("email", `@example\.com$`, true, false)), map[string]any{"email": "bob@example.com"}, []int{200, 429}, `"Res#1"`},
		{"number claim", group(1, claim("level", "3", false, false)), map[string]any{"level": 3}, []int{200, 429}, `"Res#1"`},
		{"boolean claim", group(1, claim("trial", "true", false, false)), map[string]any{"trial": true}, []int{200, 429}, `"Res#1"`},
		{"any element of an array claim", group(1, claim("groups", "partners", false, false)), map[string]any{"groups": []string{"staff", "partners"}}, []int{200, 429}, `"Res#1"`},
		{"inverted: claim not equal", group(2, claim("plan", "gold", false, true)), map[string]any{"plan": "free"}, []int{200, 200, 429}, `"Res#1"`},
		{"derived claim when the token has none", group(1, claim("application", "app-1", false, false)), nil, []int{200, 429}, `"Res#1"`},
		{"claim and header together", group(1, claim("plan", "free", false, false), config.Condition{Type: config.CondHeader, Name: "x-plan", Value: "x"}), map[string]any{"plan": "free"}, []int{200, 200, 200, 429}, `"Res"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, func(s *config.Snapshot) {
				s.APIs[0].Operations[0].Tier = "Res"
				s.Tiers = append(s.Tiers, config.Tier{OrganizationID: "org", Level: "API", Name: "Res", RequestCount: 3, UnitSeconds: 60,
					ConditionGroups: []config.ConditionGroup{tt.group}})
			})
			tok := pg.sign(tt.claims)
			var last *httptest.ResponseRecorder
			for i, want := range tt.want {
				last = pg.call("/shop/v1/data", tok)
				if last.Code != want {
					t.Fatalf("call %d: %d %s, want %d", i+1, last.Code, last.Body, want)
				}
			}
			if got := last.Header().Get("RateLimit"); !strings.HasPrefix(got, tt.limit+";") {
				t.Errorf("RateLimit %q, want %s", got, tt.limit)
			}
		})
	}
}

// TestClaimConditionAllocations: judging a claim condition allocates
// nothing.
func TestClaimConditionAllocations(t *testing.T) {
	gr := group{conds: []cond{{typ: config.CondClaim, name: "groups", value: "partners"}, {typ: config.CondClaim, name: "plan", value: "free", invert: true}}}
	p := &authn.Principal{Claims: []authn.Claim{{Name: "groups", Value: "staff"}, {Name: "groups", Value: "partners"}, {Name: "plan", Value: "gold"}}}
	r := httptest.NewRequest("GET", "/", nil)
	if !gr.matches(r, p) {
		t.Fatal("the group should match")
	}
	if n := testing.AllocsPerRun(100, func() { gr.matches(r, p) }); n != 0 {
		t.Errorf("%v allocations a call, want 0", n)
	}
}
