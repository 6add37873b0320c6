package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// RoleBinding grants a user one role (built-in or custom) inside an organization.
type RoleBinding struct{ ent.Schema }

// Mixin of RoleBinding.
func (RoleBinding) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of RoleBinding.
func (RoleBinding) Fields() []ent.Field {
	return []ent.Field{
		// role names a built-in role (admin, publisher, subscriber) or a
		// CustomRole of the organization; the roles service validates it.
		field.String("role").NotEmpty(),
		field.UUID("user_id", uuidType),
	}
}

// Edges of RoleBinding.
func (RoleBinding) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("user", User.Type).Field("user_id").Unique().Required(),
	}
}

// Indexes of RoleBinding.
func (RoleBinding) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "organization_id", "role").Unique()}
}
