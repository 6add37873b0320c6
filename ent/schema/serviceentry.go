package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// ServiceEntry is a backend service registered in the service catalog.
type ServiceEntry struct{ ent.Schema }

// Mixin of ServiceEntry.
func (ServiceEntry) Mixin() []ent.Mixin {
	return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}}
}

// Fields of ServiceEntry.
func (ServiceEntry) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		field.String("version").NotEmpty(),
		field.String("display_name").Default(""),
		field.String("description").Default(""),
		field.String("service_url").NotEmpty().Annotations(entgql.Skip(entgql.SkipWhereInput)), // a backend URL (package access)
		field.Enum("definition_type").Values("OAS2", "OAS3", "GRAPHQL_SDL", "ASYNC_API", "WSDL1"),
		field.Text("definition").Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.String("definition_hash"),
		field.Enum("security_type").Values("NONE", "BASIC", "DIGEST", "OAUTH2", "X509").Default("NONE"),
		field.Bool("mutual_tls").Default(false),
		field.String("created_by").Default(""),
		field.String("updated_by").Default(""),
	}
}

// Edges of ServiceEntry.
func (ServiceEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.From("apis", API.Type).Ref("service_entry"),
	}
}

// Indexes of ServiceEntry.
func (ServiceEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "name", "version").Unique()}
}

// Annotations of ServiceEntry.
func (ServiceEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
