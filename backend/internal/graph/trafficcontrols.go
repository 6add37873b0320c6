package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/gateway/config"
)

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func trafficControlsOf(tc fieldtype.TrafficControls) *model.TrafficControls {
	out := &model.TrafficControls{}
	if g := tc.GraphQL; g != nil {
		out.Graphql = &model.GraphQLLimits{MaxDepth: g.MaxDepth, MaxComplexity: g.MaxComplexity, ListMultiplier: max(g.ListMultiplier, 1)}
	}
	if w := tc.WebSocket; w != nil {
		over := model.WebSocketOverLimitClose
		if w.OverLimit == config.WSDrop {
			over = model.WebSocketOverLimitDrop
		}
		out.WebSocket = &model.WebSocketLimits{MessageCount: int(w.MessageCount), UnitSeconds: w.UnitSeconds,
			CountSubscription: w.CountSubscription, OverLimit: over}
	}
	return out
}

// trafficControlsInputOf converts the mutation's input; keepScopes is set
// when it leaves the GraphQL field scopes out.
func trafficControlsInputOf(in model.TrafficControlsInput) (fieldtype.TrafficControls, bool) {
	var out fieldtype.TrafficControls
	keep := false
	if g := in.Graphql; g != nil {
		p := &config.GraphQLPolicy{MaxDepth: g.MaxDepth, MaxComplexity: g.MaxComplexity}
		if g.ListMultiplier != nil {
			p.ListMultiplier = *g.ListMultiplier
		}
		keep = g.FieldScopes == nil
		for _, f := range g.FieldScopes {
			p.FieldScopes = append(p.FieldScopes, config.FieldScope{Type: f.Type, Field: f.Field, Scope: f.Scope})
		}
		out.GraphQL = p
	}
	if w := in.WebSocket; w != nil {
		p := &config.WebSocketPolicy{MessageCount: int64(w.MessageCount), UnitSeconds: w.UnitSeconds}
		if w.CountSubscription != nil {
			p.CountSubscription = *w.CountSubscription
		}
		if w.OverLimit != nil {
			p.OverLimit = string(*w.OverLimit)
		}
		out.WebSocket = p
	}
	return out, keep
}
