package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// APIRevision is an immutable snapshot of an API, the unit that is deployed
// to gateway environments.
type APIRevision struct{ ent.Schema }

// Mixin of APIRevision.
func (APIRevision) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of APIRevision.
func (APIRevision) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType).Immutable(),
		field.Int("number").Positive().Immutable().Annotations(entgql.OrderField("NUMBER")),
		field.String("description").Default(""),
		// snapshot is the gateway configuration of the API (gateway/config.API)
		// encoded as JSON, frozen when the revision was made.
		field.Text("snapshot").Immutable().Annotations(entgql.Skip()),
		field.String("created_by").Default(""),
		// state is the rest of the working copy the revision froze (the
		// definition text, business data); absent in older revisions.
		field.JSON("state", &fieldtype.RevisionState{}).Optional().Immutable().Annotations(entgql.Skip()),
	}
}

// Edges of APIRevision.
func (APIRevision) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
		edge.From("deployments", Deployment.Type).Ref("revision"),
	}
}

// Indexes of APIRevision.
func (APIRevision) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "number").Unique()}
}

// Annotations of APIRevision.
func (APIRevision) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "api_revisions"}, entgql.RelayConnection()}
}
