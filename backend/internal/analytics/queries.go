package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Queries answers questions about stored calls from the rollups, scoped to
// who asks.
type Queries struct {
	client  *ent.Client
	db      *sql.DB
	dialect string
	// MinuteRetention is how long minute rollups are kept; older ranges
	// are answered from the hour rollups.
	MinuteRetention time.Duration
}

// NewQueries returns the analytics queries over st.
func NewQueries(st *store.Store) *Queries {
	return &Queries{client: st.Client, db: st.DB, dialect: st.Dialect, MinuteRetention: DefaultRetention.Minutes}
}

// Filter narrows a question; zero times mean the last hour.
type Filter struct {
	From, To      time.Time
	APIID         string
	ApplicationID string
	Environment   string
	User          string
}

// Point is one time bucket.
type Point struct {
	Time                        time.Time
	Requests, Errors            int
	RequestBytes, ResponseBytes int64
	P50, P95, P99               float64
}

// Count is a named total; Key is what a filter takes to narrow to it (the
// API's or application's id, the user's name), or the name itself.
type Count struct {
	Key, Name        string
	Requests, Errors int
}

// Summary is traffic over a time range.
type Summary struct {
	From, To                    time.Time
	Bucket                      time.Duration
	Granularity                 time.Duration // Minute or Hour: the rollup that answered
	Requests, Errors, Throttled int
	P50, P95, P99               float64 // total latency, milliseconds, exact to the histogram bucket
	Series                      []Point
	TopAPIs, TopApplications    []Count
	TopUsers, TopResources      []Count
	TopCountries, ByErr         []Count
}

// maxRange bounds one question; the hour rollups are kept about this long.
const maxRange = 400 * 24 * time.Hour

// topN is the length of each top list.
const topN = 10

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
		return nil, errs.Field("from", "the time range is longer than 400 days")
	}
	w := where{dia: q.dialect}
	if v.Can(viewer.AnalyticsView) {
		w.eq("organization_id", v.OrgID.String())
	} else {
		// A subscriber sees the traffic of the applications they reach:
		// their own and those shared with one of their groups.
		reach, err := tenancy.ApplicationReach(ctx, q.client, v)
		if err != nil {
			return nil, err
		}
		ids, err := q.client.Application.Query().Where(reach).IDs(ctx)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			w.never()
		} else {
			w.in("application_id", uuidStrings(ids))
		}
	}
	if f.APIID != "" {
		w.eq("api_id", f.APIID)
	}
	if f.ApplicationID != "" {
		w.eq("application_id", f.ApplicationID)
	}
	if f.Environment != "" {
		w.eq("environment", f.Environment)
	}
	if f.User != "" {
		w.eq("subscriber", f.User)
	}
	return q.summary(ctx, f.From, f.To, now, w)
}

// summary reads the rollups for [from, to) under w.
func (q *Queries) summary(ctx context.Context, from, to, now time.Time, w where) (*Summary, error) {
	step := bucketFor(to.Sub(from))
	gran, table := Minute, minuteTable
	// Minute rollups hold up to about 60 times the rows of hour rollups:
	// they answer only ranges of a few hours (buckets under 15 minutes),
	// which keeps every question to a bounded scan.
	if step >= 15*time.Minute || from.Before(now.Add(-q.MinuteRetention)) {
		gran, table = Hour, hourTable
		step = max(step, Hour)
	}
	from = from.Truncate(step)
	s := &Summary{From: from, To: to, Bucket: step, Granularity: gran}
	n := int(math.Ceil(float64(to.Sub(from)) / float64(step)))
	s.Series = make([]Point, n)
	for i := range s.Series {
		s.Series[i].Time = from.Add(time.Duration(i) * step)
	}
	w.ge("bucket", from.Unix())
	w.lt("bucket", to.Unix())
	cond, args := w.sql()

	// The series: one row per step, with its histogram.
	stepSec := int64(step / time.Second)
	var hists []Hist = make([]Hist, n)
	var total Hist
	cols := "SUM(requests), SUM(errors), SUM(request_bytes), SUM(response_bytes)"
	for i := range histBuckets {
		cols += fmt.Sprintf(", SUM(h%02d)", i)
	}
	rows, err := q.db.QueryContext(ctx, fmt.Sprintf("SELECT bucket - (bucket %% %d) AS b, %s FROM %s WHERE %s GROUP BY b",
		stepSec, cols, table, cond), args...)
	if err != nil {
		return nil, fmt.Errorf("analytics series: %w", err)
	}
	for rows.Next() {
		var b, reqs, errsN, reqB, respB int64
		var h Hist
		dest := []any{&b, &reqs, &errsN, &reqB, &respB}
		for i := range h {
			dest = append(dest, &h[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("analytics series: %w", err)
		}
		s.Requests += int(reqs)
		s.Errors += int(errsN)
		total.Add(&h)
		i := int((b - from.Unix()) / stepSec)
		if i < 0 || i >= n {
			continue
		}
		p := &s.Series[i]
		p.Requests, p.Errors, p.RequestBytes, p.ResponseBytes = int(reqs), int(errsN), reqB, respB
		hists[i] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("analytics series: %w", err)
	}
	for i := range s.Series {
		h := &hists[i]
		s.Series[i].P50, s.Series[i].P95, s.Series[i].P99 = h.Percentile(0.50), h.Percentile(0.95), h.Percentile(0.99)
	}
	s.P50, s.P95, s.P99 = total.Percentile(0.50), total.Percentile(0.95), total.Percentile(0.99)
	if s.Requests == 0 {
		s.TopAPIs, s.TopApplications, s.TopUsers, s.TopResources, s.TopCountries, s.ByErr =
			[]Count{}, []Count{}, []Count{}, []Count{}, []Count{}, []Count{}
		return s, nil
	}

	// Everything else from one more scan, grouped by the dimensions the
	// top lists need: far fewer rows than the range holds, added up here.
	rows, err = q.db.QueryContext(ctx, fmt.Sprintf(`SELECT api_id, MAX(api_name), MAX(api_version), application_id,
		MAX(application), subscriber, resource, country, error_type, SUM(requests), SUM(errors)
		FROM %s WHERE %s GROUP BY api_id, application_id, subscriber, resource, country, error_type`, table, cond), args...)
	if err != nil {
		return nil, fmt.Errorf("analytics totals: %w", err)
	}
	defer rows.Close()
	apis, apps, users, resources, countries, byErr := counter{}, counter{}, counter{}, counter{}, counter{}, counter{}
	for rows.Next() {
		var apiID, apiName, apiVersion, appID, app, user, resource, country, errType string
		var reqs, errsN int
		if err := rows.Scan(&apiID, &apiName, &apiVersion, &appID, &app, &user, &resource, &country, &errType, &reqs, &errsN); err != nil {
			return nil, fmt.Errorf("analytics totals: %w", err)
		}
		if apiID != "" {
			apis.add(apiID, apiName+" "+apiVersion, reqs, errsN)
		}
		if appID != "" {
			apps.add(appID, app, reqs, errsN)
		}
		if user != "" {
			users.add(user, user, reqs, errsN)
		}
		if resource != "" {
			resources.add(apiID+" "+resource, apiName+" "+resource, reqs, errsN)
		}
		if country != "" {
			countries.add(country, country, reqs, errsN)
		}
		if errType != "" {
			// Every call counted under an error type failed.
			byErr.add(errType, errType, reqs, reqs)
			if errType == config.ErrorThrottled {
				s.Throttled += reqs
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("analytics totals: %w", err)
	}
	s.TopAPIs, s.TopApplications, s.TopUsers = apis.top(topN), apps.top(topN), users.top(topN)
	s.TopResources, s.TopCountries, s.ByErr = resources.top(topN), countries.top(topN), byErr.top(topN)
	return s, nil
}

// counter adds up calls by key, remembering a display name.
type counter map[string]*Count

func (c counter) add(key, name string, requests, errors int) {
	n := c[key]
	if n == nil {
		n = &Count{Key: key, Name: name}
		c[key] = n
	}
	n.Requests += requests
	n.Errors += errors
}

// top is the n largest counts, most calls first, then by name.
func (c counter) top(n int) []Count {
	out := make([]Count, 0, len(c))
	for _, v := range c {
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.Requests, a.Requests), cmp.Compare(a.Name, b.Name))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// where builds a WHERE clause with the dialect's placeholders.
type where struct {
	dia   string
	conds []string
	args  []any
}

func (w *where) ph() string {
	if w.dia == dialect.Postgres {
		return fmt.Sprintf("$%d", len(w.args))
	}
	return "?"
}

func (w *where) op(col, op string, v any) {
	w.args = append(w.args, v)
	w.conds = append(w.conds, col+" "+op+" "+w.ph())
}

func (w *where) eq(col string, v any) { w.op(col, "=", v) }
func (w *where) ge(col string, v any) { w.op(col, ">=", v) }
func (w *where) lt(col string, v any) { w.op(col, "<", v) }
func (w *where) never()               { w.conds = append(w.conds, "1 = 0") }

func (w *where) in(col string, vs []string) {
	ps := make([]string, len(vs))
	for i, v := range vs {
		w.args = append(w.args, v)
		ps[i] = w.ph()
	}
	w.conds = append(w.conds, col+" IN ("+strings.Join(ps, ", ")+")")
}

func (w *where) sql() (string, []any) {
	if len(w.conds) == 0 {
		return "1 = 1", nil
	}
	return strings.Join(w.conds, " AND "), w.args
}

// bucketFor picks a bucket giving at most 120 points.
func bucketFor(d time.Duration) time.Duration {
	for _, b := range []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 6 * time.Hour} {
		if d/b <= 120 {
			return b
		}
	}
	return 24 * time.Hour
}

func uuidStrings(ids []uuid.UUID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}
