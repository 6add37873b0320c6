package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// StoredFile is an uploaded file (an API thumbnail, a document) kept in the
// database, so a control plane needs no shared disk. Its bytes are read
// only when it is downloaded.
type StoredFile struct{ ent.Schema }

// Mixin of StoredFile.
func (StoredFile) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of StoredFile.
func (StoredFile) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Default(""),
		// content_type is what the server sniffed, never what the client said.
		field.String("content_type").NotEmpty(),
		field.Int64("size").NonNegative(),
		field.String("sha256").Default(""),
		field.Bytes("data"),
	}
}

// Annotations of StoredFile.
func (StoredFile) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "stored_files"}, entgql.Skip(entgql.SkipAll)}
}
