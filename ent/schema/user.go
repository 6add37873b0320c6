package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// User is a person who signs in to the portals.
type User struct{ ent.Schema }

// Mixin of User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("username").NotEmpty().Unique().Annotations(entgql.OrderField("USERNAME")),
		field.String("email").Default(""),
		field.String("display_name").Default(""),
		// password_hash is an argon2id PHC string; it never leaves the backend.
		field.String("password_hash").Sensitive().Annotations(entgql.Skip()),
		field.Bool("disabled").Default(false),
		// pending_approval marks a self-signed-up user an admin has not
		// approved yet; they cannot sign in.
		field.Bool("pending_approval").Default(false),
		// groups name the user groups the user belongs to (set by admins);
		// applications are shared with groups.
		field.Strings("groups").Optional(),
		// must_change_password marks a temporary password an admin set: the
		// user chooses a new one at the next sign-in (the Key Manager's
		// login page) before anything else.
		field.Bool("must_change_password").Default(false).Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Edges of User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.From("role_bindings", RoleBinding.Type).Ref("user"),
		edge.From("sessions", Session.Type).Ref("user").Annotations(entgql.Skip()),
	}
}

// Annotations of User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
