// Package config is the contract between the control plane and the gateways:
// the snapshot of what an environment serves and the change events that say
// it moved. It is the only gateway package the backend imports, and it
// imports nothing of the backend.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Snapshot is everything a gateway of one environment needs to serve.
type Snapshot struct {
	// Version identifies the content: equal versions mean equal snapshots.
	Version     string `json:"version"`
	Environment string `json:"environment"`
	// SandboxOnly environments serve sandbox keys and tokens only: every
	// call goes to the sandbox endpoint and production keys are refused.
	SandboxOnly bool  `json:"sandboxOnly,omitempty"`
	APIs        []API `json:"apis"`
	// Issuers are the token issuers the gateway trusts, with their keys.
	Issuers []Issuer `json:"issuers,omitempty"`
	// Subscriptions say which application may call which API.
	Subscriptions []Subscription `json:"subscriptions,omitempty"`
	// RevokedTokens are denied until they would have expired anyway.
	RevokedTokens []RevokedToken `json:"revokedTokens,omitempty"`
	// RevocationRules deny every token of an application, client or user
	// issued at or before a time (bulk revocation).
	RevocationRules []RevocationRule `json:"revocationRules,omitempty"`
	// Tiers are the throttling quotas subscriptions refer to by name.
	Tiers []Tier `json:"tiers,omitempty"`
	// DenyPolicies block calls before every other policy.
	DenyPolicies []DenyPolicy `json:"denyPolicies,omitempty"`
	// Applications carry application-level tiers and quota resets.
	Applications []Application `json:"applications,omitempty"`
}

// Tier is a quota of an organization: RequestCount calls per UnitSeconds
// (0 calls: unlimited).
type Tier struct {
	OrganizationID string `json:"organizationId"`
	// Level is SUBSCRIPTION, APPLICATION or API.
	Level        string `json:"level"`
	Name         string `json:"name"`
	RequestCount int64  `json:"requestCount"`
	UnitSeconds  int    `json:"unitSeconds"`
	BurstLimit   int64  `json:"burstLimit,omitempty"`
	// QuotaType is REQUEST_COUNT (default) or BANDWIDTH (DataAmountKiB of
	// response bytes per unit).
	QuotaType     string `json:"quotaType,omitempty"`
	DataAmountKiB int64  `json:"dataAmountKiB,omitempty"`
	// Calendar is DAY or MONTH for calendar-aligned quotas; empty or NONE
	// means a sliding window of UnitSeconds.
	Calendar string `json:"calendar,omitempty"`
	// AllowAndBill: calls over the quota are let through and only counted.
	AllowAndBill bool `json:"allowAndBill,omitempty"`
	// ConditionGroups (API level) give matching calls their own limit.
	ConditionGroups []ConditionGroup `json:"conditionGroups,omitempty"`
}

// Issuer is a trusted token issuer: its iss, the aud its tokens must carry
// for this gateway, and its public keys as a JWKS document.
type Issuer struct {
	Issuer   string          `json:"issuer"`
	Audience string          `json:"audience"`
	JWKS     json.RawMessage `json:"jwks"`
	// Restricted issuers are accepted only by the APIs (ids) in APIs:
	// third-party key managers always, the built-in one when some API
	// leaves it out.
	Restricted bool     `json:"restricted,omitempty"`
	APIs       []string `json:"apis,omitempty"`
	// Claims is set for third-party key managers: where their tokens
	// carry the client id, scopes and user. An empty Audience then means
	// the audience is not checked.
	Claims *IssuerClaims `json:"claims,omitempty"`
	// Clients map a third-party key manager's client ids to applications.
	Clients []IssuerClient `json:"clients,omitempty"`
	// Introspection, set for third-party key managers with an
	// introspection endpoint, verifies their opaque (non-JWT) tokens by
	// RFC 7662. The built-in key manager's opaque tokens are introspected
	// through the gateway's own channel to the control plane instead.
	Introspection *IssuerIntrospection `json:"introspection,omitempty"`
}

// IssuerIntrospection is a third-party RFC 7662 endpoint and the client
// credentials gateways authenticate to it with (client_secret_basic).
type IssuerIntrospection struct {
	Endpoint     string `json:"endpoint"`
	ClientID     string `json:"clientId,omitempty"`
	ClientSecret string `json:"clientSecret,omitempty"`
}

// IssuerClaims name the claims of a third-party access token.
type IssuerClaims struct {
	ClientID string `json:"clientId"`
	Scopes   string `json:"scopes"`
	User     string `json:"user"`
}

// IssuerClient is a third-party client id mapped to an application's key.
type IssuerClient struct {
	ClientID      string `json:"clientId"`
	ApplicationID string `json:"applicationId"`
	Application   string `json:"application"`
	Subscriber    string `json:"subscriber"`
	KeyType       string `json:"keyType"`
}

// Subscription lets an application call an API.
type Subscription struct {
	ApplicationID string `json:"applicationId"`
	APIID         string `json:"apiId"`
	Tier          string `json:"tier"`
	// Status is UNBLOCKED, BLOCKED, PROD_ONLY_BLOCKED, ON_HOLD or REJECTED.
	Status string `json:"status"`
}

// RevokedToken is one revoked access token or API key (by jti).
type RevokedToken struct {
	JTI       string    `json:"jti"`
	ExpiresAt time.Time `json:"expiresAt"`
	// From is when the revocation takes effect (zero: already); a rotated
	// API key keeps working until then.
	From time.Time `json:"from,omitzero"`
}

// RevocationRule denies the access tokens of one application, client or
// subject (exactly one of the three is set) whose iat is at or before
// RevokedBefore (unix seconds). The control plane drops it at ExpiresAt,
// when every token it could cover has expired.
type RevocationRule struct {
	ApplicationID string    `json:"applicationId,omitempty"`
	ClientID      string    `json:"clientId,omitempty"`
	Subject       string    `json:"subject,omitempty"`
	RevokedBefore int64     `json:"revokedBefore"`
	ExpiresAt     time.Time `json:"expiresAt"`
}

// API is one deployed API revision as the gateway sees it.
type API struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organizationId,omitempty"`
	Name           string `json:"name"`
	Context        string `json:"context"`
	Version        string `json:"version"`
	Revision       int    `json:"revision"`
	// Status is the API's lifecycle state now (not when the revision was
	// made): a BLOCKED API is answered with 503.
	Status             string `json:"status,omitempty"`
	IsDefaultVersion   bool   `json:"isDefaultVersion,omitempty"`
	ProductionEndpoint string `json:"productionEndpoint"`
	SandboxEndpoint    string `json:"sandboxEndpoint,omitempty"`
	// Production and Sandbox, when set, replace the plain endpoint URLs
	// above (which then hold their first URL) with groups, timeouts,
	// retries and backend authentication.
	Production *EndpointConfig `json:"production,omitempty"`
	Sandbox    *EndpointConfig `json:"sandbox,omitempty"`
	Operations []Operation     `json:"operations,omitempty"`
	// Definition is the OpenAPI 3 document (JSON) that operations with
	// ValidateRequest are checked against; empty when none asks.
	Definition string `json:"definition,omitempty"`
	// CORS, when enabled, makes the gateway answer preflights and add the
	// Access-Control headers itself.
	CORS *CORS `json:"cors,omitempty"`
	// MutualTLS, when set, makes the gateway check client certificates
	// against the API's trusted certificates.
	MutualTLS *MutualTLS `json:"mutualTls,omitempty"`
	// BackendJWT, when enabled, makes the gateway sign a JWT about the
	// caller for the backend.
	BackendJWT *BackendJWT `json:"backendJwt,omitempty"`
	// GraphQL limits a GraphQL API's queries (nil: not checked).
	GraphQL *GraphQLPolicy `json:"graphql,omitempty"`
	// WebSocket throttles a WebSocket API's client messages (nil: not
	// counted).
	WebSocket *WebSocketPolicy `json:"webSocket,omitempty"`
	// ScopeDefinitions are the scopes the API defined when the revision
	// was made, with the roles they were bound to. The gateway checks
	// only the token's scopes; the key manager decides who gets them.
	ScopeDefinitions []ScopeDefinition `json:"scopeDefinitions,omitempty"`
	// VirtualHost, when set, is the one Host (lower case, no port) the
	// API answers on; APIs without one answer on any Host. Gateways that
	// predate it ignore the field and serve the API on every Host.
	VirtualHost string `json:"virtualHost,omitempty"`
}

// ScopeDefinition is a scope an API defines and the roles whose users may
// be granted it (none: any user).
type ScopeDefinition struct {
	Name        string   `json:"name"`
	DisplayName string   `json:"displayName,omitempty"`
	Description string   `json:"description,omitempty"`
	Roles       []string `json:"roles,omitempty"`
}

// Operation is one resource of an API. The gateway serves only the
// methods and paths its operations cover: an API without operations
// answers 404 for every call.
type Operation struct {
	Method       string   `json:"method"`
	Target       string   `json:"target"`
	AuthRequired bool     `json:"authRequired"`
	Scopes       []string `json:"scopes,omitempty"`
	Tier         string   `json:"tier,omitempty"`
	// ValidateRequest checks calls against the API's OpenAPI definition.
	ValidateRequest bool `json:"validateRequest,omitempty"`
	// Policies mediate the calls (nil: none).
	Policies *OperationPolicies `json:"policies,omitempty"`
	// SourceEndpoint, on an API product's operation, is the backend of the
	// API the operation comes from; the call is proxied there with the
	// operation's own path (s3-products).
	SourceEndpoint string `json:"sourceEndpoint,omitempty"`
	// SOAPAction, on a SOAP pass-through API's operation, is the action it
	// answers: the SOAPAction header (SOAP 1.1) or the action parameter of
	// Content-Type (SOAP 1.2). Operations without one take calls whose
	// action no operation names (s3-publisher).
	SOAPAction string `json:"soapAction,omitempty"`
}

// Event tells gateways that an environment's snapshot changed.
type Event struct {
	Environment string `json:"environment"`
	Version     string `json:"version"`
	Reason      string `json:"reason,omitempty"`
}

// BusNames are the NATS names of one installation: its config stream and
// subjects, its analytics stream, subject and consumer. Installations that
// share a NATS tell theirs apart by prefix (--nats-prefix); the zero value
// is the default prefix, whose names are those of earlier releases.
type BusNames struct{ Prefix string }

// DefaultBusPrefix is --nats-prefix's default.
const DefaultBusPrefix = "gatehouse"

var busPrefix = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// ValidateBusPrefix says whether p can be a --nats-prefix: lower-case
// letters, digits and '-', starting with a letter, at most 32 (so stream
// names, upper-cased with '_' for '-', never collide).
func ValidateBusPrefix(p string) error {
	if !busPrefix.MatchString(p) {
		return fmt.Errorf("--nats-prefix %q: use 1-32 lower-case letters, digits and '-', starting with a letter", p)
	}
	return nil
}

func (b BusNames) prefix() string {
	if b.Prefix == "" {
		return DefaultBusPrefix
	}
	return b.Prefix
}

func (b BusNames) stream(kind string) string {
	return strings.ToUpper(strings.ReplaceAll(b.prefix(), "-", "_")) + "_" + kind
}

// ConfigStream keeps config events for gateways that read NATS directly.
func (b BusNames) ConfigStream() string { return b.stream("CONFIG") }

// ConfigSubjects is the wildcard of every environment's config subject.
func (b BusNames) ConfigSubjects() string { return b.prefix() + ".config.>" }

// ConfigSubject is the bus subject of an environment's config events. Names
// that are not token-safe are hex-encoded so any environment name is
// addressable.
func (b BusNames) ConfigSubject(environment string) string {
	if tokenSafe.MatchString(environment) {
		return b.prefix() + ".config." + environment
	}
	return b.prefix() + ".config.x" + hex.EncodeToString([]byte(environment))
}

// AnalyticsStream carries analytics event batches from gateways to the
// control plane.
func (b BusNames) AnalyticsStream() string { return b.stream("ANALYTICS") }

// AnalyticsSubject is the subject gateways publish event batches on.
func (b BusNames) AnalyticsSubject() string { return b.prefix() + ".analytics.events" }

// AnalyticsConsumer is the control plane's durable consumer of the
// analytics stream.
func (b BusNames) AnalyticsConsumer() string { return b.prefix() + "-analytics-ingest" }

var tokenSafe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// ReservedContexts are first path segments the gateway answers itself.
var ReservedContexts = []string{"healthz", "readyz", "metrics"}

var (
	contextSegment = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._~-]*$`)
	versionPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

// NormalizeContext trims slashes and checks each path segment. Contexts are
// case-sensitive, like URL paths.
func NormalizeContext(ctx string) (string, error) {
	c := strings.Trim(strings.TrimSpace(ctx), "/")
	if c == "" {
		return "", fmt.Errorf("context is empty")
	}
	if len(c) > 200 {
		return "", fmt.Errorf("context is longer than 200 characters")
	}
	for _, seg := range strings.Split(c, "/") {
		if !contextSegment.MatchString(seg) {
			return "", fmt.Errorf("context segment %q may hold only letters, digits and . _ ~ - and must start with a letter or digit", seg)
		}
	}
	first := strings.SplitN(c, "/", 2)[0]
	for _, r := range ReservedContexts {
		if strings.EqualFold(first, r) {
			return "", fmt.Errorf("context %q is reserved by the gateway", first)
		}
	}
	return c, nil
}

// ValidateVersion checks an API version string.
func ValidateVersion(v string) error {
	if !versionPattern.MatchString(v) || len(v) > 64 {
		return fmt.Errorf("version %q must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", v)
	}
	return nil
}

// ValidateEndpoint checks a backend URL: absolute http(s) with a host.
func ValidateEndpoint(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("endpoint is not a URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("endpoint must be an http or https URL")
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("endpoint must name a host")
	}
	if u.User != nil {
		return fmt.Errorf("endpoint must not carry credentials; use endpoint security instead")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("endpoint must not have a query or fragment")
	}
	return nil
}

// Validate checks a whole snapshot before a gateway swaps it in.
func (s *Snapshot) Validate() error {
	seen := map[string]string{}
	for i, a := range s.APIs {
		c, err := NormalizeContext(a.Context)
		if err != nil {
			return fmt.Errorf("api %d (%s): %w", i, a.ID, err)
		}
		if c != a.Context {
			return fmt.Errorf("api %s: context %q is not normalized", a.ID, a.Context)
		}
		if err := ValidateVersion(a.Version); err != nil {
			return fmt.Errorf("api %s: %w", a.ID, err)
		}
		if err := ValidateEndpoint(a.ProductionEndpoint); err != nil {
			return fmt.Errorf("api %s: %w", a.ID, err)
		}
		for name, e := range map[string]*EndpointConfig{"production": a.Production, "sandbox": a.Sandbox} {
			if e != nil {
				if _, err := e.Validate(); err != nil {
					return fmt.Errorf("api %s: %s endpoint: %w", a.ID, name, err)
				}
			}
		}
		if a.SandboxEndpoint != "" {
			if err := ValidateEndpoint(a.SandboxEndpoint); err != nil {
				return fmt.Errorf("api %s: sandbox: %w", a.ID, err)
			}
		}
		for _, op := range a.Operations {
			if op.SourceEndpoint == "" {
				continue
			}
			if err := ValidateEndpoint(op.SourceEndpoint); err != nil {
				return fmt.Errorf("api %s: operation %s %s: %w", a.ID, op.Method, op.Target, err)
			}
		}
		if a.CORS != nil {
			if _, err := a.CORS.Validate(); err != nil {
				return fmt.Errorf("api %s: cors: %w", a.ID, err)
			}
		}
		if a.MutualTLS != nil {
			if _, err := a.MutualTLS.Validate(); err != nil {
				return fmt.Errorf("api %s: mutual TLS: %w", a.ID, err)
			}
		}
		if a.BackendJWT != nil {
			if _, err := a.BackendJWT.Validate(); err != nil {
				return fmt.Errorf("api %s: backend JWT: %w", a.ID, err)
			}
		}
		if a.GraphQL != nil {
			if err := a.GraphQL.Validate(); err != nil {
				return fmt.Errorf("api %s: %w", a.ID, err)
			}
		}
		if a.WebSocket != nil {
			if err := a.WebSocket.Validate(); err != nil {
				return fmt.Errorf("api %s: %w", a.ID, err)
			}
		}
		if a.VirtualHost != "" {
			if h, err := NormalizeHost(a.VirtualHost); err != nil || h != a.VirtualHost {
				return fmt.Errorf("api %s: virtual host %q is not a normalized host name", a.ID, a.VirtualHost)
			}
		}
		key := a.Context + "/" + a.Version
		if other, ok := seen[a.VirtualHost+" "+key]; ok {
			return fmt.Errorf("api %s and %s both serve /%s%s", other, a.ID, key, onHost(a.VirtualHost))
		}
		seen[a.VirtualHost+" "+key] = a.ID
	}
	return nil
}

// Seal sorts the APIs into a canonical order and sets Version to the digest
// of the content, so two control planes produce the same version for the
// same state.
func (s *Snapshot) Seal() {
	sort.Slice(s.APIs, func(i, j int) bool {
		if s.APIs[i].Context != s.APIs[j].Context {
			return s.APIs[i].Context < s.APIs[j].Context
		}
		if s.APIs[i].Version != s.APIs[j].Version {
			return s.APIs[i].Version < s.APIs[j].Version
		}
		return s.APIs[i].VirtualHost < s.APIs[j].VirtualHost
	})
	if s.APIs == nil {
		s.APIs = []API{}
	}
	sort.Slice(s.Issuers, func(i, j int) bool { return s.Issuers[i].Issuer < s.Issuers[j].Issuer })
	sort.Slice(s.Subscriptions, func(i, j int) bool {
		a, b := s.Subscriptions[i], s.Subscriptions[j]
		if a.ApplicationID != b.ApplicationID {
			return a.ApplicationID < b.ApplicationID
		}
		return a.APIID < b.APIID
	})
	sort.Slice(s.RevokedTokens, func(i, j int) bool { return s.RevokedTokens[i].JTI < s.RevokedTokens[j].JTI })
	sort.Slice(s.RevocationRules, func(i, j int) bool {
		a, b := s.RevocationRules[i], s.RevocationRules[j]
		return a.ApplicationID+"\x00"+a.ClientID+"\x00"+a.Subject < b.ApplicationID+"\x00"+b.ClientID+"\x00"+b.Subject
	})
	sort.Slice(s.Tiers, func(i, j int) bool {
		a, b := s.Tiers[i], s.Tiers[j]
		return a.OrganizationID+a.Level+a.Name < b.OrganizationID+b.Level+b.Name
	})
	sort.Slice(s.DenyPolicies, func(i, j int) bool {
		a, b := s.DenyPolicies[i], s.DenyPolicies[j]
		return a.OrganizationID+a.Type+a.Value < b.OrganizationID+b.Type+b.Value
	})
	sort.Slice(s.Applications, func(i, j int) bool { return s.Applications[i].ID < s.Applications[j].ID })
	s.Version = ""
	b, _ := json.Marshal(s) // plain structs: cannot fail
	sum := sha256.Sum256(b)
	s.Version = hex.EncodeToString(sum[:12])
}

// AnalyticsEvent is one API call as a gateway saw it.
type AnalyticsEvent struct {
	// EventID is the gateway's own id of this one call (a UUIDv7), the key
	// the control plane stores events by, so a batch delivered twice
	// counts once. Older gateways send none; see analytics.Ingestor.Store.
	EventID string `json:"eventId,omitempty"`
	// RequestID correlates the call with the caller's logs: the caller's
	// X-Request-ID (at most 128 letters, digits, '-', '_' or '.') or the
	// one the gateway made. Callers choose it, so it identifies nothing:
	// many calls may share one.
	RequestID string `json:"requestId"`
	// TraceID is the W3C trace id (32 hex digits) the call belongs to.
	TraceID          string    `json:"traceId,omitempty"`
	Time             time.Time `json:"time"`
	OrganizationID   string    `json:"organizationId,omitempty"`
	APIID            string    `json:"apiId,omitempty"`
	APIName          string    `json:"apiName,omitempty"`
	APIVersion       string    `json:"apiVersion,omitempty"`
	APIContext       string    `json:"apiContext,omitempty"`
	Method           string    `json:"method"`
	Resource         string    `json:"resource,omitempty"`
	ApplicationID    string    `json:"applicationId,omitempty"`
	Application      string    `json:"application,omitempty"`
	Subscriber       string    `json:"subscriber,omitempty"`
	KeyType          string    `json:"keyType,omitempty"`
	ClientIP         string    `json:"clientIp,omitempty"`
	UserAgent        string    `json:"userAgent,omitempty"`
	Status           int       `json:"status"`
	ErrorType        string    `json:"errorType,omitempty"`
	RequestBytes     int64     `json:"requestBytes"`
	ResponseBytes    int64     `json:"responseBytes"`
	LatencyMS        float64   `json:"latencyMs"`
	BackendLatencyMS float64   `json:"backendLatencyMs"`
	GatewayID        string    `json:"gatewayId,omitempty"`
	Environment      string    `json:"environment,omitempty"`
	// OverQuota marks a call an allow-and-bill tier let through beyond its
	// quota, for billing.
	OverQuota bool `json:"overQuota,omitempty"`
	// Country is the ISO code the control plane found for ClientIP in its
	// IP range table, when it has one; gateways leave it empty.
	Country string `json:"country,omitempty"`
}

// The error types of AnalyticsEvent.ErrorType.
const (
	ErrorAuth          = "auth"
	ErrorThrottled     = "throttled"
	ErrorTargetError   = "target_error"
	ErrorTargetTimeout = "target_timeout"
	ErrorNotFound      = "not_found"
	ErrorGateway       = "gateway_error"
)
