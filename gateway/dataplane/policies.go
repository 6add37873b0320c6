package dataplane

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // calendar quotas in any zone, whatever the host has

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/authn"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// policies are a snapshot's throttling and deny policies as lookup maps,
// built once per snapshot so a call only reads them.
type policies struct {
	tiers map[string]*tier      // by tierKey
	apps  map[string]*appPolicy // by application id
	deny  map[string]*orgDeny   // by organization id
}

// tier is a quota with its RateLimit header parts made up front.
type tier struct {
	limit     ratelimit.Limit
	policy    []string
	name      string // as a structured-field string, quoted
	raw       string
	bandwidth bool
	groups    []group
}

// group is an API-level tier's condition group.
type group struct {
	conds  []cond
	limit  ratelimit.Limit
	policy []string
	name   string
	suffix string // of the counter key
}

type cond struct {
	typ, name, value string
	re               *regexp.Regexp
	prefix           netip.Prefix
	invert           bool
}

// appPolicy is an application's own quota and its reset generation.
type appPolicy struct {
	tier  *tier
	key   string
	reset string // appended to the application's counter keys; "" before any reset
}

func tierKey(org, level, name string) string { return org + "|" + level + "|" + name }

func (g *Gateway) buildPolicies(s *config.Snapshot) *policies {
	p := &policies{tiers: make(map[string]*tier, len(s.Tiers)), apps: map[string]*appPolicy{}, deny: buildDeny(s)}
	for _, t := range s.Tiers {
		if tt := g.buildTier(t); tt != nil {
			p.tiers[tierKey(t.OrganizationID, t.Level, t.Name)] = tt
		}
	}
	for _, a := range s.Applications {
		ap := &appPolicy{key: "app:" + a.ID}
		if a.QuotaResetAt > 0 {
			ap.reset = "@" + strconv.FormatInt(a.QuotaResetAt, 36)
			ap.key += ap.reset
		}
		if a.Tier != "" {
			ap.tier = p.tiers[tierKey(a.OrganizationID, "APPLICATION", a.Tier)]
		}
		p.apps[a.ID] = ap
	}
	return p
}

// buildTier returns nil for an unlimited tier without condition groups.
func (g *Gateway) buildTier(t config.Tier) *tier {
	amount := t.RequestCount
	bandwidth := t.QuotaType == config.QuotaBandwidth
	if bandwidth {
		amount = t.DataAmountKiB * 1024
	}
	l := ratelimit.Limit{Requests: int(min(amount, math.MaxInt32*1024)), Period: time.Duration(t.UnitSeconds) * time.Second, Burst: int(min(t.BurstLimit, math.MaxInt32))}
	window := strconv.Itoa(t.UnitSeconds)
	switch t.Calendar {
	case config.CalendarDay:
		l.Calendar = &ratelimit.Calendar{Loc: g.QuotaLocation}
		window = "86400"
	case config.CalendarMonth:
		l.Calendar = &ratelimit.Calendar{Month: true, Loc: g.QuotaLocation}
		window = "2592000"
	}
	if t.AllowAndBill {
		l.Mode = ratelimit.Bill
	}
	name := sfString(t.Name)
	out := &tier{limit: l, name: name, raw: t.Name, bandwidth: bandwidth,
		policy: []string{name + ";q=" + strconv.FormatInt(int64(l.Requests), 10) + ";w=" + window + unitParam(bandwidth)}}
	for i, cg := range t.ConditionGroups {
		if cg.Validate() != nil {
			continue // the control plane validates; a bad group is skipped, not fatal
		}
		gname := sfString(t.Name + "#" + strconv.Itoa(i+1))
		gr := group{name: gname, suffix: "#g" + strconv.Itoa(i+1),
			limit:  ratelimit.Limit{Requests: int(min(cg.RequestCount, math.MaxInt32)), Period: time.Duration(cg.UnitSeconds) * time.Second},
			policy: []string{gname + ";q=" + strconv.FormatInt(cg.RequestCount, 10) + ";w=" + strconv.Itoa(cg.UnitSeconds)}}
		for _, c := range cg.Conditions {
			cc := cond{typ: c.Type, name: c.Name, value: c.Value, invert: c.Invert}
			switch {
			case c.Type == config.CondIPRange:
				cc.prefix, _ = config.ParsePrefix(c.Value)
			case c.Type == config.CondHeader:
				cc.name = http.CanonicalHeaderKey(c.Name)
				fallthrough
			case c.Regex:
				if c.Regex {
					cc.re = regexp.MustCompile(c.Value) // validated above
				}
			}
			gr.conds = append(gr.conds, cc)
		}
		out.groups = append(out.groups, gr)
	}
	if l.Requests <= 0 && len(out.groups) == 0 {
		return nil
	}
	return out
}

func unitParam(bandwidth bool) string {
	if bandwidth {
		return `;qu="content-bytes"`
	}
	return ""
}

// matches reports whether every condition of the group holds for the call.
func (gr *group) matches(r *http.Request, p *authn.Principal) bool {
	for i := range gr.conds {
		c := &gr.conds[i]
		var ok bool
		switch c.typ {
		case config.CondIPRange:
			ap, err := netip.ParseAddrPort(r.RemoteAddr)
			ok = err == nil && c.prefix.Contains(ap.Addr().Unmap())
		case config.CondHeader:
			ok = c.test(r.Header.Get(c.name))
		case config.CondQuery:
			ok = c.test(r.URL.Query().Get(c.name))
		case config.CondClaim:
			ok = c.testClaim(p)
		}
		if ok == c.invert {
			return false
		}
	}
	return true
}

func (c *cond) test(v string) bool {
	if c.re != nil {
		return c.re.MatchString(v)
	}
	return v == c.value
}

// testClaim tests the token's claim c.name: any of its values (an array
// claim has several) passing makes the condition hold. A claim the token
// does not carry falls back to what the gateway derived for the call
// (application, key type, subscriber, for third-party tokens too). The
// claims were flattened once when the token was verified: this scans a
// slice and allocates nothing.
func (c *cond) testClaim(p *authn.Principal) bool {
	if p == nil {
		return false
	}
	seen := false
	for i := range p.Claims {
		if cl := &p.Claims[i]; cl.Name == c.name {
			if c.test(cl.Value) {
				return true
			}
			seen = true
		}
	}
	if seen {
		return false
	}
	v, found := claim(p, c.name)
	return found && c.test(v)
}

// claim reads the claims the gateway keeps of a verified token.
func claim(p *authn.Principal, name string) (string, bool) {
	if p == nil {
		return "", false
	}
	switch name {
	case "client_id", "azp":
		return p.ClientID, true
	case "sub", "subscriber":
		return p.Subscriber, p.Subscriber != ""
	case "application", "application_id":
		return p.ApplicationID, true
	case "key_type", "keytype":
		return p.KeyType, true
	case "jti":
		return p.JTI, p.JTI != ""
	case "scope":
		return strings.Join(p.Scopes, " "), true
	}
	return "", false
}

// bandwidthDebt is a bandwidth quota to charge the response's bytes to.
type bandwidthDebt struct {
	key   string
	limit ratelimit.Limit
}

// verdict is the most restrictive decision so far, for the headers.
type verdict struct {
	set    bool
	d      ratelimit.Decision
	name   string
	policy []string
}

// throttle counts the call against, in order, the application's policy,
// the subscription's tier (bandwidth tiers only check here: the bytes are
// counted after the response) and the resource's API-level tier (the first
// matching condition group's limit, else the tier's own). Each may refuse;
// an allow-and-bill tier only counts. Every answer through a throttled API
// carries the RateLimit-Policy and RateLimit fields of
// draft-ietf-httpapi-ratelimit-headers-10 for the most restrictive limit
// applied; a refusal is 429 with Retry-After. When the limiter cannot
// decide (shared counters down and --redis-failure closed) the call is
// refused with 503.
func (g *Gateway) throttle(w http.ResponseWriter, r *http.Request, c *call) bool {
	pol := c.st.policies
	p := c.principal
	var v verdict
	app := pol.apps[p.ApplicationID]
	if app != nil && app.tier != nil {
		if !g.count(w, r, c, &v, app.tier.limit, app.key, app.tier.name, app.tier.policy, "the application's ", app.tier.raw) {
			return false
		}
	}
	if t := pol.tiers[tierKey(c.api.OrganizationID, "SUBSCRIPTION", p.Tier)]; t != nil {
		key := p.ThrottleKey
		if key == "" {
			key = "sub:" + p.ApplicationID + ":" + c.api.ID
		}
		if app != nil && app.reset != "" {
			key += app.reset
		}
		l := t.limit
		if t.bandwidth {
			c.bandwidth = bandwidthDebt{key: key, limit: l}
			c.bandwidth.limit.Burst = 0
			if l.Mode != ratelimit.Bill {
				l.Mode = ratelimit.Peek
			}
		}
		if !g.count(w, r, c, &v, l, key, t.name, t.policy, "the subscription's ", p.Tier) {
			return false
		}
	}
	if !g.countResource(w, r, c, &v) {
		return false
	}
	if v.set {
		writeRateLimit(w.Header(), &v)
	}
	return true
}

// countResource counts the call against its resource's own tier, shared by
// every caller: an API-level tier (the first matching condition group's
// limit, else the tier's own), or a subscription tier named by the
// resource.
func (g *Gateway) countResource(w http.ResponseWriter, r *http.Request, c *call, v *verdict) bool {
	if c.op == nil || c.op.Tier == "" {
		return true
	}
	pol := c.st.policies
	t := pol.tiers[tierKey(c.api.OrganizationID, "API", c.op.Tier)]
	if t == nil {
		if t = pol.tiers[tierKey(c.api.OrganizationID, "SUBSCRIPTION", c.op.Tier)]; t == nil {
			return true // unlimited, or a tier the snapshot does not know
		}
	}
	key := "res:" + c.api.ID + ":" + c.op.Method + " " + c.op.Target
	l, name, policy := t.limit, t.name, t.policy
	for i := range t.groups {
		if gr := &t.groups[i]; gr.matches(r, c.principal) {
			l, name, policy, key = gr.limit, gr.name, gr.policy, key+gr.suffix
			break
		}
	}
	return l.Requests <= 0 || g.count(w, r, c, v, l, key, name, policy, "the resource's ", t.raw)
}

// count asks the limiter about one limit, keeps the most restrictive
// decision in v, and answers 429 or 503 when the call may not go on. The
// refusal's words come in parts so that admitted calls build no string.
func (g *Gateway) count(w http.ResponseWriter, r *http.Request, c *call, v *verdict, l ratelimit.Limit, key, name string, policy []string, whose, tierName string) bool {
	d, err := g.limiter.Allow(r.Context(), key, l)
	if err != nil {
		g.metrics.throttleErrors.Inc()
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusServiceUnavailable, "Service Unavailable", "the gateway cannot count calls against quotas right now; retry later")
		return false
	}
	c.overQuota = c.overQuota || d.Over
	if !v.set || !d.Allowed || d.Remaining < v.d.Remaining {
		*v = verdict{set: true, d: d, name: name, policy: policy}
	}
	if !d.Allowed {
		writeRateLimit(w.Header(), v)
		c.errType = config.ErrorThrottled
		c.route.metrics.throttled.Inc()
		problem.TooMany(w, int(math.Ceil(d.RetryAfter.Seconds())), whose+tierName+" quota is spent; retry later")
		return false
	}
	return true
}

func writeRateLimit(h http.Header, v *verdict) {
	reset := int64(math.Ceil(v.d.Reset.Seconds()))
	if !v.d.Allowed {
		reset = int64(math.Ceil(v.d.RetryAfter.Seconds()))
	}
	h["Ratelimit-Policy"] = v.policy
	h["Ratelimit"] = []string{v.name + ";r=" + strconv.Itoa(v.d.Remaining) + ";t=" + strconv.FormatInt(reset, 10)}
}

// countBandwidth charges a bandwidth tier with the response's bytes; the
// next call is refused once they exceed the quota.
func (g *Gateway) countBandwidth(r *http.Request, c *call) {
	b := &c.bandwidth
	if b.key == "" || c.rec.bytes <= 0 {
		return
	}
	l := b.limit
	bill := l.Mode == ratelimit.Bill
	l.Cost = c.rec.bytes
	l.Mode = ratelimit.Bill
	d, err := g.limiter.Allow(context.WithoutCancel(r.Context()), b.key, l)
	if err != nil {
		g.metrics.throttleErrors.Inc()
		return
	}
	c.overQuota = c.overQuota || (bill && d.Over)
}

// QuotaLocation reads --quota-timezone: an IANA zone name ("" or "UTC":
// UTC). The zone database is built in (time/tzdata), so a gateway without
// /usr/share/zoneinfo still knows every zone.
func QuotaLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("--quota-timezone %q: not a known time zone (e.g. UTC, Europe/Berlin)", name)
	}
	return loc, nil
}
