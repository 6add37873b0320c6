package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Endpoint group types.
const (
	EndpointSingle       = "SINGLE"
	EndpointLoadBalanced = "LOAD_BALANCED"
	EndpointFailover     = "FAILOVER"
)

// Backend authentication types.
const (
	EndpointAuthBasic  = "BASIC"
	EndpointAuthOAuth2 = "OAUTH2_CLIENT_CREDENTIALS"
)

// Endpoint limits: enough for real groups, small enough for a snapshot.
const (
	MaxEndpointURLs      = 10
	MaxEndpointTimeoutMS = 300_000
	MaxEndpointRetries   = 5
)

// EndpointConfig is where the gateway sends an API's calls of one key
// type (production or sandbox): one URL, a load-balanced group (round
// robin) or a failover group (in order, the next on a connection error or
// 5xx answer of an idempotent call).
type EndpointConfig struct {
	Type string   `json:"type"`
	URLs []string `json:"urls"`
	// TimeoutMS bounds each attempt, answer body included (0: the
	// gateway's defaults).
	TimeoutMS int `json:"timeoutMs,omitempty"`
	// Retries are further attempts of idempotent calls after a connection
	// error, timeout or 5xx answer.
	Retries int           `json:"retries,omitempty"`
	Auth    *EndpointAuth `json:"auth,omitempty"`
	// Breaker tunes the circuit breaker of the group's endpoints (nil:
	// the gateway's defaults).
	Breaker *Breaker `json:"breaker,omitempty"`
}

// Breaker is a circuit breaker setting: after Failures consecutive
// failures an endpoint of a group is skipped for CooldownMS (0: the
// gateway's default for either).
type Breaker struct {
	Failures   int `json:"failures,omitempty"`
	CooldownMS int `json:"cooldownMs,omitempty"`
}

// Breaker limits.
const (
	MaxBreakerFailures   = 100
	MaxBreakerCooldownMS = 600_000
)

// EndpointAuth is how the gateway authenticates to the backend. Secrets
// travel to gateways in the snapshot; the control plane never shows them.
type EndpointAuth struct {
	Type         string   `json:"type"`
	Username     string   `json:"username,omitempty"`
	Password     string   `json:"password,omitempty"`
	TokenURL     string   `json:"tokenUrl,omitempty"`
	ClientID     string   `json:"clientId,omitempty"`
	ClientSecret string   `json:"clientSecret,omitempty"`
	Scopes       []string `json:"scopes,omitempty"`
}

// EndpointError names the field of an endpoint configuration that is wrong.
type EndpointError struct {
	Field   string
	Message string
}

func (e *EndpointError) Error() string { return e.Field + ": " + e.Message }

// Validate checks e and returns it normalized (URLs trimmed, a missing
// type read as SINGLE).
func (e EndpointConfig) Validate() (EndpointConfig, error) {
	fail := func(field, format string, args ...any) (EndpointConfig, error) {
		return e, &EndpointError{Field: field, Message: fmt.Sprintf(format, args...)}
	}
	out := e
	if out.Type == "" {
		out.Type = EndpointSingle
	}
	switch out.Type {
	case EndpointSingle:
		if len(e.URLs) != 1 {
			return fail("urls", "a single endpoint has exactly one URL")
		}
	case EndpointLoadBalanced, EndpointFailover:
		if len(e.URLs) < 2 {
			return fail("urls", "a %s group needs at least two URLs", strings.ToLower(strings.ReplaceAll(out.Type, "_", "-")))
		}
		if len(e.URLs) > MaxEndpointURLs {
			return fail("urls", "at most %d URLs", MaxEndpointURLs)
		}
	default:
		return fail("type", "type must be SINGLE, LOAD_BALANCED or FAILOVER")
	}
	out.URLs = make([]string, len(e.URLs))
	seen := map[string]bool{}
	for i, u := range e.URLs {
		u = strings.TrimSpace(u)
		if err := ValidateEndpoint(u); err != nil {
			return fail(fmt.Sprintf("urls.%d", i), "%v", err)
		}
		if seen[u] {
			return fail(fmt.Sprintf("urls.%d", i), "%s is listed twice", u)
		}
		seen[u] = true
		out.URLs[i] = u
	}
	if e.TimeoutMS < 0 || e.TimeoutMS > MaxEndpointTimeoutMS {
		return fail("timeoutMs", "timeout must be between 0 and %d ms", MaxEndpointTimeoutMS)
	}
	if e.Retries < 0 || e.Retries > MaxEndpointRetries {
		return fail("retries", "retries must be between 0 and %d", MaxEndpointRetries)
	}
	if b := e.Breaker; b != nil {
		if b.Failures < 0 || b.Failures > MaxBreakerFailures {
			return fail("breaker.failures", "failures must be between 0 (default) and %d", MaxBreakerFailures)
		}
		if b.CooldownMS < 0 || b.CooldownMS > MaxBreakerCooldownMS {
			return fail("breaker.cooldownMs", "cool-down must be between 0 (default) and %d ms", MaxBreakerCooldownMS)
		}
		if b.Failures == 0 && b.CooldownMS == 0 {
			out.Breaker = nil
		}
	}
	if e.Auth != nil {
		a := *e.Auth
		switch a.Type {
		case EndpointAuthBasic:
			if a.Username == "" || strings.ContainsAny(a.Username, ":\r\n") {
				return fail("auth.username", "a user name is required and may not hold ':' or line breaks")
			}
			if a.Password == "" {
				return fail("auth.password", "a password is required")
			}
			a.TokenURL, a.ClientID, a.ClientSecret, a.Scopes = "", "", "", nil
		case EndpointAuthOAuth2:
			u, err := url.Parse(strings.TrimSpace(a.TokenURL))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fail("auth.tokenUrl", "the token URL must be an absolute http or https URL")
			}
			a.TokenURL = u.String()
			if a.ClientID == "" {
				return fail("auth.clientId", "a client id is required")
			}
			if a.ClientSecret == "" {
				return fail("auth.clientSecret", "a client secret is required")
			}
			a.Username, a.Password = "", ""
		default:
			return fail("auth.type", "backend authentication must be BASIC or OAUTH2_CLIENT_CREDENTIALS")
		}
		out.Auth = &a
	}
	return out, nil
}

// Redacted is e without its secrets, for showing to people.
func (e EndpointConfig) Redacted() EndpointConfig {
	if e.Auth != nil {
		a := *e.Auth
		a.Password, a.ClientSecret = "", ""
		e.Auth = &a
	}
	return e
}

// EndpointsOf are the production and sandbox endpoints of a: the
// configured groups, or a single endpoint made of the plain URL fields
// (nil sandbox: the API has none).
func EndpointsOf(a *API) (production EndpointConfig, sandbox *EndpointConfig) {
	if a.Production != nil {
		production = *a.Production
	} else {
		production = EndpointConfig{Type: EndpointSingle, URLs: []string{a.ProductionEndpoint}}
	}
	if a.Sandbox != nil {
		s := *a.Sandbox
		sandbox = &s
	} else if a.SandboxEndpoint != "" {
		sandbox = &EndpointConfig{Type: EndpointSingle, URLs: []string{a.SandboxEndpoint}}
	}
	return production, sandbox
}
