package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// ClientAssertion remembers the jti of a used private_key_jwt client
// assertion until the assertion expires, so it is refused when replayed
// to any replica (RFC 7523 section 3, item 7).
type ClientAssertion struct{ ent.Schema }

// Mixin of ClientAssertion.
func (ClientAssertion) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}} }

// Fields of ClientAssertion.
func (ClientAssertion) Fields() []ent.Field {
	return []ent.Field{
		field.String("jti").NotEmpty().Unique(),
		field.Time("expires_at"),
	}
}

// Indexes of ClientAssertion.
func (ClientAssertion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("expires_at")}
}

// Annotations of ClientAssertion.
func (ClientAssertion) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
