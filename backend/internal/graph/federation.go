package graph

import (
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/federation"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/backend/internal/keymanagers"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
)

// WithFederation gives the resolver the identity provider service.
func (r *Resolver) WithFederation(f *federation.Service) *Resolver {
	r.federation = f
	return r
}

func identityProviderInput(in model.IdentityProviderInput) federation.Input {
	out := federation.Input{
		Name: in.Name, Issuer: in.Issuer, ClientID: in.ClientID, ClientSecret: in.ClientSecret,
		Scopes: in.Scopes, JITProvisioning: in.JitProvisioning, Enabled: in.Enabled,
	}
	for _, m := range in.RoleMappings {
		if m != nil {
			out.RoleMappings = append(out.RoleMappings, fieldtype.RoleMapping{
				Claim: m.Claim, Value: m.Value, Role: strings.ToLower(string(m.Role))})
		}
	}
	return out
}

// WithKeyManagers gives the resolver the third-party key manager service.
func (r *Resolver) WithKeyManagers(k *keymanagers.Service) *Resolver {
	r.keyManagers = k
	return r
}

func keyManagerInput(in model.ExternalKeyManagerInput) keymanagers.Input {
	return keymanagers.Input{
		Name: in.Name, Issuer: in.Issuer, JWKSURI: in.JwksURI,
		IntrospectionEndpoint: deref(in.IntrospectionEndpoint), TokenEndpoint: deref(in.TokenEndpoint),
		Audience: deref(in.Audience), ClientIDClaim: deref(in.ClientIDClaim), ScopesClaim: deref(in.ScopesClaim),
		UserClaim: deref(in.UserClaim), Enabled: in.Enabled,
		IntrospectionClientID: deref(in.IntrospectionClientID), IntrospectionClientSecret: deref(in.IntrospectionClientSecret),
	}
}

func clientMapping(c *ent.ExternalClient) *model.ExternalClientMapping {
	return &model.ExternalClientMapping{ID: c.ID, KeyManagerID: c.KeyManagerID, ClientID: c.ClientID,
		KeyType: applicationkey.KeyType(c.KeyType.String())}
}
