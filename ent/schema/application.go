package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// Application is a consumer's client program: it subscribes to APIs and
// holds keys.
type Application struct{ ent.Schema }

// Mixin of Application.
func (Application) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of Application.
func (Application) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		field.String("description").Default(""),
		field.String("throttling_tier").Default("Unlimited"),
		field.Enum("token_type").Values("JWT", "OPAQUE").Default("JWT"),
		field.UUID("owner_id", uuidType),
		// quota_reset_at is when an admin last reset the application's
		// quotas; gateways start new counters from it.
		// attributes are the owner's free key/value notes (e.g. a cost
		// centre); exposed sorted by key through a resolver.
		field.JSON("attributes", map[string]string{}).Optional().Annotations(entgql.Skip(entgql.SkipAll)),
		// shared_groups are user groups of the organization whose members
		// may see and use the application (not manage it).
		field.Strings("shared_groups").Optional(),
		field.Time("quota_reset_at").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Application.
func (Application) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("owner", User.Type).Field("owner_id").Unique().Required(),
		edge.From("subscriptions", Subscription.Type).Ref("application"),
		edge.From("keys", ApplicationKey.Type).Ref("application"),
	}
}

// Indexes of Application.
func (Application) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id", "name").Unique()}
}

// Annotations of Application.
func (Application) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
