package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// FederatedIdentity links a user to their subject at an external identity
// provider: a sign-in through the provider finds the user by (provider,
// subject), never by email, which the provider may not have verified.
type FederatedIdentity struct{ ent.Schema }

// Mixin of FederatedIdentity.
func (FederatedIdentity) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of FederatedIdentity.
func (FederatedIdentity) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("provider_id", uuidType).Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.UUID("user_id", uuidType).Immutable(),
	}
}

// Indexes of FederatedIdentity.
func (FederatedIdentity) Indexes() []ent.Index {
	return []ent.Index{index.Fields("provider_id", "subject").Unique(), index.Fields("user_id")}
}

// Annotations of FederatedIdentity.
func (FederatedIdentity) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
