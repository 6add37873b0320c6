package apis

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// SecurityInput is an API's gateway security: mutual TLS (nil: off) and
// the backend JWT.
type SecurityInput struct {
	MutualTLS  *config.MutualTLS
	BackendJWT config.BackendJWT
}

// SetGatewaySecurity replaces an API's mutual TLS and backend JWT
// settings; deploying a revision makes gateways apply them.
func (s *Service) SetGatewaySecurity(ctx context.Context, id uuid.UUID, in SecurityInput) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "set gateway security of API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	var mtls *fieldtype.MutualTLS
	if in.MutualTLS != nil {
		m, err := in.MutualTLS.Validate()
		if err != nil {
			return nil, securityField("mutualTLS", err)
		}
		stored := fieldtype.MutualTLS(m)
		mtls = &stored
	}
	bj := in.BackendJWT
	if bj.Enabled || bj.Header != "" || bj.TTLSeconds != 0 {
		if bj, err = bj.Validate(); err != nil {
			return nil, securityField("backendJWT", err)
		}
	}
	storedJWT := fieldtype.BackendJWT(bj)
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		u := a.Update().SetBackendJwt(&storedJWT)
		if mtls != nil {
			u.SetMutualTLS(mtls)
		} else {
			u.ClearMutualTLS()
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.update_gateway_security", "API", id.String(),
			map[string]any{"mutualTLS": mtls != nil, "backendJWT": bj.Enabled})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

func securityField(prefix string, err error) error {
	var se *config.SecurityError
	if errors.As(err, &se) {
		return errs.Field(prefix+"."+se.Field, "%s", se.Message)
	}
	return errs.Field(prefix, "%v", err)
}

// MutualTLSOf is a's mutual TLS setting, nil when it checks no client
// certificates.
func MutualTLSOf(a *ent.API) *config.MutualTLS {
	if a.MutualTLS == nil {
		return nil
	}
	m := config.MutualTLS(*a.MutualTLS)
	return &m
}

// BackendJWTOf is a's backend JWT setting with the defaults filled in.
func BackendJWTOf(a *ent.API) config.BackendJWT {
	var b config.BackendJWT
	if a.BackendJwt != nil {
		b = config.BackendJWT(*a.BackendJwt)
	}
	if b.Header == "" {
		b.Header = config.DefaultBackendJWTHeader
	}
	if b.TTLSeconds == 0 {
		b.TTLSeconds = config.DefaultBackendJWTTTL
	}
	return b
}
