package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// CORS is an API's cross-origin policy, enforced by the gateway.
type CORS struct {
	Enabled bool `json:"enabled"`
	// AllowOrigins are exact origins ("https://app.example.com") or "*".
	AllowOrigins     []string `json:"allowOrigins,omitempty"`
	AllowMethods     []string `json:"allowMethods,omitempty"`
	AllowHeaders     []string `json:"allowHeaders,omitempty"`
	ExposeHeaders    []string `json:"exposeHeaders,omitempty"`
	AllowCredentials bool     `json:"allowCredentials,omitempty"`
	// MaxAgeSeconds is how long browsers may cache a preflight (0: not sent).
	MaxAgeSeconds int `json:"maxAgeSeconds,omitempty"`
}

// CORS limits: enough for real policies, small enough for a snapshot.
const (
	MaxCORSListLen = 50
	MaxCORSMaxAge  = 86400
)

var (
	corsMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
	headerToken = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
)

// CORSError names the field of a CORS policy that is wrong.
type CORSError struct {
	Field   string
	Message string
}

func (e *CORSError) Error() string { return e.Field + ": " + e.Message }

// Validate checks c and returns it normalized: methods upper-case, origins
// without a trailing slash, duplicates dropped. A disabled policy is kept
// as it is, so a publisher can switch it off without losing it.
func (c CORS) Validate() (CORS, error) {
	fail := func(field, format string, args ...any) (CORS, error) {
		return c, &CORSError{Field: field, Message: fmt.Sprintf(format, args...)}
	}
	for name, l := range map[string][]string{"allowOrigins": c.AllowOrigins, "allowMethods": c.AllowMethods,
		"allowHeaders": c.AllowHeaders, "exposeHeaders": c.ExposeHeaders} {
		if len(l) > MaxCORSListLen {
			return fail(name, "at most %d entries", MaxCORSListLen)
		}
	}
	out := CORS{Enabled: c.Enabled, AllowCredentials: c.AllowCredentials, MaxAgeSeconds: c.MaxAgeSeconds}
	for _, o := range c.AllowOrigins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o != "*" {
			u, err := url.Parse(o)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
				return fail("allowOrigins", "%q is not an origin like https://app.example.com or *", o)
			}
			o = strings.ToLower(o)
		}
		out.AllowOrigins = appendNew(out.AllowOrigins, o)
	}
	for _, m := range c.AllowMethods {
		m = strings.ToUpper(strings.TrimSpace(m))
		if !slices.Contains(corsMethods, m) {
			return fail("allowMethods", "%q is not one of %s", m, strings.Join(corsMethods, ", "))
		}
		out.AllowMethods = appendNew(out.AllowMethods, m)
	}
	for _, pair := range []struct {
		field    string
		in       []string
		dst      *[]string
		wildcard bool
	}{{"allowHeaders", c.AllowHeaders, &out.AllowHeaders, true}, {"exposeHeaders", c.ExposeHeaders, &out.ExposeHeaders, false}} {
		for _, h := range pair.in {
			h = strings.TrimSpace(h)
			if h == "*" && !pair.wildcard || h != "*" && !headerToken.MatchString(h) {
				return fail(pair.field, "%q is not a header name", h)
			}
			*pair.dst = appendNew(*pair.dst, h)
		}
	}
	if c.MaxAgeSeconds < 0 || c.MaxAgeSeconds > MaxCORSMaxAge {
		return fail("maxAgeSeconds", "must be between 0 and %d", MaxCORSMaxAge)
	}
	if out.Enabled && out.AllowCredentials && slices.Contains(out.AllowOrigins, "*") {
		// Browsers refuse credentials with a wildcard origin; say so now.
		return fail("allowCredentials", "credentials cannot be allowed with the origin *: list the origins")
	}
	if out.Enabled && len(out.AllowOrigins) == 0 {
		return fail("allowOrigins", "list at least one origin, or * for any")
	}
	return out, nil
}

func appendNew(l []string, s string) []string {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return l
		}
	}
	return append(l, s)
}
