package definition

import (
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v4"
)

// Extension names Gatehouse writes into the OpenAPI definitions it exports,
// one set per operation: what the gateway enforces for it. Reading them
// back on import is what lets a publisher export, edit the text and save
// without losing a setting.
const (
	ExtPolicies          = "x-gatehouse-policies"
	ExtThrottlingTier    = "x-throttling-tier"
	ExtRequestValidation = "x-gatehouse-request-validation"
	ExtAuthRequired      = "x-gatehouse-auth-required"
	ExtScopes            = "x-scopes"
)

// GatewaySettings are the x-gatehouse extensions of one operation; nil
// fields were not written.
type GatewaySettings struct {
	AuthRequired      *bool     `json:"authRequired,omitempty"`
	Scopes            *[]string `json:"scopes,omitempty"`
	ThrottlingTier    *string   `json:"throttlingTier,omitempty"`
	RequestValidation *bool     `json:"requestValidation,omitempty"`
	// Policies is the x-gatehouse-policies object as JSON; its meaning
	// (gateway/config.OperationPolicies) is checked by the Publisher.
	Policies json.RawMessage `json:"policies,omitempty"`
}

// gatewaySettings reads op's extensions, reporting each that has the wrong
// shape where it is written; nil when op has none.
func gatewaySettings(def *Definition, src *source, op *yaml.Node, ptr string) *GatewaySettings {
	var g GatewaySettings
	found := false
	bad := func(ext, want string) {
		def.Problems = append(def.Problems, src.problemAt(SeverityError, ptr+"/"+ext, fmt.Sprintf("%s must be %s", ext, want)))
	}
	boolean := func(ext string) *bool {
		_, v := mapEntry(op, ext)
		if v = deAlias(v); v == nil {
			return nil
		}
		found = true
		var b bool
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
			bad(ext, "true or false")
			return nil
		}
		return &b
	}
	g.AuthRequired = boolean(ExtAuthRequired)
	g.RequestValidation = boolean(ExtRequestValidation)
	if _, v := mapEntry(op, ExtScopes); deAlias(v) != nil {
		found = true
		v = deAlias(v)
		scopes := []string{}
		ok := v.Kind == yaml.SequenceNode
		for _, c := range v.Content {
			c = deAlias(c)
			if c.Kind != yaml.ScalarNode || c.ShortTag() != "!!str" {
				ok = false
				break
			}
			scopes = append(scopes, c.Value)
		}
		if ok {
			g.Scopes = &scopes
		} else {
			bad(ExtScopes, "a list of scope names")
		}
	}
	if _, v := mapEntry(op, ExtThrottlingTier); deAlias(v) != nil {
		found = true
		if v = deAlias(v); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			g.ThrottlingTier = &v.Value
		} else {
			bad(ExtThrottlingTier, "the name of a throttling tier")
		}
	}
	if _, v := mapEntry(op, ExtPolicies); deAlias(v) != nil {
		found = true
		var m map[string]any
		if deAlias(v).Kind != yaml.MappingNode || v.Decode(&m) != nil {
			bad(ExtPolicies, "an object of request and response policies (setRequestHeaders, rewritePath, ...)")
		} else if j, err := json.Marshal(m); err != nil {
			bad(ExtPolicies, "an object of request and response policies (setRequestHeaders, rewritePath, ...)")
		} else {
			g.Policies = j
		}
	}
	if !found {
		return nil
	}
	return &g
}
