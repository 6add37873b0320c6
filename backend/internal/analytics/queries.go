package analytics

import (
	"context"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/analyticsevent"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Queries answers questions about stored events, scoped to who asks.
type Queries struct{ client *ent.Client }

// NewQueries returns the analytics queries.
func NewQueries(client *ent.Client) *Queries { return &Queries{client: client} }

// Filter narrows a question; zero times mean the last hour.
type Filter struct {
	From, To      time.Time
	APIID         string
	ApplicationID string
}

// Point is one time bucket.
type Point struct {
	Time             time.Time
	Requests, Errors int
}

// Count is a named total.
type Count struct {
	Name             string
	Requests, Errors int
}

// Summary is traffic over a time range.
type Summary struct {
	From, To                        time.Time
	Bucket                          time.Duration
	Requests, Errors, Throttled     int
	P50, P95, P99                   float64 // total latency, milliseconds
	Series                          []Point
	TopAPIs, TopApplications, ByErr []Count
}

// maxRange and maxRows bound one question until minute rollups serve the
// charts.
const (
	maxRange = 7 * 24 * time.Hour
	maxRows  = 200_000
)

// Traffic summarises the calls the viewer may see: publishers and admins
// their organization's APIs, subscribers their own applications.
func (q *Queries) Traffic(ctx context.Context, f Filter) (*Summary, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	if f.To.IsZero() {
		f.To = now
	}
	if f.From.IsZero() {
		f.From = f.To.Add(-time.Hour)
	}
	if !f.From.Before(f.To) {
		return nil, errs.Field("from", "from must be before to")
	}
	if f.To.Sub(f.From) > maxRange {
		return nil, errs.Field("from", "the time range is longer than 7 days")
	}
	preds := []predicate.AnalyticsEvent{analyticsevent.TimeGTE(f.From), analyticsevent.TimeLT(f.To)}
	if v.Has(viewer.Admin, viewer.Publisher) {
		preds = append(preds, analyticsevent.OrganizationID(v.OrgID.String()))
	} else {
		ids, err := q.client.Application.Query().Where(application.OwnerID(v.UserID)).IDs(ctx)
		if err != nil {
			return nil, err
		}
		preds = append(preds, analyticsevent.ApplicationIDIn(uuidStrings(ids)...))
	}
	if f.APIID != "" {
		preds = append(preds, analyticsevent.APIID(f.APIID))
	}
	if f.ApplicationID != "" {
		preds = append(preds, analyticsevent.ApplicationID(f.ApplicationID))
	}
	rows, err := q.client.AnalyticsEvent.Query().Where(preds...).
		Select(analyticsevent.FieldTime, analyticsevent.FieldStatus, analyticsevent.FieldErrorType,
			analyticsevent.FieldLatencyMs, analyticsevent.FieldAPIName, analyticsevent.FieldAPIVersion,
			analyticsevent.FieldApplication).
		Limit(maxRows).All(ctx)
	if err != nil {
		return nil, err
	}
	return summarise(rows, f.From, f.To), nil
}

func summarise(rows []*ent.AnalyticsEvent, from, to time.Time) *Summary {
	s := &Summary{From: from, To: to, Bucket: bucketFor(to.Sub(from))}
	n := int(math.Ceil(float64(to.Sub(from)) / float64(s.Bucket)))
	s.Series = make([]Point, n)
	for i := range s.Series {
		s.Series[i].Time = from.Add(time.Duration(i) * s.Bucket)
	}
	apis, apps, byErr := map[string]*Count{}, map[string]*Count{}, map[string]*Count{}
	latencies := make([]float64, 0, len(rows))
	add := func(m map[string]*Count, name string, failed bool) {
		if name == "" {
			return
		}
		c := m[name]
		if c == nil {
			c = &Count{Name: name}
			m[name] = c
		}
		c.Requests++
		if failed {
			c.Errors++
		}
	}
	for _, r := range rows {
		failed := r.ErrorType != "" || r.Status >= 400
		s.Requests++
		if failed {
			s.Errors++
		}
		if r.ErrorType == config.ErrorThrottled {
			s.Throttled++
		}
		if i := int(r.Time.Sub(from) / s.Bucket); i >= 0 && i < n {
			s.Series[i].Requests++
			if failed {
				s.Series[i].Errors++
			}
		}
		latencies = append(latencies, r.LatencyMs)
		if r.APIName != "" {
			add(apis, r.APIName+" "+r.APIVersion, failed)
		}
		add(apps, r.Application, failed)
		if failed {
			t := r.ErrorType
			if t == "" {
				t = "target_error"
			}
			add(byErr, t, true)
		}
	}
	slices.Sort(latencies)
	s.P50, s.P95, s.P99 = percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99)
	s.TopAPIs, s.TopApplications, s.ByErr = top(apis, 10), top(apps, 10), top(byErr, 10)
	return s
}

// bucketFor picks a bucket giving about 60 points.
func bucketFor(d time.Duration) time.Duration {
	for _, b := range []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 6 * time.Hour} {
		if d/b <= 120 {
			return b
		}
	}
	return 24 * time.Hour
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(i, 0)]
}

func top(m map[string]*Count, n int) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Requests != out[j].Requests {
			return out[i].Requests > out[j].Requests
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func uuidStrings(ids []uuid.UUID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}
