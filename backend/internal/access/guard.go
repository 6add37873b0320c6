package access

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
)

// Redactor is what a non-manager reads instead of a restricted field; obj
// is the object the field belongs to.
type Redactor func(ctx context.Context, obj any) (any, error)

// Guard is the gqlgen extension that enforces Rules on every field.
type Guard struct {
	client *ent.Client
	// redactors replace a restricted field by a public form ("API.definition"
	// by the public definition) instead of its zero value.
	redactors map[string]Redactor
}

var (
	_ graphql.HandlerExtension     = (*Guard)(nil)
	_ graphql.OperationInterceptor = (*Guard)(nil)
	_ graphql.FieldInterceptor     = (*Guard)(nil)
)

// NewGuard returns the guard over client; redactors are keyed "Type.field".
func NewGuard(client *ent.Client, redactors map[string]Redactor) *Guard {
	return &Guard{client: client, redactors: redactors}
}

// ExtensionName implements graphql.HandlerExtension.
func (g *Guard) ExtensionName() string { return "AccessGuard" }

// Validate implements graphql.HandlerExtension: every restricted field and
// redactor names a field of the schema, so a renamed field cannot silently
// lose its guard.
func (g *Guard) Validate(schema graphql.ExecutableSchema) error {
	s := schema.Schema()
	for typ, r := range Rules {
		def := s.Types[typ]
		if def == nil {
			return fmt.Errorf("access rule for unknown GraphQL type %s", typ)
		}
		for _, f := range r.Restricted {
			if def.Fields.ForName(f) == nil {
				return fmt.Errorf("access: restricted field %s.%s is not in the schema", typ, f)
			}
		}
	}
	for key := range g.redactors {
		typ, field, _ := strings.Cut(key, ".")
		if !RestrictedField(typ, field) {
			return fmt.Errorf("access: redactor for %s, which is not a restricted field", key)
		}
	}
	return nil
}

type checkerKey struct{}

// InterceptOperation gives each operation its own checker (and cache).
func (g *Guard) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, checkerKey{}, newChecker(g.client, viewer.FromContext(ctx))))
}

func checkerFrom(ctx context.Context, client *ent.Client) *checker {
	if c, ok := ctx.Value(checkerKey{}).(*checker); ok {
		return c
	}
	return newChecker(client, viewer.FromContext(ctx))
}

// InterceptField redacts restricted fields for non-managers and filters
// the objects a field returns through their type's read rule.
func (g *Guard) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil {
		return next(ctx)
	}
	c := checkerFrom(ctx, g.client)
	if RestrictedField(fc.Object, fc.Field.Name) {
		obj := parentObject(fc, Rules[fc.Object].goType)
		if obj == nil {
			return nil, errs.E(errs.Internal, "access: no %s object for field %s", fc.Object, fc.Field.Name)
		}
		stored, err := c.fresh(ctx, fc.Object, []any{obj})
		if err != nil {
			return nil, err
		}
		ok := false
		if stored[0] != nil {
			if ok, err = Rules[fc.Object].manages(ctx, c, stored[0]); err != nil {
				return nil, err
			}
		}
		if !ok {
			if red := g.redactors[fc.Object+"."+fc.Field.Name]; red != nil {
				return red(ctx, obj)
			}
			return zeroFor(fc.Object, fc.Field.Name, fc.Field.Definition.Type)
		}
	}
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	return filter(ctx, c, fc, res)
}

// parentObject is the object whose field fc resolves: the parent field's
// result, or the list element it was marshalled as.
func parentObject(fc *graphql.FieldContext, want reflect.Type) any {
	for p := fc.Parent; p != nil; p = p.Parent {
		if p.Result == nil {
			continue
		}
		v := reflect.ValueOf(p.Result)
		for v.Type() != want && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() &&
			(v.Elem().Kind() == reflect.Pointer || v.Elem().Kind() == reflect.Interface) {
			v = v.Elem() // a list element (*T at &list[i]) or an interface (Node)
		}
		if v.Type() == want && !v.IsNil() {
			return v.Interface()
		}
		return nil // the nearest result is another object: never look past it
	}
	return nil
}

// zeroFor is what a non-manager reads of a restricted field: null when it
// is nullable, an empty value for non-null scalars and lists, FORBIDDEN for
// a non-null object (which a consumer's query has no reason to ask).
func zeroFor(typ, field string, t *ast.Type) (any, error) {
	switch {
	case !t.NonNull:
		return nil, nil
	case t.Elem != nil:
		return graphql.Array{}, nil
	}
	switch t.NamedType {
	case "String", "ID", "Time":
		return graphql.MarshalString(""), nil
	case "Int":
		return graphql.MarshalInt(0), nil
	case "Boolean":
		return graphql.MarshalBoolean(false), nil
	}
	return nil, errs.E(errs.Forbidden, "%s.%s is for the managers of the %s", typ, field, typ)
}

// filter applies the read rule of the field's type to res: a single object
// the viewer may not read is NOT_FOUND (null on a nested nullable edge),
// lists and connections lose the objects the viewer may not read.
func filter(ctx context.Context, c *checker, fc *graphql.FieldContext, res any) (any, error) {
	t := fc.Field.Definition.Type
	name := t.Name()
	if _, ok := Rules[name]; !ok && name != "Node" {
		if base, ok := strings.CutSuffix(name, "Connection"); ok {
			if _, ok := Rules[base]; ok {
				return filterConnection(ctx, c, base, res)
			}
		}
		return res, nil
	}
	v := reflect.ValueOf(res)
	if v.Kind() == reflect.Slice {
		keep, err := readable(ctx, c, name, v)
		if err != nil {
			return nil, err
		}
		out := reflect.MakeSlice(v.Type(), 0, v.Len())
		for i := range v.Len() {
			switch {
			case keep[i]:
				out = reflect.Append(out, v.Index(i))
			case t.Elem != nil && !t.Elem.NonNull:
				out = reflect.Append(out, reflect.Zero(v.Type().Elem())) // keep positions (nodes)
			}
		}
		return out.Interface(), nil
	}
	keep, err := readable(ctx, c, name, reflect.ValueOf([]any{res}))
	if err != nil {
		return nil, err
	}
	if keep[0] {
		return res, nil
	}
	if !t.NonNull && fc.Object != "Query" {
		return nil, nil
	}
	return nil, errs.E(errs.NotFound, "%s not found", name)
}

// readable asks the rules about each element of list (nil elements stay
// out); name is the GraphQL type, or Node for an interface list.
func readable(ctx context.Context, c *checker, name string, list reflect.Value) ([]bool, error) {
	keep := make([]bool, list.Len())
	groups := map[string][]int{}
	for i := range list.Len() {
		e := list.Index(i)
		if e.Kind() == reflect.Interface {
			e = e.Elem()
		}
		if !e.IsValid() || (e.Kind() == reflect.Pointer && e.IsNil()) {
			continue
		}
		typ, ok := byGoType[e.Type()]
		if !ok || (name != "Node" && typ != name) {
			return nil, errs.E(errs.Internal, "access: no read rule for %s (field of type %s)", e.Type(), name)
		}
		groups[typ] = append(groups[typ], i)
	}
	for typ, idx := range groups {
		objs := make([]any, len(idx))
		for j, i := range idx {
			e := list.Index(i)
			if e.Kind() == reflect.Interface {
				e = e.Elem()
			}
			objs[j] = e.Interface()
		}
		objs, err := c.fresh(ctx, typ, objs)
		if err != nil {
			return nil, err
		}
		ok, err := readStored(ctx, c, typ, objs)
		if err != nil {
			return nil, err
		}
		for j, i := range idx {
			keep[i] = ok[j]
		}
	}
	return keep, nil
}

// filterConnection drops the edges whose node the viewer may not read
// from an entgql connection (*XConnection{Edges []*XEdge{Node}, TotalCount}).
func filterConnection(ctx context.Context, c *checker, name string, res any) (any, error) {
	v := reflect.ValueOf(res)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, errs.E(errs.Internal, "access: %T is not a connection", res)
	}
	conn := v.Elem()
	edges := conn.FieldByName("Edges")
	if !edges.IsValid() || edges.Kind() != reflect.Slice {
		return nil, errs.E(errs.Internal, "access: %T has no edges", res)
	}
	nodes := reflect.MakeSlice(reflect.TypeOf([]any{}), 0, edges.Len())
	for i := range edges.Len() {
		var n any
		if e := edges.Index(i); !e.IsNil() {
			n = e.Elem().FieldByName("Node").Interface()
		}
		nodes = reflect.Append(nodes, reflect.ValueOf(&n).Elem())
	}
	keep, err := readable(ctx, c, name, nodes)
	if err != nil {
		return nil, err
	}
	kept := reflect.MakeSlice(edges.Type(), 0, edges.Len())
	for i := range edges.Len() {
		if keep[i] {
			kept = reflect.Append(kept, edges.Index(i))
		}
	}
	dropped := edges.Len() - kept.Len()
	if dropped == 0 {
		return res, nil
	}
	cp := reflect.New(conn.Type())
	cp.Elem().Set(conn)
	cp.Elem().FieldByName("Edges").Set(kept)
	if tc := cp.Elem().FieldByName("TotalCount"); tc.IsValid() && tc.CanSet() {
		tc.SetInt(max(0, tc.Int()-int64(dropped)))
	}
	return cp.Interface(), nil
}

// readStored applies typ's rule to stored objects; a nil one (gone) is
// unreadable.
func readStored(ctx context.Context, c *checker, typ string, objs []any) ([]bool, error) {
	out := make([]bool, len(objs))
	var present []any
	var at []int
	for i, o := range objs {
		if o != nil {
			present, at = append(present, o), append(at, i)
		}
	}
	if len(present) == 0 {
		return out, nil
	}
	ok, err := Rules[typ].read(ctx, c, present)
	if err != nil {
		return nil, err
	}
	for j, i := range at {
		out[i] = ok[j]
	}
	return out, nil
}
