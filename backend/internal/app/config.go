package app

import (
	"errors"
	"flag"
	"fmt"
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/cookies"
	"github.com/gatehouse/gatehouse/backend/internal/graph"
	"github.com/gatehouse/gatehouse/backend/internal/safehttp"
	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Config is the all-in-one's configuration. Every flag has a GATEHOUSE_*
// environment twin (see internal/flagenv); defaults live here only.
type Config struct {
	// Now is the clock of credential grace periods; tests move it (no
	// flag). time.Now when nil.
	Now func() time.Time

	Listen        string
	GatewayListen string
	GatewayTLS    string // HTTPS listener of the embedded gateway, used with a certificate
	TLSCert       string
	TLSKey        string
	// GatewayTLSCert and GatewayTLSKey give the embedded gateway its own
	// certificate (default: TLSCert/TLSKey); both are reloaded when the
	// files change.
	GatewayTLSCert string
	GatewayTLSKey  string
	// GatewayJWTKey signs the JWTs the gateway sends backends (default
	// {data-dir}/gateway-jwt.pem, created when missing).
	GatewayJWTKey string
	DataDir       string
	Database      string
	NATS          string
	NATSListen    string
	NATSPrefix    string
	Redis         string
	RedisFailure  string
	// QuotaTimezone is where calendar quotas (per day, per month) reset.
	QuotaTimezone string
	Demo          bool
	// DemoCatalogue: with Demo, also the Weather, GraphQL and deprecated
	// demo APIs (the in-process tests leave it off and count APIs).
	DemoCatalogue bool
	PublicURL     string
	GatewayURL    string
	GatewayToken  string
	// IntrospectionCacheTTL caps how long the embedded gateway trusts an
	// opaque token's introspection (default 30 s).
	IntrospectionCacheTTL time.Duration
	MasterKey             string
	TokenLifespan         time.Duration
	// AnalyticsRetention is how long raw analytics events are kept.
	AnalyticsRetention time.Duration
	LogLevel           string
	LogFormat          string

	// AnalyticsGeoIP is a CSV of "CIDR,country" lines; empty: no geography.
	AnalyticsGeoIP string
	// AnalyticsAnonymizeIP drops the host part of client IPs the embedded
	// gateway records.
	AnalyticsAnonymizeIP bool
	// AlertInterval is how often alert rules are evaluated.
	AlertInterval time.Duration
	// MaxRevisions is how many revisions each API keeps (0: the default, 5).
	MaxRevisions int
	// GatewayStripCookiePrefix lists (comma-separated) the name prefixes of
	// the cookies the embedded gateway never forwards to backends: the
	// control plane's own, which browsers send it since it shares their
	// host ("": dataplane.DefaultStripCookiePrefixes).
	GatewayStripCookiePrefix string
	// GatewayHSTSMaxAge is the max-age in seconds of the
	// Strict-Transport-Security header on the embedded gateway's HTTPS
	// answers (the flag defaults to one year; 0 sends none).
	GatewayHSTSMaxAge int

	// CookiePrefix starts the name of every cookie the control plane sets
	// (after __Host- or __Secure- over HTTPS); CookieDomain, when set,
	// shares them with sub-domains (host-only when empty).
	CookiePrefix string
	CookieDomain string
	// HSTSMaxAge is the Strict-Transport-Security max-age the control
	// plane sends over TLS; 0 sends none.
	HSTSMaxAge time.Duration
	// FetchAllowHosts are host names and CIDRs that server-side fetches of
	// user-supplied URLs may reach although they are not public.
	FetchAllowHosts string
	// ConnectSources are extra origins the portals' pages may call (the
	// try-it console's gateways besides the environments' own URLs).
	ConnectSources string

	// GraphQL bounds what one GraphQL document may cost (0: the default
	// of each; see graphQLDefaults). Introspection opens __schema to
	// anonymous callers.
	GraphQL graph.Limits
}

// graphQLDefaults are the GraphQL limits' defaults. Every operation the
// SPA ships stays well under them (graph's TestHole7_SPAOperationsWithinLimits).
var graphQLDefaults = graph.Limits{
	MaxTokens: 5000, MaxSelections: 250, MaxDepth: 12, MaxComplexity: 20000,
	MaxListItems: 100, PageSize: 100, FanOut: 10,
}

// Flags registers the configuration's flags on fs.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Listen, "listen", ":9080", "control plane address (portals, GraphQL, OAuth2, gateway sync)")
	fs.StringVar(&c.GatewayListen, "gateway-listen", ":8280", "embedded gateway HTTP address; empty to run no embedded gateway")
	fs.StringVar(&c.GatewayTLS, "gateway-tls-listen", ":8243", "embedded gateway HTTPS address, used when --tls-cert or --gateway-tls-cert is set")
	fs.StringVar(&c.GatewayTLSCert, "gateway-tls-cert", "", "PEM certificate of the embedded gateway's HTTPS listener (default --tls-cert); reloaded when the file changes")
	fs.StringVar(&c.GatewayTLSKey, "gateway-tls-key", "", "PEM private key for --gateway-tls-cert")
	fs.StringVar(&c.GatewayJWTKey, "gateway-jwt-key", "", "PEM ECDSA P-256 key signing the JWTs the gateway sends backends (default --data-dir/gateway-jwt.pem, created when missing)")
	fs.StringVar(&c.TLSCert, "tls-cert", "", "PEM certificate for HTTPS (control plane and gateway)")
	fs.StringVar(&c.TLSKey, "tls-key", "", "PEM private key for --tls-cert")
	fs.StringVar(&c.DataDir, "data-dir", "./data", "directory for the SQLite database, the embedded NATS store and generated credentials")
	fs.StringVar(&c.Database, "database", "", "database URL: empty for SQLite in --data-dir, or postgres://user@host:5432/db")
	fs.StringVar(&c.NATS, "nats", "", "external NATS URL (nats://host:4222); empty runs an embedded NATS with JetStream")
	fs.StringVar(&c.NATSListen, "nats-listen", "", "also expose the embedded NATS on this TCP address (default: in-process only)")
	fs.StringVar(&c.NATSPrefix, "nats-prefix", config.DefaultBusPrefix, "start of this installation's NATS stream, subject and consumer names, so installations can share one NATS; gateways of the installation take the same --nats-prefix")
	fs.StringVar(&c.Redis, "redis", "", "Redis URL for shared rate-limit counters (redis://host:6379/0); empty keeps counters in memory")
	fs.StringVar(&c.RedisFailure, "redis-failure", "open", "when --redis is unreachable: open (each gateway enforces quotas with its own counters) or closed (throttled APIs answer 503)")
	fs.StringVar(&c.QuotaTimezone, "quota-timezone", "UTC", "IANA time zone in which daily and monthly quotas reset (at local midnight, on the 1st)")
	fs.BoolVar(&c.Demo, "demo", false, "seed demo users, the PizzaShack API and a subscribed application")
	fs.BoolVar(&c.DemoCatalogue, "demo-catalogue", true, "with --demo, also seed more APIs (weather, a GraphQL menu, a deprecated version) with docs, ratings and comments")
	fs.StringVar(&c.PublicURL, "public-url", "", "URL users reach the control plane at (default derived from --listen)")
	fs.StringVar(&c.GatewayURL, "gateway-url", "", "URL consumers reach the default environment's gateway at (default derived from --gateway-listen)")
	fs.DurationVar(&c.IntrospectionCacheTTL, "introspection-cache-ttl", 30*time.Second, "how long the embedded gateway caches an opaque token's active introspection (never past the token's expiry)")
	fs.StringVar(&c.GatewayToken, "gateway-token", "", "token remote gateways present; generated into --data-dir when empty")
	fs.StringVar(&c.MasterKey, "master-key", "", "base64 32-byte key sealing signing keys and keying secret digests; generated into --data-dir/master.key when empty")
	fs.DurationVar(&c.TokenLifespan, "token-lifespan", time.Hour, "lifetime of issued access tokens")
	fs.DurationVar(&c.AnalyticsRetention, "analytics-retention", 7*24*time.Hour, "how long raw analytics events are kept (minute rollups 30 days, hour rollups 400 days)")
	fs.DurationVar(&c.AlertInterval, "alert-interval", 30*time.Second, "how often alert rules are evaluated")
	fs.BoolVar(&c.AnalyticsAnonymizeIP, "analytics-anonymize-ip", false, "zero the last octet (IPv4) or last 80 bits (IPv6) of client IPs the embedded gateway records")
	fs.StringVar(&c.AnalyticsGeoIP, "analytics-geoip", "", "CSV of CIDR,country lines that place client IPs in countries for analytics")
	fs.IntVar(&c.MaxRevisions, "max-revisions", apis.DefaultMaxRevisions, "revisions kept per API; a new one replaces the oldest undeployed one")
	fs.StringVar(&c.GatewayStripCookiePrefix, "gateway-strip-cookie-prefix", strings.Join(dataplane.DefaultStripCookiePrefixes, ","),
		"comma-separated name prefixes of the cookies the embedded gateway removes before calling backends (the control plane's session and sign-in cookies; case-sensitive)")
	fs.IntVar(&c.GatewayHSTSMaxAge, "gateway-hsts-max-age", dataplane.DefaultHSTSMaxAge,
		"max-age in seconds of the Strict-Transport-Security header on the embedded gateway's HTTPS answers (never on plain HTTP); 0 sends none")
	d := graphQLDefaults
	fs.IntVar(&c.GraphQL.MaxDepth, "graphql-max-depth", d.MaxDepth, "deepest nesting of fields a GraphQL operation may have, fragments expanded")
	fs.IntVar(&c.GraphQL.MaxComplexity, "graphql-max-complexity", d.MaxComplexity, "highest estimated cost of a GraphQL operation (1 per field, times first/last or --graphql-page-size for paged fields, times --graphql-list-fan-out for other lists)")
	fs.IntVar(&c.GraphQL.MaxSelections, "graphql-max-selections", d.MaxSelections, "most fields, aliases and fragment spreads a GraphQL document may contain, checked before validation")
	fs.IntVar(&c.GraphQL.MaxTokens, "graphql-max-tokens", d.MaxTokens, "most lexer tokens a GraphQL document may contain")
	fs.IntVar(&c.GraphQL.MaxListItems, "graphql-max-list-items", d.MaxListItems, "most items in any list argument of a GraphQL field (ids, tags, ...)")
	fs.IntVar(&c.GraphQL.PageSize, "graphql-page-size", d.PageSize, "page size a paged GraphQL field asked without first/last is costed at")
	fs.IntVar(&c.GraphQL.FanOut, "graphql-list-fan-out", d.FanOut, "items a plain GraphQL list field is costed at")
	fs.BoolVar(&c.GraphQL.Introspection, "graphql-introspection", false, "allow GraphQL introspection to anonymous callers too (signed-in users always have it)")
	fs.StringVar(&c.CookiePrefix, "cookie-prefix", cookies.DefaultPrefix, "start of the control plane's cookie names (__Host- or __Secure- is put before it over HTTPS); gateways on the same host strip cookies with this prefix")
	fs.StringVar(&c.CookieDomain, "cookie-domain", "", "Domain attribute of the control plane's cookies; empty keeps them to the exact host (__Host- names over HTTPS)")
	fs.DurationVar(&c.HSTSMaxAge, "hsts-max-age", 365*24*time.Hour, "Strict-Transport-Security max-age the control plane sends over TLS (whole seconds); 0 sends none")
	fs.StringVar(&c.FetchAllowHosts, "fetch-allow-hosts", "", "comma-separated host names and CIDRs that fetches of user-given URLs (import from URL, key manager and IdP endpoints) may reach although they are loopback or private")
	fs.StringVar(&c.ConnectSources, "csp-connect-src", "", "comma-separated extra origins the portals' pages may call (default: the control plane and the environments' gateway URLs)")
	fs.StringVar(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", "json", "json or text")
}

// Validate checks the configuration before anything starts.
func (c *Config) Validate() error {
	var problems []error
	check := func(name, addr string, optional bool) {
		if addr == "" && optional {
			return
		}
		if _, _, err := net.SplitHostPort(addr); err != nil {
			problems = append(problems, fmt.Errorf("--%s %q: want host:port or :port", name, addr))
		}
	}
	check("listen", c.Listen, false)
	check("gateway-listen", c.GatewayListen, true)
	check("nats-listen", c.NATSListen, true)
	if c.NATSPrefix != "" { // empty: the default
		if err := config.ValidateBusPrefix(c.NATSPrefix); err != nil {
			problems = append(problems, err)
		}
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		problems = append(problems, errors.New("--tls-cert and --tls-key go together"))
	}
	if (c.GatewayTLSCert == "") != (c.GatewayTLSKey == "") {
		problems = append(problems, errors.New("--gateway-tls-cert and --gateway-tls-key go together"))
	}
	if c.TLSCert != "" || c.GatewayTLSCert != "" {
		check("gateway-tls-listen", c.GatewayTLS, true)
	}
	if c.RedisFailure != "" && c.RedisFailure != "open" && c.RedisFailure != "closed" {
		problems = append(problems, fmt.Errorf("--redis-failure %q: want open or closed", c.RedisFailure))
	}
	if _, err := dataplane.QuotaLocation(c.QuotaTimezone); err != nil {
		problems = append(problems, err)
	}
	if c.GatewayStripCookiePrefix != "" {
		if _, err := dataplane.ParseCookiePrefixes(c.GatewayStripCookiePrefix); err != nil {
			problems = append(problems, fmt.Errorf("--gateway-strip-cookie-prefix: %w", err))
		}
	}
	if c.GatewayHSTSMaxAge < 0 {
		problems = append(problems, errors.New("--gateway-hsts-max-age cannot be negative (0 sends no Strict-Transport-Security)"))
	}
	if c.DataDir == "" {
		problems = append(problems, errors.New("--data-dir must not be empty"))
	}
	for name, u := range map[string]struct {
		v       string
		schemes []string
	}{
		"nats":        {c.NATS, []string{"nats", "tls"}},
		"redis":       {c.Redis, []string{"redis", "rediss"}},
		"public-url":  {c.PublicURL, []string{"http", "https"}},
		"gateway-url": {c.GatewayURL, []string{"http", "https"}},
	} {
		if u.v == "" {
			continue
		}
		p, err := url.Parse(u.v)
		if err != nil || p.Host == "" || !contains(u.schemes, p.Scheme) {
			problems = append(problems, fmt.Errorf("--%s: want a %s URL", name, strings.Join(u.schemes, " or ")))
		}
	}
	if c.TokenLifespan < 0 || c.TokenLifespan > 24*time.Hour {
		problems = append(problems, errors.New("--token-lifespan must be between 0 (default) and 24h"))
	}
	if c.MaxRevisions == 0 {
		c.MaxRevisions = apis.DefaultMaxRevisions
	}
	if c.MaxRevisions < 1 || c.MaxRevisions > 100 {
		problems = append(problems, errors.New("--max-revisions must be between 1 and 100"))
	}
	if c.AnalyticsRetention <= 0 {
		c.AnalyticsRetention = 7 * 24 * time.Hour
	}
	if c.AlertInterval <= 0 {
		c.AlertInterval = 30 * time.Second
	}
	for _, l := range []struct {
		name     string
		v        *int
		def, max int
	}{
		{"graphql-max-depth", &c.GraphQL.MaxDepth, graphQLDefaults.MaxDepth, 100},
		{"graphql-max-complexity", &c.GraphQL.MaxComplexity, graphQLDefaults.MaxComplexity, 1 << 30},
		{"graphql-max-selections", &c.GraphQL.MaxSelections, graphQLDefaults.MaxSelections, 100_000},
		{"graphql-max-tokens", &c.GraphQL.MaxTokens, graphQLDefaults.MaxTokens, 1_000_000},
		{"graphql-max-list-items", &c.GraphQL.MaxListItems, graphQLDefaults.MaxListItems, 100_000},
		{"graphql-page-size", &c.GraphQL.PageSize, graphQLDefaults.PageSize, 100_000},
		{"graphql-list-fan-out", &c.GraphQL.FanOut, graphQLDefaults.FanOut, 100_000},
	} {
		if *l.v == 0 {
			*l.v = l.def
		}
		if *l.v < 1 || *l.v > l.max {
			problems = append(problems, fmt.Errorf("--%s must be between 1 and %d", l.name, l.max))
		}
	}
	if c.CookiePrefix == "" {
		c.CookiePrefix = cookies.DefaultPrefix
	}
	if err := c.cookiePolicy().Validate(); err != nil {
		problems = append(problems, err)
	}
	if c.HSTSMaxAge < 0 {
		problems = append(problems, errors.New("--hsts-max-age must not be negative"))
	}
	if _, err := safehttp.ParseAllowList(c.FetchAllowHosts); err != nil {
		problems = append(problems, fmt.Errorf("--fetch-allow-hosts: %w", err))
	}
	if _, err := parseOrigins(c.ConnectSources); err != nil {
		problems = append(problems, fmt.Errorf("--csp-connect-src: %w", err))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		problems = append(problems, fmt.Errorf("--log-format %q: want json or text", c.LogFormat))
	}
	return errors.Join(problems...)
}

// https tells whether browsers reach the control plane over HTTPS: its
// own TLS, or a TLS-terminating proxy named by --public-url.
func (c *Config) https() bool {
	return c.TLSCert != "" || strings.HasPrefix(strings.ToLower(c.PublicURL), "https://")
}

func (c *Config) cookiePolicy() cookies.Policy {
	return cookies.Policy{Prefix: c.CookiePrefix, Domain: c.CookieDomain, HTTPS: c.https()}
}

// parseOrigins reads a comma list of origins (scheme://host[:port]).
func parseOrigins(list string) ([]string, error) {
	var out []string
	for _, raw := range strings.Split(list, ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss") ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil || strings.ContainsAny(raw, " ;'") {
			return nil, fmt.Errorf("%q: want an origin such as https://gw.example.com:8243", raw)
		}
		out = append(out, u.Scheme+"://"+u.Host)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// localURL turns a listen address into a URL a local client can use,
// with anyHost standing in for a wildcard address.
func localURL(scheme, addr, anyHost string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = anyHost
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// portalOrigins are the distinct origins (scheme://host:port) among urls,
// where browsers load the SPA from.
func portalOrigins(urls ...string) []string {
	var out []string
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			continue
		}
		o := u.Scheme + "://" + u.Host
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}
