package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// APIKey records a self-contained API key issued to an application: the
// key itself (a signed JWT whose jti is this id) is shown once and never
// stored; revoking it puts the id on the gateways' revocation list.
type APIKey struct{ ent.Schema }

// Mixin of APIKey.
func (APIKey) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of APIKey.
func (APIKey) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("application_id", uuidType).Immutable(),
		field.String("name").Default(""),
		// key_type is PRODUCTION or SANDBOX, as for application keys.
		field.String("key_type").NotEmpty().Immutable(),
		// allowed_ips are CIDRs (or single addresses) calls must come from.
		field.Strings("allowed_ips").Optional().Immutable(),
		// allowed_referers are HTTP Referer patterns ("*" matches anything).
		field.Strings("allowed_referers").Optional().Immutable(),
		field.Time("expires_at").Immutable(),
		// revoked_at is when the key stops working; a future time is a
		// rotation's grace period.
		field.Time("revoked_at").Optional().Nillable(),
	}
}

// Edges of APIKey.
func (APIKey) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", Application.Type).Field("application_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of APIKey.
func (APIKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("application_id"), index.Fields("revoked_at")}
}

// Annotations of APIKey.
func (APIKey) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "api_keys"}, entgql.Skip(entgql.SkipAll)}
}
