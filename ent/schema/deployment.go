package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// Deployment says which revision of an API an environment serves: at most
// one per API and environment.
type Deployment struct{ ent.Schema }

// Mixin of Deployment.
func (Deployment) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Deployment.
func (Deployment) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType).Immutable(),
		field.UUID("environment_id", uuidType).Immutable(),
		field.UUID("revision_id", uuidType),
		field.String("deployed_by").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)), // managers only (package access)
		// virtual_host is the environment's virtual host the API answers
		// on; empty: the environment's default, any Host.
		field.String("virtual_host").Default(""),
	}
}

// Edges of Deployment.
func (Deployment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("environment", Environment.Type).Field("environment_id").Unique().Required().Immutable(),
		edge.To("revision", APIRevision.Type).Field("revision_id").Unique().Required().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of Deployment.
func (Deployment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "environment_id").Unique()}
}
