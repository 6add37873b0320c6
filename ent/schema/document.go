package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// Document is a page of documentation attached to an API.
type Document struct{ ent.Schema }

// Mixin of Document.
func (Document) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Document.
func (Document) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType).Immutable(),
		field.String("name").NotEmpty(),
		field.Enum("doc_type").Values("HOWTO", "SAMPLES", "PUBLIC_FORUM", "SUPPORT_FORUM", "OTHER").Default("HOWTO"),
		field.Enum("source_type").Values("MARKDOWN", "INLINE", "URL").Default("MARKDOWN"),
		field.Text("content").Default(""),
		field.String("url").Default(""),
		field.String("summary").Default(""),
	}
}

// Edges of Document.
func (Document) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of Document.
func (Document) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "name").Unique()}
}
