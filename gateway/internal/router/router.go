// Package router finds the API and resource a request is for. A Table is
// built once per snapshot and never changed, so lookups need no locks.
package router

import (
	"strings"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Route is one deployed API with its parsed resources. Value is free for the
// caller (the data plane keeps its proxy there).
type Route struct {
	API        config.API
	operations []operation
	Value      any
	// actions is set when an operation names a SOAPAction.
	actions bool
}

type operation struct {
	config.Operation
	segments []string // "{x}" matches one segment, "*" the rest
}

// Table maps context and version to routes, per virtual host.
type Table struct {
	// byContext holds the APIs without a virtual host: every Host sees them.
	byContext map[string]*contextRoutes
	// byHost holds, per virtual host, its own APIs merged over byContext,
	// so that a lookup reads one map whatever the Host.
	byHost map[string]map[string]*contextRoutes
	n      int
}

type contextRoutes struct {
	versions map[string]*Route
	def      *Route
	// own is set on a virtual host's entries (not shared with byContext).
	own bool
}

// Build makes a table from a validated snapshot; newValue, when not nil,
// fills each route's Value.
func Build(s *config.Snapshot, newValue func(*Route) (any, error)) (*Table, error) {
	t := &Table{byContext: map[string]*contextRoutes{}}
	hosted := map[string][]*Route{}
	for _, a := range s.APIs {
		r := &Route{API: a}
		for _, op := range a.Operations {
			r.operations = append(r.operations, operation{Operation: op, segments: split(op.Target)})
			r.actions = r.actions || op.SOAPAction != ""
		}
		if newValue != nil {
			v, err := newValue(r)
			if err != nil {
				return nil, err
			}
			r.Value = v
		}
		t.n++
		if a.VirtualHost != "" {
			h := strings.ToLower(a.VirtualHost)
			hosted[h] = append(hosted[h], r)
			continue
		}
		add(t.byContext, r, false)
	}
	if len(hosted) > 0 {
		t.byHost = make(map[string]map[string]*contextRoutes, len(hosted))
		for h, routes := range hosted {
			// Contexts the host does not touch share the any-host entry.
			m := make(map[string]*contextRoutes, len(t.byContext)+len(routes))
			for c, cr := range t.byContext {
				m[c] = cr
			}
			for _, r := range routes {
				add(m, r, true)
			}
			t.byHost[h] = m
		}
	}
	return t, nil
}

// add puts r into m. With copyShared, an entry still shared with the
// any-host map is copied first, and r wins over an any-host route of the
// same context and version.
func add(m map[string]*contextRoutes, r *Route, copyShared bool) {
	a := r.API
	cr := m[a.Context]
	switch {
	case cr == nil:
		cr = &contextRoutes{versions: map[string]*Route{}, own: copyShared}
		m[a.Context] = cr
	case copyShared && !cr.own:
		c := &contextRoutes{versions: make(map[string]*Route, len(cr.versions)+1), def: cr.def, own: true}
		for v, x := range cr.versions {
			c.versions[v] = x
		}
		cr = c
		m[a.Context] = cr
	}
	cr.versions[a.Version] = r
	if a.IsDefaultVersion {
		cr.def = r
	}
}

// HasActions reports whether an operation of the route names a SOAPAction.
func (r *Route) HasActions() bool { return r.actions }

// Len is the number of routes.
func (t *Table) Len() int { return t.n }

// Match is the result of a lookup.
type Match struct {
	Route *Route
	// Rest is the path after /{context}/{version}, always starting with "/".
	Rest string
	// Operation is the matched resource; never nil when the lookup is
	// Found.
	Operation *config.Operation
}

// Outcome says why a lookup failed.
type Outcome int

// Lookup outcomes.
const (
	Found Outcome = iota
	NoAPI
	NoResource
	MethodNotAllowed
)

// Lookup finds the route for method and path: the escaped URL path as
// pathx.Normalize returns it (the data plane normalizes before routing, so
// segments compare as backends decode them). Its cost grows with the
// number of path segments, not the number of APIs, and it allocates
// nothing: segments and Rest are slices of path.
func (t *Table) Lookup(method, path string) (Match, Outcome) {
	return t.LookupAction(method, path, "")
}

// LookupAction is Lookup for a call that names a SOAP action: on an API
// whose operations name SOAPActions, the operation naming action wins, and
// one naming none takes any other action (when the API has one).
func (t *Table) LookupAction(method, path, action string) (Match, Outcome) {
	return lookup(t.byContext, method, path, action)
}

// LookupHost is LookupAction for a request's Host header (a port is
// ignored, case does not matter): APIs on that virtual host and APIs on
// none are candidates, an API on another virtual host is not.
func (t *Table) LookupHost(host, method, path, action string) (Match, Outcome) {
	m := t.byContext
	if t.byHost != nil {
		h, upper := hostKey(host)
		var hm map[string]*contextRoutes
		if upper && len(h) <= 253 {
			var buf [253]byte
			b := buf[:len(h)]
			for i := 0; i < len(h); i++ {
				c := h[i]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				b[i] = c
			}
			hm = t.byHost[string(b)] // no allocation: the conversion is only a key
		} else if !upper {
			hm = t.byHost[h]
		}
		if hm != nil {
			m = hm
		}
	}
	return lookup(m, method, path, action)
}

// hostKey strips the port (and an IPv6 address's brackets and a DNS name's
// final dot) from host, and says whether it holds upper-case letters.
func hostKey(host string) (string, bool) {
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		if strings.HasPrefix(host, "[") || strings.IndexByte(host, ':') == i {
			host = host[:i]
		}
	}
	host = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), ".")
	for i := 0; i < len(host); i++ {
		if c := host[i]; c >= 'A' && c <= 'Z' {
			return host, true
		}
	}
	return host, false
}

func lookup(byContext map[string]*contextRoutes, method, path, action string) (Match, Outcome) {
	lead := len(path) - len(strings.TrimLeft(path, "/"))
	trimmed := strings.Trim(path, "/")
	var buf [32]string
	segs := splitInto(buf[:0], trimmed)
	// prefix(i) is the first i segments joined, sliced from the path itself
	// so that trying each candidate context allocates nothing.
	prefix := func(i int) string {
		n := len(segs[0])
		for _, s := range segs[1:i] {
			n += 1 + len(s)
		}
		return trimmed[:n]
	}
	// rest(i) is the path from segment i on, with its leading slash.
	rest := func(i int) string {
		if i >= len(segs) {
			if tail := path[lead+len(trimmed):]; tail != "" {
				return tail
			}
			return "/"
		}
		return path[lead+len(prefix(i)):]
	}
	// Longest context first: "shop/orders" wins over "shop".
	for i := len(segs) - 1; i >= 1; i-- {
		cr := byContext[prefix(i)]
		if cr == nil {
			continue
		}
		if r := cr.versions[segs[i]]; r != nil {
			return r.match(method, segs[i+1:], rest(i+1), action)
		}
		if cr.def != nil {
			return cr.def.match(method, segs[i:], rest(i), action)
		}
	}
	if len(segs) >= 1 {
		if cr := byContext[trimmed]; cr != nil && cr.def != nil {
			return cr.def.match(method, nil, rest(len(segs)), action)
		}
	}
	return Match{}, NoAPI
}

func (r *Route) match(method string, segs []string, rest string, action string) (Match, Outcome) {
	// An API without operations serves nothing: the gateway never
	// forwards a method and path that no resource covers, since no
	// resource would authenticate, check the subscription or throttle it.
	m := Match{Route: r, Rest: rest}
	if r.actions && action != "" {
		for i := range r.operations {
			op := &r.operations[i]
			if op.SOAPAction == action && op.Method == method && matchSegments(op.segments, segs) {
				m.Operation = &op.Operation
				return m, Found
			}
		}
	}
	pathMatched := false
	for i := range r.operations {
		op := &r.operations[i]
		if !matchSegments(op.segments, segs) {
			continue
		}
		if op.SOAPAction != "" {
			// Named actions are matched above only; an unknown action is
			// no resource (404), another method is not allowed (405).
			pathMatched = pathMatched || op.Method != method
			continue
		}
		pathMatched = true
		if op.Method == method || (method == "HEAD" && op.Method == "GET") {
			m.Operation = &op.Operation
			return m, Found
		}
	}
	if pathMatched {
		return m, MethodNotAllowed
	}
	return m, NoResource
}

func matchSegments(tmpl, path []string) bool {
	for i, s := range tmpl {
		if s == "*" {
			return true
		}
		if i >= len(path) {
			return false
		}
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			if path[i] == "" {
				return false
			}
			continue
		}
		if s != path[i] {
			return false
		}
	}
	return len(tmpl) == len(path)
}

// split turns "/a/b/" into ["a", "b"]; "/" into [].
func split(p string) []string {
	return splitInto(nil, strings.Trim(p, "/"))
}

// splitInto appends the "/"-separated segments of trimmed to dst.
func splitInto(dst []string, trimmed string) []string {
	if trimmed == "" {
		return dst
	}
	for {
		i := strings.IndexByte(trimmed, '/')
		if i < 0 {
			return append(dst, trimmed)
		}
		dst = append(dst, trimmed[:i])
		trimmed = trimmed[i+1:]
	}
}
