package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// AlertEvent is one change of an alert rule's state (firing or resolved)
// and what became of its webhook delivery.
type AlertEvent struct{ ent.Schema }

// Mixin of AlertEvent.
func (AlertEvent) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}} }

// Fields of AlertEvent.
func (AlertEvent) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("rule_id", uuid.UUID{}).Immutable(),
		field.Enum("state").Values("firing", "resolved").Immutable(),
		field.Float("value").Immutable(),
		field.Float("threshold").Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
		// delivery: none (no webhook), pending, delivered or failed.
		field.Enum("delivery").Values("none", "pending", "delivered", "failed").Default("none"),
		field.Int("attempts").Default(0),
		field.String("last_error").Default(""),
	}
}

// Edges of AlertEvent.
func (AlertEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("rule", AlertRule.Type).Ref("events").Field("rule_id").Unique().Required().Immutable(),
	}
}

// Indexes of AlertEvent.
func (AlertEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("rule_id", "at")}
}

// Annotations of AlertEvent.
func (AlertEvent) Annotations() []schema.Annotation { return []schema.Annotation{entgql.Skip()} }
