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

// APIOperation is one resource of an API: an HTTP verb and a URI template
// with the settings the gateway enforces for it.
type APIOperation struct{ ent.Schema }

// Mixin of APIOperation.
func (APIOperation) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of APIOperation.
func (APIOperation) Fields() []ent.Field {
	return []ent.Field{
		field.UUID("api_id", uuidType),
		field.Enum("method").Values("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
		field.String("target").NotEmpty(),
		field.Bool("auth_required").Default(true),
		field.Strings("scopes").Optional(),
		field.String("throttling_tier").Default(""),
		// request_validation and policies are frozen into revisions and
		// enforced by the gateway's mediation step.
		field.Bool("request_validation").Default(false),
		field.JSON("policies", &fieldtype.OperationPolicies{}).Optional().Annotations(entgql.Skip()),
		// --- API products (s3-products) ---
		// source_operation_id is, on an API product's operation, the
		// operation of another API it proxies to; nil on ordinary APIs. No
		// foreign key: a source re-imported from its definition gets new
		// operations, and the product's deployed revisions keep working.
		field.UUID("source_operation_id", uuidType).Optional().Nillable().Annotations(entgql.Type("ID")),
		// soap_action is, on a SOAP pass-through API, the SOAPAction the
		// resource answers (one resource per action of the WSDL); "" takes
		// calls whose action no resource names (s3-publisher).
		field.String("soap_action").Default(""),
	}
}

// Edges of APIOperation.
func (APIOperation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("api", API.Type).Field("api_id").Unique().Required().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of APIOperation.
func (APIOperation) Indexes() []ent.Index {
	return []ent.Index{index.Fields("api_id", "method", "target", "soap_action").Unique()}
}

// Annotations of APIOperation.
func (APIOperation) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Annotation{Table: "api_operations"}}
}
