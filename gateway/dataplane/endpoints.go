package dataplane

import (
	"fmt"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/router"
	"github.com/gatehouse/gatehouse/gateway/internal/upstream"
)

// newRoute builds the endpoint groups and request validators of a route's API.
func (g *Gateway) newRoute(r *router.Route, env string) (*route, error) {
	production, sandbox := config.EndpointsOf(&r.API)
	p, err := upstream.NewGroup(production, g.upstream, g.log)
	if err != nil {
		return nil, err
	}
	rt := &route{proxy: p, metrics: g.metrics.forRoute(r.API.Context+"/"+r.API.Version, env)}
	// The control plane refuses to freeze a definition it cannot load, so
	// this only fails on a hand-made snapshot: serve, unvalidated, and say so.
	if rt.validators, err = buildValidators(&r.API); err != nil {
		g.log.Warn("request validation is off for an API", "api", r.API.ID, "err", err)
	}
	if m := r.API.MutualTLS; m != nil {
		if rt.mtls, err = newClientCertPolicy(m); err != nil {
			return nil, fmt.Errorf("api %s: mutual TLS: %w", r.API.ID, err)
		}
	}
	if b := r.API.BackendJWT; b != nil && b.Enabled {
		n, err := b.Validate()
		if err != nil {
			return nil, fmt.Errorf("api %s: backend JWT: %w", r.API.ID, err)
		}
		rt.backendJWT = &n
	}
	if r.API.GraphQL != nil {
		rt.gqlKey = gqlKey(&r.API)
	}
	if sandbox != nil {
		if rt.sandbox, err = upstream.NewGroup(*sandbox, g.upstream, g.log); err != nil {
			return nil, err
		}
	}
	// An API product's operations proxy to their source APIs' backends.
	for _, op := range r.API.Operations {
		if op.SourceEndpoint == "" || rt.sources[op.SourceEndpoint] != nil {
			continue
		}
		sp, err := upstream.New(op.SourceEndpoint, g.upstream, g.log)
		if err != nil {
			return nil, err
		}
		if rt.sources == nil {
			rt.sources = map[string]*upstream.Proxy{}
		}
		rt.sources[op.SourceEndpoint] = sp
	}
	return rt, nil
}
