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

// API is one version of a managed API: what the publisher designs and the
// gateway exposes at /{context}/{version}.
type API struct{ ent.Schema }

// Mixin of API.
func (API) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}, mixin.Tenant{}} }

// Fields of API.
func (API) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Annotations(entgql.OrderField("NAME")),
		// context is stored without slashes at either end, e.g. "pizzashack".
		field.String("context").NotEmpty().Annotations(entgql.OrderField("CONTEXT")),
		field.String("version").NotEmpty().Annotations(entgql.OrderField("VERSION")),
		field.String("description").Default(""),
		// PRODUCT is an API product: its operations link to operations of
		// other APIs (apioperation.source_operation_id) and proxy to them.
		field.Enum("type").Values("HTTP", "GRAPHQL", "WS", "SOAP", "ASYNC", "PRODUCT").Default("HTTP"),
		field.Enum("lifecycle_status").
			Values("CREATED", "PROTOTYPED", "PUBLISHED", "BLOCKED", "DEPRECATED", "RETIRED").
			Default("CREATED").Annotations(entgql.OrderField("LIFECYCLE_STATUS")),
		field.Bool("is_default_version").Default(false),
		// Backend settings are for the API's managers (package access):
		// no where-input, or a consumer could search them out by filter.
		field.String("production_endpoint").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.String("sandbox_endpoint").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Enum("definition_type").Values("NONE", "OAS2", "OAS3", "GRAPHQL_SDL", "ASYNCAPI", "WSDL").Default("NONE"),
		field.Text("definition").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// tags are lower-case, trimmed and unique (see apis.NormalizeTags).
		field.Strings("tags").Optional(),
		field.String("business_owner_name").Default(""),
		field.String("business_owner_email").Default(""),
		field.String("technical_owner_name").Default(""),
		field.String("technical_owner_email").Default(""),
		// visibility PUBLIC shows the API to everyone who may see published
		// APIs; RESTRICTED only to signed-in users holding one of visible_roles.
		field.Enum("visibility").Values("PUBLIC", "RESTRICTED").Default("PUBLIC"),
		field.Strings("visible_roles").Optional(),
		// subscription_tiers are the names of the organization's SUBSCRIPTION
		// tiers that consumers may subscribe with.
		field.Strings("subscription_tiers").Optional(),
		// cors is frozen into revisions and enforced by the gateway.
		field.JSON("cors", &fieldtype.CORS{}).Optional().Annotations(entgql.Skip()),
		// mutual_tls (client certificates checked against the API's trusted
		// CAs) and backend_jwt (a signed JWT about the caller for the
		// backend) are frozen into revisions and enforced by the gateway;
		// GraphQL reads them through schema/gatewaysecurity.graphqls.
		field.JSON("mutual_tls", &fieldtype.MutualTLS{}).Optional().Annotations(entgql.Skip()),
		field.JSON("backend_jwt", &fieldtype.BackendJWT{}).Optional().Annotations(entgql.Skip()),
		// traffic_controls: GraphQL query limits and field scopes, WebSocket
		// message limits; frozen into revisions and enforced by the gateway.
		field.JSON("traffic_controls", &fieldtype.TrafficControls{}).Optional().Annotations(entgql.Skip()),
		// thumbnail_id is the StoredFile holding the API's image.
		field.UUID("thumbnail_id", uuidType).Optional().Nillable().Annotations(entgql.Skip()),
		field.String("created_by").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)), // managers only (package access)
		// service_entry_id is the catalog service the API was built from, and
		// service_definition_hash that service's definition hash at the time:
		// when the service's hash moves on, the API is out of date.
		field.UUID("service_entry_id", uuidType).Optional().Nillable().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.String("service_definition_hash").Default("").Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// endpoints: production and sandbox endpoint groups with timeouts,
		// retries and backend credentials, frozen into revisions. Skipped by
		// GraphQL: the secrets are write-only (see schema/endpoints.graphqls).
		field.JSON("endpoints", &fieldtype.Endpoints{}).Optional().Annotations(entgql.Skip()),
		// key_managers are the key managers whose tokens the API accepts:
		// "built-in" and external key manager ids; empty means built-in only.
		field.Strings("key_managers").Optional().Annotations(entgql.Skip()),
	}
}

// Edges of API.
func (API) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.From("operations", APIOperation.Type).Ref("api"),
		edge.From("revisions", APIRevision.Type).Ref("api").Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)),
		edge.From("deployments", Deployment.Type).Ref("api"),
		edge.From("documents", Document.Type).Ref("api"),
		// scope_definitions are the scopes the API defines (s3-scopes).
		// Read through the API service (schema/scopes.graphqls): the role
		// bindings are for the API's publishers, not its consumers.
		edge.From("scope_definitions", APIScope.Type).Ref("api").Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("subscriptions", Subscription.Type).Ref("api").Annotations(entgql.Skip()),
		// No where-input through the service: its URL is a backend URL.
		edge.To("service_entry", ServiceEntry.Type).Field("service_entry_id").Unique().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("categories", Category.Type),
	}
}

// Indexes of API.
func (API) Indexes() []ent.Index {
	// The gateway routes on context and version, across organizations.
	return []ent.Index{index.Fields("context", "version").Unique()}
}

// Annotations of API.
func (API) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entsql.Annotation{Table: "apis"},
		entgql.RelayConnection(),
		entgql.QueryField("apis"),
	}
}
