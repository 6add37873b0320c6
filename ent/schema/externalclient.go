package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// ExternalClient maps a client id of a third-party key manager to one of
// an application's keys, so that client's tokens call the APIs the
// application subscribes to.
type ExternalClient struct{ ent.Schema }

// Mixin of ExternalClient.
func (ExternalClient) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of ExternalClient.
func (ExternalClient) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("key_manager_id", uuidType).Immutable(),
		field.String("client_id").NotEmpty().Immutable(),
		field.UUID("application_id", uuidType).Immutable(),
		field.Enum("key_type").Values("PRODUCTION", "SANDBOX").Immutable(),
	}
}

// Indexes of ExternalClient.
func (ExternalClient) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key_manager_id", "client_id").Unique(), index.Fields("application_id")}
}

// Annotations of ExternalClient.
func (ExternalClient) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
