package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// SigningKey is a key the Key Manager signs tokens with. The private part
// is stored encrypted with the installation's master key.
type SigningKey struct{ ent.Schema }

// Mixin of SigningKey.
func (SigningKey) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of SigningKey.
func (SigningKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("kid").NotEmpty().Unique().Immutable(),
		field.Enum("algorithm").Values("ES256", "RS256", "EdDSA").Immutable(),
		// private_key is the PKCS#8 key sealed with AES-256-GCM.
		field.Bytes("private_key").Sensitive().Immutable(),
		// public_jwk is the public key as a JWK, published in the JWKS.
		field.Text("public_jwk").Immutable(),
		field.Enum("state").Values("NEXT", "ACTIVE", "RETIRED").Default("ACTIVE"),
		// retire_after: the key stays in the JWKS until every token it
		// signed has expired.
		field.Time("retire_after").Optional().Nillable(),
	}
}

// Annotations of SigningKey.
func (SigningKey) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
