package dataplane

import (
	"net/http"
	"net/netip"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// orgDeny is one organization's deny policies as lookup sets, built once
// per snapshot.
type orgDeny struct {
	contexts, apps, users map[string]struct{}
	ranges                []netip.Prefix
}

func buildDeny(s *config.Snapshot) map[string]*orgDeny {
	out := map[string]*orgDeny{}
	for _, d := range s.DenyPolicies {
		o := out[d.OrganizationID]
		if o == nil {
			o = &orgDeny{contexts: map[string]struct{}{}, apps: map[string]struct{}{}, users: map[string]struct{}{}}
			out[d.OrganizationID] = o
		}
		switch d.Type {
		case config.DenyAPIContext:
			o.contexts[d.Value] = struct{}{}
		case config.DenyApplication:
			o.apps[d.Value] = struct{}{}
		case config.DenyUser:
			o.users[d.Value] = struct{}{}
		case config.DenyIPRange:
			if p, err := config.ParsePrefix(d.Value); err == nil {
				o.ranges = append(o.ranges, p)
			}
		}
	}
	return out
}

// denyRequest refuses calls to a denied API context or from a denied IP
// range, before authentication spends any work on them.
func denyRequest(w http.ResponseWriter, r *http.Request, c *call) bool {
	o := c.st.policies.deny[c.api.OrganizationID]
	if o == nil {
		return true
	}
	if _, ok := o.contexts[c.api.Context]; ok {
		return denied(w, c, "calls to this API are blocked by a deny policy")
	}
	if len(o.ranges) > 0 {
		if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
			ip := ap.Addr().Unmap()
			for _, p := range o.ranges {
				if p.Contains(ip) {
					return denied(w, c, "calls from this address are blocked by a deny policy")
				}
			}
		}
	}
	return true
}

// denyPrincipal refuses calls of a denied application or user (by
// username, as the control plane sends USER policies).
func denyPrincipal(w http.ResponseWriter, c *call) bool {
	o := c.st.policies.deny[c.api.OrganizationID]
	if o == nil {
		return true
	}
	if _, ok := o.apps[c.principal.ApplicationID]; ok {
		return denied(w, c, "the application is blocked by a deny policy")
	}
	// The end user the token speaks for, not the application's owner
	// (unless the token is the application's own: client credentials).
	if _, ok := o.users[c.principal.User]; ok && c.principal.User != "" {
		return denied(w, c, "the user is blocked by a deny policy")
	}
	return true
}

func denied(w http.ResponseWriter, c *call, why string) bool {
	c.errType = config.ErrorAuth
	c.route.metrics.forbidden.Inc()
	problem.Write(w, http.StatusForbidden, "Forbidden", why)
	return false
}
