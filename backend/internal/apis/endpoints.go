package apis

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/sealed"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// EndpointsInput replaces an API's endpoints. A password or client secret
// left empty keeps the stored one (same authentication type), so a
// publisher can edit a group without typing its secret again.
type EndpointsInput struct {
	Production config.EndpointConfig
	Sandbox    *config.EndpointConfig // nil: no sandbox endpoint
}

// WithSealer makes the service seal endpoint secrets (basic-auth
// passwords, client secrets) with the master key before they are stored;
// without one, SetEndpoints refuses secrets rather than store them in the
// clear.
func (s *Service) WithSealer(sealer sealed.Sealer) *Service {
	s.sealer = sealer
	return s
}

// SetEndpoints replaces an API's production and sandbox endpoints; the
// plain endpoint URL fields follow their first URL. Deploying makes
// gateways apply them.
func (s *Service) SetEndpoints(ctx context.Context, id uuid.UUID, in EndpointsInput) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "set endpoints of API %s", id)
	return s.updateOwned(ctx, id, "api.update_endpoints", func(tx *ent.Tx, v *viewer.Viewer, a *ent.API) (*ent.APIUpdateOne, error) {
		stored := fieldtype.Endpoints{}
		if a.Endpoints != nil {
			stored = *a.Endpoints
		}
		prod, err := checkEndpoint("production", in.Production, stored.Production)
		if err != nil {
			return nil, err
		}
		next := fieldtype.Endpoints{Production: &prod}
		u := a.Update().SetProductionEndpoint(prod.URLs[0]).SetSandboxEndpoint("")
		if in.Sandbox != nil {
			sb, err := checkEndpoint("sandbox", *in.Sandbox, stored.Sandbox)
			if err != nil {
				return nil, err
			}
			next.Sandbox = &sb
			u.SetSandboxEndpoint(sb.URLs[0])
		}
		if err := s.seal(&next); err != nil {
			return nil, err
		}
		return u.SetEndpoints(&next), nil
	})
}

// seal seals the secrets of e in place. Kept secrets come from the stored
// row and are sealed already; Seal leaves those as they are.
func (s *Service) seal(e *fieldtype.Endpoints) error {
	if s.sealer == nil {
		for _, g := range []*config.EndpointConfig{e.Production, e.Sandbox} {
			if g != nil && g.Auth != nil && (g.Auth.Password != "" || g.Auth.ClientSecret != "") {
				return errors.New("no master key to seal backend credentials with")
			}
		}
		return nil
	}
	e.Production, _ = sealed.SealEndpoint(s.sealer, e.Production)
	e.Sandbox, _ = sealed.SealEndpoint(s.sealer, e.Sandbox)
	return nil
}

// checkEndpoint validates in (field errors named under prefix), filling in
// secrets left empty from the stored configuration.
func checkEndpoint(prefix string, in config.EndpointConfig, stored *config.EndpointConfig) (config.EndpointConfig, error) {
	if in.Auth != nil && stored != nil && stored.Auth != nil && stored.Auth.Type == in.Auth.Type {
		a := *in.Auth
		if a.Password == "" {
			a.Password = stored.Auth.Password
		}
		if a.ClientSecret == "" {
			a.ClientSecret = stored.Auth.ClientSecret
		}
		in.Auth = &a
	}
	out, err := in.Validate()
	if err != nil {
		if ee, ok := err.(*config.EndpointError); ok {
			return out, errs.Field(prefix+"."+ee.Field, "%s", ee.Message)
		}
		return out, errs.Field(prefix, "%v", err)
	}
	return out, nil
}

// EndpointsOf are a's production and sandbox endpoints, secrets included
// as stored, that is sealed (callers showing them use config.EndpointConfig.Redacted); an API never
// given groups has single endpoints made of its URL fields.
func EndpointsOf(a *ent.API) (config.EndpointConfig, *config.EndpointConfig) {
	g := config.API{ProductionEndpoint: a.ProductionEndpoint, SandboxEndpoint: a.SandboxEndpoint}
	if a.Endpoints != nil {
		g.Production, g.Sandbox = a.Endpoints.Production, a.Endpoints.Sandbox
	}
	return config.EndpointsOf(&g)
}

// singleProduction is a's endpoints after its production URL was set on
// its own (updateAPI): the production group becomes that one URL, keeping
// its timeout, retries and credentials.
func singleProduction(a *ent.API, url string) *fieldtype.Endpoints {
	if a.Endpoints == nil || a.Endpoints.Production == nil {
		return nil
	}
	e := *a.Endpoints
	p := *e.Production
	p.Type, p.URLs = config.EndpointSingle, []string{url}
	e.Production = &p
	return &e
}
