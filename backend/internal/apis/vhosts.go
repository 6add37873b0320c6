package apis

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// MaxVirtualHosts bounds an environment's list (each adds a routing map to
// every gateway of the environment).
const MaxVirtualHosts = 50

// SetVirtualHosts replaces an environment's virtual hosts (admins only).
// Hosts are normalized (lower case) and must be distinct; a host that a
// deployment still uses cannot be removed.
func (s *Service) SetVirtualHosts(ctx context.Context, envID uuid.UUID, hosts []config.VirtualHost) (_ *ent.Environment, err error) {
	defer errs.Wrap(&err, "set virtual hosts of environment %s", envID)
	v, err := viewer.RequirePermission(ctx, viewer.AdminEnvironments)
	if err != nil {
		return nil, err
	}
	clean, err := normalizeVirtualHosts(hosts)
	if err != nil {
		return nil, err
	}
	var env *ent.Environment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		env, err = tx.Environment.Get(ctx, envID)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "gateway environment %s does not exist", envID)
		} else if err != nil {
			return err
		}
		if err := hostsInUse(ctx, tx, envID, clean); err != nil {
			return err
		}
		if env, err = env.Update().SetVirtualHosts(storedHosts(clean)).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "environment.vhosts.update", "Environment", env.ID.String(),
			map[string]any{"virtualHosts": clean})
	})
	if err != nil {
		return nil, err
	}
	return env, nil
}

// normalizeVirtualHosts checks each host and port and refuses duplicates;
// the field of an error names the entry (virtualHosts.2.host).
func normalizeVirtualHosts(hosts []config.VirtualHost) ([]config.VirtualHost, error) {
	if len(hosts) > MaxVirtualHosts {
		return nil, errs.Field("virtualHosts", "an environment has at most %d virtual hosts", MaxVirtualHosts)
	}
	seen := map[string]int{}
	out := make([]config.VirtualHost, 0, len(hosts))
	for i, h := range hosts {
		host, err := config.NormalizeHost(h.Host)
		if err != nil {
			return nil, errs.Field(fmt.Sprintf("virtualHosts.%d.host", i), "%v", err)
		}
		if j, dup := seen[host]; dup {
			return nil, errs.Field(fmt.Sprintf("virtualHosts.%d.host", i), "virtual host %s is listed twice (entries %d and %d)", host, j+1, i+1)
		}
		seen[host] = i
		for name, p := range map[string]int{"httpPort": h.HTTPPort, "httpsPort": h.HTTPSPort} {
			if err := config.ValidatePort(p); err != nil {
				return nil, errs.Field(fmt.Sprintf("virtualHosts.%d.%s", i, name), "%v", err)
			}
		}
		out = append(out, config.VirtualHost{Host: host, HTTPPort: h.HTTPPort, HTTPSPort: h.HTTPSPort})
	}
	return out, nil
}

// VirtualHosts are env's virtual hosts.
func VirtualHosts(env *ent.Environment) []config.VirtualHost {
	out := make([]config.VirtualHost, len(env.VirtualHosts))
	for i, h := range env.VirtualHosts {
		out[i] = config.VirtualHost(h)
	}
	return out
}

// pickVirtualHost returns the environment's virtual host named host ("" for
// none: the environment's default, any Host).
func pickVirtualHost(env *ent.Environment, host string) (string, error) {
	if host == "" {
		return "", nil
	}
	h, err := config.NormalizeHost(host)
	if err != nil {
		return "", errs.Field("virtualHost", "%v", err)
	}
	for _, vh := range env.VirtualHosts {
		if vh.Host == h {
			return h, nil
		}
	}
	return "", errs.Field("virtualHost", "gateway environment %s has no virtual host %s", env.Name, h)
}

// VirtualHostURLs are the base URLs (no trailing slash) consumers call a
// deployment on virtual host vh at: plain HTTP and HTTPS, each on its port
// when set, else the port of the environment's gateway URL for its scheme,
// else the scheme's default. The gateway URL's scheme comes first.
func VirtualHostURLs(gatewayURL string, vh config.VirtualHost) []string {
	g, _ := url.Parse(gatewayURL)
	host := vh.Host
	if isIPv6(host) {
		host = "[" + host + "]"
	}
	base := func(scheme string, port int) string {
		if port == 0 && g != nil && g.Scheme == scheme && g.Port() != "" {
			port, _ = strconv.Atoi(g.Port())
		}
		if port == 0 || (scheme == "http" && port == 80) || (scheme == "https" && port == 443) {
			return scheme + "://" + host
		}
		return scheme + "://" + host + ":" + strconv.Itoa(port)
	}
	httpURL, httpsURL := base("http", vh.HTTPPort), base("https", vh.HTTPSPort)
	if g != nil && g.Scheme == "http" {
		return []string{httpURL, httpsURL}
	}
	return []string{httpsURL, httpURL}
}

func isIPv6(h string) bool {
	for i := 0; i < len(h); i++ {
		if h[i] == ':' {
			return true
		}
	}
	return false
}
