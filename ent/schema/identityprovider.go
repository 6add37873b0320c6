package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// IdentityProvider is an external OpenID Connect provider users of an
// organization may sign in with ("Sign in with ...").
type IdentityProvider struct{ ent.Schema }

// Mixin of IdentityProvider.
func (IdentityProvider) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}}
}

// Fields of IdentityProvider.
func (IdentityProvider) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty(),
		field.String("issuer").NotEmpty(),
		field.String("client_id").NotEmpty(),
		// client_secret is sealed with the master key (AES-256-GCM), like
		// signing keys; it is write-only through the API.
		field.Bytes("client_secret").Sensitive(),
		field.Strings("scopes"),
		field.JSON("role_mappings", []fieldtype.RoleMapping{}),
		field.Bool("jit_provisioning").Default(false),
		field.Bool("enabled").Default(true),
	}
}

// Indexes of IdentityProvider.
func (IdentityProvider) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "name").Unique()}
}

// Annotations of IdentityProvider.
func (IdentityProvider) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
