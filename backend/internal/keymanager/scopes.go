package keymanager

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/ory/fosite"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apiscope"
	"github.com/gatehouse/gatehouse/ent/rolebinding"
)

// Scopes bound to roles. The scopes an API of the client's organization
// defines are granted only to users holding one of the roles the
// definition names (a definition without roles: any user). A scope no API
// of the organization defines (openid, profile, email, roles,
// offline_access, the service catalog's, or a scope only some client
// knows) is granted as before. A requested scope the user may not have is
// left out of the grant rather than failing the request, as RFC 6749
// section 3.3 allows; the token response's scope field says what was
// granted.
//
// Every token request needs the organization's bindings and, when one of
// the requested scopes is restricted, the user's roles: both are cached,
// and an ent hook empties the caches when scopes, APIs, role bindings or
// users change; the TTL bounds what a lookup racing a transaction keeps.

// scopePolicyTTL bounds how long cached bindings and roles are trusted.
const scopePolicyTTL = 2 * time.Second

// scopePolicy answers which requested scopes a user may be granted.
type scopePolicy struct {
	client     *ent.Client
	generation atomic.Uint64
	orgs       sync.Map // organization id -> *cachedBindings
	roles      sync.Map // organization id + user id -> *cachedRoles
}

// bindings maps a scope name to the roles that may be granted it; a nil
// slice means any user.
type bindings map[string][]string

type cachedBindings struct {
	b          bindings
	generation uint64
	loaded     time.Time
}

type cachedRoles struct {
	roles      []string
	generation uint64
	loaded     time.Time
}

func newScopePolicy(client *ent.Client) *scopePolicy {
	p := &scopePolicy{client: client}
	client.Use(p.invalidate)
	return p
}

// invalidate is an ent hook: a change to a scope, an API (deleting one
// removes its scopes), a role binding or a user makes the caches stale.
func (p *scopePolicy) invalidate(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		v, err := next.Mutate(ctx, m)
		switch m.Type() {
		case ent.TypeAPIScope, ent.TypeAPI, ent.TypeRoleBinding, ent.TypeUser, ent.TypeCustomRole:
			p.generation.Add(1)
		}
		return v, err
	})
}

// fresh reports whether an entry loaded at generation gen is still good.
func (p *scopePolicy) fresh(gen uint64, loaded time.Time) bool {
	return gen == p.generation.Load() && time.Since(loaded) < scopePolicyTTL
}

// bindingsOf are the scope bindings of the organization's APIs. A scope
// several APIs define goes to whoever any of the definitions allows.
func (p *scopePolicy) bindingsOf(ctx context.Context, org uuid.UUID) (bindings, error) {
	if v, ok := p.orgs.Load(org); ok {
		if c := v.(*cachedBindings); p.fresh(c.generation, c.loaded) {
			return c.b, nil
		}
	}
	gen := p.generation.Load()
	defs, err := p.client.APIScope.Query().Where(apiscope.HasAPIWith(api.OrganizationID(org))).
		Select(apiscope.FieldName, apiscope.FieldRoles).All(ctx)
	if err != nil {
		return nil, err
	}
	b := bindings{}
	open := map[string]bool{}
	for _, d := range defs {
		if len(d.Roles) == 0 {
			open[d.Name] = true
		}
		if open[d.Name] {
			b[d.Name] = nil
			continue
		}
		for _, r := range d.Roles {
			if !slices.Contains(b[d.Name], r) {
				b[d.Name] = append(b[d.Name], r)
			}
		}
	}
	p.orgs.Store(org, &cachedBindings{b: b, generation: gen, loaded: time.Now()})
	return b, nil
}

// rolesOf are the roles user holds in the organization.
func (p *scopePolicy) rolesOf(ctx context.Context, org, user uuid.UUID) ([]string, error) {
	key := org.String() + "/" + user.String()
	if v, ok := p.roles.Load(key); ok {
		if c := v.(*cachedRoles); p.fresh(c.generation, c.loaded) {
			return c.roles, nil
		}
	}
	gen := p.generation.Load()
	rows, err := p.client.RoleBinding.Query().
		Where(rolebinding.UserID(user), rolebinding.OrganizationID(org)).
		Select(rolebinding.FieldRole).All(ctx)
	if err != nil {
		return nil, err
	}
	roles := make([]string, 0, len(rows))
	for _, r := range rows {
		roles = append(roles, r.Role)
	}
	p.roles.Store(key, &cachedRoles{roles: roles, generation: gen, loaded: time.Now()})
	return roles, nil
}

// allowed returns the scopes of requested that user (uuid.Nil: nobody,
// e.g. an application without an owner) may be granted in org.
func (p *scopePolicy) allowed(ctx context.Context, org, user uuid.UUID, requested []string) ([]string, error) {
	if len(requested) == 0 {
		return requested, nil
	}
	b, err := p.bindingsOf(ctx, org)
	if err != nil {
		return nil, err
	}
	var roles []string
	rolesLoaded := false
	out := make([]string, 0, len(requested))
	for _, sc := range requested {
		need, defined := b[sc]
		if !defined || need == nil {
			out = append(out, sc)
			continue
		}
		if !rolesLoaded {
			if user != uuid.Nil {
				if roles, err = p.rolesOf(ctx, org, user); err != nil {
					return nil, err
				}
			}
			rolesLoaded = true
		}
		for _, r := range roles {
			if slices.Contains(need, r) {
				out = append(out, sc)
				break
			}
		}
	}
	return out, nil
}

// grantAllowed grants ar the scopes it asked for that user may have,
// replacing what a fosite handler granted already.
func (s *Server) grantAllowed(ctx context.Context, ar fosite.AccessRequester, org, user uuid.UUID) error {
	scopes, err := s.scopes.allowed(ctx, org, user, ar.GetRequestedScopes())
	if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	if req, ok := ar.(*fosite.AccessRequest); ok {
		req.GrantedScope = fosite.Arguments{}
	}
	for _, sc := range scopes {
		ar.GrantScope(sc)
	}
	return nil
}

// narrowGranted drops from ar's granted scopes (a code or refresh token's,
// fixed when the grant was made) those user may no longer be granted.
func (s *Server) narrowGranted(ctx context.Context, ar fosite.AccessRequester, org, user uuid.UUID) error {
	req, ok := ar.(*fosite.AccessRequest)
	if !ok {
		return nil
	}
	scopes, err := s.scopes.allowed(ctx, org, user, req.GrantedScope)
	if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	req.GrantedScope = fosite.Arguments{}
	for _, sc := range scopes {
		req.GrantScope(sc)
	}
	return nil
}
