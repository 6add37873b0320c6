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

// Rating is one user's 1-5 star rating of a published API; rating again
// replaces it.
type Rating struct{ ent.Schema }

// Mixin of Rating.
func (Rating) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Rating.
func (Rating) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType).Immutable(),
		field.UUID("user_id", uuidType).Immutable(),
		field.Int("stars").Range(1, 5),
	}
}

// Edges of Rating.
func (Rating) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of Rating.
func (Rating) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "user_id").Unique()}
}

// Annotations of Rating: read through the portal's summary, not CRUD.
func (Rating) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
