package samples

import (
	"encoding/json"
	"net/http"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// PizzaMenuSDL is the schema of the demo GraphQL backend.
const PizzaMenuSDL = `"""The PizzaShack menu as a GraphQL API."""
type Query {
  "The pizzas on the menu."
  pizzas: [Pizza!]!
  "One pizza, by its exact name."
  pizza(name: String!): Pizza
}

"A pizza of the menu."
type Pizza {
  name: String!
  description: String!
  price: Float!
  vegetarian: Boolean!
}
`

var pizzaMenuSchema = gqlparser.MustLoadSchema(&ast.Source{Name: "pizzamenu.graphql", Input: PizzaMenuSDL})

// PizzaMenu is the demo GraphQL backend: POST /graphql answers queries on
// the menu. Queries are parsed and validated against PizzaMenuSDL by
// gqlparser; the data is a small tree walked by the selection sets, which
// is all a read-only demo needs (no introspection: consoles build the
// schema from the SDL).
func PizzaMenu() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query         string         `json:"query"`
			OperationName string         `json:"operationName"`
			Variables     map[string]any `json:"variables"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
			reply(w, http.StatusBadRequest, gqlErrors("the body must be a JSON GraphQL request"))
			return
		}
		doc, errs := gqlparser.LoadQuery(pizzaMenuSchema, req.Query)
		if len(errs) > 0 {
			reply(w, http.StatusOK, map[string]any{"errors": errs})
			return
		}
		op := doc.Operations.ForName(req.OperationName)
		if op == nil {
			reply(w, http.StatusOK, gqlErrors("no operation named "+req.OperationName))
			return
		}
		if op.Operation != ast.Query {
			reply(w, http.StatusOK, gqlErrors("the menu is read-only: only queries"))
			return
		}
		root := map[string]any{"__typename": "Query"}
		data := resolveSelection(op.SelectionSet, root, doc, req.Variables)
		reply(w, http.StatusOK, map[string]any{"data": data})
	})
	return mux
}

func gqlErrors(msg string) map[string]any {
	return map[string]any{"errors": []map[string]string{{"message": msg}}}
}

func menuPizza(p Pizza) map[string]any {
	return map[string]any{"__typename": "Pizza", "name": p.Name, "description": p.Description, "price": p.Price,
		"vegetarian": p.Name == "Garden Fresh" || p.Name == "Tuscan Six Cheese"}
}

// rootField resolves a field of Query.
func rootField(f *ast.Field, vars map[string]any) any {
	switch f.Name {
	case "pizzas":
		out := make([]any, len(menu))
		for i, p := range menu {
			out[i] = menuPizza(p)
		}
		return out
	case "pizza":
		name, _ := f.ArgumentMap(vars)["name"].(string)
		for _, p := range menu {
			if p.Name == name {
				return menuPizza(p)
			}
		}
	}
	return nil
}

// resolveSelection picks the selected fields of obj (a map), following
// fragments, and recurses into objects and lists.
func resolveSelection(set ast.SelectionSet, obj map[string]any, doc *ast.QueryDocument, vars map[string]any) map[string]any {
	out := map[string]any{}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			var v any
			if obj["__typename"] == "Query" && s.Name != "__typename" {
				v = rootField(s, vars)
			} else {
				v = obj[s.Name]
			}
			out[s.Alias] = resolveValue(s.SelectionSet, v, doc, vars)
		case *ast.InlineFragment:
			for k, v := range resolveSelection(s.SelectionSet, obj, doc, vars) {
				out[k] = v
			}
		case *ast.FragmentSpread:
			if def := doc.Fragments.ForName(s.Name); def != nil {
				for k, v := range resolveSelection(def.SelectionSet, obj, doc, vars) {
					out[k] = v
				}
			}
		}
	}
	return out
}

func resolveValue(set ast.SelectionSet, v any, doc *ast.QueryDocument, vars map[string]any) any {
	switch x := v.(type) {
	case map[string]any:
		return resolveSelection(set, x, doc, vars)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = resolveValue(set, e, doc, vars)
		}
		return out
	}
	return v
}
