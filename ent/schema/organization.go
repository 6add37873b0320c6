package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// Organization is a tenant: every API, application and user belongs to one.
type Organization struct{ ent.Schema }

// Mixin of Organization.
func (Organization) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Organization.
func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Unique().Annotations(entgql.OrderField("NAME")),
		field.String("display_name").Default(""),
		// signup_mode says whether strangers may create portal accounts in
		// this organization: not at all, at once, or after an admin approves.
		field.Enum("signup_mode").Values("DISABLED", "ENABLED", "APPROVAL").Default("ENABLED"),
		// required_app_attributes are the attribute keys every application
		// of the organization must carry (set by admins).
		field.Strings("required_app_attributes").Optional(),
	}
}

// Annotations of Organization.
func (Organization) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
