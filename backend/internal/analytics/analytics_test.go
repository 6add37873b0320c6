package analytics

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/gateway/config"
)

func sumRollup(t *testing.T, st *store.Store, table, col string) int64 {
	t.Helper()
	var n int64
	if err := st.DB.QueryRow("SELECT COALESCE(SUM(" + col + "), 0) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStoreCountsRedeliveredEventsOnce delivers overlapping batches, as the
// bus does after a lost acknowledgement or a restart, and finds every call
// stored and counted in the rollups exactly once.
func TestStoreCountsRedeliveredEventsOnce(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			st := storetest.Open(t, kind)
			ing := NewIngestor(st, nil, nil, discard(), nil)
			now := time.Now()
			ev := func(id string, status int, ms float64) config.AnalyticsEvent {
				return config.AnalyticsEvent{RequestID: id, Time: now, OrganizationID: "o", APIID: "a", Status: status, LatencyMS: ms}
			}
			bad := ev("bad-\xff", 200, 1)
			bad.UserAgent = strings.Repeat("é", 200) // cut mid-rune at 256 bytes
			first := []config.AnalyticsEvent{ev("a", 200, 3), ev("b", 500, 40), {RequestID: ""}, ev("a", 200, 3), bad}
			second := []config.AnalyticsEvent{ev("b", 500, 40), ev("c", 200, 7)} // b redelivered
			for _, batch := range [][]config.AnalyticsEvent{first, first, second, second, first} {
				if err := ing.Store(context.Background(), batch); err != nil {
					t.Fatal(err)
				}
			}
			if n := st.Client.AnalyticsEvent.Query().CountX(context.Background()); n != 4 {
				t.Errorf("stored %d raw events, want 4", n)
			}
			for _, table := range []string{minuteTable, hourTable} {
				if got := sumRollup(t, st, table, "requests"); got != 4 {
					t.Errorf("%s requests = %d, want 4", table, got)
				}
				if got := sumRollup(t, st, table, "errors"); got != 1 {
					t.Errorf("%s errors = %d, want 1", table, got)
				}
			}
		})
	}
}

func TestHistPercentile(t *testing.T) {
	var h Hist
	for _, ms := range []float64{0.5, 3, 3, 3, 40, 40, 40, 40, 40, 900} { // buckets <=1, <=5, <=50, <=1000
		h[bucketOf(ms)]++
	}
	for _, tc := range []struct{ p, want float64 }{{0.1, 1}, {0.4, 5}, {0.5, 50}, {0.9, 50}, {0.95, 1000}, {0.99, 1000}} {
		if got := h.Percentile(tc.p); got != tc.want {
			t.Errorf("p%v = %v, want %v", tc.p*100, got, tc.want)
		}
	}
	var empty Hist
	if got := empty.Percentile(0.5); got != 0 {
		t.Errorf("empty p50 = %v", got)
	}
	var slow Hist
	slow[bucketOf(120000)]++
	if got := slow.Percentile(0.5); got != 60000 {
		t.Errorf("open bucket p50 = %v, want its lower bound 60000", got)
	}
}

// TestTrafficReadsRollups checks the dashboard numbers, the organization
// scope and the filters, and the choice of minute or hour rollups.
func TestTrafficReadsRollups(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			st := storetest.Open(t, kind)
			geo, err := ParseGeo(strings.NewReader("cidr,country\n10.1.0.0/16,NZ\n10.0.0.0/8,AU\n"))
			if err != nil {
				t.Fatal(err)
			}
			ing := NewIngestor(st, nil, geo, discard(), nil)
			org, other := uuid.New(), uuid.New()
			now := time.Now().UTC()
			var batch []config.AnalyticsEvent
			add := func(n int, e config.AnalyticsEvent) {
				for range n {
					e.RequestID = uuid.NewString()
					batch = append(batch, e)
				}
			}
			menu := config.AnalyticsEvent{Time: now.Add(-10 * time.Minute), OrganizationID: org.String(), APIID: "pizza",
				APIName: "Pizza", APIVersion: "1.0", Method: "GET", Resource: "/menu", ApplicationID: "app1",
				Application: "App One", Subscriber: "sub", Environment: "Default", Status: 200, LatencyMS: 20, ClientIP: "10.1.2.3"}
			add(90, menu)
			slow := menu
			slow.Status, slow.ErrorType, slow.LatencyMS, slow.Environment, slow.ClientIP = 504, config.ErrorTargetTimeout, 3000, "Prod", "10.9.9.9"
			add(6, slow)
			thr := menu
			thr.Status, thr.ErrorType, thr.LatencyMS = 429, config.ErrorThrottled, 0.5
			add(4, thr)
			old := menu
			old.Time = now.Add(-3 * 24 * time.Hour)
			add(50, old)
			foreign := menu
			foreign.OrganizationID, foreign.APIID = other.String(), "elsewhere"
			add(30, foreign)
			if err := ing.Store(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
			q := NewQueries(st)
			ctx := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: uuid.New(), OrgID: org, Roles: []viewer.Role{viewer.Publisher}})

			s, err := q.Traffic(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Requests != 100 || s.Errors != 10 || s.Throttled != 4 || s.Granularity != Minute {
				t.Errorf("last hour: requests %d errors %d throttled %d granularity %v, want 100 10 4 minute", s.Requests, s.Errors, s.Throttled, s.Granularity)
			}
			if s.P50 != 25 || s.P95 != 5000 || s.P99 != 5000 {
				t.Errorf("percentiles %v %v %v, want 25 5000 5000", s.P50, s.P95, s.P99)
			}
			var seriesSum int
			for _, p := range s.Series {
				seriesSum += p.Requests
			}
			if seriesSum != 100 {
				t.Errorf("series sums to %d, want 100", seriesSum)
			}
			if len(s.TopAPIs) != 1 || s.TopAPIs[0].Name != "Pizza 1.0" || s.TopAPIs[0].Key != "pizza" || s.TopAPIs[0].Requests != 100 {
				t.Errorf("top APIs %+v", s.TopAPIs)
			}
			if len(s.TopResources) != 1 || s.TopResources[0].Name != "Pizza GET /menu" {
				t.Errorf("top resources %+v", s.TopResources)
			}
			if len(s.TopCountries) != 2 || s.TopCountries[0] != (Count{Key: "NZ", Name: "NZ", Requests: 94, Errors: 4}) || s.TopCountries[1].Name != "AU" {
				t.Errorf("top countries %+v", s.TopCountries)
			}
			if len(s.ByErr) != 2 || s.ByErr[0].Name != config.ErrorTargetTimeout || s.ByErr[0].Requests != 6 {
				t.Errorf("errors by type %+v", s.ByErr)
			}
			if len(s.TopUsers) != 1 || s.TopUsers[0].Name != "sub" {
				t.Errorf("top users %+v", s.TopUsers)
			}

			s, _ = q.Traffic(ctx, Filter{Environment: "Prod"})
			if s.Requests != 6 {
				t.Errorf("environment filter: %d requests, want 6", s.Requests)
			}
			s, _ = q.Traffic(ctx, Filter{From: now.Add(-7 * 24 * time.Hour), To: now})
			if s.Requests != 150 || s.Granularity != Hour {
				t.Errorf("week: %d requests from %v rollups, want 150 from hours", s.Requests, s.Granularity)
			}
			s, _ = q.Traffic(ctx, Filter{APIID: "elsewhere"})
			if s.Requests != 0 {
				t.Errorf("another organization's API: %d requests visible", s.Requests)
			}
			sub := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: uuid.New(), OrgID: org, Roles: []viewer.Role{viewer.Subscriber}})
			s, _ = q.Traffic(sub, Filter{})
			if s.Requests != 0 {
				t.Errorf("subscriber without applications sees %d requests", s.Requests)
			}
			if _, err := q.Traffic(ctx, Filter{From: now, To: now.Add(-time.Hour)}); err == nil {
				t.Error("reversed range accepted")
			}
		})
	}
}

func TestPurgeKeepsRollupsLonger(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	ing := NewIngestor(st, nil, nil, discard(), nil)
	now := time.Now()
	if err := ing.Store(context.Background(), []config.AnalyticsEvent{
		{RequestID: "old", Time: now.Add(-10 * 24 * time.Hour), Status: 200},
		{RequestID: "new", Time: now.Add(-time.Hour), Status: 200},
	}); err != nil {
		t.Fatal(err)
	}
	p := NewPurger(st.DB, st.Dialect, Retention{Raw: 7 * 24 * time.Hour}, discard())
	if _, err := p.Purge(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	if n := st.Client.AnalyticsEvent.Query().CountX(context.Background()); n != 1 {
		t.Errorf("%d raw events left, want 1", n)
	}
	if got := sumRollup(t, st, minuteTable, "requests"); got != 2 {
		t.Errorf("minute rollups hold %d calls, want both (kept 30 days)", got)
	}
	if _, err := p.Purge(context.Background(), now.Add(60*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, hours := sumRollup(t, st, minuteTable, "requests"), sumRollup(t, st, hourTable, "requests"); got != 0 || hours != 2 {
		t.Errorf("after 60 days: minutes %d hours %d, want 0 and 2", got, hours)
	}
}

func TestGeo(t *testing.T) {
	g, err := ParseGeo(strings.NewReader("network,country\n10.0.0.0/8,au\n10.1.0.0/16,nz\n2001:db8::/32,de\n\n192.168.1.0/24,fr\n"))
	if err != nil {
		t.Fatal(err)
	}
	for ip, want := range map[string]string{
		"10.1.2.3": "NZ", "10.2.0.1": "AU", "192.168.1.9": "FR", "192.168.2.1": "", "2001:db8::1": "DE",
		"::ffff:10.1.0.1": "NZ", "bogus": "", "": "",
	} {
		if got := g.Country(ip); got != want {
			t.Errorf("Country(%q) = %q, want %q", ip, got, want)
		}
	}
	if _, err := ParseGeo(strings.NewReader("10.0.0.0/8,au\nnot-a-cidr,xx\n")); err == nil {
		t.Error("a bad line was accepted")
	}
}

func TestChunksUsePreparedShapes(t *testing.T) {
	for _, n := range []int{0, 1, 7, 399, 400, 401, 1000, 1234} {
		total, prev := 0, 0
		for _, c := range chunks(n, 400) {
			if c[0] != prev || !slices.Contains(shapes(400), c[1]-c[0]) {
				t.Fatalf("chunks(%d): %v is not a prepared shape after %d", n, c, prev)
			}
			prev = c[1]
			total += c[1] - c[0]
		}
		if total != n {
			t.Errorf("chunks(%d) cover %d rows", n, total)
		}
	}
}
