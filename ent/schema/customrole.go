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

// CustomRole is a named set of permissions an organization's admins
// define; users hold it through role bindings naming it. GraphQL sees it
// only as RoleDefinition (backend/internal/roles).
type CustomRole struct{ ent.Schema }

// Mixin of CustomRole.
func (CustomRole) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of CustomRole.
func (CustomRole) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty(),
		field.String("description").Default(""),
		// permissions are permission names of the catalogue (viewer.Catalogue).
		field.Strings("permissions").Optional(),
	}
}

// Edges of CustomRole.
func (CustomRole) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
	}
}

// Indexes of CustomRole.
func (CustomRole) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "name").Unique()}
}

// Annotations of CustomRole.
func (CustomRole) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
