package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/ent/analyticsevent"
)

// pizzaToRecorder points the demo PizzaShack API at a backend that shows
// the headers it receives, deploys it and waits for the gateway to serve
// the new revision; it returns those headers and a bearer token.
func pizzaToRecorder(t *testing.T, inst *instance) (<-chan http.Header, string) {
	t.Helper()
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	seen := make(chan http.Header, 100)
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Clone()
		h.Set("X-Test-Backend", "recorder")
		select {
		case seen <- h:
		default:
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(be.Close)
	data, errs := pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
	if _, errs := pub.do(t, `mutation($id: ID!, $e: String!) { updateAPI(id: $id, input: {endpoint: $e}) { id } }`,
		map[string]any{"id": id, "e": be.URL}); len(errs) > 0 {
		t.Fatalf("updateAPI: %+v", errs)
	}
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatalf("deploy: %+v", errs)
	}
	tok := inst.token(t)
	waitBackendSees(t, inst.gateway.URL+"/pizzashack/1.0.0/menu", tok, seen, "X-Test-Backend")
	for len(seen) > 0 {
		<-seen
	}
	return seen, tok
}

// TestHole1_AdminSessionNeverReachesBackend: an administrator signed in
// to the portals calls an API through the embedded gateway (same host, so
// the browser sends the session cookie along); the API's backend gets the
// other cookies but never the session, which would let its owner run
// admin GraphQL.
func TestHole1_AdminSessionNeverReachesBackend(t *testing.T) {
	inst := start(t, "", t.TempDir())
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	seen, tok := pizzaToRecorder(t, inst)
	req, _ := http.NewRequest(http.MethodGet, inst.gateway.URL+"/pizzashack/1.0.0/menu", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.AddCookie(&http.Cookie{Name: "theme", Value: "dark"})
	req.AddCookie(admin.cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("call: %s", resp.Status)
	}
	var h http.Header
	select {
	case h = <-seen:
	case <-time.After(10 * time.Second):
		t.Fatal("the backend was not called")
	}
	if got := strings.Join(h.Values("Cookie"), "; "); got != "theme=dark" {
		t.Errorf("backend Cookie %q, want only theme=dark", got)
	}
	for _, vs := range h {
		for _, v := range vs {
			if strings.Contains(v, admin.cookie.Value) {
				t.Fatal("the admin's session reached the backend")
			}
		}
	}
}

// TestHole12_RepeatedRequestIDCountsEveryCall: 20 calls through the
// embedded gateway with one X-Request-ID are 20 events once the control
// plane has ingested them from the bus, each keeping the request id.
func TestHole12_RepeatedRequestIDCountsEveryCall(t *testing.T) {
	inst := start(t, "", t.TempDir())
	token := inst.token(t)
	waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", token, http.StatusOK).Body.Close()
	rid := "reused-" + uuid.NewString()[:8]
	for range 20 {
		req, _ := http.NewRequest(http.MethodGet, inst.gateway.URL+"/pizzashack/1.0.0/menu", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("X-Request-ID", rid)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Request-ID") != rid {
			t.Fatalf("call: %s, X-Request-ID %q", resp.Status, resp.Header.Get("X-Request-ID"))
		}
	}
	client := entClient(t, inst)
	ctx := context.Background()
	// Bounded wait for the emitter's batch and the ingest; the count can
	// only reach 20 if no call hid another.
	var n int
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if n = client.AnalyticsEvent.Query().Where(analyticsevent.RequestID(rid)).CountX(ctx); n >= 20 {
			break
		}
	}
	if n != 20 {
		t.Fatalf("%d events stored for 20 calls with one X-Request-ID, want 20", n)
	}
}
