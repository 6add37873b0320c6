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

// Comment is a user's comment on a published API, or a reply to one.
// Moderators (the API's publishers and admins) hide or delete comments.
type Comment struct{ ent.Schema }

// Mixin of Comment.
func (Comment) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Comment.
func (Comment) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType).Immutable(),
		field.UUID("author_id", uuidType).Immutable(),
		// parent_id is the comment this one replies to (replies are one level deep).
		field.UUID("parent_id", uuidType).Optional().Nillable().Immutable(),
		field.Text("body").NotEmpty(),
		field.Bool("hidden").Default(false),
	}
}

// Edges of Comment.
func (Comment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("author", User.Type).Field("author_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.To("replies", Comment.Type).From("parent").Field("parent_id").Unique().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of Comment.
func (Comment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "created_at")}
}

// Annotations of Comment: read through the portal's service, not CRUD.
func (Comment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
