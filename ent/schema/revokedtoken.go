package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// RevokedToken denies one JWT access token (by its jti) until it would
// have expired anyway; gateways keep the live ones in memory.
type RevokedToken struct{ ent.Schema }

// Mixin of RevokedToken.
func (RevokedToken) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of RevokedToken.
func (RevokedToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("jti").NotEmpty().Unique().Immutable(),
		field.String("client_id").Default("").Immutable(),
		field.Time("expires_at").Immutable(),
		field.String("reason").Default("").Immutable(),
	}
}

// Indexes of RevokedToken.
func (RevokedToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("expires_at")}
}

// Annotations of RevokedToken.
func (RevokedToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
