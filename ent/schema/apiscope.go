package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// APIScope is a scope an API defines (WSO2's "local scope"): the name its
// operations require, and the roles whose users the key manager grants it
// to. No roles means any user of the organization may be granted it.
type APIScope struct{ ent.Schema }

// Mixin of APIScope.
func (APIScope) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of APIScope.
func (APIScope) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType).Immutable(),
		// name is an RFC 6749 scope-token, e.g. "pizza:order".
		field.String("name").NotEmpty().Immutable(),
		field.String("display_name").Default(""),
		field.String("description").Default(""),
		// roles are role names of the API's organization (admin,
		// publisher, subscriber or a custom role string).
		field.Strings("roles").Optional(),
	}
}

// Edges of APIScope.
func (APIScope) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of APIScope.
func (APIScope) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "name").Unique()}
}

// Annotations of APIScope.
func (APIScope) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "api_scopes"}}
}
