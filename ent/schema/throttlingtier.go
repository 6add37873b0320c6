package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// ThrottlingTier is a named quota (e.g. Gold: 5000 requests a minute) that a
// subscription, an application or an API resource is held to.
type ThrottlingTier struct{ ent.Schema }

// Mixin of ThrottlingTier.
func (ThrottlingTier) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}}
}

// Fields of ThrottlingTier.
func (ThrottlingTier) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("level").Values("SUBSCRIPTION", "APPLICATION", "API"),
		field.String("name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		field.String("display_name").Default(""),
		field.String("description").Default(""),
		// request_count of 0 means unlimited.
		field.Int64("request_count").NonNegative().Default(0),
		field.Int("unit_seconds").Positive().Default(60),
		field.Int64("burst_limit").NonNegative().Default(0),
		field.Bool("stop_on_quota_reach").Default(true),
		// requires_approval holds new subscriptions with this (SUBSCRIPTION)
		// tier ON_HOLD until an admin approves them.
		field.Bool("requires_approval").Default(false),
		// quota_type says what request_count or data_amount_kib counts.
		field.Enum("quota_type").Values("REQUEST_COUNT", "BANDWIDTH").Default("REQUEST_COUNT"),
		// data_amount_kib is the BANDWIDTH quota: response KiB per unit.
		field.Int64("data_amount_kib").NonNegative().Default(0),
		// calendar_unit, when not NONE, replaces the sliding unit_seconds
		// window by a quota that resets at local midnight (DAY) or on the
		// 1st (MONTH) in the gateways' --quota-timezone.
		field.Enum("calendar_unit").Values("NONE", "DAY", "MONTH").Default("NONE"),
		// condition_groups (API level only) give callers matching a
		// condition their own limit; the others get the tier's.
		field.JSON("condition_groups", fieldtype.ConditionGroups{}).Optional().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of ThrottlingTier.
func (ThrottlingTier) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
	}
}

// Indexes of ThrottlingTier.
func (ThrottlingTier) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "level", "name").Unique()}
}

// Annotations of ThrottlingTier.
func (ThrottlingTier) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
