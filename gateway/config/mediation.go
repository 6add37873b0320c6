package config

import (
	"fmt"
	"mime"
	"strings"
)

// OperationPolicies mediate one resource's calls at the gateway: the
// request on its way to the backend, the answer on its way back.
type OperationPolicies struct {
	SetRequestHeaders    []NameValue `json:"setRequestHeaders,omitempty"`
	RemoveRequestHeaders []string    `json:"removeRequestHeaders,omitempty"`
	SetQueryParams       []NameValue `json:"setQueryParams,omitempty"`
	RemoveQueryParams    []string    `json:"removeQueryParams,omitempty"`
	// RewritePath replaces the path sent to the backend (under the
	// endpoint's base path), e.g. "/v2/menu".
	RewritePath string `json:"rewritePath,omitempty"`
	// ContentTypes, when set, are the media types a request body may have;
	// others are refused with 415.
	ContentTypes          []string    `json:"contentTypes,omitempty"`
	SetResponseHeaders    []NameValue `json:"setResponseHeaders,omitempty"`
	RemoveResponseHeaders []string    `json:"removeResponseHeaders,omitempty"`
}

// NameValue is a header or query parameter to set.
type NameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// MaxPolicyEntries bounds each list of a resource's policies.
const MaxPolicyEntries = 20

// PolicyError names the field of a policy that is wrong.
type PolicyError struct {
	Field   string
	Message string
}

func (e *PolicyError) Error() string { return e.Field + ": " + e.Message }

// Empty reports whether p changes nothing.
func (p OperationPolicies) Empty() bool {
	return len(p.SetRequestHeaders)+len(p.RemoveRequestHeaders)+len(p.SetQueryParams)+len(p.RemoveQueryParams)+
		len(p.ContentTypes)+len(p.SetResponseHeaders)+len(p.RemoveResponseHeaders) == 0 && p.RewritePath == ""
}

// HasRequest and HasResponse say which half of mediation p needs.
func (p *OperationPolicies) HasRequest() bool {
	return p != nil && (len(p.SetRequestHeaders)+len(p.RemoveRequestHeaders)+len(p.SetQueryParams)+len(p.RemoveQueryParams)+len(p.ContentTypes) > 0 || p.RewritePath != "")
}

func (p *OperationPolicies) HasResponse() bool {
	return p != nil && len(p.SetResponseHeaders)+len(p.RemoveResponseHeaders) > 0
}

// protectedHeaders are fields a policy may not touch: the gateway owns them.
var protectedHeaders = map[string]bool{"Host": true, "Content-Length": true, "Transfer-Encoding": true, "Connection": true,
	"Upgrade": true, "Te": true, "Trailer": true, "Keep-Alive": true}

// Validate checks p and returns it normalized (header names canonical,
// media types lower-case).
func (p OperationPolicies) Validate() (OperationPolicies, error) {
	fail := func(field, format string, args ...any) (OperationPolicies, error) {
		return p, &PolicyError{Field: field, Message: fmt.Sprintf(format, args...)}
	}
	out := OperationPolicies{}
	headerName := func(field, n string) (string, error) {
		n = strings.TrimSpace(n)
		if !headerToken.MatchString(n) {
			return "", &PolicyError{Field: field, Message: fmt.Sprintf("%q is not a valid header name", n)}
		}
		c := canonicalHeader(n)
		if protectedHeaders[c] {
			return "", &PolicyError{Field: field, Message: fmt.Sprintf("the gateway manages %s itself", c)}
		}
		return c, nil
	}
	validValue := func(v string) bool { return !strings.ContainsAny(v, "\r\n\x00") && len(v) <= 1024 }
	for name, l := range map[string]int{"setRequestHeaders": len(p.SetRequestHeaders), "removeRequestHeaders": len(p.RemoveRequestHeaders),
		"setQueryParams": len(p.SetQueryParams), "removeQueryParams": len(p.RemoveQueryParams), "contentTypes": len(p.ContentTypes),
		"setResponseHeaders": len(p.SetResponseHeaders), "removeResponseHeaders": len(p.RemoveResponseHeaders)} {
		if l > MaxPolicyEntries {
			return fail(name, "at most %d entries", MaxPolicyEntries)
		}
	}
	for _, set := range []struct {
		field string
		in    []NameValue
		out   *[]NameValue
	}{{"setRequestHeaders", p.SetRequestHeaders, &out.SetRequestHeaders}, {"setResponseHeaders", p.SetResponseHeaders, &out.SetResponseHeaders}} {
		for _, nv := range set.in {
			n, err := headerName(set.field, nv.Name)
			if err != nil {
				return p, err
			}
			if !validValue(nv.Value) {
				return fail(set.field, "the value of %s may not hold line breaks or be longer than 1024 characters", n)
			}
			*set.out = append(*set.out, NameValue{Name: n, Value: nv.Value})
		}
	}
	for _, rm := range []struct {
		field string
		in    []string
		out   *[]string
	}{{"removeRequestHeaders", p.RemoveRequestHeaders, &out.RemoveRequestHeaders}, {"removeResponseHeaders", p.RemoveResponseHeaders, &out.RemoveResponseHeaders}} {
		for _, n := range rm.in {
			c, err := headerName(rm.field, n)
			if err != nil {
				return p, err
			}
			*rm.out = append(*rm.out, c)
		}
	}
	for _, nv := range p.SetQueryParams {
		n := strings.TrimSpace(nv.Name)
		if n == "" || len(n) > 100 || !validValue(nv.Value) {
			return fail("setQueryParams", "query parameter %q needs a name of 1-100 characters and a value without line breaks", n)
		}
		out.SetQueryParams = append(out.SetQueryParams, NameValue{Name: n, Value: nv.Value})
	}
	for _, n := range p.RemoveQueryParams {
		if n = strings.TrimSpace(n); n == "" || len(n) > 100 {
			return fail("removeQueryParams", "query parameter names have 1-100 characters")
		}
		out.RemoveQueryParams = append(out.RemoveQueryParams, n)
	}
	if rp := strings.TrimSpace(p.RewritePath); rp != "" {
		if !strings.HasPrefix(rp, "/") || strings.ContainsAny(rp, "?#\r\n ") || len(rp) > 500 {
			return fail("rewritePath", "the rewritten path must start with / and hold no query, fragment or spaces")
		}
		for _, seg := range strings.Split(rp, "/") {
			if seg == "." || seg == ".." {
				return fail("rewritePath", "the rewritten path may not hold . or .. segments")
			}
		}
		out.RewritePath = rp
	}
	for _, ct := range p.ContentTypes {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(ct))
		if err != nil || !strings.Contains(mt, "/") {
			return fail("contentTypes", "%q is not a media type", ct)
		}
		out.ContentTypes = append(out.ContentTypes, mt)
	}
	return out, nil
}

// canonicalHeader is textproto's canonical form of a valid header name.
func canonicalHeader(s string) string {
	b := []byte(strings.ToLower(s))
	upper := true
	for i, c := range b {
		if upper && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		upper = c == '-'
	}
	return string(b)
}
