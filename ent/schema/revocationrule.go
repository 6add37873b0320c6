package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// RevocationRule denies every access token of an application, of one of
// its client ids, or of a user, issued at or before revoked_before. JWTs
// are verified by gateways without asking anyone, so a bulk revocation
// cannot list jtis it never stored; gateways compare the token's iat with
// the rule instead. A rule is dropped once every token it could cover has
// expired (expires_at = revoked_before + the longest access token life).
type RevocationRule struct{ ent.Schema }

// Mixin of RevocationRule.
func (RevocationRule) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of RevocationRule.
func (RevocationRule) Fields() []ent.Field {
	return []ent.Field{
		// kind says what value names: an application id, a client id or a
		// user id (the token's sub).
		field.Enum("kind").Values("APPLICATION", "CLIENT", "SUBJECT").Immutable(),
		field.String("value").NotEmpty().Immutable(),
		field.Time("revoked_before"),
		field.Time("expires_at"),
		field.String("reason").Default(""),
	}
}

// Indexes of RevocationRule.
func (RevocationRule) Indexes() []ent.Index {
	return []ent.Index{index.Fields("kind", "value").Unique(), index.Fields("expires_at")}
}

// Annotations of RevocationRule.
func (RevocationRule) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip()}
}
