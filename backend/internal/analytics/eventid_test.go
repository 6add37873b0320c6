package analytics

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/ent/analyticsevent"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// TestHole12_RepeatedRequestIDIsEveryCall: events are stored by the
// gateway's event id, not the caller's X-Request-ID, so 20 calls sharing
// one request id are 20 events (in the rollups too), each keeping the
// request id; a redelivered batch still counts once. Events of older
// gateways (no event id) are told apart by their content.
func TestHole12_RepeatedRequestIDIsEveryCall(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			st := storetest.Open(t, kind)
			ing := NewIngestor(st, nil, nil, discard(), nil)
			ctx := context.Background()
			start := time.Now().Add(-time.Minute)
			var withIDs, legacy []config.AnalyticsEvent
			for k := range 20 {
				at := start.Add(time.Duration(k) * time.Microsecond)
				withIDs = append(withIDs, config.AnalyticsEvent{EventID: uuid.Must(uuid.NewV7()).String(), RequestID: "reused",
					Time: at, OrganizationID: "o", APIID: "a", Status: 200})
				legacy = append(legacy, config.AnalyticsEvent{RequestID: "reused-old", Time: at, OrganizationID: "o", APIID: "a", Status: 200})
			}
			for _, batch := range [][]config.AnalyticsEvent{withIDs, withIDs, legacy, legacy} {
				if err := ing.Store(ctx, batch); err != nil {
					t.Fatal(err)
				}
			}
			for rid, want := range map[string]int{"reused": 20, "reused-old": 20} {
				if n := st.Client.AnalyticsEvent.Query().Where(analyticsevent.RequestID(rid)).CountX(ctx); n != want {
					t.Errorf("request id %q: %d events stored, want %d", rid, n, want)
				}
			}
			if n := st.Client.AnalyticsEvent.Query().Where(analyticsevent.ID(uuid.MustParse(withIDs[3].EventID))).CountX(ctx); n != 1 {
				t.Errorf("the event is not stored under its event id (%d rows)", n)
			}
			for _, table := range []string{minuteTable, hourTable} {
				if got := sumRollup(t, st, table, "requests"); got != 40 {
					t.Errorf("%s requests = %d, want 40", table, got)
				}
			}
		})
	}
}
