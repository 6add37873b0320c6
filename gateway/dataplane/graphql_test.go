package dataplane

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

const shopSDL = `
type Query {
  menu: [Pizza!]!
  orders(first: Int): [Order!]!
  me: Customer
}
type Mutation { order(pizza: ID!): Order }
type Pizza { id: ID! name: String! toppings: [String!]! }
type Order { id: ID! pizzas: [Pizza!]! customer: Customer }
type Customer { name: String! email: String orders: [Order!]! }
`

// withGraphQL makes the policy gateway's API a GraphQL API at POST /graphql.
func withGraphQL(p config.GraphQLPolicy) func(*config.Snapshot) {
	return func(s *config.Snapshot) {
		p.Schema = shopSDL
		s.APIs[0].GraphQL = &p
		s.APIs[0].Operations = append(s.APIs[0].Operations,
			config.Operation{Method: "POST", Target: "/graphql", AuthRequired: true},
			config.Operation{Method: "GET", Target: "/graphql", AuthRequired: true})
	}
}

func TestGraphQLGuard(t *testing.T) {
	limits := config.GraphQLPolicy{MaxDepth: 3, MaxComplexity: 8, ListMultiplier: 2,
		FieldScopes: []config.FieldScope{{Type: "Query", Field: "orders", Scope: "orders:read"}, {Type: "Customer", Field: "email", Scope: "pii"}}}
	tests := []struct {
		name   string
		body   string
		ctype  string
		scope  string
		want   int
		detail string // in the problem's description
	}{
		{"shallow query", `{"query":"{ menu { name } }"}`, "", "", 200, ""},
		{"at the depth limit", `{"query":"{ me { orders { id } } }"}`, "", "orders:read", 200, ""},
		{"over the depth limit", `{"query":"{ me { orders { pizzas { name } } } }"}`, "", "", 400, "4 levels deep; this API allows at most 3"},
		{"depth through a fragment", `{"query":"query { me { ...O } } fragment O on Customer { orders { customer { name } } }"}`, "", "", 400, "levels deep"},
		{"over the complexity limit (list multiplier)", `{"query":"{ menu { id name toppings } me { name } }"}`, "", "", 400, "complexity is 9; this API allows at most 8"},
		{"not valid for the schema", `{"query":"{ menu { price } }"}`, "", "", 400, `Cannot query field "price"`},
		{"syntax error", `{"query":"{ menu { "}`, "", "", 400, "not valid for this API"},
		{"not JSON", `menu`, "", "", 400, `JSON with a "query"`},
		{"scoped field without the scope", `{"query":"{ orders { id } }"}`, "", "", 403, `Query.orders needs the scope "orders:read"`},
		{"scoped field with the scope", `{"query":"{ orders { id } }"}`, "", "orders:read", 200, ""},
		{"scoped nested field", `{"query":"{ me { email } }"}`, "", "orders:read", 403, `Customer.email needs the scope "pii"`},
		{"scoped field in an unused operation is not judged", `{"query":"query A { menu { id } } query B { orders { id } }","operationName":"A"}`, "", "", 200, ""},
		{"several operations, none named", `{"query":"query A { menu { id } } query B { me { name } }"}`, "", "", 400, "name one in operationName"},
		{"batch: the second is refused", `[{"query":"{ menu { id } }"},{"query":"{ orders { id } }"}]`, "", "", 403, "Query.orders"},
		{"application/graphql body", `{ menu { id } }`, "application/graphql", "", 200, ""},
		{"__typename costs nothing", `{"query":"{ me { __typename name } }"}`, "", "", 200, ""},
	}
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 0, withGraphQL(limits))
	tokens := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, ok := tokens[tt.scope]
			if !ok {
				tok = pg.sign(map[string]any{"scope": tt.scope})
				tokens[tt.scope] = tok
			}
			r := httptest.NewRequest("POST", "/shop/v1/graphql", strings.NewReader(tt.body))
			r.Header.Set("Authorization", "Bearer "+tok)
			r.Header.Set("Content-Type", "application/json")
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			w := httptest.NewRecorder()
			pg.g.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Fatalf("%d %s, want %d", w.Code, w.Body, tt.want)
			}
			if tt.want == 200 {
				return
			}
			var p problem.Body
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Code != tt.want {
				t.Fatalf("body %s is not the gateway's problem JSON", w.Body)
			}
			if !strings.Contains(p.Description, tt.detail) {
				t.Errorf("description %q, want it to mention %q", p.Description, tt.detail)
			}
		})
	}
	// A GET carries the query in the URL.
	r := httptest.NewRequest("GET", "/shop/v1/graphql?query=%7B+me+%7B+orders+%7B+pizzas+%7B+id+%7D+%7D+%7D+%7D", nil)
	r.Header.Set("Authorization", "Bearer "+pg.token)
	w := httptest.NewRecorder()
	pg.g.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest {
		t.Errorf("deep GET query: %d %s, want 400", w.Code, w.Body)
	}
}

// TestGraphQLBodyReachesBackend: the gateway reads the body to judge it
// and forwards it whole.
func TestGraphQLBodyReachesBackend(t *testing.T) {
	var got string
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 0, withGraphQL(config.GraphQLPolicy{MaxDepth: 5}))
	pg.be.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := new(strings.Builder)
		_, _ = strings.NewReader("").WriteTo(b)
		buf := make([]byte, 1024)
		n, _ := r.Body.Read(buf)
		got = string(buf[:n])
	})
	body := `{"query":"{ menu { name } }"}`
	r := httptest.NewRequest("POST", "/shop/v1/graphql", strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+pg.token)
	w := httptest.NewRecorder()
	pg.g.ServeHTTP(w, r)
	if w.Code != 200 || got != body {
		t.Errorf("%d; backend read %q, want %q", w.Code, got, body)
	}
}

// TestGraphQLSchemaCache: a new snapshot that leaves the API's revision
// and policy alone reuses its parsed schema; a changed policy parses anew.
func TestGraphQLSchemaCache(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 0, withGraphQL(config.GraphQLPolicy{MaxDepth: 5}))
	before := pg.g.state.Load().guards
	snap := *pg.g.Snapshot()
	snap.Tiers = append([]config.Tier(nil), snap.Tiers...)
	snap.Tiers[0].RequestCount = 99
	snap.Seal()
	if _, err := pg.g.Apply(&snap); err != nil {
		t.Fatal(err)
	}
	after := pg.g.state.Load().guards
	if len(after) != 1 {
		t.Fatalf("%d guards, want 1", len(after))
	}
	for k, gg := range after {
		if before[k] != gg {
			t.Error("an unchanged API's schema was parsed again")
		}
	}
	next := snap // snap is the state's now: change a copy
	next.APIs = append([]config.API(nil), snap.APIs...)
	gq := *next.APIs[0].GraphQL
	gq.MaxDepth = 2
	next.APIs[0].GraphQL = &gq
	next.Seal()
	if _, err := pg.g.Apply(&next); err != nil {
		t.Fatal(err)
	}
	for k := range pg.g.state.Load().guards {
		if before[k] != nil {
			t.Errorf("a changed policy kept the old guard %s", k)
		}
	}
}

// BenchmarkGraphQLGuard: parsing, validating and measuring one query.
func BenchmarkGraphQLGuard(b *testing.B) {
	gg, err := newGQLGuard(&config.GraphQLPolicy{Schema: shopSDL, MaxDepth: 6, MaxComplexity: 100, ListMultiplier: 5,
		FieldScopes: []config.FieldScope{{Type: "Query", Field: "orders", Scope: "orders:read"}}})
	if err != nil {
		b.Fatal(err)
	}
	req := gqlRequest{Query: `query Q($n: Int) { orders(first: $n) { id pizzas { name toppings } customer { name } } me { name } }`}
	p := &authnPrincipal
	b.ReportAllocs()
	for b.Loop() {
		if e := gg.check(&req, p); e != nil {
			b.Fatal(e)
		}
	}
}

var authnPrincipal = authn.Principal{Scopes: []string{"orders:read"}}

func TestNesting(t *testing.T) {
	tests := []struct {
		q    string
		want int
	}{
		{"{ a }", 1},
		{"{ a { b(x: [1, 2]) { c } } }", 4},
		{`{ a(s: "{{{{") }`, 2},
		{`{ a(s: "\"{{{") }`, 2},
		{"{ a(s: \"\"\"{{{\"\"\") }", 2},
		{"# {{{{\n{ a }", 1},
		{"", 0},
	}
	for _, tt := range tests {
		if got := nesting(tt.q); got != tt.want {
			t.Errorf("nesting(%q) = %d, want %d", tt.q, got, tt.want)
		}
	}
}

// TestGraphQLDeepNestingRefusedBeforeParsing: a query nested far beyond
// any limit is refused without being parsed (the parser recurses).
func TestGraphQLDeepNestingRefusedBeforeParsing(t *testing.T) {
	gg, err := newGQLGuard(&config.GraphQLPolicy{Schema: shopSDL})
	if err != nil {
		t.Fatal(err)
	}
	q := strings.Repeat("{ me ", 200_000) + strings.Repeat("}", 200_000)
	if e := gg.check(&gqlRequest{Query: q}, nil); e == nil || e.status != http.StatusBadRequest || !strings.Contains(e.detail, "at most 256") {
		t.Errorf("deeply nested query: %v, want a 400 before parsing", e)
	}
}
