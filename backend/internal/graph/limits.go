package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
)

// Limits bound what one GraphQL document may cost the control plane. The
// defaults live with the flags (internal/app/config.go); a zero field
// disables that limit, which only tests do.
type Limits struct {
	// MaxTokens bounds the lexer tokens of a document, checked while
	// parsing, before anything else looks at it.
	MaxTokens int
	// MaxSelections bounds the fields, fragment spreads and inline
	// fragments written in a document (aliases included). It is checked
	// before validation: gqlparser's "fields can merge" rule is quadratic
	// in them.
	MaxSelections int
	// MaxDepth bounds the nesting of fields, fragments expanded.
	MaxDepth int
	// MaxComplexity bounds the estimated cost of an operation (see cost).
	MaxComplexity int
	// MaxListItems bounds every list argument or list inside an input
	// object (ids of nodes, tags, categories...).
	MaxListItems int
	// PageSize is the cost multiplier of a paged field (one with a first
	// or last argument) called without either.
	PageSize int
	// FanOut is the cost multiplier of a plain list field ([X!]), whose
	// length the caller cannot choose.
	FanOut int
	// Introspection allows __schema and __type to anonymous callers too;
	// signed-in users always have them.
	Introspection bool
}

// WithLimits sets the limits NewHandler applies.
func (r *Resolver) WithLimits(l Limits) *Resolver {
	r.limits = l
	return r
}

// complexityLimitCode is gqlgen's code for an operation over its budget,
// kept so clients see one code whichever check refused the operation.
const complexityLimitCode = "COMPLEXITY_LIMIT_EXCEEDED"

// useLimits installs the limits on srv. It must run after the persisted
// query extension so that a query sent by hash is checked too.
func useLimits(srv *handler.Server, es graphql.ExecutableSchema, l Limits) {
	srv.SetParserTokenLimit(l.MaxTokens)
	// "Did you mean" hints list field names to anyone probing the schema;
	// gqlgen caches validation per document, so the switch is global.
	srv.SetDisableSuggestion(true)
	srv.Use(&limitsExtension{limits: l, pageTypes: pageTypes(es.Schema())})
}

type limitsExtension struct {
	limits Limits
	// pageTypes are the types paged fields return (connections, the
	// catalogue); their own list fields are the page, already counted.
	pageTypes map[string]bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = &limitsExtension{}

func (*limitsExtension) ExtensionName() string                   { return "Limits" }
func (*limitsExtension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters runs before gqlgen parses and validates the
// document (and before its validation cache): only linear work here.
func (x *limitsExtension) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	return x.limits.precheck(p.Query)
}

// precheck parses query (linear, bounded by the token limit) and refuses
// documents with too many selections or nested too deep as written. A
// document that does not parse is left to gqlgen, which reports why.
func (l Limits) precheck(query string) *gqlerror.Error {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, l.MaxTokens)
	if err != nil {
		return nil
	}
	var c syntaxCount
	for _, op := range doc.Operations {
		c.walk(op.SelectionSet, 0)
	}
	for _, f := range doc.Fragments {
		c.walk(f.SelectionSet, 0)
	}
	if l.MaxSelections > 0 && c.selections > l.MaxSelections {
		return limitError(errs.Invalid.Code(), "the document has %d selections; at most %d are allowed", c.selections, l.MaxSelections)
	}
	if l.MaxDepth > 0 && c.depth > l.MaxDepth {
		return limitError(errs.Invalid.Code(), "the document nests fields %d deep; at most %d are allowed", c.depth, l.MaxDepth)
	}
	return nil
}

// syntaxCount measures a document as written, fragments not expanded.
type syntaxCount struct {
	selections int
	depth      int
}

func (c *syntaxCount) walk(set ast.SelectionSet, depth int) {
	if len(set) > 0 && depth+1 > c.depth {
		c.depth = depth + 1
	}
	for _, s := range set {
		c.selections++
		switch s := s.(type) {
		case *ast.Field:
			c.walk(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			c.walk(s.SelectionSet, depth)
		}
	}
}

// MutateOperationContext runs after validation: fragments are resolved and
// every field knows its definition, so depth and cost count what will be
// executed.
func (x *limitsExtension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	introspection := x.limits.Introspection || viewer.FromContext(ctx) != nil
	oc.DisableIntrospection = !introspection
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil
	}
	m := x.measure(op, oc.Variables, introspection)
	if m.err != nil {
		return m.err
	}
	if x.limits.MaxDepth > 0 && m.depth > x.limits.MaxDepth {
		return limitError(errs.Invalid.Code(), "the operation nests fields %d deep; at most %d are allowed", m.depth, x.limits.MaxDepth)
	}
	if x.limits.MaxComplexity > 0 && m.cost > x.limits.MaxComplexity {
		return limitError(complexityLimitCode, "operation has complexity %d, which exceeds the limit of %d", m.cost, x.limits.MaxComplexity)
	}
	return nil
}

// measurement is an operation's depth and cost.
type measurement struct {
	depth, cost int
	err         *gqlerror.Error
}

// measure walks op; introspection tells whether __schema and __type may
// be asked.
func (x *limitsExtension) measure(op *ast.OperationDefinition, vars map[string]any, introspection bool) measurement {
	w := &costWalker{x: x, vars: vars, introspection: introspection, fragments: map[string]*fragmentCost{}}
	depth, cost := w.set(op.SelectionSet)
	return measurement{depth: depth, cost: cost, err: w.err}
}

// costWalker computes depth and cost in one pass. A fragment is measured
// once and its result reused: spreading a fragment many times costs each
// spread, but not the walker's time.
type costWalker struct {
	x             *limitsExtension
	vars          map[string]any
	introspection bool
	fragments     map[string]*fragmentCost
	err           *gqlerror.Error
}

type fragmentCost struct {
	depth, cost int
	done        bool
}

// set returns the depth and cost of a selection set.
func (w *costWalker) set(set ast.SelectionSet) (depth, cost int) {
	for _, s := range set {
		var d, c int
		switch s := s.(type) {
		case *ast.Field:
			d, c = w.field(s)
		case *ast.InlineFragment:
			d, c = w.set(s.SelectionSet)
		case *ast.FragmentSpread:
			d, c = w.spread(s)
		}
		depth = max(depth, d)
		cost = saturatingAdd(cost, c)
		if w.err != nil {
			return depth, cost
		}
	}
	return depth, cost
}

func (w *costWalker) spread(s *ast.FragmentSpread) (depth, cost int) {
	if s.Definition == nil {
		return 0, 0
	}
	if f, ok := w.fragments[s.Name]; ok {
		if !f.done { // a cycle: validation refuses these first
			w.err = limitError(errs.Invalid.Code(), "fragment %s spreads itself", s.Name)
		}
		return f.depth, f.cost
	}
	f := &fragmentCost{}
	w.fragments[s.Name] = f
	f.depth, f.cost = w.set(s.Definition.SelectionSet)
	f.done = true
	return f.depth, f.cost
}

// field returns the depth and cost of one field: 1 for itself plus its
// selections times how many objects it may return.
func (w *costWalker) field(f *ast.Field) (depth, cost int) {
	if f.Definition == nil { // __typename and the like
		return 1, 1
	}
	mult, err := w.multiplier(f)
	if err != nil {
		w.err = err
		return 1, 1
	}
	if f.Name == "__schema" || f.Name == "__type" {
		if !w.introspection {
			// Refused here with a code rather than by gqlgen's
			// DisableIntrospection, whose error is an untyped one.
			w.err = limitError(errs.Forbidden.Code(), "introspection is open to signed-in users only")
		}
		// Its size is the schema's, bounded.
		return 1, 1
	}
	d, c := w.set(f.SelectionSet)
	return d + 1, saturatingAdd(1, saturatingMul(c, mult))
}

// multiplier checks f's list arguments and returns how many times its
// selections count: the page asked for (first/last), the default page for
// a paged field asked without one, FanOut for another list field, 1 else.
func (w *costWalker) multiplier(f *ast.Field) (int, *gqlerror.Error) {
	l := w.x.limits
	args := f.ArgumentMap(w.vars)
	for _, a := range f.Definition.Arguments {
		if err := l.checkLists(f.Name+"."+a.Name, args[a.Name]); err != nil {
			return 0, err
		}
	}
	paged := false
	mult := 0
	for _, name := range []string{"first", "last"} {
		if f.Definition.Arguments.ForName(name) == nil {
			continue
		}
		paged = true
		if n, ok := args[name].(int64); ok && int(n) > mult {
			mult = int(n)
		} else if n, ok := args[name].(int); ok && n > mult {
			mult = n
		}
	}
	switch {
	case paged && mult > 0:
		return mult, nil
	case paged:
		return max(l.PageSize, 1), nil
	case f.Definition.Type.Elem != nil && !w.x.pageTypes[f.ObjectDefinition.Name]:
		return max(l.FanOut, 1), nil
	}
	return 1, nil
}

// checkLists refuses any list in an argument's value, however nested in
// input objects, longer than MaxListItems.
func (l Limits) checkLists(path string, v any) *gqlerror.Error {
	if l.MaxListItems <= 0 {
		return nil
	}
	switch v := v.(type) {
	case []any:
		if len(v) > l.MaxListItems {
			return limitError(errs.Invalid.Code(), "argument %s has %d items; at most %d are allowed", path, len(v), l.MaxListItems)
		}
		for _, e := range v {
			if err := l.checkLists(path, e); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, e := range v {
			if err := l.checkLists(path+"."+k, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// pageTypes returns the types of the schema's paged fields (those with a
// first or last argument) and of their edges: the lists they hold are the
// page.
func pageTypes(s *ast.Schema) map[string]bool {
	out := map[string]bool{}
	for _, def := range s.Types {
		for _, f := range def.Fields {
			if f.Arguments.ForName("first") == nil && f.Arguments.ForName("last") == nil {
				continue
			}
			out[f.Type.Name()] = true
		}
	}
	return out
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	return err
}

const maxInt = int(^uint(0) >> 1)

func saturatingAdd(a, b int) int {
	if a > maxInt-b {
		return maxInt
	}
	return a + b
}

func saturatingMul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > maxInt/b {
		return maxInt
	}
	return a * b
}
