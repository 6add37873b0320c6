package graph

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/gatehouse/gatehouse/backend/internal/graph/generated"
)

// FuzzGraphQLLimits guards hole 7's pre-validation check: it never panics,
// and whatever it lets through to validation is within the depth and
// selection caps as written (counted here independently), and measuring
// it once valid does not panic either.
func FuzzGraphQLLimits(f *testing.F) {
	for _, seed := range []string{
		"{ apis { edges { node { id } } } }",
		"{apis{edges{node{" + nest(5, "id name") + "}}}}",
		conflicting(3),
		"query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
		"query { apis(first:1) { edges { node { ...A } } } } fragment A on API { deployments { ...B } } fragment B on Deployment { id }",
		"fragment A on API { ...A } { apis { edges { node { ...A } } } }",
		"{ __schema { types { name fields { name } } } }",
		"{ a: catalogue(tags: [\"x\"]) { totalCount } ... on Query { __typename } }",
	} {
		f.Add(seed)
	}
	l := Limits{MaxTokens: 2000, MaxSelections: 40, MaxDepth: 6, MaxComplexity: 1000, MaxListItems: 5, PageSize: 10, FanOut: 3}
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	x := &limitsExtension{limits: l, pageTypes: pageTypes(schema)}
	f.Fuzz(func(t *testing.T, query string) {
		if l.precheck(query) != nil {
			return
		}
		doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, l.MaxTokens)
		if err != nil {
			return // gqlgen reports it
		}
		selections, depth := 0, 0
		for _, op := range doc.Operations {
			s, d := written(op.SelectionSet)
			selections, depth = selections+s, max(depth, d)
		}
		for _, fr := range doc.Fragments {
			s, d := written(fr.SelectionSet)
			selections, depth = selections+s, max(depth, d)
		}
		if selections > l.MaxSelections || depth > l.MaxDepth {
			t.Fatalf("accepted %d selections, depth %d (caps %d, %d): %q", selections, depth, l.MaxSelections, l.MaxDepth, query)
		}
		if errs := validator.Validate(schema, doc); len(errs) > 0 {
			return
		}
		for _, op := range doc.Operations {
			m := x.measure(op, nil, false)
			if m.err == nil && m.depth > l.MaxDepth*(len(doc.Fragments)+1) {
				t.Fatalf("depth %d beyond what fragments can stack: %q", m.depth, query)
			}
		}
	})
}

// written counts a selection set's selections and field nesting,
// bottom-up (the check counts top-down).
func written(set ast.SelectionSet) (selections, depth int) {
	for _, s := range set {
		selections++
		var n, d int
		switch s := s.(type) {
		case *ast.Field:
			n, d = written(s.SelectionSet)
			d++
		case *ast.InlineFragment:
			n, d = written(s.SelectionSet)
		}
		selections += n
		depth = max(depth, d)
	}
	return selections, depth
}
