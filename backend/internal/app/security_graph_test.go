package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	gqlast "github.com/vektah/gqlparser/v2/ast"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/graph"
	"github.com/gatehouse/gatehouse/backend/internal/graph/generated"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/apirevision"
	"github.com/gatehouse/gatehouse/ent/deployment"
)

// plantedOrg is what one organization holds for the sweep, with the
// markers (unique strings) that must not reach who may not see them.
type plantedOrg struct {
	publisher *session
	// backend are markers only the organization's managers may read:
	// backend URLs, basic-auth user and password, mediation header values,
	// key-manager configuration.
	backend []string
	// unpublished are the name and context of an API in state CREATED.
	unpublished []string
	// names are every name of the organization's objects (for viewers of
	// another organization).
	names []string
	ids   map[string]string // "created", "published": API ids
}

func marker(t *testing.T, what string) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "mk" + what + hex.EncodeToString(b)
}

// plant creates, as pub (and admin for the key manager, when given), a
// CREATED and a PUBLISHED API with backend endpoints, basic auth, a
// mediation header with a secret-looking value, deployments, and a
// third-party key manager.
func plant(t *testing.T, pub, admin *session, org string) *plantedOrg {
	t.Helper()
	p := &plantedOrg{publisher: pub, ids: map[string]string{}}
	for _, state := range []string{"created", "published"} {
		name, ctxPath := marker(t, org+"name"), marker(t, org+"ctx")
		prod, sandbox := marker(t, org+"prod"), marker(t, org+"sandbox")
		user, password, header := marker(t, org+"user"), marker(t, org+"pass"), marker(t, org+"hdr")
		// Imported, so it has resources and a definition whose servers
		// name the backend.
		def := "openapi: 3.0.3\ninfo: {title: t, version: \"1.0\"}\nservers: [{url: \"http://127.0.0.1:9/" + prod +
			"\"}]\npaths:\n  /things:\n    get:\n      responses: {\"200\": {description: ok}}\n"
		data := mustDo(t, pub, "importAPI", `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { id } } }`,
			map[string]any{"i": map[string]any{"name": name, "context": ctxPath, "version": "1.0.0",
				"endpoint": "http://127.0.0.1:9/" + prod, "source": map[string]any{"content": def}}})
		mustDo(t, pub, "updateAPIBusinessInfo", updateBusiness, map[string]any{"id": data["id"], "i": map[string]any{"subscriptionTiers": []string{"Gold"}}})
		id := data["id"].(string)
		p.ids[state] = id
		mustDo(t, pub, "updateAPIEndpoints", updateEndpoints, map[string]any{"id": id, "i": map[string]any{
			"production": map[string]any{"type": "SINGLE", "urls": []string{"http://127.0.0.1:9/" + prod},
				"auth": map[string]any{"type": "BASIC", "username": user, "password": password}},
			"sandbox": map[string]any{"type": "SINGLE", "urls": []string{"http://127.0.0.1:9/" + sandbox}},
		}})
		for _, op := range data["operations"].([]any) {
			mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": op.(map[string]any)["id"], "i": map[string]any{
				"policies": map[string]any{"setRequestHeaders": []any{map[string]any{"name": "X-Backend-Key", "value": header}}}}})
		}
		p.backend = append(p.backend, prod, sandbox, user, password, header)
		p.names = append(p.names, name, ctxPath)
		if state == "created" {
			p.unpublished = append(p.unpublished, name, ctxPath)
			continue
		}
		mustDo(t, pub, "deployAPI", deployAPI, map[string]any{"id": id})
		mustDo(t, pub, "changeAPILifecycle", `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { id } }`, map[string]any{"id": id})
	}
	if admin != nil {
		km, issuer, jwks, intro, client := marker(t, org+"km"), marker(t, org+"iss"), marker(t, org+"jwks"), marker(t, org+"intro"), marker(t, org+"kmclient")
		mustDo(t, admin, "createKeyManager", `mutation($i: ExternalKeyManagerInput!) { createKeyManager(input: $i) { id } }`,
			map[string]any{"i": map[string]any{"name": km, "issuer": "https://" + issuer + ".example", "jwksURI": "https://" + jwks + ".example/jwks",
				"introspectionEndpoint": "https://" + intro + ".example/introspect", "introspectionClientID": client}})
		p.backend = append(p.backend, issuer, jwks, intro, client)
		p.names = append(p.names, km)
	}
	return p
}

// secondOrg creates organization B with an admin and a publisher directly
// in the database (no API creates organizations yet) and signs them in.
func secondOrg(t *testing.T, inst *instance) (admin, pub *session) {
	t.Helper()
	ctx := context.Background()
	client := entClient(t, inst)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	org, err := tx.Organization.Create().SetName("orgb").SetDisplayName("Org B").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The tier org B's APIs offer (publishing needs one).
	if err := tx.ThrottlingTier.Create().SetOrganizationID(org.ID).SetLevel("SUBSCRIPTION").SetName("Gold").
		SetRequestCount(100).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		role viewer.Role
	}{{"orgb-admin", viewer.Admin}, {"orgb-publisher", viewer.Publisher}} {
		if _, err := auth.CreateUser(ctx, tx, org.ID, u.name, "orgb-password-1", u.role); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return inst.login(t, "orgb-admin", "orgb-password-1"), inst.login(t, "orgb-publisher", "orgb-password-1")
}

// sel is one field of a generated query with its sub-selection.
type sel struct {
	head string // field with arguments, or "... on Type"
	kids []*sel // nil: a leaf
}

func (s *sel) String() string {
	if s.kids == nil {
		return s.head
	}
	parts := make([]string, len(s.kids))
	for i, k := range s.kids {
		parts[i] = k.String()
	}
	return s.head + " { " + strings.Join(parts, " ") + " }"
}

// walker builds selections from the executable schema.
type walker struct {
	schema *gqlast.Schema
	id     string // fills required ID arguments
}

// args fills the required arguments of f with defaults; ok is false when
// one cannot be filled (an input object).
func (w *walker) args(f *gqlast.FieldDefinition) (string, bool) {
	var out []string
	for _, a := range f.Arguments {
		if !a.Type.NonNull || a.DefaultValue != nil {
			continue
		}
		switch {
		case a.Type.Elem != nil:
			return "", false
		case a.Type.NamedType == "ID":
			out = append(out, fmt.Sprintf("%s: %q", a.Name, w.id))
		case a.Type.NamedType == "String":
			out = append(out, a.Name+`: ""`)
		case a.Type.NamedType == "Int":
			out = append(out, a.Name+": 1")
		case a.Type.NamedType == "Boolean":
			out = append(out, a.Name+": false")
		case w.schema.Types[a.Type.NamedType].Kind == gqlast.Enum:
			out = append(out, a.Name+": "+w.schema.Types[a.Type.NamedType].EnumValues[0].Name)
		default:
			return "", false
		}
	}
	if len(out) == 0 {
		return "", true
	}
	return "(" + strings.Join(out, ", ") + ")", true
}

// selection is every field of type name down to depth object levels, a type
// appearing at most twice on one path (API -> deployments -> environment ->
// deployments -> API is the path).
func (w *walker) selection(name string, depth int, path []string) []*sel {
	def := w.schema.Types[name]
	switch def.Kind {
	case gqlast.Interface, gqlast.Union:
		out := []*sel{{head: "__typename"}}
		for _, impl := range w.schema.GetPossibleTypes(def) {
			if kids := w.selection(impl.Name, depth, path); len(kids) > 0 {
				out = append(out, &sel{head: "... on " + impl.Name, kids: kids})
			}
		}
		return out
	}
	var out []*sel
	countOnPath := 0
	for _, p := range path {
		if p == name {
			countOnPath++
		}
	}
	path = append(slices.Clone(path), name)
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		args, ok := w.args(f)
		if !ok {
			continue
		}
		ft := w.schema.Types[f.Type.Name()]
		if ft.Kind == gqlast.Scalar || ft.Kind == gqlast.Enum {
			out = append(out, &sel{head: f.Name + args})
			continue
		}
		wrapper := ft.Kind == gqlast.Object && (strings.HasSuffix(ft.Name, "Connection") || strings.HasSuffix(ft.Name, "Edge"))
		next := depth - 1
		if wrapper {
			next = depth
		}
		if next < 0 || countOnPath >= 2 {
			continue
		}
		if kids := w.selection(ft.Name, next, path); len(kids) > 0 {
			out = append(out, &sel{head: f.Name + args, kids: kids})
		}
	}
	return out
}

func (s *sel) size() int {
	n := 1
	for _, k := range s.kids {
		n += k.size()
	}
	return n
}

// chunks splits s into selections of at most budget fields that together
// cover it: every chunk keeps s's scalars and takes a share of its object
// fields, one too large being split the same way below. The server's
// complexity limit refuses a whole depth-5 walk; the chunks pass it.
func chunks(s *sel, budget int) []*sel {
	if s.size() <= budget || s.kids == nil {
		return []*sel{s}
	}
	var leaves, objs []*sel
	for _, k := range s.kids {
		if k.kids == nil {
			leaves = append(leaves, k)
		} else {
			objs = append(objs, k)
		}
	}
	room := budget - 1 - len(leaves)
	var out []*sel
	var cur []*sel
	used := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, &sel{head: s.head, kids: append(slices.Clone(leaves), cur...)})
			cur, used = nil, 0
		}
	}
	for _, o := range objs {
		n := o.size()
		if n > room {
			for _, part := range chunks(o, room) {
				out = append(out, &sel{head: s.head, kids: append(slices.Clone(leaves), part)})
			}
			continue
		}
		if used+n > room {
			flush()
		}
		cur, used = append(cur, o), used+n
	}
	flush()
	return out
}

// sweep runs root in chunks as s and returns every answer (data and
// errors) as JSON text.
func sweep(t *testing.T, s *session, root *sel) []string {
	t.Helper()
	var out []string
	for _, c := range chunks(root, 1500) {
		query := "query { " + c.String() + " }"
		data, errs := s.do(t, query, nil)
		for _, e := range errs {
			switch {
			case e.Extensions.Code == "INTERNAL_SERVER_ERROR" || e.Extensions.Code == "INTERNAL":
				t.Errorf("internal error on %.300s: %s", query, e.Message)
			case data == nil && e.Extensions.Code != "NOT_FOUND" && e.Extensions.Code != "UNAUTHENTICATED" && e.Extensions.Code != "FORBIDDEN":
				t.Errorf("the server refused a sweep query (%s: %s): %.300s", e.Extensions.Code, e.Message, query)
			}
		}
		b, _ := json.Marshal(map[string]any{"data": data, "errors": errs})
		out = append(out, string(b))
	}
	return out
}

// TestHole4_5_GraphSweep walks every type reachable from catalogue,
// catalogueAPI, apis, environments, node and nodes as an anonymous visitor,
// a subscriber of organization A and a publisher of organization B, and
// finds none of the markers they may not see: backend URLs, basic-auth
// credentials, mediation header values, key-manager configuration,
// unpublished APIs, and the other organization's objects.
func TestHole4_5_GraphSweep(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	// The sweep's documents ask for every field at once, far past the
	// document limits of hole 7, which have their own tests: lift them so
	// the sweep tests visibility, not size.
	inst := startWith(t, app.Config{Database: database, DataDir: dir, GraphQL: graph.Limits{
		MaxDepth: 100, MaxComplexity: 1 << 30, MaxSelections: 100_000, MaxTokens: 1_000_000,
		MaxListItems: 100_000, PageSize: 100, FanOut: 10}})
	adminA := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pubA := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	subA := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	adminB, pubB := secondOrg(t, inst)
	a := plant(t, pubA, adminA, "a")
	b := plant(t, pubB, adminB, "b")

	// Every object id the sweep asks node and nodes for.
	ctx := context.Background()
	client := entClient(t, inst)
	var ids []string
	add := func(list any, err error) {
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range list.([]ent.Noder) {
			ids = append(ids, fmt.Sprint(idOf(n)))
		}
	}
	var planted []uuid.UUID
	for _, p := range []*plantedOrg{a, b} {
		for _, id := range p.ids {
			planted = append(planted, uuid.MustParse(id))
		}
	}
	add(nodersOf(client.API.Query().Where(api.IDIn(planted...)).All(ctx)))
	add(nodersOf(client.APIOperation.Query().Where(apioperation.APIIDIn(planted...)).All(ctx)))
	add(nodersOf(client.APIRevision.Query().Where(apirevision.APIIDIn(planted...)).All(ctx)))
	add(nodersOf(client.Deployment.Query().Where(deployment.APIIDIn(planted...)).All(ctx)))
	add(nodersOf(client.User.Query().All(ctx)))
	add(nodersOf(client.Organization.Query().All(ctx)))
	add(nodersOf(client.ThrottlingTier.Query().All(ctx)))
	add(nodersOf(client.RoleBinding.Query().All(ctx)))

	w := &walker{schema: generated.NewExecutableSchema(generated.Config{}).Schema(), id: a.ids["published"]}
	query := w.schema.Query
	rootSel := func(field, args string) *sel {
		f := query.Fields.ForName(field)
		depth := 5
		if field == "node" || field == "nodes" {
			depth = 4 // a fragment per Node type: the widest roots
		}
		return &sel{head: field + args, kids: w.selection(f.Type.Name(), depth, nil)}
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	roots := []*sel{
		rootSel("catalogue", "(first: 100)"),
		rootSel("apis", ""),
		rootSel("environments", ""),
		rootSel("nodes", "(ids: ["+strings.Join(quoted, ", ")+"])"),
	}
	for _, id := range []string{a.ids["created"], a.ids["published"], b.ids["created"], b.ids["published"]} {
		roots = append(roots, rootSel("catalogueAPI", fmt.Sprintf("(id: %q)", id)))
	}
	roots = append(roots, rootSel("node", fmt.Sprintf("(id: %q)", a.ids["created"])), rootSel("node", fmt.Sprintf("(id: %q)", b.ids["published"])))

	everyBackend := slices.Concat(a.backend, b.backend)
	everyUnpublished := slices.Concat(a.unpublished, b.unpublished)
	for _, viewer := range []struct {
		name    string
		s       *session
		markers []string
	}{
		{"anonymous", inst.anonymous(), slices.Concat(everyBackend, everyUnpublished)},
		{"subscriber of A", subA, slices.Concat(everyBackend, everyUnpublished, b.names)},
		{"publisher of B", pubB, slices.Concat(a.backend, a.names)},
	} {
		t.Run(viewer.name, func(t *testing.T) {
			answers := 0
			for _, root := range roots {
				for _, answer := range sweep(t, viewer.s, root) {
					answers++
					for _, m := range viewer.markers {
						if strings.Contains(answer, m) {
							t.Errorf("%s read marker %s through %s:\n%.600s", viewer.name, m, strings.SplitN(root.head, "(", 2)[0], answer)
						}
					}
				}
			}
			if answers < len(roots) {
				t.Fatalf("only %d answers", answers)
			}
		})
	}

	// The walk reaches the data: the publishers read their own markers.
	for _, own := range []struct {
		s *session
		p *plantedOrg
	}{{pubA, a}, {pubB, b}} {
		text := strings.Join(sweep(t, own.s, rootSel("apis", "")), "")
		for _, m := range own.p.names[:4] {
			if !strings.Contains(text, m) {
				t.Errorf("a publisher does not see their own %s: the sweep walks too little", m)
			}
		}
		if !strings.Contains(text, own.p.backend[0]) {
			t.Errorf("a publisher does not see their own backend URL %s", own.p.backend[0])
		}
	}
}

func nodersOf[T ent.Noder](list []T, err error) (any, error) {
	out := make([]ent.Noder, len(list))
	for i, n := range list {
		out[i] = n
	}
	return out, err
}

func idOf(n ent.Noder) any {
	b, _ := json.Marshal(n)
	var v struct{ ID string }
	_ = json.Unmarshal(b, &v)
	return v.ID
}

// TestHole4_GraphTraversalLeak: the traversals reach only the APIs
// the root field lists: no CREATED API, no other organization's API.
func TestHole4_GraphTraversalLeak(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	pubA := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	subA := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	_, pubB := secondOrg(t, inst)
	a := plant(t, pubA, nil, "a")
	b := plant(t, pubB, nil, "b")
	// The CREATED APIs are deployed too, so the environment lists them.
	mustDo(t, pubA, "deployAPI", deployAPI, map[string]any{"id": a.ids["created"]})
	mustDo(t, pubB, "deployAPI", deployAPI, map[string]any{"id": b.ids["created"]})

	traversal := `{ catalogue { apis { deployments { environment { deployments { api { id name context definition lifecycleStatus } } } } } } }`
	envs := `{ environments { edges { node { deployments { api { id name context definition } } } } } }`
	for _, c := range []struct {
		name, query string
		s           *session
		hidden      []string
	}{
		{"anonymous catalogue traversal", traversal, inst.anonymous(), slices.Concat(a.unpublished, b.unpublished)},
		{"subscriber catalogue traversal", traversal, subA, slices.Concat(a.unpublished, b.names)},
		{"subscriber environments", envs, subA, slices.Concat(a.unpublished, b.names)},
		{"other organization's publisher", envs, pubB, a.names},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, errs := c.s.do(t, c.query, nil)
			text, _ := json.Marshal(map[string]any{"data": data, "errors": errs})
			for _, m := range c.hidden {
				if strings.Contains(string(text), m) {
					t.Errorf("%s reached %s:\n%.800s", c.name, m, text)
				}
			}
		})
	}
	// node(id) of an invisible API is NOT_FOUND, as a missing one is.
	for _, id := range []string{a.ids["created"], b.ids["published"], "00000000-0000-4000-8000-000000000000"} {
		_, errs := subA.do(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
		if len(errs) != 1 || errs[0].Extensions.Code != "NOT_FOUND" {
			t.Errorf("node(%s) as a subscriber: %+v, want NOT_FOUND", id, errs)
		}
	}
	// The publisher still reaches their CREATED API through the same edges.
	data, errs := pubA.do(t, envs, nil)
	if text, _ := json.Marshal(data); len(errs) > 0 || !strings.Contains(string(text), a.unpublished[0]) {
		t.Errorf("the publisher lost their own CREATED API: %+v", errs)
	}
}

// TestHole5_BackendDataHidden: consumers read the gateway URLs and the
// public definition, never backend endpoints, credentials, mediation
// values or key-manager configuration, and cannot search them out.
func TestHole5_BackendDataHidden(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	adminA := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pubA := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	subA := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	a := plant(t, pubA, adminA, "a")
	id := a.ids["published"]

	// An imported OpenAPI API whose definition carries backend settings.
	secret := marker(t, "defsecret")
	def := `openapi: 3.0.3
info: {title: Carrying, version: "1.0"}
servers: [{url: "http://127.0.0.1:9/` + secret + `"}]
x-gatehouse-endpoints: {production: "http://127.0.0.1:9/` + secret + `"}
paths:
  /things:
    get:
      x-gatehouse-policies: {setRequestHeaders: [{name: X-Key, value: ` + secret + `}]}
      responses: {"200": {description: ok}}
`
	imported := mustDo(t, pubA, "importAPI", `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"context": marker(t, "imp"), "version": "1.0.0", "endpoint": "http://127.0.0.1:9/" + secret,
			"source": map[string]any{"content": def}}})
	impID := imported["id"].(string)
	mustDo(t, pubA, "deployAPI", deployAPI, map[string]any{"id": impID})
	mustDo(t, pubA, "changeAPILifecycle", `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { id } }`, map[string]any{"id": impID})

	fields := `id name productionEndpoint sandboxEndpoint definition consoleDefinition gatewayEndpoints { url }
	  operations { id }`
	for _, c := range []struct {
		name string
		s    *session
	}{{"anonymous", inst.anonymous()}, {"subscriber", subA}} {
		t.Run(c.name, func(t *testing.T) {
			for _, apiID := range []string{id, impID} {
				data, errs := c.s.do(t, `query($id: ID!) { catalogueAPI(id: $id) { `+fields+` } }`, map[string]any{"id": apiID})
				if len(errs) > 0 {
					t.Fatalf("catalogueAPI: %+v", errs)
				}
				got := data["catalogueAPI"].(map[string]any)
				text, _ := json.Marshal(got)
				for _, m := range append(slices.Clone(a.backend), secret) {
					if strings.Contains(string(text), m) {
						t.Errorf("%s read %s: %s", c.name, m, text)
					}
				}
				if got["productionEndpoint"] != "" || got["sandboxEndpoint"] != "" {
					t.Errorf("endpoints not redacted: %v", got)
				}
				if eps := got["gatewayEndpoints"].([]any); len(eps) == 0 {
					t.Errorf("no gateway URL for a deployed API: %v", got)
				}
				if apiID == impID {
					if def := got["definition"].(string); !strings.Contains(def, "/things") || strings.Contains(def, "x-gatehouse") {
						t.Errorf("definition is not the public one: %s", def)
					}
					if cd := got["consoleDefinition"].(string); strings.Contains(cd, "x-gatehouse") {
						t.Errorf("console definition keeps x-gatehouse settings: %s", cd)
					}
				}
			}
			// Mediation policies and endpoint settings are for managers.
			for _, q := range []string{
				`query($id: ID!) { catalogueAPI(id: $id) { endpoints { production { urls } } } }`,
				`query($id: ID!) { catalogueAPI(id: $id) { operations { policies { setRequestHeaders { value } } } } }`,
				`query($id: ID!) { catalogueAPI(id: $id) { exportedDefinition definitionURL } }`,
			} {
				data, errs := c.s.do(t, q, map[string]any{"id": id})
				text, _ := json.Marshal(map[string]any{"data": data, "errors": errs})
				for _, m := range a.backend {
					if strings.Contains(string(text), m) {
						t.Errorf("%s read %s through %s", c.name, m, q)
					}
				}
			}
		})
	}
	// Key-manager configuration is for admins; members see the name.
	data, errs := subA.do(t, `{ keyManagers { id name issuer jwksURI introspectionEndpoint introspectionClientID } }`, nil)
	text, _ := json.Marshal(map[string]any{"data": data, "errors": errs})
	for _, m := range a.backend {
		if strings.Contains(string(text), m) {
			t.Errorf("a subscriber read key-manager setting %s: %s", m, text)
		}
	}
	// Where-inputs do not filter on hidden fields (no oracle).
	for _, q := range []string{
		`{ apis(where: {productionEndpointContains: "127"}) { totalCount } }`,
		`{ apis(where: {sandboxEndpointContains: "127"}) { totalCount } }`,
		`{ apis(where: {hasServiceEntryWith: {serviceURLContains: "127"}}) { totalCount } }`,
	} {
		if _, errs := subA.do(t, q, nil); len(errs) == 0 || errs[0].Extensions.Code != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("%s: %+v, want a validation error", q, errs)
		}
	}
	// The publisher still reads and edits everything.
	got := mustDo(t, pubA, "node", `query($id: ID!) { node(id: $id) { ... on API { productionEndpoint definition
	  endpoints { production { auth { username } } } operations { policies { setRequestHeaders { value } } } } } }`, map[string]any{"id": id})
	text, _ = json.Marshal(got)
	for _, m := range []string{a.backend[5], a.backend[7], a.backend[9]} { // prod URL, user, header of the published API
		if !strings.Contains(string(text), m) {
			t.Errorf("the publisher does not read their own %s: %s", m, text)
		}
	}
}
