package schema

import (
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

// LatencyBuckets is how many latency histogram columns a rollup row has
// (h00..h15); the bounds live in backend/internal/analytics.
const LatencyBuckets = 16

// rollup is the shape shared by the minute and hour rollups: one row per
// time bucket and combination of dimensions, holding counters that ingest
// increments with an upsert in the same transaction as the raw insert.
type rollup struct{ mixin.Schema }

// Fields of the rollup mixin.
func (rollup) Fields() []ent.Field {
	fs := []ent.Field{
		// bucket: the start of the bucket in Unix seconds (UTC), so range
		// scans compare integers on every database.
		field.Int64("bucket").Immutable(),
		field.String("organization_id").Default("").Immutable(),
		field.String("api_id").Default("").Immutable(),
		field.String("api_name").Default(""),
		field.String("api_version").Default(""),
		field.String("application_id").Default("").Immutable(),
		field.String("application").Default(""),
		field.String("environment").Default("").Immutable(),
		// resource: "METHOD /template".
		field.String("resource").Default("").Immutable(),
		field.String("subscriber").Default("").Immutable(),
		// status_class: 2 for 2xx, 4 for 4xx, ...
		field.Int("status_class").Default(0).Immutable(),
		field.String("error_type").Default("").Immutable(),
		field.String("country").Default("").Immutable(),
		field.Int64("requests").Default(0),
		field.Int64("errors").Default(0),
		field.Int64("request_bytes").Default(0),
		field.Int64("response_bytes").Default(0),
		field.Float("latency_sum_ms").Default(0),
	}
	for i := range LatencyBuckets {
		fs = append(fs, field.Int64(fmt.Sprintf("h%02d", i)).Default(0))
	}
	return fs
}

// Indexes of the rollup mixin: the unique key the upsert conflicts on
// (bucket first, which also serves range scans) and the organization scan.
func (rollup) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "organization_id", "api_id", "application_id", "environment",
			"resource", "subscriber", "status_class", "error_type", "country").Unique(),
		index.Fields("organization_id", "bucket"),
	}
}

// AnalyticsMinute is calls per minute; it serves ranges up to about a day.
type AnalyticsMinute struct{ ent.Schema }

// Mixin of AnalyticsMinute.
func (AnalyticsMinute) Mixin() []ent.Mixin { return []ent.Mixin{rollup{}} }

// Annotations of AnalyticsMinute.
func (AnalyticsMinute) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(), entsql.Annotation{Table: "analytics_minutes"}}
}

// AnalyticsHour is calls per hour; it serves longer ranges and is kept longest.
type AnalyticsHour struct{ ent.Schema }

// Mixin of AnalyticsHour.
func (AnalyticsHour) Mixin() []ent.Mixin { return []ent.Mixin{rollup{}} }

// Annotations of AnalyticsHour.
func (AnalyticsHour) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(), entsql.Annotation{Table: "analytics_hours"}}
}
