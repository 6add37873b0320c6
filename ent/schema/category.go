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

// Category groups an organization's APIs in the portals (e.g. "Payments").
// Categories are created when a publisher first uses one.
type Category struct{ ent.Schema }

// Mixin of Category.
func (Category) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of Category.
func (Category) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		field.String("description").Default(""),
	}
}

// Edges of Category.
func (Category) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable().
			Annotations(entgql.Skip()),
		edge.From("apis", API.Type).Ref("categories").Annotations(entgql.Skip()),
	}
}

// Indexes of Category.
func (Category) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "name").Unique()}
}

// Annotations of Category.
func (Category) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "categories"}, entgql.Skip(entgql.SkipWhereInput)}
}
