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
		// source_type says where the document is: INLINE markdown in
		// content, a URL, or an uploaded FILE (file_id).
		field.Enum("source_type").Values("INLINE", "URL", "FILE").Default("INLINE"),
		field.Text("content").Default(""),
		field.String("url").Default(""),
		field.String("summary").Default(""),
		field.UUID("file_id", uuidType).Optional().Nillable().Annotations(entgql.Skip()),
		field.String("file_name").Default(""),
		field.Int64("file_size").Default(0),
		field.String("created_by").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)), // managers only (package access)
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
