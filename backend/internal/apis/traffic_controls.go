package apis

import (
	"context"
	"sort"

	"github.com/google/uuid"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// TrafficControlsOf is a's stored traffic controls (none when never set).
func TrafficControlsOf(a *ent.API) fieldtype.TrafficControls {
	if a.TrafficControls == nil {
		return fieldtype.TrafficControls{}
	}
	return *a.TrafficControls
}

// GraphQLField is an object type's field in a GraphQL API's schema.
type GraphQLField struct {
	Type, Field, Returns string
	Scope                string // "" : none
}

// GraphQLFields lists the object fields of a's GraphQL schema (root types
// first), with the scopes set on them, for the publisher to pick from.
// Introspection types and fields are left out.
func GraphQLFields(a *ent.API) ([]GraphQLField, error) {
	if a.Type != api.TypeGRAPHQL || a.Definition == "" {
		return nil, nil
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: a.Definition})
	if err != nil {
		return nil, errs.Field("definition", "the API's GraphQL schema does not load: %v", err)
	}
	scopes := map[string]string{}
	if g := TrafficControlsOf(a).GraphQL; g != nil {
		for _, f := range g.FieldScopes {
			scopes[f.Type+"."+f.Field] = f.Scope
		}
	}
	rank := func(name string) int {
		for i, r := range []*ast.Definition{schema.Query, schema.Mutation, schema.Subscription} {
			if r != nil && r.Name == name {
				return i
			}
		}
		return 3
	}
	var types []*ast.Definition
	for _, d := range schema.Types {
		if d.Kind == ast.Object && !d.BuiltIn && !isIntrospection(d.Name) {
			types = append(types, d)
		}
	}
	sort.Slice(types, func(i, j int) bool {
		if ri, rj := rank(types[i].Name), rank(types[j].Name); ri != rj {
			return ri < rj
		}
		return types[i].Name < types[j].Name
	})
	var out []GraphQLField
	for _, d := range types {
		for _, f := range d.Fields {
			if isIntrospection(f.Name) {
				continue
			}
			out = append(out, GraphQLField{Type: d.Name, Field: f.Name, Returns: f.Type.String(), Scope: scopes[d.Name+"."+f.Name]})
		}
	}
	return out, nil
}

func isIntrospection(name string) bool { return len(name) > 1 && name[:2] == "__" }

// SetTrafficControls replaces an API's traffic controls: GraphQL limits
// and field scopes for GraphQL APIs (each scoped field must exist in the
// API's schema), WebSocket message limits for WebSocket APIs. Deploying
// makes gateways apply them. keepScopes keeps the GraphQL field scopes
// already set instead of in's.
func (s *Service) SetTrafficControls(ctx context.Context, id uuid.UUID, in fieldtype.TrafficControls, keepScopes bool) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "set traffic controls of API %s", id)
	return s.updateOwned(ctx, id, "api.update_traffic_controls", func(_ *ent.Tx, _ *viewer.Viewer, a *ent.API) (*ent.APIUpdateOne, error) {
		if cur := TrafficControlsOf(a).GraphQL; keepScopes && in.GraphQL != nil && cur != nil {
			in.GraphQL.FieldScopes = cur.FieldScopes
		}
		if err := checkTrafficControls(a, &in); err != nil {
			return nil, err
		}
		return a.Update().SetTrafficControls(&in), nil
	})
}

func checkTrafficControls(a *ent.API, in *fieldtype.TrafficControls) error {
	if g := in.GraphQL; g != nil {
		if a.Type != api.TypeGRAPHQL {
			return errs.Field("graphql", "only GraphQL APIs have GraphQL limits")
		}
		g.Schema = "" // frozen in from the definition at deploy time
		if g.MaxDepth < 0 || g.MaxDepth > 1000 {
			return errs.Field("graphql.maxDepth", "the maximum depth must be between 0 (no limit) and 1000")
		}
		if g.MaxComplexity < 0 {
			return errs.Field("graphql.maxComplexity", "the maximum complexity must not be negative (0: no limit)")
		}
		if g.ListMultiplier < 0 || g.ListMultiplier > 1000 {
			return errs.Field("graphql.listMultiplier", "the list multiplier must be between 1 and 1000")
		}
		fields, err := GraphQLFields(a)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, f := range fields {
			known[f.Type+"."+f.Field] = true
		}
		seen := map[string]bool{}
		kept := g.FieldScopes[:0]
		for _, f := range g.FieldScopes {
			if f.Scope == "" {
				continue // no scope: the field is open
			}
			k := f.Type + "." + f.Field
			if !known[k] {
				return errs.Field("graphql.fieldScopes", "the schema has no field %s", k)
			}
			if seen[k] {
				return errs.Field("graphql.fieldScopes", "the field %s is listed twice", k)
			}
			seen[k] = true
			kept = append(kept, f)
		}
		g.FieldScopes = kept
		if err := g.Validate(); err != nil {
			return errs.Field("graphql", "%v", err)
		}
	}
	if w := in.WebSocket; w != nil {
		if a.Type != api.TypeWS {
			return errs.Field("webSocket", "only WebSocket APIs have WebSocket limits")
		}
		if w.OverLimit == "" {
			w.OverLimit = config.WSClose
		}
		if w.MessageCount < 0 {
			return errs.Field("webSocket.messageCount", "the message count must not be negative (0: no per-connection limit)")
		}
		if w.MessageCount > 0 && w.UnitSeconds <= 0 {
			return errs.Field("webSocket.unitSeconds", "a message limit needs a unit of at least one second")
		}
		if err := w.Validate(); err != nil {
			return errs.Field("webSocket", "%v", err)
		}
	}
	return nil
}

// freezeTrafficControls puts a's traffic controls into the revision's
// gateway view, with the GraphQL schema the limits are judged against.
func freezeTrafficControls(a *ent.API, g *config.API) error {
	tc := TrafficControlsOf(a)
	if p := tc.GraphQL; p != nil && a.Type == api.TypeGRAPHQL {
		if _, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: a.Definition}); err != nil {
			return errs.Field("definition", "GraphQL limits are set, but the schema does not load: %v", err)
		}
		gp := *p
		gp.Schema = a.Definition
		g.GraphQL = &gp
	}
	if p := tc.WebSocket; p != nil && a.Type == api.TypeWS {
		wp := *p
		g.WebSocket = &wp
	}
	return nil
}
