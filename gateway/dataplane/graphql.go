package dataplane

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// gqlGuard is a GraphQL API's query policy with its schema parsed once.
// The parser is gqlparser (vektah/gqlparser/v2, the one gqlgen uses): it
// parses the query and validates it against the schema with the spec's
// rules (unknown fields, fragment cycles, variables), and it annotates
// each field with its definition, which depth, complexity and field
// scopes are read from.
type gqlGuard struct {
	schema        *ast.Schema
	maxDepth      int
	maxComplexity int
	listMul       int
	// scopes maps "Type.field" to the scope selecting it needs.
	scopes map[string]string
}

// gqlKey names a parsed schema: one per API revision and policy, so a
// new snapshot that leaves an API alone reuses its guard.
func gqlKey(a *config.API) string {
	b, _ := json.Marshal(a.GraphQL) // plain struct: cannot fail
	return fmt.Sprintf("%s@%d#%x", a.ID, a.Revision, fnv64(b))
}

func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// buildGuards parses the GraphQL schemas of s, reusing the guards of prev
// for API revisions it already parsed. An API whose schema does not parse
// keeps no guard, and its calls are refused (503) rather than let through
// unchecked.
func (g *Gateway) buildGuards(s *config.Snapshot, prev map[string]*gqlGuard) map[string]*gqlGuard {
	out := map[string]*gqlGuard{}
	for i := range s.APIs {
		a := &s.APIs[i]
		if a.GraphQL == nil {
			continue
		}
		key := gqlKey(a)
		if gg, ok := prev[key]; ok {
			out[key] = gg
			continue
		}
		gg, err := newGQLGuard(a.GraphQL)
		if err != nil {
			g.log.Error("graphql schema of API does not parse; its calls are refused", "api", a.ID, "err", err)
			continue
		}
		out[key] = gg
	}
	return out
}

func newGQLGuard(p *config.GraphQLPolicy) (*gqlGuard, error) {
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: p.Schema})
	if err != nil {
		return nil, err
	}
	gg := &gqlGuard{schema: schema, maxDepth: p.MaxDepth, maxComplexity: p.MaxComplexity, listMul: max(p.ListMultiplier, 1)}
	if len(p.FieldScopes) > 0 {
		gg.scopes = make(map[string]string, len(p.FieldScopes))
		for _, f := range p.FieldScopes {
			gg.scopes[f.Type+"."+f.Field] = f.Scope
		}
	}
	return gg, nil
}

// gqlRequest is a GraphQL-over-HTTP request body.
type gqlRequest struct {
	Query         string `json:"query"`
	OperationName string `json:"operationName"`
}

// gqlError is a refusal with its status.
type gqlError struct {
	status int
	detail string
}

// guardGraphQL checks a GraphQL API's query before it reaches the
// backend: parse and validate it against the schema (400), its depth and
// complexity (400), and the scopes of the fields it selects (403). The
// body is read (bounded by MaxBodyBytes) and put back for the proxy.
// Queries come as a POST or as a GET with a query parameter; other calls
// (a GraphiQL page, say) carry no query and pass.
func guardGraphQL(w http.ResponseWriter, r *http.Request, c *call) bool {
	if c.api == nil || c.api.GraphQL == nil {
		return true
	}
	if r.Method != http.MethodPost && (r.Method != http.MethodGet || !r.URL.Query().Has("query")) {
		return true
	}
	gg := c.st.guards[c.route.gqlKey]
	if gg == nil {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", "the API's GraphQL schema could not be read by the gateway")
		return false
	}
	reqs, err := readGraphQL(r)
	if err == nil {
		for i := range reqs {
			if e := gg.check(&reqs[i], c.principal); e != nil {
				err = e
				break
			}
		}
	}
	if err == nil {
		return true
	}
	c.errType = config.ErrorGateway
	var ge *gqlError
	if errors.As(err, &ge) && ge.status == http.StatusForbidden {
		c.errType = config.ErrorAuth
		c.route.metrics.forbidden.Inc()
		problem.Write(w, http.StatusForbidden, "Forbidden", ge.detail)
		return false
	}
	if ge != nil {
		problem.Write(w, http.StatusBadRequest, "Bad Request", ge.detail)
	} else {
		problem.Write(w, http.StatusBadRequest, "Bad Request", err.Error())
	}
	return false
}

func (e *gqlError) Error() string { return e.detail }

func badQuery(format string, args ...any) *gqlError {
	return &gqlError{status: http.StatusBadRequest, detail: fmt.Sprintf(format, args...)}
}

// readGraphQL reads the operations of a GraphQL-over-HTTP request: the
// query parameters of a GET, or a POST's JSON body (one request or a
// batch), or a POST of application/graphql.
func readGraphQL(r *http.Request) ([]gqlRequest, error) {
	if r.Method == http.MethodGet {
		q := r.URL.Query()
		return []gqlRequest{{Query: q.Get("query"), OperationName: q.Get("operationName")}}, nil
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, badQuery("the request body could not be read: %v", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.TransferEncoding = nil // the length is known now
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/graphql") {
		return []gqlRequest{{Query: string(body)}}, nil
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var batch []gqlRequest
		if err := json.Unmarshal(body, &batch); err != nil || len(batch) == 0 {
			return nil, badQuery("the request body is not a GraphQL request batch")
		}
		return batch, nil
	}
	var one gqlRequest
	if err := json.Unmarshal(body, &one); err != nil || one.Query == "" {
		return nil, badQuery(`the request body must be JSON with a "query"`)
	}
	return []gqlRequest{one}, nil
}

// maxNesting bounds the brackets a query may nest before it is parsed:
// the parser recurses per level, and a body of 16 MiB of "{a" would
// otherwise run it (and the gateway) out of stack.
const maxNesting = 256

// nesting is the deepest bracket nesting of q outside strings.
func nesting(q string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case '{', '(', '[':
			depth++
			deepest = max(deepest, depth)
		case '}', ')', ']':
			depth--
		case '#': // a comment runs to the end of the line
			for i < len(q) && q[i] != '\n' && q[i] != '\r' {
				i++
			}
		case '"':
			if strings.HasPrefix(q[i:], `"""`) { // block string
				end := strings.Index(q[i+3:], `"""`)
				if end < 0 {
					return deepest
				}
				i += 3 + end + 2
				continue
			}
			for i++; i < len(q) && q[i] != '"'; i++ {
				if q[i] == '\\' {
					i++
				}
			}
		}
	}
	return deepest
}

// check judges one operation.
func (gg *gqlGuard) check(req *gqlRequest, p *authn.Principal) *gqlError {
	if n := nesting(req.Query); n > maxNesting {
		return badQuery("the query nests %d levels of brackets; the gateway reads at most %d", n, maxNesting)
	}
	doc, errs := gqlparser.LoadQuery(gg.schema, req.Query)
	if len(errs) > 0 {
		return badQuery("the query is not valid for this API: %s", errs[0].Message)
	}
	var op *ast.OperationDefinition
	switch {
	case req.OperationName != "":
		op = doc.Operations.ForName(req.OperationName)
		if op == nil {
			return badQuery("the query has no operation named %q", req.OperationName)
		}
	case len(doc.Operations) == 1:
		op = doc.Operations[0]
	default:
		return badQuery("the query has several operations; name one in operationName")
	}
	w := walk{gg: gg, p: p}
	depth, cost := w.selections(op.SelectionSet, 0)
	if w.denied != nil {
		return w.denied
	}
	if gg.maxDepth > 0 && depth > gg.maxDepth {
		return badQuery("the query is %d levels deep; this API allows at most %d", depth, gg.maxDepth)
	}
	if gg.maxComplexity > 0 && cost > gg.maxComplexity {
		return badQuery("the query's complexity is %d; this API allows at most %d", cost, gg.maxComplexity)
	}
	return nil
}

// walk measures a validated selection set and checks field scopes.
type walk struct {
	gg     *gqlGuard
	p      *authn.Principal
	denied *gqlError
}

// costCap keeps complexity from overflowing on deep list nesting; any
// limit is far below it.
const costCap = 1 << 40

// selections returns the depth (nested fields) and complexity (one per
// field, a list's selection multiplied by the list multiplier) of set.
// Fragments are expanded where they are spread; the validator has
// refused fragment cycles, and __typename costs nothing.
func (w *walk) selections(set ast.SelectionSet, level int) (depth, cost int) {
	for _, s := range set {
		var d, c int
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__typename" {
				d = 1
				break
			}
			if w.gg.scopes != nil && s.ObjectDefinition != nil && w.denied == nil {
				if scope, ok := w.gg.scopes[s.ObjectDefinition.Name+"."+s.Name]; ok && (w.p == nil || !slices.Contains(w.p.Scopes, scope)) {
					w.denied = &gqlError{status: http.StatusForbidden,
						detail: fmt.Sprintf("the field %s.%s needs the scope %q, which the token does not have", s.ObjectDefinition.Name, s.Name, scope)}
				}
			}
			cd, cc := w.selections(s.SelectionSet, level+1)
			d = 1 + cd
			if s.Definition != nil && s.Definition.Type.Elem != nil && cc > 0 {
				cc *= w.gg.listMul
			}
			c = 1 + cc
		case *ast.InlineFragment:
			d, c = w.selections(s.SelectionSet, level)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d, c = w.selections(s.Definition.SelectionSet, level)
			}
		}
		depth = max(depth, d)
		cost = min(cost+c, costCap)
	}
	return depth, cost
}
