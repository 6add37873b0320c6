package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// virtualHostsOf converts the GraphQL input to the gateway's virtual hosts
// (kept out of the resolver file, which gqlgen rewrites).
func virtualHostsOf(in []*model.VirtualHostInput) []config.VirtualHost {
	if in == nil {
		return nil
	}
	hosts := make([]config.VirtualHost, len(in))
	for i, h := range in {
		hosts[i] = config.VirtualHost{Host: h.Host, HTTPPort: deref(h.HTTPPort), HTTPSPort: deref(h.HTTPSPort)}
	}
	return hosts
}
