package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// DenyPolicy blocks calls before any other policy: to an API context, from
// an application, from a user, or from an IP range.
type DenyPolicy struct{ ent.Schema }

// Mixin of DenyPolicy.
func (DenyPolicy) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of DenyPolicy.
func (DenyPolicy) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("condition_type").Values("API_CONTEXT", "APPLICATION", "USER", "IP_RANGE"),
		// value is the context (without slashes), application id, username
		// or CIDR, normalized by the traffic service.
		field.String("value").NotEmpty(),
		field.String("description").Default(""),
		field.Bool("enabled").Default(true),
	}
}

// Edges of DenyPolicy.
func (DenyPolicy) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of DenyPolicy.
func (DenyPolicy) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "condition_type", "value").Unique()}
}
