package config

import (
	"fmt"
	"strings"
)

// GraphQLPolicy limits the queries a GraphQL API accepts. The gateway
// parses each query against Schema (the API's SDL) and refuses one deeper
// than MaxDepth or costlier than MaxComplexity (0: no limit) with 400, and
// one selecting a field of FieldScopes without the field's scope with 403.
type GraphQLPolicy struct {
	Schema        string `json:"schema"`
	MaxDepth      int    `json:"maxDepth,omitempty"`
	MaxComplexity int    `json:"maxComplexity,omitempty"`
	// ListMultiplier is what a field returning a list multiplies its
	// selection's complexity by (0 or 1: lists cost as one object).
	ListMultiplier int          `json:"listMultiplier,omitempty"`
	FieldScopes    []FieldScope `json:"fieldScopes,omitempty"`
}

// FieldScope says that selecting Type.Field needs Scope.
type FieldScope struct {
	Type  string `json:"type"`
	Field string `json:"field"`
	Scope string `json:"scope"`
}

// Validate checks the limits; the schema itself is checked by the
// publisher when the definition is stored, and by the gateway again.
func (p *GraphQLPolicy) Validate() error {
	if p.MaxDepth < 0 || p.MaxComplexity < 0 || p.ListMultiplier < 0 {
		return fmt.Errorf("graphql limits must not be negative")
	}
	if p.ListMultiplier > 1000 {
		return fmt.Errorf("graphql list multiplier must be at most 1000")
	}
	for _, f := range p.FieldScopes {
		if strings.TrimSpace(f.Type) == "" || strings.TrimSpace(f.Field) == "" || strings.TrimSpace(f.Scope) == "" {
			return fmt.Errorf("a graphql field scope needs a type, a field and a scope")
		}
	}
	return nil
}

// WebSocket over-limit actions of WebSocketPolicy.OverLimit.
const (
	WSClose = "CLOSE" // close the connection with 1008 (policy violation)
	WSDrop  = "DROP"  // drop the message, keep the connection
)

// WebSocketPolicy throttles the messages a client sends on a WebSocket
// connection through the gateway: at most MessageCount a UnitSeconds per
// connection (0: no per-connection limit), and, with CountSubscription,
// each message also counts against the caller's subscription tier as a
// call does. Control frames (ping, pong, close) never count.
type WebSocketPolicy struct {
	MessageCount      int64  `json:"messageCount,omitempty"`
	UnitSeconds       int    `json:"unitSeconds,omitempty"`
	CountSubscription bool   `json:"countSubscription,omitempty"`
	OverLimit         string `json:"overLimit,omitempty"` // CLOSE (default) or DROP
}

// Validate checks the policy.
func (p *WebSocketPolicy) Validate() error {
	if p.MessageCount < 0 {
		return fmt.Errorf("websocket message count must not be negative")
	}
	if p.MessageCount > 0 && p.UnitSeconds <= 0 {
		return fmt.Errorf("websocket message limit needs a unit of at least one second")
	}
	switch p.OverLimit {
	case "", WSClose, WSDrop:
	default:
		return fmt.Errorf("websocket over-limit action must be %s or %s", WSClose, WSDrop)
	}
	return nil
}
