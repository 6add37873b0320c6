package app_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/ent/applicationkey"
)

const importKind = `mutation($i: ImportAPIInput!) { importAPI(input: $i) {
	id name type definitionType definitionURL subscriptionTiers
	operations { method target authRequired } definitionOperations { method target } } }`

// TestImportAPIKinds imports every GraphQL SDL, WSDL and AsyncAPI document
// of the shared specs: each becomes an API of its kind, with the resources
// the gateway routes and the declared operations listed from the stored
// definition, which is downloaded byte for byte.
func TestImportAPIKinds(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	manifest, err := os.ReadFile(filepath.Join(specsDir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string][3]string{ // format prefix -> type, definition type, resource
		"graphql":  {"GRAPHQL", "GRAPHQL_SDL", "POST /graphql"},
		"wsdl":     {"SOAP", "WSDL", "POST /*"},
		"asyncapi": {"ASYNC", "ASYNCAPI", ""},
	}
	seen := 0
	for i, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n")[1:] {
		cols := strings.Split(line, "\t")
		file, format, ops := cols[0], cols[5], cols[7]
		want, ok := kinds[strings.Split(format, "-")[0]]
		if !ok {
			continue
		}
		seen++
		t.Run(file, func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join(specsDir, file))
			if err != nil {
				t.Fatal(err)
			}
			data, errs := pub.do(t, importKind, map[string]any{"i": map[string]any{
				"source": map[string]any{"content": string(content)},
				"name":   file, "context": fmt.Sprintf("kind%d", i), "version": "v1", "endpoint": "http://127.0.0.1:1/backend",
			}})
			if len(errs) > 0 {
				t.Fatalf("import: %+v", errs)
			}
			got := data["importAPI"].(map[string]any)
			if got["type"] != want[0] || got["definitionType"] != want[1] {
				t.Errorf("type %v/%v, want %s/%s", got["type"], got["definitionType"], want[0], want[1])
			}
			n, _ := strconv.Atoi(ops)
			if d := len(got["definitionOperations"].([]any)); d != n {
				t.Errorf("definition lists %d operations, want %d (manifest)", d, n)
			}
			resources := got["operations"].([]any)
			if want[2] != "" {
				r := resources[0].(map[string]any)
				if len(resources) != 1 || fmt.Sprint(r["method"], " ", r["target"]) != want[2] {
					t.Errorf("resources %v, want the single %s", resources, want[2])
				}
			} else if len(resources) == 0 {
				t.Errorf("an AsyncAPI document gave no channel resources")
			}
			body, ctype := download(t, pub, inst.cp.URL+got["definitionURL"].(string))
			if body != string(content) {
				t.Errorf("downloaded definition differs from the upload (%d bytes, want %d)", len(body), len(content))
			}
			if want[0] == "SOAP" && !strings.HasPrefix(ctype, "text/xml") {
				t.Errorf("WSDL served as %q, want text/xml", ctype)
			}
			// Someone without a session cannot download an unpublished API's definition.
			resp, err := http.Get(inst.cp.URL + got["definitionURL"].(string))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("anonymous download: %d, want 404", resp.StatusCode)
			}
		})
	}
	if seen != 6 {
		t.Errorf("%d GraphQL/WSDL/AsyncAPI specs in the manifest, want 6", seen)
	}
}

func download(t *testing.T, s *session, url string) (string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.AddCookie(s.cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %s", url, resp.Status, b)
	}
	return string(b), resp.Header.Get("Content-Type")
}

// publishAndSubscribeDemo deploys and publishes an API and subscribes the
// demo application to it, so the demo token may call it.
func publishAndSubscribeDemo(t *testing.T, inst *instance, pub *session, apiID string, tier string) {
	t.Helper()
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": apiID}); len(errs) > 0 {
		t.Fatalf("deploy: %+v", errs)
	}
	if _, errs := pub.do(t, `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { id } }`, map[string]any{"id": apiID}); len(errs) > 0 {
		t.Fatalf("publish: %+v", errs)
	}
	key, err := entClient(t, inst).ApplicationKey.Query().
		Where(applicationkey.ClientID(inst.creds.Application.ClientID)).Only(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!, $tier: String!) { subscribe(input: {applicationID: $app, apiID: $api, tier: $tier}) { id } }`,
		map[string]any{"app": key.ApplicationID.String(), "api": apiID, "tier": tier}); len(errs) > 0 {
		t.Fatalf("subscribe: %+v", errs)
	}
}

// TestGraphQLAndSOAPThroughGateway calls an imported GraphQL API and a SOAP
// pass-through API through the gateway.
func TestGraphQLAndSOAPThroughGateway(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%s %s %s %s", r.Method, r.URL.Path, r.Header.Get("SOAPAction"), b)
	}))
	t.Cleanup(backend.Close)
	sdl := "type Query { hello: String }\n"
	wsdl, err := os.ReadFile(filepath.Join(specsDir, "gowsdl__stock.wsdl"))
	if err != nil {
		t.Fatal(err)
	}
	tok := inst.token(t)
	for _, c := range []struct {
		name, source, ctx, path, action, want string
	}{
		{"graphql", sdl, "hello-gql", "/hello-gql/v1/graphql", "", "POST /gql/graphql  {\"query\":\"{hello}\"}"},
		{"soap", string(wsdl), "stock", "/stock/v1/", "http://example.com/GetLastTradePrice", "POST /gql/ http://example.com/GetLastTradePrice <soap/>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, errs := pub.do(t, importKind, map[string]any{"i": map[string]any{
				"source": map[string]any{"content": c.source}, "name": c.name,
				"context": c.ctx, "version": "v1", "endpoint": backend.URL + "/gql",
			}})
			if len(errs) > 0 {
				t.Fatalf("import: %+v", errs)
			}
			got := data["importAPI"].(map[string]any)
			publishAndSubscribeDemo(t, inst, pub, got["id"].(string), got["subscriptionTiers"].([]any)[0].(string))
			body := `{"query":"{hello}"}`
			if c.action != "" {
				body = "<soap/>"
			}
			deadline := 300
			for {
				req, _ := http.NewRequest(http.MethodPost, inst.gateway.URL+c.path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+tok)
				if c.action != "" {
					req.Header.Set("SOAPAction", c.action)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					if string(b) != c.want {
						t.Errorf("backend saw %q, want %q", b, c.want)
					}
					break
				}
				if deadline--; deadline == 0 {
					t.Fatalf("POST %s: never 200 (last %d %s)", c.path, resp.StatusCode, b)
				}
				time.Sleep(50 * time.Millisecond) // the gateway picks the deployment up asynchronously
			}
			// Without a token the gateway refuses.
			req, _ := http.NewRequest(http.MethodPost, inst.gateway.URL+c.path, strings.NewReader(body))
			if c.action != "" {
				req.Header.Set("SOAPAction", c.action)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("no token: %d, want 401", resp.StatusCode)
			}
		})
	}
}

// TestWebSocketAPI creates a WebSocket API from scratch with topics and
// checks the gateway authenticates the upgrade and then relays frames both
// ways.
func TestWebSocketAPI(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			http.Error(w, "upgrade required", http.StatusUpgradeRequired)
			return
		}
		conn, brw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(brw, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Topic: %s\r\n\r\n", r.URL.Path)
		_ = brw.Flush()
		line, _ := brw.ReadString('\n')
		fmt.Fprintf(brw, "echo:%s", line)
		_ = brw.Flush()
	}))
	t.Cleanup(backend.Close)

	if _, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
		"name": "Bad WS", "context": "badws", "version": "v1", "endpoint": backend.URL, "type": "WS"}}); len(errs) == 0 || errs[0].Extensions.Field != "topics" {
		t.Errorf("WebSocket API without topics: %+v, want a topics field error", errs)
	}
	data, errs := pub.do(t, `mutation($i: CreateAPIInput!) { createAPI(input: $i) { id type subscriptionTiers operations { method target } } }`,
		map[string]any{"i": map[string]any{"name": "Notifications", "context": "notify", "version": "v1",
			"endpoint": backend.URL + "/ws", "type": "WS", "topics": []string{"/rooms/{room}", "alerts"}}})
	if len(errs) > 0 {
		t.Fatalf("createAPI: %+v", errs)
	}
	got := data["createAPI"].(map[string]any)
	if got["type"] != "WS" || len(got["operations"].([]any)) != 2 {
		t.Fatalf("created %v, want a WS API with two topics", got)
	}
	gw := inst.gateway.URL
	waitGateway(t, gw, "/notify/v1/alerts", http.StatusNotFound).Body.Close()
	publishAndSubscribeDemo(t, inst, pub, got["id"].(string), got["subscriptionTiers"].([]any)[0].(string))
	tok := inst.token(t)
	// A plain GET reaches the backend once deployed, which wants an upgrade.
	waitGatewayWith(t, gw, "/notify/v1/alerts", tok, http.StatusUpgradeRequired).Body.Close()

	upgrade := func(path, token string) (*http.Response, net.Conn, *bufio.Reader) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(gw, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		auth := ""
		if token != "" {
			auth = "Authorization: Bearer " + token + "\r\n"
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: gateway\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n%s\r\n", path, auth)
		br := bufio.NewReader(conn)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		return resp, conn, br
	}
	resp, conn, _ := upgrade("/notify/v1/alerts", "")
	conn.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("upgrade without a token: %d, want 401", resp.StatusCode)
	}
	resp, conn, _ = upgrade("/notify/v1/unknown", tok)
	conn.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("upgrade on an unknown topic: %d, want 404", resp.StatusCode)
	}
	resp, conn, br := upgrade("/notify/v1/rooms/42", tok)
	defer conn.Close()
	if resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("X-Topic") != "/ws/rooms/42" {
		t.Fatalf("upgrade with a token: %d topic %q, want 101 on /ws/rooms/42", resp.StatusCode, resp.Header.Get("X-Topic"))
	}
	fmt.Fprint(conn, "hello\n")
	line, err := br.ReadString('\n')
	if err != nil || line != "echo:hello\n" {
		t.Errorf("relayed %q (%v), want echo:hello", line, err)
	}
}
