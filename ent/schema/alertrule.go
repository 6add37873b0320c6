package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// AlertRule watches one API or application on the analytics rollups and
// says when a measure crosses its threshold.
type AlertRule struct{ ent.Schema }

// Mixin of AlertRule.
func (AlertRule) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}}
}

// Fields of AlertRule.
func (AlertRule) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty(),
		// metric: error_rate (percent), p95_latency (ms), traffic_drop
		// (percent fewer calls than the window before).
		field.Enum("metric").Values("error_rate", "p95_latency", "traffic_drop"),
		field.Enum("scope").Values("api", "application"),
		field.String("target_id"),
		field.Float("threshold"),
		field.Int("window_seconds"),
		field.String("webhook_url").Default(""),
		field.Bool("enabled").Default(true),
		field.Enum("state").Values("ok", "firing").Default("ok"),
		field.Float("last_value").Default(0),
		field.Time("last_evaluated_at").Optional().Nillable(),
	}
}

// Edges of AlertRule.
func (AlertRule) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("events", AlertEvent.Type).Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of AlertRule.
func (AlertRule) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id")}
}

// Annotations of AlertRule.
func (AlertRule) Annotations() []schema.Annotation { return []schema.Annotation{entgql.Skip()} }
