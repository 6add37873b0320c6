package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// Session is a signed-in browser. Only a digest of the cookie value is kept,
// so a leaked database does not leak live sessions.
type Session struct{ ent.Schema }

// Mixin of Session.
func (Session) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("token_hash").Unique().Sensitive().Immutable(),
		field.String("csrf_token").Sensitive().Immutable(),
		field.Time("expires_at"),
		field.UUID("user_id", uuidType),
		// id_token is the Key Manager's ID token of an OIDC sign-in, kept
		// here (never in the browser) for RP-initiated logout's
		// id_token_hint.
		field.Text("id_token").Optional().Sensitive(),
	}
}

// Edges of Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required(),
	}
}

// Annotations of Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
