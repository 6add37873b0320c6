package analytics

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/alertevent"
	"github.com/gatehouse/gatehouse/ent/alertrule"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// receiver is a webhook that fails its first failures calls, then accepts.
type receiver struct {
	mu       sync.Mutex
	failures int
	calls    int
	got      []AlertPayload
	ids      []string
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.ids = append(r.ids, req.Header.Get("X-Gatehouse-Delivery"))
	if r.calls <= r.failures {
		http.Error(w, "not now", http.StatusServiceUnavailable)
		return
	}
	var p AlertPayload
	if err := json.NewDecoder(req.Body).Decode(&p); err != nil || req.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	r.got = append(r.got, p)
}

// TestAlertFiresResolvesAndRetriesWebhook drives an error-rate rule through
// firing and resolved on the rollups, with a webhook that fails twice before
// it accepts the first notice.
func TestAlertFiresResolvesAndRetriesWebhook(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) { testAlertFiresResolves(t, kind) })
	}
}

func testAlertFiresResolves(t *testing.T, kind string) {
	st := storetest.Open(t, kind)
	rcv := &receiver{failures: 2}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	hook := &Webhook{Client: srv.Client(), Attempts: 4, Base: time.Millisecond}
	alerts := NewAlerts(st, hook, discard())
	now := time.Now().UTC()
	alerts.now = func() time.Time { return now }
	ctx := context.Background()
	org := uuid.New()
	rule := st.Client.AlertRule.Create().SetOrganizationID(org).SetName("pizza errors").
		SetMetric(alertrule.MetricErrorRate).SetScope(alertrule.ScopeAPI).SetTargetID("pizza").
		SetThreshold(10).SetWindowSeconds(300).SetWebhookURL(srv.URL).SaveX(ctx)

	ing := NewIngestor(st, nil, nil, discard(), nil)
	store := func(n, status int, at time.Time) {
		var batch []config.AnalyticsEvent
		for range n {
			batch = append(batch, config.AnalyticsEvent{RequestID: uuid.NewString(), Time: at,
				OrganizationID: org.String(), APIID: "pizza", Status: status})
		}
		if err := ing.Store(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	store(8, 200, now.Add(-time.Minute))
	store(2, 502, now.Add(-time.Minute)) // 20% errors
	if err := alerts.Evaluate(ctx); err != nil {
		t.Fatal(err)
	}
	alerts.Wait()
	rule = st.Client.AlertRule.GetX(ctx, rule.ID)
	if rule.State != alertrule.StateFiring || rule.LastValue != 20 {
		t.Fatalf("rule %s at %v, want firing at 20", rule.State, rule.LastValue)
	}
	ev := st.Client.AlertEvent.Query().OnlyX(ctx)
	if ev.State != alertevent.StateFiring || ev.Delivery != alertevent.DeliveryDelivered || ev.Attempts != 3 {
		t.Errorf("first change: %s delivery %s after %d attempts, want firing delivered after 3", ev.State, ev.Delivery, ev.Attempts)
	}
	if len(rcv.got) != 1 || rcv.got[0].State != "firing" || rcv.got[0].Value != 20 || rcv.got[0].RuleID != rule.ID.String() {
		t.Errorf("webhook received %+v", rcv.got)
	}
	if rcv.ids[0] != ev.ID.String() || rcv.ids[2] != rcv.ids[0] {
		t.Errorf("delivery ids %v, want the change's id on every attempt", rcv.ids)
	}

	// Still failing: no new change, no new webhook.
	if err := alerts.Evaluate(ctx); err != nil {
		t.Fatal(err)
	}
	alerts.Wait()
	if n := st.Client.AlertEvent.Query().CountX(ctx); n != 1 {
		t.Errorf("%d changes after a second evaluation while firing, want 1", n)
	}

	// Ten minutes on, the window holds only successes: resolved.
	now = now.Add(10 * time.Minute)
	store(20, 200, now.Add(-time.Minute))
	if err := alerts.Evaluate(ctx); err != nil {
		t.Fatal(err)
	}
	alerts.Wait()
	if r := st.Client.AlertRule.GetX(ctx, rule.ID); r.State != alertrule.StateOk {
		t.Errorf("rule %s after recovery, want ok", r.State)
	}
	if len(rcv.got) != 2 || rcv.got[1].State != "resolved" {
		t.Errorf("webhook received %+v, want firing then resolved", rcv.got)
	}
}

func TestWebhookGivesUpAfterBoundedAttempts(t *testing.T) {
	rcv := &receiver{failures: 100}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	hook := &Webhook{Client: srv.Client(), Attempts: 3, Base: time.Millisecond}
	n, err := hook.Send(context.Background(), srv.URL, "d1", map[string]string{"a": "b"})
	if err == nil || n != 3 || rcv.calls != 3 {
		t.Errorf("Send: %d attempts, err %v, %d calls; want 3 failed attempts", n, err, rcv.calls)
	}
}

func TestAlertMetrics(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) { testAlertMetrics(t, kind) })
	}
}

func testAlertMetrics(t *testing.T, kind string) {
	st := storetest.Open(t, kind)
	alerts := NewAlerts(st, nil, discard())
	ing := NewIngestor(st, nil, nil, discard(), nil)
	ctx := context.Background()
	org := uuid.New()
	now := time.Now().UTC().Truncate(time.Minute).Add(30 * time.Second)
	var batch []config.AnalyticsEvent
	add := func(n int, at time.Time, ms float64) {
		for range n {
			batch = append(batch, config.AnalyticsEvent{RequestID: uuid.NewString(), Time: at, OrganizationID: org.String(),
				ApplicationID: "app", Status: 200, LatencyMS: ms})
		}
	}
	add(100, now.Add(-15*time.Minute), 10) // previous window
	add(25, now.Add(-5*time.Minute), 10)
	add(5, now.Add(-4*time.Minute), 700)
	if err := ing.Store(ctx, batch); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		metric alertrule.Metric
		want   float64
	}{{alertrule.MetricTrafficDrop, 70}, {alertrule.MetricP95Latency, 1000}, {alertrule.MetricErrorRate, 0}} {
		r := st.Client.AlertRule.Create().SetOrganizationID(org).SetName(string(tc.metric)).SetMetric(tc.metric).
			SetScope(alertrule.ScopeApplication).SetTargetID("app").SetThreshold(1).SetWindowSeconds(600).SaveX(ctx)
		got, err := alerts.measure(ctx, r, now)
		if err != nil || got != tc.want {
			t.Errorf("%s = %v (%v), want %v", tc.metric, got, err, tc.want)
		}
	}
}

func TestAlertRuleValidation(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	alerts := NewAlerts(st, nil, discard())
	admin := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: uuid.New(), OrgID: uuid.New(), Roles: []viewer.Role{viewer.Admin}})
	ok := RuleInput{Name: "n", Metric: alertrule.MetricErrorRate, Scope: alertrule.ScopeAPI, TargetID: uuid.New(),
		Threshold: 5, WindowSeconds: 300, WebhookURL: "https://hooks.example.com/x"}
	for _, tc := range []struct {
		field string
		edit  func(*RuleInput)
	}{
		{"name", func(r *RuleInput) { r.Name = " " }},
		{"metric", func(r *RuleInput) { r.Metric = "cpu" }},
		{"threshold", func(r *RuleInput) { r.Threshold = -1 }},
		{"threshold", func(r *RuleInput) { r.Threshold = 150 }},
		{"windowSeconds", func(r *RuleInput) { r.WindowSeconds = 10 }},
		{"webhookURL", func(r *RuleInput) { r.WebhookURL = "ftp://example.com/x" }},
		{"webhookURL", func(r *RuleInput) { r.WebhookURL = "javascript:alert(1)" }},
		{"targetID", func(r *RuleInput) {}}, // no such API in the organization
	} {
		in := ok
		tc.edit(&in)
		_, err := alerts.Create(admin, in)
		if e := errs.As(err); e == nil || e.Field != tc.field {
			t.Errorf("%+v: error %v, want one on %s", in, err, tc.field)
		}
	}
	pub := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: uuid.New(), OrgID: uuid.New(), Roles: []viewer.Role{viewer.Publisher}})
	if _, err := alerts.Create(pub, ok); errs.KindOf(err) != errs.Forbidden {
		t.Errorf("publisher creating a rule: %v, want forbidden", err)
	}
}
