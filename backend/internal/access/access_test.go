package access_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"

	gqlast "github.com/vektah/gqlparser/v2/ast"

	"github.com/gatehouse/gatehouse/backend/internal/access"
	"github.com/gatehouse/gatehouse/backend/internal/graph/generated"
)

// entTypes are the entity names declared in ent/schema.
func entTypes(t *testing.T) map[string]bool {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), "../../../ent/schema", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.TYPE {
					continue
				}
				for _, s := range g.Specs {
					ts := s.(*ast.TypeSpec)
					st, ok := ts.Type.(*ast.StructType)
					if !ok || len(st.Fields.List) == 0 {
						continue
					}
					if sel, ok := st.Fields.List[0].Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Schema" {
						out[ts.Name.Name] = true
					}
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d ent schemas: is the path right?", len(out))
	}
	return out
}

// entBacked lists the GraphQL object types whose Go model is an ent entity:
// bound by @goModel to package ent, or autobound by name (gqlgen.yml).
func entBacked(t *testing.T, schema *gqlast.Schema) []string {
	ents := entTypes(t)
	var out []string
	for name, def := range schema.Types {
		if def.Kind != gqlast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		if gm := def.Directives.ForName("goModel"); gm != nil {
			if m := gm.Arguments.ForName("model"); m != nil && strings.HasPrefix(m.Value.Raw, "github.com/gatehouse/gatehouse/ent.") {
				out = append(out, name)
			}
			continue
		}
		if ents[name] {
			out = append(out, name)
		}
	}
	return out
}

// TestHole4_EveryEntTypeHasARule: every object the GraphQL API can return
// from the database has a read rule, so no edge reaches an object unchecked.
func TestHole4_EveryEntTypeHasARule(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	types := entBacked(t, schema)
	if len(types) < 15 {
		t.Fatalf("found only %d ent-backed types", len(types))
	}
	for _, name := range types {
		if _, ok := access.Rules[name]; !ok {
			t.Errorf("GraphQL type %s is an ent entity without a read rule in package access", name)
		}
	}
	for name := range access.Rules {
		if schema.Types[name] == nil {
			t.Errorf("rule for %s, which the schema does not have", name)
		}
	}
}

// backendOnly matches field names that carry backend or secret data.
var backendOnly = regexp.MustCompile(`(?i)endpoint|secret|password|jwks|issuer|definition|policies|serviceurl|clientid|backend|mutualtls|header`)

// wholeTypeForManagers are types only their organization's managers (or
// admins) may read at all, so none of their fields needs its own guard.
var wholeTypeForManagers = map[string]string{
	"ServiceEntry":     "publishers and admins of its organization",
	"IdentityProvider": "admins of its organization",
	"APIRevision":      "managers of its API",
	"AuditLog":         "admins",
	"DenyPolicy":       "admins",
	"RoleBinding":      "admins and the user",
}

// consumerFields match backendOnly by name but are for the object's readers.
var consumerFields = map[string]string{
	"API.definitionType":                     "the kind of definition, shown on the portal",
	"API.definitionOperations":               "what the public definition declares",
	"API.consoleDefinition":                  "the public definition: x-gatehouse-* stripped, servers at the gateway",
	"API.gatewayEndpoints":                   "gateway URLs, what consumers call",
	"API.scopeDefinitions":                   "APIScope has its own rule; its roles are restricted",
	"ApplicationKey.clientID":                "the application's own OAuth client id (readers reach the application)",
	"APIKey.allowedReferers":                 "",
	"Application.keys":                       "",
	"ExternalKeyManager.enabled":             "",
	"ThrottlingTier.requiresApproval":        "",
	"APISubscription.applicationID":          "",
	"APIOperation.requestValidation":         "",
	"Document.sourceType":                    "",
	"Environment.gatewayURL":                 "the gateway, public",
	"ExternalKeyManager.name":                "",
	"ApplicationKey.previousSecretExpiresAt": "when the owner's rotated secret stops working",
}

// TestHole5_BackendFieldsGuarded: every field that looks like backend data
// is restricted to managers, and no restricted field can be searched or
// ordered by through a where-input or order field.
func TestHole5_BackendFieldsGuarded(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, name := range entBacked(t, schema) {
		if _, ok := wholeTypeForManagers[name]; ok {
			continue
		}
		for _, f := range schema.Types[name].Fields {
			key := name + "." + f.Name
			if !backendOnly.MatchString(f.Name) {
				continue
			}
			if _, ok := consumerFields[key]; ok {
				continue
			}
			if !access.RestrictedField(name, f.Name) {
				t.Errorf("%s looks like backend data but is not restricted to managers", key)
			}
		}
	}
	for _, key := range []string{
		"API.productionEndpoint", "API.sandboxEndpoint", "API.endpoints", "API.definition",
		"API.definitionURL", "API.exportedDefinition", "API.backendJWT", "API.mutualTLS",
		"APIOperation.policies", "ExternalKeyManager.issuer", "ExternalKeyManager.jwksURI",
		"ExternalKeyManager.introspectionEndpoint", "ExternalKeyManager.introspectionClientID",
	} {
		typ, field, _ := strings.Cut(key, ".")
		if !access.RestrictedField(typ, field) {
			t.Errorf("%s must be restricted to managers", key)
		}
	}
	for typ, r := range access.Rules {
		if typ == "User" {
			continue // users(where:) is for admins, who read every field of their users
		}
		where := schema.Types[typ+"WhereInput"]
		order := schema.Types[typ+"OrderField"]
		for _, f := range r.Restricted {
			if where != nil {
				for _, in := range where.Fields {
					if in.Name == f || strings.HasPrefix(in.Name, f) && !strings.HasPrefix(in.Name, f+"Type") {
						t.Errorf("%sWhereInput.%s filters on the restricted field %s.%s", typ, in.Name, typ, f)
					}
				}
			}
			if order != nil && order.EnumValues.ForName(strings.ToUpper(f)) != nil {
				t.Errorf("%sOrderField orders by the restricted field %s.%s", typ, typ, f)
			}
		}
	}
	// Edges into objects with backend data must not be filterable either.
	apiWhere := schema.Types["APIWhereInput"]
	for _, f := range []string{"hasServiceEntryWith", "hasRevisionsWith"} {
		if apiWhere.Fields.ForName(f) != nil {
			t.Errorf("APIWhereInput.%s lets consumers search the API's backend settings", f)
		}
	}
}
