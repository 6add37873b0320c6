package analytics

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// LatencyBounds are the upper bounds, in milliseconds, of the latency
// histogram every rollup row carries (columns h00..h15; the last bucket is
// open). Percentiles read from it are exact to the bucket: the answer is the
// upper bound of the bucket the rank falls in.
var LatencyBounds = [histBuckets - 1]float64{1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000}

const histBuckets = 16

// Hist is a latency histogram over LatencyBounds.
type Hist [histBuckets]int64

// bucketOf is the histogram bucket of a latency.
func bucketOf(ms float64) int {
	i, _ := slices.BinarySearch(LatencyBounds[:], ms)
	return i
}

// Percentile is the upper bound of the bucket holding the p-th (0..1)
// nearest-rank call; the open last bucket answers with its lower bound.
func (h *Hist) Percentile(p float64) float64 {
	var total int64
	for _, n := range h {
		total += n
	}
	if total == 0 {
		return 0
	}
	rank := max(int64(math.Ceil(p*float64(total))), 1)
	var seen int64
	for i, n := range h {
		seen += n
		if seen >= rank {
			return LatencyBounds[min(i, len(LatencyBounds)-1)]
		}
	}
	return LatencyBounds[len(LatencyBounds)-1]
}

// Add adds o into h.
func (h *Hist) Add(o *Hist) {
	for i := range h {
		h[i] += o[i]
	}
}

// Granularities of the rollup tables.
const (
	Minute = time.Minute
	Hour   = time.Hour
)

// rollupKey is what a rollup row is unique by.
type rollupKey struct {
	Bucket                                 int64
	Org, APIID, AppID, Env, Resource, User string
	StatusClass                            int
	ErrorType, Country                     string
}

// rollupRow is one rollup row's increments.
type rollupRow struct {
	rollupKey
	APIName, APIVersion, App              string
	Requests, Errors, ReqBytes, RespBytes int64
	LatencySum                            float64
	Hist                                  Hist
}

// failed reports whether a call counts as an error.
func failed(e *config.AnalyticsEvent) bool { return e.ErrorType != "" || e.Status >= 400 }

// errorTypeOf is the error type a call is counted under; a failed call the
// gateway did not classify is the target's error.
func errorTypeOf(e *config.AnalyticsEvent) string {
	if e.ErrorType == "" && e.Status >= 400 {
		return config.ErrorTargetError
	}
	return e.ErrorType
}

// aggregator sums a batch of events into rollup rows in memory, so a batch
// of 500 calls becomes a handful of upserts.
type aggregator struct {
	step time.Duration
	rows map[rollupKey]*rollupRow
}

func newAggregator(step time.Duration) *aggregator {
	return &aggregator{step: step, rows: map[rollupKey]*rollupRow{}}
}

func (a *aggregator) add(e *config.AnalyticsEvent) {
	k := rollupKey{
		Bucket: e.Time.Truncate(a.step).Unix(), Org: e.OrganizationID, APIID: e.APIID, AppID: e.ApplicationID,
		Env: e.Environment, Resource: resourceOf(e), User: e.Subscriber, StatusClass: e.Status / 100,
		ErrorType: errorTypeOf(e), Country: e.Country,
	}
	r := a.rows[k]
	if r == nil {
		r = &rollupRow{rollupKey: k}
		a.rows[k] = r
	}
	r.APIName, r.APIVersion, r.App = e.APIName, e.APIVersion, e.Application
	r.Requests++
	if failed(e) {
		r.Errors++
	}
	r.ReqBytes += e.RequestBytes
	r.RespBytes += e.ResponseBytes
	r.LatencySum += e.LatencyMS
	r.Hist[bucketOf(e.LatencyMS)]++
}

// sorted returns the rows in key order, so concurrent ingestors upsert in
// the same order and cannot deadlock each other on PostgreSQL.
func (a *aggregator) sorted() []*rollupRow {
	out := make([]*rollupRow, 0, len(a.rows))
	for _, r := range a.rows {
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y *rollupRow) int {
		return cmp.Or(cmp.Compare(x.Bucket, y.Bucket), cmp.Compare(x.Org, y.Org), cmp.Compare(x.APIID, y.APIID),
			cmp.Compare(x.AppID, y.AppID), cmp.Compare(x.Env, y.Env), cmp.Compare(x.Resource, y.Resource),
			cmp.Compare(x.User, y.User), cmp.Compare(x.StatusClass, y.StatusClass),
			cmp.Compare(x.ErrorType, y.ErrorType), cmp.Compare(x.Country, y.Country))
	})
	return out
}

func resourceOf(e *config.AnalyticsEvent) string {
	if e.Resource == "" {
		return ""
	}
	return e.Method + " " + e.Resource
}

// Rollup tables and columns, in the order rollupArgs writes them.
const (
	minuteTable = "analytics_minutes"
	hourTable   = "analytics_hours"
)

var (
	rollupKeyCols = []string{"bucket", "organization_id", "api_id", "application_id", "environment",
		"resource", "subscriber", "status_class", "error_type", "country"}
	rollupNameCols  = []string{"api_name", "api_version", "application"}
	rollupCountCols = func() []string {
		c := []string{"requests", "errors", "request_bytes", "response_bytes", "latency_sum_ms"}
		for i := range histBuckets {
			c = append(c, fmt.Sprintf("h%02d", i))
		}
		return c
	}()
	rollupCols = slices.Concat(rollupKeyCols, rollupNameCols, rollupCountCols)
)

func rollupArgs(args []any, r *rollupRow) []any {
	args = append(args, r.Bucket, r.Org, r.APIID, r.AppID, r.Env, r.Resource, r.User, r.StatusClass, r.ErrorType, r.Country,
		r.APIName, r.APIVersion, r.App, r.Requests, r.Errors, r.ReqBytes, r.RespBytes, r.LatencySum)
	for _, n := range r.Hist {
		args = append(args, n)
	}
	return args
}

// upsertSQL adds n rows' counters to table, creating the rows that are new.
// The statement is the same on SQLite and PostgreSQL but for placeholders.
func upsertSQL(dia, table string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(rollupCols, ", ") + ") VALUES ")
	writeValues(&b, dia, n, len(rollupCols))
	b.WriteString(upsertSet(table))
	return b.String()
}

// upsertSet is the conflict clause adding a new row's counters to the
// stored row's.
func upsertSet(table string) string {
	var b strings.Builder
	b.WriteString(" ON CONFLICT (" + strings.Join(rollupKeyCols, ", ") + ") DO UPDATE SET ")
	for i, c := range rollupNameCols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
	for _, c := range rollupCountCols {
		b.WriteString(", " + c + " = " + table + "." + c + " + excluded." + c)
	}
	return b.String()
}

// writeValues writes n tuples of cols placeholders.
func writeValues(b *strings.Builder, dia string, n, cols int) {
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteByte(',')
			}
			if dia == dialect.Postgres {
				fmt.Fprintf(b, "$%d", p)
			} else {
				b.WriteByte('?')
			}
			p++
		}
		b.WriteByte(')')
	}
}

// unnestInsert is PostgreSQL's INSERT of one array parameter per column,
// typed after sample (one row of arguments).
func unnestInsert(table string, cols []string, sample []any) string {
	ps := make([]string, len(cols))
	for i, v := range sample {
		ps[i] = fmt.Sprintf("$%d::%s", i+1, pgArrayType(v))
	}
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") SELECT * FROM unnest(" + strings.Join(ps, ", ") + ")"
}

func pgArrayType(v any) string {
	switch v.(type) {
	case uuid.UUID:
		return "text[]::uuid[]"
	case string:
		return "text[]"
	case int, int64:
		return "int8[]"
	case float64:
		return "float8[]"
	case time.Time:
		return "timestamptz[]"
	}
	panic(fmt.Sprintf("analytics: no PostgreSQL array type for %T", v))
}

// columnar turns row-major arguments into one typed slice per column.
func columnar(flat []any, ncols int) []any {
	n := len(flat) / ncols
	out := make([]any, ncols)
	for c := range ncols {
		switch flat[c].(type) {
		case uuid.UUID:
			col := make([]string, n)
			for r := range n {
				col[r] = flat[r*ncols+c].(uuid.UUID).String()
			}
			out[c] = col
		case string:
			col := make([]string, n)
			for r := range n {
				col[r] = flat[r*ncols+c].(string)
			}
			out[c] = col
		case int:
			col := make([]int64, n)
			for r := range n {
				col[r] = int64(flat[r*ncols+c].(int))
			}
			out[c] = col
		case int64:
			col := make([]int64, n)
			for r := range n {
				col[r] = flat[r*ncols+c].(int64)
			}
			out[c] = col
		case float64:
			col := make([]float64, n)
			for r := range n {
				col[r] = flat[r*ncols+c].(float64)
			}
			out[c] = col
		case time.Time:
			col := make([]time.Time, n)
			for r := range n {
				col[r] = flat[r*ncols+c].(time.Time)
			}
			out[c] = col
		default:
			panic(fmt.Sprintf("analytics: no PostgreSQL array for %T", flat[c]))
		}
	}
	return out
}
