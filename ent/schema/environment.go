package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/schema/mixin"
)

// Environment is a group of gateways that serve the same deployments
// (e.g. "Default", "eu-west").
type Environment struct{ ent.Schema }

// Mixin of Environment.
func (Environment) Mixin() []ent.Mixin { return []ent.Mixin{mixin.ID{}, mixin.Time{}} }

// Fields of Environment.
func (Environment) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().Unique().Annotations(entgql.OrderField("NAME")),
		field.String("display_name").Default(""),
		field.String("description").Default(""),
		// gateway_url is where consumers reach this environment's gateways
		// over plain HTTP (or the only URL, as before s5-envs: invocation
		// URLs and the try-it console use it).
		field.String("gateway_url").Default(""),
		// https_url and ws_url are the HTTPS and WebSocket (ws/wss) URLs
		// the devportal shows besides gateway_url; empty: not offered.
		field.String("https_url").Default(""),
		field.String("ws_url").Default(""),
		// type PRODUCTION serves production and sandbox keys; SANDBOX serves
		// sandbox keys only (its gateways refuse production keys).
		field.Enum("type").Values("PRODUCTION", "SANDBOX").Default("PRODUCTION"),
		field.Bool("is_default").Default(false),
		// virtual_hosts are the host names (with ports) the environment's
		// gateways answer on; a deployment may pick one (s3-vhosts).
		field.JSON("virtual_hosts", []fieldtype.VirtualHost{}).Optional().Annotations(entgql.Skip()),
	}
}

// Edges of Environment.
func (Environment) Edges() []ent.Edge {
	return []ent.Edge{edge.From("deployments", Deployment.Type).Ref("environment")}
}

// Annotations of Environment.
func (Environment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
