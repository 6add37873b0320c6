package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// AuditLog records who changed what; rows are only ever appended.
type AuditLog struct{ ent.Schema }

// Mixin of AuditLog.
func (AuditLog) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Tenant{}} }

// Fields of AuditLog.
func (AuditLog) Fields() []ent.Field {
	return []ent.Field{
		field.Time("time").Default(time.Now).Immutable().Annotations(entgql.OrderField("TIME")),
		field.String("actor").Immutable(),
		field.String("action").Immutable(),
		field.String("target_type").Immutable(),
		field.String("target_id").Immutable(),
		field.Text("details").Default("").Immutable(),
	}
}

// Edges of AuditLog.
func (AuditLog) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
	}
}

// Indexes of AuditLog.
func (AuditLog) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "time")}
}

// Annotations of AuditLog.
func (AuditLog) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
