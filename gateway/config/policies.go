package config

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

// Quota types of Tier.QuotaType.
const (
	QuotaRequests  = "REQUEST_COUNT"
	QuotaBandwidth = "BANDWIDTH"
)

// Calendar units of Tier.Calendar: quotas that reset on local calendar
// boundaries instead of sliding.
const (
	CalendarNone  = "NONE"
	CalendarDay   = "DAY"
	CalendarMonth = "MONTH"
)

// Condition types of Condition.Type.
const (
	CondIPRange = "IP_RANGE"
	CondHeader  = "HEADER"
	CondQuery   = "QUERY_PARAM"
	CondClaim   = "JWT_CLAIM"
)

// ConditionGroup gives the calls that meet all of its conditions their own
// limit (an API-level tier's advanced policy). Groups are tried in order;
// the first that matches decides.
type ConditionGroup struct {
	Description  string      `json:"description,omitempty"`
	Conditions   []Condition `json:"conditions"`
	RequestCount int64       `json:"requestCount"`
	UnitSeconds  int         `json:"unitSeconds"`
}

// Condition is one test on a call. Name is the header, query parameter or
// claim; Value is what it must equal (or match, with Regex), or for
// IP_RANGE a CIDR. Invert negates the test.
type Condition struct {
	Type   string `json:"type"`
	Name   string `json:"name,omitempty"`
	Value  string `json:"value"`
	Regex  bool   `json:"regex,omitempty"`
	Invert bool   `json:"invert,omitempty"`
}

// Validate checks a condition group; the control plane and the gateway
// both call it.
func (g ConditionGroup) Validate() error {
	if len(g.Conditions) == 0 {
		return fmt.Errorf("a condition group needs at least one condition")
	}
	if g.RequestCount <= 0 {
		return fmt.Errorf("a condition group's request count must be positive")
	}
	if g.UnitSeconds <= 0 {
		return fmt.Errorf("a condition group's unit must be at least one second")
	}
	for i, c := range g.Conditions {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("condition %d: %w", i+1, err)
		}
	}
	return nil
}

// Validate checks one condition.
func (c Condition) Validate() error {
	switch c.Type {
	case CondIPRange:
		if _, err := ParsePrefix(c.Value); err != nil {
			return err
		}
		return nil
	case CondHeader, CondQuery, CondClaim:
		if strings.TrimSpace(c.Name) == "" {
			return fmt.Errorf("%s condition needs a name", strings.ToLower(c.Type))
		}
		if c.Type == CondClaim && (len(c.Name) > 128 || strings.ContainsAny(c.Name, " \t\r\n")) {
			return fmt.Errorf("claim name %q must be at most 128 characters without spaces (e.g. plan, groups)", c.Name)
		}
		if c.Regex {
			if _, err := regexp.Compile(c.Value); err != nil {
				return fmt.Errorf("%q is not a valid regular expression: %v", c.Value, err)
			}
		}
		return nil
	}
	return fmt.Errorf("unknown condition type %q (IP_RANGE, HEADER, QUERY_PARAM or JWT_CLAIM)", c.Type)
}

// ParsePrefix reads a CIDR, or a single address as a one-address prefix.
func ParsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not an IP range in CIDR notation (e.g. 10.0.0.0/8)", s)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or CIDR range", s)
	}
	return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
}

// Deny condition types of DenyPolicy.Type.
const (
	DenyAPIContext  = "API_CONTEXT"
	DenyApplication = "APPLICATION"
	DenyUser        = "USER"
	DenyIPRange     = "IP_RANGE"
)

// DenyPolicy blocks calls, before any other policy.
type DenyPolicy struct {
	OrganizationID string `json:"organizationId"`
	Type           string `json:"type"`
	Value          string `json:"value"`
}

// Application is what the gateway needs of an application beyond its
// subscriptions: its APPLICATION-level tier and when its quotas were last
// reset (zero: never).
type Application struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organizationId"`
	Tier           string `json:"tier,omitempty"`
	// QuotaResetAt, when set, starts the application's counters afresh.
	QuotaResetAt int64 `json:"quotaResetAt,omitempty"`
}
