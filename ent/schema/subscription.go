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

// Subscription lets an application call an API under a throttling tier.
type Subscription struct{ ent.Schema }

// Mixin of Subscription.
func (Subscription) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Subscription.
func (Subscription) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("application_id", uuidType).Immutable(),
		field.UUID("api_id", uuidType).Immutable(),
		field.String("throttling_tier").NotEmpty(),
		field.Enum("status").
			Values("UNBLOCKED", "BLOCKED", "PROD_ONLY_BLOCKED", "ON_HOLD", "REJECTED").
			Default("UNBLOCKED"),
		// status_reason says why the subscription was rejected or blocked.
		field.String("status_reason").Default(""),
	}
}

// Edges of Subscription.
func (Subscription) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", Application.Type).Field("application_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of Subscription.
func (Subscription) Indexes() []ent.Index {
	return []ent.Index{index.Fields("application_id", "api_id").Unique()}
}

// Annotations of Subscription.
func (Subscription) Annotations() []schema.Annotation {
	// "Subscription" is GraphQL's root type for subscriptions.
	return []schema.Annotation{entgql.Type("APISubscription")}
}
