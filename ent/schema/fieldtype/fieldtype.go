// Package fieldtype holds Go types of JSON fields in the ent schema. They
// live apart because ent's generated code has its own identifier named
// config, which clashes with the gateway/config package name.
package fieldtype

import "github.com/gatehouse/gatehouse/gateway/config"

// CORS is an API's CORS policy as stored; convert with config.CORS(c).
type CORS config.CORS

// VirtualHost is one of an environment's virtual hosts as stored.
type VirtualHost config.VirtualHost

// MutualTLS is an API's client certificate setting as stored.
type MutualTLS config.MutualTLS

// BackendJWT is an API's backend JWT setting as stored.
type BackendJWT config.BackendJWT

// ConditionGroups are an API-level tier's advanced policy as stored.
type ConditionGroups []config.ConditionGroup

// Endpoints are an API's production and sandbox endpoint groups as stored,
// secrets included (GraphQL never reads them back).
type Endpoints struct {
	Production *config.EndpointConfig `json:"production,omitempty"`
	Sandbox    *config.EndpointConfig `json:"sandbox,omitempty"`
}

// OperationPolicies are a resource's mediation policies as stored.
type OperationPolicies config.OperationPolicies

// RoleMapping grants Role to a federated user whose ID token claim Claim
// equals Value (or, for a list claim, contains it).
type RoleMapping struct {
	Claim string `json:"claim"`
	Value string `json:"value"`
	Role  string `json:"role"`
}

// TrafficControls are an API's GraphQL query limits (its schema is not
// stored here: the API's definition is frozen in at deploy time) and
// WebSocket message limits, as stored.
type TrafficControls struct {
	GraphQL   *config.GraphQLPolicy   `json:"graphql,omitempty"`
	WebSocket *config.WebSocketPolicy `json:"webSocket,omitempty"`
}

// RevisionState is what a revision freezes beyond the gateway snapshot:
// the definition text and the business data the developer portal and
// subscriptions read, so restoring a revision brings all of it back.
type RevisionState struct {
	Definition          string   `json:"definition,omitempty"`
	DefinitionType      string   `json:"definitionType,omitempty"`
	Description         string   `json:"description,omitempty"`
	Tags                []string `json:"tags,omitempty"`
	CategoryIDs         []string `json:"categoryIds,omitempty"`
	BusinessOwnerName   string   `json:"businessOwnerName,omitempty"`
	BusinessOwnerEmail  string   `json:"businessOwnerEmail,omitempty"`
	TechnicalOwnerName  string   `json:"technicalOwnerName,omitempty"`
	TechnicalOwnerEmail string   `json:"technicalOwnerEmail,omitempty"`
	Visibility          string   `json:"visibility,omitempty"`
	VisibleRoles        []string `json:"visibleRoles,omitempty"`
	SubscriptionTiers   []string `json:"subscriptionTiers,omitempty"`
	KeyManagers         []string `json:"keyManagers,omitempty"`
}
