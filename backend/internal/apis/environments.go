package apis

// Gateway environments managed by admins (s5-envs). Environments are
// platform-wide until organizations arrive; shared ones then move to the
// platform operator, so every write here asks for the admin role only.

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// EnvironmentInput is what an admin sets on an environment; nil fields are
// kept on update.
type EnvironmentInput struct {
	Name         string // create only: the name is immutable
	DisplayName  *string
	Description  *string
	GatewayURL   *string
	HTTPSURL     *string
	WSURL        *string
	Type         *environment.Type
	VirtualHosts []config.VirtualHost // nil: keep (update) or none (create)
}

// envName is a slug; "Default" (the name every installation starts with
// and gateways ask for without --environment) stays valid.
var envName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

const (
	maxDisplayName = 100
	maxDescription = 2000
	maxURL         = 2048
)

// validateEnvironment checks the fields set in in; the error's field names
// the input field.
func validateEnvironment(in EnvironmentInput, create bool) error {
	if create && !envName.MatchString(in.Name) {
		return errs.Field("name", "name must be a slug: 1 to 63 lower-case letters, digits and dashes, not starting or ending with a dash")
	}
	if in.DisplayName != nil && len(strings.TrimSpace(*in.DisplayName)) > maxDisplayName {
		return errs.Field("displayName", "display name is at most %d characters", maxDisplayName)
	}
	if in.Description != nil && len(*in.Description) > maxDescription {
		return errs.Field("description", "description is at most %d characters", maxDescription)
	}
	for _, u := range []struct {
		field   string
		value   *string
		schemes []string
	}{
		{"gatewayURL", in.GatewayURL, []string{"http", "https"}},
		{"httpsURL", in.HTTPSURL, []string{"https"}},
		{"wsURL", in.WSURL, []string{"ws", "wss"}},
	} {
		if u.value == nil || *u.value == "" {
			continue
		}
		if err := checkURL(*u.value, u.schemes); err != nil {
			return errs.Field(u.field, "%v", err)
		}
	}
	if in.Type != nil {
		if err := environment.TypeValidator(*in.Type); err != nil {
			return errs.Field("type", "type must be PRODUCTION or SANDBOX")
		}
	}
	return nil
}

func checkURL(raw string, schemes []string) error {
	if len(raw) > maxURL {
		return fmt.Errorf("URL is at most %d characters", maxURL)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute URL without credentials, query or fragment", raw)
	}
	for _, s := range schemes {
		if u.Scheme == s {
			return nil
		}
	}
	return fmt.Errorf("URL must start with %s://", strings.Join(schemes, ":// or "))
}

func trimmed(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimRight(strings.TrimSpace(*s), "/")
	return &t
}

// CreateEnvironment adds a gateway environment (admins only).
func (s *Service) CreateEnvironment(ctx context.Context, in EnvironmentInput) (_ *ent.Environment, err error) {
	defer errs.Wrap(&err, "create environment %q", in.Name)
	v, err := viewer.RequirePermission(ctx, viewer.AdminEnvironments)
	if err != nil {
		return nil, err
	}
	in.Name = strings.TrimSpace(in.Name)
	in.GatewayURL, in.HTTPSURL, in.WSURL = trimmed(in.GatewayURL), trimmed(in.HTTPSURL), trimmed(in.WSURL)
	if err := validateEnvironment(in, true); err != nil {
		return nil, err
	}
	hosts, err := normalizeVirtualHosts(in.VirtualHosts)
	if err != nil {
		return nil, err
	}
	var env *ent.Environment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		// Names differ by more than case: gateways and URLs name them.
		n, err := tx.Environment.Query().Where(environment.NameEqualFold(in.Name)).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return errs.Field("name", "a gateway environment named %s already exists", in.Name)
		}
		c := tx.Environment.Create().SetName(in.Name).SetVirtualHosts(storedHosts(hosts))
		setEnvFields(c.Mutation(), in)
		if in.DisplayName == nil || strings.TrimSpace(*in.DisplayName) == "" {
			c.SetDisplayName(in.Name)
		}
		if env, err = c.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "environment.create", "Environment", env.ID.String(), envAudit(env))
	})
	if err != nil {
		return nil, err
	}
	return env, nil
}

// UpdateEnvironment edits an environment (admins only); its name stays.
func (s *Service) UpdateEnvironment(ctx context.Context, id uuid.UUID, in EnvironmentInput) (_ *ent.Environment, err error) {
	defer errs.Wrap(&err, "update environment %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.AdminEnvironments)
	if err != nil {
		return nil, err
	}
	in.GatewayURL, in.HTTPSURL, in.WSURL = trimmed(in.GatewayURL), trimmed(in.HTTPSURL), trimmed(in.WSURL)
	if err := validateEnvironment(in, false); err != nil {
		return nil, err
	}
	var hosts []config.VirtualHost
	if in.VirtualHosts != nil {
		if hosts, err = normalizeVirtualHosts(in.VirtualHosts); err != nil {
			return nil, err
		}
	}
	var env *ent.Environment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if env, err = tx.Environment.Get(ctx, id); ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "gateway environment %s does not exist", id)
		} else if err != nil {
			return err
		}
		u := env.Update()
		if in.VirtualHosts != nil {
			if err := hostsInUse(ctx, tx, id, hosts); err != nil {
				return err
			}
			u.SetVirtualHosts(storedHosts(hosts))
		}
		setEnvFields(u.Mutation(), in)
		if in.DisplayName != nil && strings.TrimSpace(*in.DisplayName) == "" {
			u.SetDisplayName(env.Name)
		}
		if env, err = u.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "environment.update", "Environment", env.ID.String(), envAudit(env))
	})
	if err != nil {
		return nil, err
	}
	// The type reaches the gateways in the snapshot.
	s.notify.EnvironmentChanged(ctx, env.Name, "environment")
	return env, nil
}

// DeleteEnvironment removes an environment (admins only): never the
// default one, never one that APIs are deployed to.
func (s *Service) DeleteEnvironment(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete environment %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.AdminEnvironments)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *ent.Tx) error {
		env, err := tx.Environment.Get(ctx, id)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "gateway environment %s does not exist", id)
		} else if err != nil {
			return err
		}
		if env.IsDefault {
			return errs.E(errs.Conflict, "%s is the default gateway environment; it cannot be deleted", env.Name)
		}
		n, err := tx.Deployment.Query().Where(deployment.EnvironmentID(id)).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			noun := "deployments"
			if n == 1 {
				noun = "deployment"
			}
			return errs.E(errs.Conflict, "gateway environment %s has %d %s; undeploy them before deleting it", env.Name, n, noun)
		}
		if err := tx.Environment.DeleteOne(env).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "environment.delete", "Environment", id.String(), map[string]string{"name": env.Name})
	})
}

// DeployRevisionTo makes every named environment serve the revision, in one
// transaction: a bad name or a failing environment deploys to none.
func (s *Service) DeployRevisionTo(ctx context.Context, revisionID uuid.UUID, envNames []string) (_ []*ent.Deployment, err error) {
	defer errs.Wrap(&err, "deploy revision %s", revisionID)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	if len(envNames) == 0 {
		return nil, errs.Field("environments", "pick at least one environment")
	}
	seen := map[string]bool{}
	for i, n := range envNames {
		if seen[n] {
			return nil, errs.Field(fmt.Sprintf("environments.%d", i), "environment %s is listed twice", n)
		}
		seen[n] = true
	}
	var deps []*ent.Deployment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		rev, a, err := deployableRevision(ctx, tx, v, revisionID)
		if err != nil {
			return err
		}
		for i, n := range envNames {
			env, err := findEnvironment(ctx, tx, n)
			if e, ok := err.(*errs.Error); ok && e.Field == "environment" {
				e.Field = fmt.Sprintf("environments.%d", i)
			}
			if err != nil {
				return err
			}
			dep, err := deployTo(ctx, tx, v, a.ID, env, "", rev)
			if err != nil {
				return err
			}
			deps = append(deps, dep)
			if err := audit.Record(ctx, tx, v.OrgID, "api.deploy", "API", a.ID.String(),
				map[string]any{"environment": env.Name, "revision": rev.Number}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, d := range deps {
		s.notify.EnvironmentChanged(ctx, envNames[i], "deploy")
		deps[i] = d.Unwrap()
	}
	return deps, nil
}

// hostsInUse refuses to drop a virtual host a deployment still answers on.
func hostsInUse(ctx context.Context, tx *ent.Tx, envID uuid.UUID, hosts []config.VirtualHost) error {
	keep := map[string]bool{}
	for _, h := range hosts {
		keep[h.Host] = true
	}
	deps, err := tx.Deployment.Query().
		Where(deployment.EnvironmentID(envID), deployment.VirtualHostNEQ("")).WithAPI().All(ctx)
	if err != nil {
		return err
	}
	for _, d := range deps {
		if !keep[d.VirtualHost] {
			return errs.E(errs.Conflict, "virtual host %s serves API %s %s; deploy it elsewhere before removing the host",
				d.VirtualHost, d.Edges.API.Name, d.Edges.API.Version)
		}
	}
	return nil
}

func storedHosts(hosts []config.VirtualHost) []fieldtype.VirtualHost {
	out := make([]fieldtype.VirtualHost, len(hosts))
	for i, h := range hosts {
		out[i] = fieldtype.VirtualHost(h)
	}
	return out
}

func setEnvFields(m *ent.EnvironmentMutation, in EnvironmentInput) {
	if in.DisplayName != nil {
		m.SetDisplayName(strings.TrimSpace(*in.DisplayName))
	}
	if in.Description != nil {
		m.SetDescription(strings.TrimSpace(*in.Description))
	}
	if in.GatewayURL != nil {
		m.SetGatewayURL(*in.GatewayURL)
	}
	if in.HTTPSURL != nil {
		m.SetHTTPSURL(*in.HTTPSURL)
	}
	if in.WSURL != nil {
		m.SetWsURL(*in.WSURL)
	}
	if in.Type != nil {
		m.SetType(*in.Type)
	}
}

func envAudit(e *ent.Environment) map[string]any {
	return map[string]any{"name": e.Name, "displayName": e.DisplayName, "gatewayURL": e.GatewayURL,
		"httpsURL": e.HTTPSURL, "wsURL": e.WsURL, "type": e.Type.String(), "virtualHosts": e.VirtualHosts}
}
