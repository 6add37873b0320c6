package definition

import (
	"errors"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// parseGraphQL loads SDL with gqlparser, the parser gqlgen itself uses, so a
// schema accepted here is one our own GraphQL stack can serve.
//
// Operations are read from the parsed document rather than the built schema
// so they are still listed when the schema fails to build.
func parseGraphQL(def *Definition, data []byte) {
	def.Kind = KindGraphQL
	src := &ast.Source{Name: "schema.graphql", Input: string(data)}
	doc, err := parser.ParseSchemas(validator.Prelude, src)
	if err != nil {
		addGraphQLErrors(def, err, "invalid GraphQL SDL: ")
		return
	}
	dedupeFields(def, doc)
	if _, err := validator.ValidateSchemaDocument(doc); err != nil {
		addGraphQLErrors(def, err, "invalid GraphQL schema: ")
	}
	if doc.Schema != nil || doc.SchemaExtension != nil {
		for _, s := range append(doc.Schema, doc.SchemaExtension...) {
			if s.Position != nil && s.Position.Src == src && def.Description == "" {
				def.Description = s.Description
			}
		}
	}
	def.Operations = graphQLOperations(doc)
}

// graphQLOperations lists the fields of the root types, honouring a schema
// definition's renamed roots (schema { query: RootQuery }).
func graphQLOperations(doc *ast.SchemaDocument) []Operation {
	roots := map[ast.Operation]string{ast.Query: "Query", ast.Mutation: "Mutation", ast.Subscription: "Subscription"}
	for _, s := range append(append([]*ast.SchemaDefinition{}, doc.Schema...), doc.SchemaExtension...) {
		for _, ot := range s.OperationTypes {
			roots[ot.Operation] = ot.Type
		}
	}
	var ops []Operation
	for op, typeName := range roots {
		seen := map[string]bool{}
		for _, d := range append(append(ast.DefinitionList{}, doc.Definitions...), doc.Extensions...) {
			if d.Name != typeName || d.Kind != ast.Object {
				continue
			}
			for _, f := range d.Fields {
				// Introspection fields come from the prelude, not the user;
				// a field declared twice is one operation (and one error).
				if strings.HasPrefix(f.Name, "__") || seen[f.Name] {
					continue
				}
				seen[f.Name] = true
				ops = append(ops, Operation{Method: strings.ToUpper(string(op)), Target: f.Name, OperationID: f.Name, Summary: firstLine(f.Description)})
			}
		}
	}
	return ops
}

func addGraphQLErrors(def *Definition, err error, prefix string) {
	var list gqlerror.List
	var one *gqlerror.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = gqlerror.List{one}
	default:
		def.errorf("", 0, 0, "%s%s", prefix, err.Error())
		return
	}
	for _, e := range list {
		p := Problem{Message: prefix + e.Message, Severity: SeverityError}
		if len(e.Locations) > 0 {
			p.Line, p.Column = e.Locations[0].Line, e.Locations[0].Column
		}
		def.Problems = append(def.Problems, p)
	}
}

// dedupeFields turns a field declared twice with the same type into a
// warning and drops the copy. gqlparser stops at the first schema error, and
// an identical duplicate (as in GitHub's published schema) changes nothing a
// client can call, so it should not hide the errors that come after it.
// Duplicates with different types stay in and fail validation.
func dedupeFields(def *Definition, doc *ast.SchemaDocument) {
	for _, list := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, d := range list {
			seen := map[string]*ast.FieldDefinition{}
			kept := d.Fields[:0:0]
			for _, f := range d.Fields {
				prev, dup := seen[f.Name]
				if dup && prev.Type != nil && f.Type != nil && prev.Type.String() == f.Type.String() {
					p := Problem{Message: "field " + d.Name + "." + f.Name + " is declared more than once; remove the duplicate", Severity: SeverityWarning}
					if f.Position != nil {
						p.Line, p.Column = f.Position.Line, f.Position.Column
					}
					def.Problems = append(def.Problems, p)
					continue
				}
				seen[f.Name] = f
				kept = append(kept, f)
			}
			if len(kept) != len(d.Fields) {
				d.Fields = kept
			}
		}
	}
}
