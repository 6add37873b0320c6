package config

import (
	"strings"
	"testing"
)

func TestTrafficPoliciesValidate(t *testing.T) {
	tests := []struct {
		name string
		p    interface{ Validate() error }
		want string // "" : valid
	}{
		{"graphql limits", &GraphQLPolicy{MaxDepth: 5, MaxComplexity: 100, ListMultiplier: 10, FieldScopes: []FieldScope{{"Query", "orders", "orders:read"}}}, ""},
		{"graphql negative depth", &GraphQLPolicy{MaxDepth: -1}, "must not be negative"},
		{"graphql huge multiplier", &GraphQLPolicy{ListMultiplier: 1001}, "at most 1000"},
		{"graphql scope without a field", &GraphQLPolicy{FieldScopes: []FieldScope{{"Query", "", "x"}}}, "needs a type, a field and a scope"},
		{"websocket close", &WebSocketPolicy{MessageCount: 10, UnitSeconds: 1}, ""},
		{"websocket drop, subscription only", &WebSocketPolicy{CountSubscription: true, OverLimit: WSDrop}, ""},
		{"websocket limit without a unit", &WebSocketPolicy{MessageCount: 10}, "unit of at least one second"},
		{"websocket negative count", &WebSocketPolicy{MessageCount: -1}, "must not be negative"},
		{"claim condition", ConditionGroup{RequestCount: 1, UnitSeconds: 1, Conditions: []Condition{{Type: CondClaim, Name: "groups", Value: "partners"}}}, ""},
		{"claim name with a space", ConditionGroup{RequestCount: 1, UnitSeconds: 1, Conditions: []Condition{{Type: CondClaim, Name: "my plan", Value: "x"}}}, "without spaces"},
		{"websocket unknown action", &WebSocketPolicy{OverLimit: "KICK"}, "CLOSE or DROP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}
