package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

const setTrafficControls = `mutation($id: ID!, $i: TrafficControlsInput!) { updateAPITrafficControls(id: $id, input: $i) {
	id trafficControls { graphql { maxDepth maxComplexity listMultiplier } webSocket { messageCount unitSeconds countSubscription overLimit } }
	graphqlFields { type field returns scope } } }`

// TestGraphQLLimitsThroughGateway: a publisher sets a GraphQL API's depth
// limit and a field scope (picked from the fields listed from its SDL);
// once deployed, the gateway refuses a deeper query with 400 and a query
// selecting the scoped field with a token that lacks the scope with 403.
func TestGraphQLLimitsThroughGateway(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{}}`)
	}))
	t.Cleanup(backend.Close)
	sdl := "type Query { shop: Shop  secret: String }\ntype Shop { name: String  orders: [Order!]! }\ntype Order { id: ID!  shop: Shop }\n"
	data, errs := pub.do(t, importKind, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": sdl}, "name": "Shop GQL", "context": "shopgql", "version": "v1", "endpoint": backend.URL}})
	if len(errs) > 0 {
		t.Fatalf("import: %+v", errs)
	}
	got := data["importAPI"].(map[string]any)
	id := got["id"].(string)

	bad := []struct {
		name  string
		input map[string]any
		field string
	}{
		{"unknown field", map[string]any{"graphql": map[string]any{"maxDepth": 2, "maxComplexity": 0,
			"fieldScopes": []any{map[string]any{"type": "Query", "field": "nope", "scope": "x"}}}}, "graphql.fieldScopes"},
		{"negative depth", map[string]any{"graphql": map[string]any{"maxDepth": -1, "maxComplexity": 0}}, "graphql.maxDepth"},
		{"WebSocket limits on a GraphQL API", map[string]any{"webSocket": map[string]any{"messageCount": 1, "unitSeconds": 1}}, "webSocket"},
	}
	for _, b := range bad {
		if _, errs := pub.do(t, setTrafficControls, map[string]any{"id": id, "i": b.input}); len(errs) == 0 || errs[0].Extensions.Field != b.field {
			t.Errorf("%s: %+v, want a %s field error", b.name, errs, b.field)
		}
	}
	data, errs = pub.do(t, setTrafficControls, map[string]any{"id": id, "i": map[string]any{"graphql": map[string]any{
		"maxDepth": 3, "maxComplexity": 50, "listMultiplier": 5,
		"fieldScopes": []any{map[string]any{"type": "Query", "field": "secret", "scope": "secret:read"}}}}})
	if len(errs) > 0 {
		t.Fatalf("set traffic controls: %+v", errs)
	}
	upd := data["updateAPITrafficControls"].(map[string]any)
	if g := upd["trafficControls"].(map[string]any)["graphql"].(map[string]any); g["maxDepth"] != 3.0 || g["listMultiplier"] != 5.0 {
		t.Errorf("stored limits %v", g)
	}
	fields, _ := json.Marshal(upd["graphqlFields"])
	if !strings.Contains(string(fields), `{"field":"secret","returns":"String","scope":"secret:read","type":"Query"}`) ||
		!strings.Contains(string(fields), `{"field":"orders","returns":"[Order!]!","scope":null,"type":"Shop"}`) {
		t.Errorf("graphqlFields %s", fields)
	}
	publishAndSubscribeDemo(t, inst, pub, id, got["subscriptionTiers"].([]any)[0].(string))
	tok := inst.token(t)
	post := func(query string) (int, string) {
		b, _ := json.Marshal(map[string]string{"query": query})
		req, _ := http.NewRequest(http.MethodPost, inst.gateway.URL+"/shopgql/v1/graphql", strings.NewReader(string(b)))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		// The deployment reaches the gateway asynchronously.
		code, body := post("{ shop { orders { shop { name } } } }")
		if code == http.StatusBadRequest {
			if !strings.Contains(body, `"code":400`) || !strings.Contains(body, "4 levels deep; this API allows at most 3") {
				t.Errorf("deep query refused with %s", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("deep query: never 400 (last %d %s)", code, body)
		}
	}
	if code, body := post("{ shop { orders { id } } }"); code != http.StatusOK {
		t.Errorf("query within the limits: %d %s", code, body)
	}
	if code, body := post("{ secret }"); code != http.StatusForbidden || !strings.Contains(body, `Query.secret needs the scope \"secret:read\"`) {
		t.Errorf("scoped field without the scope: %d %s, want 403", code, body)
	}
	if code, body := post("{ shop { price } }"); code != http.StatusBadRequest || !strings.Contains(body, "not valid for this API") {
		t.Errorf("query the schema does not allow: %d %s, want 400", code, body)
	}

	// Leaving the scopes out keeps them; restoring the deployed revision
	// brings its limits back into the working copy.
	data, errs = pub.do(t, setTrafficControls, map[string]any{"id": id, "i": map[string]any{"graphql": map[string]any{"maxDepth": 9, "maxComplexity": 0}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fields, _ = json.Marshal(data["updateAPITrafficControls"].(map[string]any)["graphqlFields"])
	if !strings.Contains(string(fields), `"scope":"secret:read"`) {
		t.Errorf("scopes left out were not kept: %s", fields)
	}
	data, errs = pub.do(t, `query($id: ID!) { apis(first: 1, where: {id: $id}) { edges { node { revisions(first: 20) { edges { node { id } } } } } } }`, map[string]any{"id": id})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rev := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["revisions"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"]
	data, errs = pub.do(t, `mutation($rev: ID!) { restoreAPIRevision(revisionID: $rev) { trafficControls { graphql { maxDepth } } graphqlFields { field scope } } }`, map[string]any{"rev": rev})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	restored, _ := json.Marshal(data["restoreAPIRevision"])
	if !strings.Contains(string(restored), `"maxDepth":3`) || !strings.Contains(string(restored), `{"field":"secret","scope":"secret:read"}`) {
		t.Errorf("restored %s, want the revision's limits and scopes", restored)
	}
}

// TestWebSocketLimitsThroughGateway: a WebSocket API limited to two
// client messages a minute per connection; the third closes the
// connection with 1008.
func TestWebSocketLimitsThroughGateway(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			http.Error(w, "upgrade required", http.StatusUpgradeRequired)
			return
		}
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer conn.CloseNow()
		for {
			typ, msg, err := conn.Read(r.Context())
			if err != nil {
				return
			}
			if conn.Write(r.Context(), typ, msg) != nil {
				return
			}
		}
	}))
	t.Cleanup(backend.Close)
	data, errs := pub.do(t, `mutation($i: CreateAPIInput!) { createAPI(input: $i) { id subscriptionTiers } }`,
		map[string]any{"i": map[string]any{"name": "Chat", "context": "chat", "version": "v1",
			"endpoint": backend.URL, "type": "WS", "topics": []string{"/room"}}})
	if len(errs) > 0 {
		t.Fatalf("createAPI: %+v", errs)
	}
	got := data["createAPI"].(map[string]any)
	id := got["id"].(string)
	if _, errs := pub.do(t, setTrafficControls, map[string]any{"id": id, "i": map[string]any{
		"webSocket": map[string]any{"messageCount": 2, "unitSeconds": 60, "overLimit": "FOO"}}}); len(errs) == 0 {
		t.Error("an unknown over-limit action was accepted")
	}
	data, errs = pub.do(t, setTrafficControls, map[string]any{"id": id, "i": map[string]any{
		"webSocket": map[string]any{"messageCount": 2, "unitSeconds": 60}}})
	if len(errs) > 0 {
		t.Fatalf("set traffic controls: %+v", errs)
	}
	if ws := data["updateAPITrafficControls"].(map[string]any)["trafficControls"].(map[string]any)["webSocket"].(map[string]any); ws["overLimit"] != "CLOSE" {
		t.Errorf("stored %v, want CLOSE by default", ws)
	}
	publishAndSubscribeDemo(t, inst, pub, id, got["subscriptionTiers"].([]any)[0].(string))
	tok := inst.token(t)
	waitGatewayWith(t, inst.gateway.URL, "/chat/v1/room", tok, http.StatusUpgradeRequired).Body.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(inst.gateway.URL, "http")+"/chat/v1/room",
		&websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer " + tok}}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	for i := range 3 {
		if err := conn.Write(ctx, websocket.MessageText, []byte("hi")); err != nil {
			t.Fatal(err)
		}
		_, msg, err := conn.Read(ctx)
		if i < 2 && (err != nil || string(msg) != "hi") {
			t.Fatalf("message %d: %q %v", i+1, msg, err)
		}
		if i == 2 && websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
			t.Fatalf("third message: %v, want a close with 1008", err)
		}
	}
}

// TestClaimConditionThroughGateway: an API-level tier whose condition
// group tests a claim of the caller's token limits PizzaShack's GET /menu
// for tokens carrying it.
func TestClaimConditionThroughGateway(t *testing.T) {
	inst := start(t, "", t.TempDir())
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	mustDo(t, admin, "createThrottlingTier", createTier, map[string]any{"in": map[string]any{
		"level": "API", "name": "ByKeyType", "requestCount": 1000, "unitSeconds": 3600, "conditionGroups": []any{
			map[string]any{"requestCount": 1, "unitSeconds": 3600, "conditions": []any{
				map[string]any{"type": "JWT_CLAIM", "name": "key_type", "value": "^PROD", "regex": true}}}}}})
	data, errs := pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id operations { id method target } } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	node := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	for _, op := range node["operations"].([]any) {
		if o := op.(map[string]any); o["method"] == "GET" && o["target"] == "/menu" {
			mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": o["id"], "i": map[string]any{"throttlingTier": "ByKeyType"}})
		}
	}
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": node["id"]}); len(errs) > 0 {
		t.Fatalf("deployAPI: %+v", errs)
	}
	resp := waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", inst.token(t), http.StatusTooManyRequests)
	resp.Body.Close()
	if rl := resp.Header.Get("RateLimit"); !strings.HasPrefix(rl, `"ByKeyType#1";r=0;t=`) || resp.Header.Get("Retry-After") == "" {
		t.Errorf("429 with RateLimit %q, Retry-After %q; want the claim's condition group named", rl, resp.Header.Get("Retry-After"))
	}
	if p := resp.Header.Get("RateLimit-Policy"); p != `"ByKeyType#1";q=1;w=3600` {
		t.Errorf("RateLimit-Policy %q", p)
	}
}
