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

// OAuthConsent remembers that a user let a client act for them with some
// scopes, so the consent page is shown once per user and client (and again
// only when the client asks for more).
type OAuthConsent struct{ ent.Schema }

// Mixin of OAuthConsent.
func (OAuthConsent) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of OAuthConsent.
func (OAuthConsent) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("user_id", uuidType).Immutable(),
		field.String("client_id").NotEmpty().Immutable(),
		field.Strings("scopes").Optional(),
	}
}

// Edges of OAuthConsent.
func (OAuthConsent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of OAuthConsent.
func (OAuthConsent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "client_id").Unique()}
}

// Annotations of OAuthConsent.
func (OAuthConsent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(), entsql.Annotation{Table: "oauth_consents"}}
}
