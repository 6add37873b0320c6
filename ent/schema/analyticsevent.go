package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// AnalyticsEvent is one API call as a gateway saw it. Rows are stored once
// per id (the event id the gateway gave the call), however often the bus
// delivers them.
type AnalyticsEvent struct{ ent.Schema }

// Mixin of AnalyticsEvent.
func (AnalyticsEvent) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}} }

// Fields of AnalyticsEvent.
func (AnalyticsEvent) Fields() []ent.Field {
	return []ent.Field{
		// request_id is the caller's X-Request-ID (or the gateway's when it
		// sent none): a correlation id the caller chooses, so not unique.
		field.String("request_id").NotEmpty().Immutable(),
		field.Time("time").Default(time.Now).Immutable(),
		field.String("organization_id").Default("").Immutable(),
		field.String("api_id").Default("").Immutable(),
		field.String("api_name").Default("").Immutable(),
		field.String("api_version").Default("").Immutable(),
		field.String("api_context").Default("").Immutable(),
		field.String("method").Default("").Immutable(),
		field.String("resource").Default("").Immutable(),
		field.String("application_id").Default("").Immutable(),
		field.String("application").Default("").Immutable(),
		field.String("subscriber").Default("").Immutable(),
		field.String("key_type").Default("").Immutable(),
		field.String("client_ip").Default("").Immutable(),
		field.String("user_agent").Default("").Immutable(),
		field.Int("status").Immutable(),
		// error_type: "" for success, or auth, throttled, target_error,
		// target_timeout, not_found, gateway_error.
		field.String("error_type").Default("").Immutable(),
		field.Int64("request_bytes").Default(0).Immutable(),
		field.Int64("response_bytes").Default(0).Immutable(),
		field.Float("latency_ms").Default(0).Immutable(),
		field.Float("backend_latency_ms").Default(0).Immutable(),
		field.String("gateway_id").Default("").Immutable(),
		field.String("environment").Default("").Immutable(),
		field.String("country").Default("").Immutable(),
	}
}

// Indexes of AnalyticsEvent.
func (AnalyticsEvent) Indexes() []ent.Index {
	return []ent.Index{
		// Only the purge reads raw events by time; the charts read the
		// rollups, so the raw table carries no other index to slow ingest.
		index.Fields("time"),
	}
}

// Annotations of AnalyticsEvent.
func (AnalyticsEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
