package app_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/analyticsevent"
	"github.com/gatehouse/gatehouse/ent/analyticshour"
	"github.com/gatehouse/gatehouse/ent/analyticsminute"
)

// TestAnalyticsCountsEveryCallOnce sends traffic through the gateway,
// restarts the control plane in the middle, and finds every call stored
// exactly once; then asks GraphQL what happened, as different viewers.
func TestAnalyticsCountsEveryCallOnce(t *testing.T) {
	dir := t.TempDir()
	inst := start(t, "", dir)
	prefix := "at-" + uuid.NewString()[:8] + "-"
	send := func(inst *instance, from, to int, token string) {
		for i := from; i < to; i++ {
			req, _ := http.NewRequest(http.MethodGet, inst.gateway.URL+"/pizzashack/1.0.0/menu", nil)
			req.Header.Set("X-Request-ID", fmt.Sprintf("%s%03d", prefix, i))
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("X-Request-ID"); got != fmt.Sprintf("%s%03d", prefix, i) {
				t.Fatalf("X-Request-ID %q not echoed", got)
			}
		}
	}
	token := inst.token(t)
	waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", token, http.StatusOK).Body.Close()
	send(inst, 0, 20, token)
	send(inst, 20, 25, "") // 401s: counted as auth errors

	addr := strings.TrimPrefix(inst.cp.URL, "http://")
	inst.stop()
	inst = startWith(t, app.Config{DataDir: dir, Listen: addr})
	waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", token, http.StatusOK).Body.Close()
	send(inst, 25, 40, token)

	client := entClient(t, inst)
	ctx := context.Background()
	// Bounded wait, long enough for a redelivery after the consumer's ack
	// wait (10 s) should anything have been left unacknowledged.
	deadline := time.Now().Add(40 * time.Second)
	var n int
	for time.Now().Before(deadline) {
		var err error
		n, err = client.AnalyticsEvent.Query().Where(analyticsevent.RequestIDHasPrefix(prefix)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n >= 40 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Give redeliveries a moment to show up if they were going to.
	time.Sleep(500 * time.Millisecond)
	n, _ = client.AnalyticsEvent.Query().Where(analyticsevent.RequestIDHasPrefix(prefix)).Count(ctx)
	if n != 40 {
		t.Fatalf("stored %d of the 40 calls, want each exactly once", n)
	}
	// Rollups are updated in the raw insert's transaction, for new request
	// ids only: across the restart and any redelivery they hold exactly the
	// calls stored.
	raw := client.AnalyticsEvent.Query().CountX(ctx)
	minutes, err := client.AnalyticsMinute.Query().Aggregate(ent.Sum(analyticsminute.FieldRequests)).Int(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hours, err := client.AnalyticsHour.Query().Aggregate(ent.Sum(analyticshour.FieldRequests)).Int(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if minutes != raw || hours != raw {
		t.Errorf("rollups count %d (minutes) and %d (hours) calls, raw events %d: want equal", minutes, hours, raw)
	}
	auth, _ := client.AnalyticsEvent.Query().Where(analyticsevent.RequestIDHasPrefix(prefix), analyticsevent.ErrorType("auth")).Count(ctx)
	if auth != 5 {
		t.Errorf("%d calls recorded as auth errors, want 5", auth)
	}

	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	data, errs := pub.do(t, `{ traffic { requests errors p50 p95 bucketSeconds series { requests } topAPIs { name requests } errorsByType { name requests } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tr := data["traffic"].(map[string]any)
	if tr["requests"].(float64) < 40 || tr["errors"].(float64) < 5 || tr["p95"].(float64) <= 0 {
		t.Errorf("publisher traffic: %v", tr)
	}
	if !strings.Contains(fmt.Sprint(tr["topAPIs"]), "PizzaShackAPI 1.0.0") || !strings.Contains(fmt.Sprint(tr["errorsByType"]), "auth") {
		t.Errorf("top APIs / errors: %v / %v", tr["topAPIs"], tr["errorsByType"])
	}
	// The subscriber sees only their applications' calls: the 35 with a token.
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, _ = sub.do(t, `{ traffic { requests errors } }`, nil)
	if got := data["traffic"].(map[string]any); got["errors"].(float64) != 0 || got["requests"].(float64) < 35 {
		t.Errorf("subscriber traffic: %v, want their calls only (no unauthenticated ones)", got)
	}
	if _, errs := pub.do(t, `{ traffic(from: "2026-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { requests } }`, nil); len(errs) == 0 || errs[0].Extensions.Field != "from" {
		t.Errorf("reversed range: %+v, want a from field error", errs)
	}
	if _, errs := inst.anonymous().do(t, `{ traffic { requests } }`, nil); len(errs) == 0 || errs[0].Extensions.Code != "UNAUTHENTICATED" {
		t.Errorf("anonymous traffic: %+v", errs)
	}
}
