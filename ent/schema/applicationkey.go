package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// ApplicationKey maps an application to an OAuth client in a key manager,
// one per key type (production, sandbox).
type ApplicationKey struct{ ent.Schema }

// Mixin of ApplicationKey.
func (ApplicationKey) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of ApplicationKey.
func (ApplicationKey) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("application_id", uuidType).Immutable(),
		field.Enum("key_type").Values("PRODUCTION", "SANDBOX").Immutable(),
		field.String("key_manager").Default("Resident"),
		field.String("client_id").NotEmpty().Unique().Immutable(),
		// client_secret_hash is a digest; the secret itself is shown once.
		field.String("client_secret_hash").Sensitive(),
		field.Strings("grant_types").Optional(),
		field.String("callback_url").Default(""),
		// jwks is the client's public JSON Web Key Set. A key with one
		// authenticates with private_key_jwt (RFC 7523) instead of its secret.
		field.Text("jwks").Default("").Annotations(entgql.Skip()),
		// previous_secret_hash is the digest of the secret a regeneration
		// replaced; it keeps authenticating until previous_secret_expires_at
		// (zero-downtime rotation), then is ignored.
		field.String("previous_secret_hash").Default("").Sensitive().Annotations(entgql.Skip()),
		field.Time("previous_secret_expires_at").Optional().Nillable(),
		// pkce_required: the authorization endpoint insists on a PKCE S256
		// challenge. Only an org admin may turn it off, and only for a
		// confidential client (a public one always needs PKCE).
		field.Bool("pkce_required").Default(true),
	}
}

// Edges of ApplicationKey.
func (ApplicationKey) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", Application.Type).Field("application_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of ApplicationKey.
func (ApplicationKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("application_id", "key_type", "key_manager").Unique()}
}
