package app

import (
	"context"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/gatehouse/gatehouse/ent"
)

// connectSourcesTTL is how long the portals' connect-src list is reused:
// a new environment's gateway becomes callable from the try-it console
// within it.
const connectSourcesTTL = 30 * time.Second

// connectSourceCache computes the origins the portals' pages may call
// besides the control plane: every environment's gateway URL (and the
// WebSocket form of it, for WebSocket APIs), its virtual hosts on any
// port, and the operator's --csp-connect-src extras.
type connectSourceCache struct {
	client  *ent.Client
	extra   []string
	mu      sync.Mutex
	list    []string
	fetched time.Time
}

func (c *connectSourceCache) get(ctx context.Context) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.list != nil && time.Since(c.fetched) < connectSourcesTTL {
		return c.list
	}
	envs, err := c.client.Environment.Query().All(ctx)
	if err != nil {
		// Keep the last list (or the extras) rather than fail the page.
		if c.list != nil {
			return c.list
		}
		return c.extra
	}
	out := slices.Clone(c.extra)
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, e := range envs {
		u, err := url.Parse(e.GatewayURL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		add(u.Scheme + "://" + u.Host)
		ws := "ws"
		if u.Scheme == "https" {
			ws = "wss"
		}
		add(ws + "://" + u.Host)
		for _, vh := range e.VirtualHosts {
			if validSourceHost(vh.Host) {
				add("http://" + vh.Host + ":*")
				add("https://" + vh.Host + ":*")
			}
		}
	}
	c.list, c.fetched = out, time.Now()
	return out
}

// validSourceHost keeps a stored host from adding anything but a host to
// the policy (virtual hosts are validated on input; this is belt and
// braces for a header).
func validSourceHost(h string) bool {
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return h != ""
}
