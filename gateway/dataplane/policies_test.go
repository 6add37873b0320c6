package dataplane

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

func withDeny(policies ...config.DenyPolicy) func(*config.Snapshot) {
	return func(s *config.Snapshot) { s.DenyPolicies = append(s.DenyPolicies, policies...) }
}

// TestDenyPolicies: each kind of deny policy refuses with 403 and the
// problem shape; policies of another organization or another range do not.
func TestDenyPolicies(t *testing.T) {
	tests := []struct {
		name   string
		deny   []config.DenyPolicy
		token  bool
		want   int
		reason string
	}{
		{"nothing denied", nil, true, 200, ""},
		{"API context, before authentication", []config.DenyPolicy{{OrganizationID: "org", Type: config.DenyAPIContext, Value: "shop"}}, false, 403, "calls to this API"},
		{"IP range holding the caller", []config.DenyPolicy{{OrganizationID: "org", Type: config.DenyIPRange, Value: "192.0.2.0/24"}}, true, 403, "from this address"},
		{"IP range elsewhere", []config.DenyPolicy{{OrganizationID: "org", Type: config.DenyIPRange, Value: "10.0.0.0/8"}}, true, 200, ""},
		{"application", []config.DenyPolicy{{OrganizationID: "org", Type: config.DenyApplication, Value: "app-1"}}, true, 403, "application is blocked"},
		{"user", []config.DenyPolicy{{OrganizationID: "org", Type: config.DenyUser, Value: "alice"}}, true, 403, "user is blocked"},
		{"another organization's policy", []config.DenyPolicy{{OrganizationID: "other", Type: config.DenyAPIContext, Value: "shop"}}, true, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, withDeny(tt.deny...))
			tok := ""
			if tt.token {
				tok = pg.token
			}
			w := pg.call("/shop/v1/data", tok)
			if w.Code != tt.want {
				t.Fatalf("%d %s, want %d", w.Code, w.Body, tt.want)
			}
			if tt.want == 403 && (!strings.Contains(w.Body.String(), `"code":403`) || !strings.Contains(w.Body.String(), tt.reason)) {
				t.Errorf("body %s, want the problem shape saying %q", w.Body, tt.reason)
			}
		})
	}
}

// TestThrottlePolicies runs a series of calls against each kind of limit
// and checks the statuses and the RateLimit field of the last call.
func TestThrottlePolicies(t *testing.T) {
	appTier := func(count int64) func(*config.Snapshot) {
		return func(s *config.Snapshot) {
			s.Tiers = append(s.Tiers, config.Tier{OrganizationID: "org", Level: "APPLICATION", Name: "AppTier", RequestCount: count, UnitSeconds: 60})
			s.Applications = []config.Application{{ID: "app-1", OrganizationID: "org", Tier: "AppTier"}}
		}
	}
	subTier := func(edit func(*config.Tier)) func(*config.Snapshot) {
		return func(s *config.Snapshot) { edit(&s.Tiers[0]) }
	}
	resTier := func(s *config.Snapshot) {
		s.APIs[0].Operations[0].Tier = "Res"
		s.Tiers = append(s.Tiers, config.Tier{OrganizationID: "org", Level: "API", Name: "Res", RequestCount: 3, UnitSeconds: 60,
			ConditionGroups: []config.ConditionGroup{
				{Conditions: []config.Condition{{Type: config.CondHeader, Name: "x-plan", Value: "^free", Regex: true}}, RequestCount: 1, UnitSeconds: 60},
				{Conditions: []config.Condition{{Type: config.CondQuery, Name: "debug", Value: "1"}, {Type: config.CondIPRange, Value: "192.0.2.0/24"}}, RequestCount: 2, UnitSeconds: 60},
			}})
	}
	tests := []struct {
		name      string
		quota     int64
		edit      func(*config.Snapshot)
		path      string
		header    string // x-plan
		want      []int
		rateLimit string // prefix of the last RateLimit field
	}{
		{"application policy is stricter than the subscription", 100, appTier(2), "", "", []int{200, 200, 429}, `"AppTier";r=0;t=`},
		{"subscription is stricter than the application policy", 1, appTier(50), "", "", []int{200, 429}, `"Bronze";r=0;t=`},
		{"headers name the most restrictive limit", 10, appTier(50), "", "", []int{200}, `"Bronze";r=9;t=`},
		{"burst control refuses a fast third call", 100, subTier(func(t *config.Tier) { t.BurstLimit = 2 }), "", "", []int{200, 200, 429}, `"Bronze";r=0;t=`},
		{"allow and bill never refuses", 1, subTier(func(t *config.Tier) { t.AllowAndBill = true }), "", "", []int{200, 200, 200, 200}, `"Bronze";r=0;t=`},
		{"API-level default limit", 100, resTier, "", "", []int{200, 200, 200, 429}, `"Res";r=0;t=`},
		{"first matching condition group (header regex)", 100, resTier, "", "free-trial", []int{200, 429}, `"Res#1";r=0;t=`},
		{"second group: query parameter and IP range", 100, resTier, "?debug=1", "", []int{200, 200, 429}, `"Res#2";r=0;t=`},
		{"no group matches: the default", 100, resTier, "?debug=0", "paid", []int{200, 200, 200, 429}, `"Res";r=0;t=`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg := newPolicyGateway(t, ratelimit.NewMemory(), tt.quota, tt.edit)
			var last *httptest.ResponseRecorder
			for i, want := range tt.want {
				r := httptest.NewRequest("GET", "/shop/v1/data"+tt.path, nil)
				r.Header.Set("Authorization", "Bearer "+pg.token)
				if tt.header != "" {
					r.Header.Set("X-Plan", tt.header)
				}
				last = httptest.NewRecorder()
				pg.g.ServeHTTP(last, r)
				if last.Code != want {
					t.Fatalf("call %d: %d %s, want %d", i+1, last.Code, last.Body, want)
				}
			}
			if got := last.Header().Get("RateLimit"); !strings.HasPrefix(got, tt.rateLimit) {
				t.Errorf("RateLimit %q, want %s...", got, tt.rateLimit)
			}
			if last.Code == 429 && last.Header().Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		})
	}
}

// TestAllowAndBillMarksOverQuota: calls beyond an allow-and-bill quota
// go through and are marked in their analytics events.
func TestAllowAndBillMarksOverQuota(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 1, func(s *config.Snapshot) { s.Tiers[0].AllowAndBill = true })
	em := &recordingEmitter{}
	pg.g.Emitter = em
	for range 3 {
		if w := pg.call("/shop/v1/data", pg.token); w.Code != 200 {
			t.Fatalf("%d, want 200", w.Code)
		}
	}
	if got := []bool{em.events[0].OverQuota, em.events[1].OverQuota, em.events[2].OverQuota}; got[0] || !got[1] || !got[2] {
		t.Errorf("over quota marks %v, want [false true true]", got)
	}
}

type recordingEmitter struct{ events []config.AnalyticsEvent }

func (e *recordingEmitter) Emit(ev config.AnalyticsEvent) { e.events = append(e.events, ev) }

// TestBandwidthTier: response bytes count; the call after the quota is
// spent is refused (the backend answers 11 bytes; 1 KiB admits 94 calls).
func TestBandwidthTier(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 0, func(s *config.Snapshot) {
		s.Tiers[0].QuotaType, s.Tiers[0].DataAmountKiB = config.QuotaBandwidth, 1
	})
	admitted := 0
	for i := 0; i < 200; i++ {
		w := pg.call("/shop/v1/data", pg.token)
		if w.Code == 429 {
			if p := w.Header().Get("RateLimit-Policy"); p != `"Bronze";q=1024;w=60;qu="content-bytes"` {
				t.Errorf("RateLimit-Policy %q", p)
			}
			break
		}
		admitted++
	}
	if admitted != 94 {
		t.Errorf("admitted %d calls of 11 bytes under 1 KiB, want 94", admitted)
	}
}

// TestQuotaReset: a new reset time in the snapshot starts the
// application's counters afresh; the same snapshot again changes nothing.
func TestQuotaReset(t *testing.T) {
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 1)
	if w := pg.call("/shop/v1/data", pg.token); w.Code != 200 {
		t.Fatal(w.Code)
	}
	if w := pg.call("/shop/v1/data", pg.token); w.Code != 429 {
		t.Fatalf("second call %d, want 429", w.Code)
	}
	snap := *pg.g.Snapshot()
	snap.Applications = []config.Application{{ID: "app-1", OrganizationID: "org", QuotaResetAt: time.Now().UnixMilli()}}
	snap.Seal()
	if _, err := pg.g.Apply(&snap); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{200, 429} {
		if w := pg.call("/shop/v1/data", pg.token); w.Code != want {
			t.Fatalf("after reset, call %d: %d, want %d", i+1, w.Code, want)
		}
	}
}

// BenchmarkDenyAndPolicies measures deny lookups (an IP range miss) and
// throttling with an application policy and a subscription tier.
func BenchmarkDenyAndPolicies(b *testing.B) {
	t := &testing.T{}
	pg := newPolicyGateway(t, ratelimit.NewMemory(), 1<<40, withDeny(
		config.DenyPolicy{OrganizationID: "org", Type: config.DenyIPRange, Value: "10.0.0.0/8"},
		config.DenyPolicy{OrganizationID: "org", Type: config.DenyApplication, Value: "app-9"},
		config.DenyPolicy{OrganizationID: "org", Type: config.DenyAPIContext, Value: "other"},
	), func(s *config.Snapshot) {
		s.Tiers = append(s.Tiers, config.Tier{OrganizationID: "org", Level: "APPLICATION", Name: "AppTier", RequestCount: 1 << 40, UnitSeconds: 60, BurstLimit: 1 << 30})
		s.Applications = []config.Application{{ID: "app-1", OrganizationID: "org", Tier: "AppTier"}}
	})
	st := pg.g.state.Load()
	m, _ := st.table.Lookup("GET", "/shop/v1/data")
	r := httptest.NewRequest("GET", "/shop/v1/data", nil)
	r.Header.Set("Authorization", "Bearer "+pg.token)
	w := &headerOnly{h: make(map[string][]string)}
	c := &call{st: st, api: &m.Route.API, op: m.Operation, route: m.Route.Value.(*route)}
	if !pg.g.authenticate(w, r, c) {
		b.Fatal("not authenticated")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !denyRequest(w, r, c) || !denyPrincipal(w, c) || !pg.g.throttle(w, r, c) {
			b.Fatal("refused")
		}
	}
}

// TestCalendarQuotaHeaders: a daily tier in the gateway's quota time zone
// counts RateLimit t= and Retry-After to local midnight.
func TestCalendarQuotaHeaders(t *testing.T) {
	ny, err := QuotaLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 1, 23, 0, 0, 0, ny) // the 25-hour day: an hour to go
	pg := newPolicyGateway(t, ratelimit.NewMemoryWithClock(func() time.Time { return clock }), 2)
	pg.g.QuotaLocation = ny
	snap := *pg.g.Snapshot()
	snap.Tiers = []config.Tier{{OrganizationID: "org", Level: "SUBSCRIPTION", Name: "Bronze", RequestCount: 2, UnitSeconds: 86400, Calendar: config.CalendarDay}}
	snap.Seal()
	if _, err := pg.g.Apply(&snap); err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		status    int
		rateLimit string
	}{{200, `"Bronze";r=1;t=3600`}, {200, `"Bronze";r=0;t=3600`}, {429, `"Bronze";r=0;t=3600`}} {
		w := pg.call("/shop/v1/data", pg.token)
		if w.Code != want.status || w.Header().Get("RateLimit") != want.rateLimit {
			t.Errorf("call %d: %d %q, want %d %q", i+1, w.Code, w.Header().Get("RateLimit"), want.status, want.rateLimit)
		}
		if w.Code == 429 && w.Header().Get("Retry-After") != "3600" {
			t.Errorf("Retry-After %q, want 3600", w.Header().Get("Retry-After"))
		}
	}
	clock = time.Date(2026, 11, 2, 0, 0, 0, 0, ny)
	if w := pg.call("/shop/v1/data", pg.token); w.Code != 200 || w.Header().Get("RateLimit") != `"Bronze";r=1;t=86400` {
		t.Errorf("after local midnight: %d %q, want a fresh day", w.Code, w.Header().Get("RateLimit"))
	}
	if _, err := QuotaLocation("Mars/Olympus"); err == nil {
		t.Error("an unknown zone was accepted")
	}
}
