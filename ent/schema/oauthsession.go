package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// OAuthSession is one piece of OAuth 2.0 state the Key Manager must keep
// across requests and restarts: an authorization code, its PKCE challenge,
// its OpenID Connect request, a refresh token, or the jti of an access
// token issued to a user (so a refresh-token family can be revoked). The
// fosite request is kept as JSON; the token signature only as a digest.
type OAuthSession struct{ ent.Schema }

// Mixin of OAuthSession.
func (OAuthSession) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of OAuthSession.
func (OAuthSession) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("AUTHORIZE_CODE", "PKCE", "OIDC", "REFRESH_TOKEN", "ACCESS_TOKEN").Immutable(),
		// signature_hash is SHA-256 of the token's signature part.
		field.String("signature_hash").NotEmpty().Immutable().Sensitive(),
		// request_id ties the code, tokens and refreshes of one grant together.
		field.String("request_id").NotEmpty().Immutable(),
		field.String("client_id").Immutable(),
		field.String("subject").Default("").Immutable(),
		// jti of an access token, so revoking the family lists it for gateways.
		field.String("jti").Default("").Immutable(),
		field.Bool("active").Default(true),
		field.Time("expires_at").Immutable(),
		field.Text("request").Sensitive().Immutable(),
	}
}

// Indexes of OAuthSession.
func (OAuthSession) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("kind", "signature_hash").Unique(),
		index.Fields("request_id"),
		index.Fields("expires_at"),
	}
}

// Annotations of OAuthSession.
func (OAuthSession) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(), entsql.Annotation{Table: "oauth_sessions"}}
}
