package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// ExternalKeyManager is a third-party authorization server whose access
// tokens gateways accept for the APIs that choose it: JWTs by its JWKS,
// opaque tokens by its introspection endpoint.
type ExternalKeyManager struct{ ent.Schema }

// Mixin of ExternalKeyManager.
func (ExternalKeyManager) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}}
}

// Fields of ExternalKeyManager.
func (ExternalKeyManager) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty(),
		field.String("issuer").NotEmpty(),
		field.String("jwks_uri").NotEmpty(),
		field.String("introspection_endpoint").Default(""),
		field.String("token_endpoint").Default(""),
		// The client credentials gateways present to the introspection
		// endpoint (RFC 7662 section 2.1) to verify opaque tokens; the
		// secret is sealed with the master key.
		field.String("introspection_client_id").Default(""),
		field.String("introspection_client_secret").Default("").Sensitive(),
		// audience, when set, must be in the token's aud.
		field.String("audience").Default(""),
		// The claims the gateway reads the client id, scopes and user from.
		field.String("client_id_claim").Default("client_id"),
		field.String("scopes_claim").Default("scope"),
		field.String("user_claim").Default("sub"),
		field.Bool("enabled").Default(true),
	}
}

// Indexes of ExternalKeyManager.
func (ExternalKeyManager) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "name").Unique()}
}

// Annotations of ExternalKeyManager.
func (ExternalKeyManager) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
