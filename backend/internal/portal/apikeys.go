package portal

import (
	"context"
	"net/netip"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/apikey"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/subscription"
)

// APIKeySigner signs self-contained API keys (the Key Manager).
type APIKeySigner interface {
	SignAPIKey(ctx context.Context, jti string, claims map[string]any, notBefore, expires time.Time) (string, error)
}

// Limits of API keys.
const (
	DefaultAPIKeyValidity = 365 * 24 * time.Hour
	MaxAPIKeyValidity     = 3650 * 24 * time.Hour
	MaxRotationGrace      = 30 * 24 * time.Hour
	maxRestrictions       = 50
)

// APIKeyInput asks for a new API key.
type APIKeyInput struct {
	ApplicationID   uuid.UUID
	KeyType         applicationkey.KeyType
	Name            string
	Validity        time.Duration // 0: DefaultAPIKeyValidity
	AllowedIPs      []string
	AllowedReferers []string
	// ReplacesKeyID, when set, is revoked after Grace (rotation).
	ReplacesKeyID *uuid.UUID
	Grace         time.Duration
}

// NewAPIKey is an issued key: its record and the key, shown once.
type NewAPIKey struct {
	Record *ent.APIKey
	Key    string
}

// normalizeIPs checks CIDRs and single addresses, returning them in
// canonical form.
func normalizeIPs(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked().String())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, errs.Field("allowedIPs", "%q is neither an IP address nor a CIDR range", s)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()).String())
	}
	if len(out) > maxRestrictions {
		return nil, errs.Field("allowedIPs", "at most %d IP ranges", maxRestrictions)
	}
	return out, nil
}

// normalizeReferers checks Referer patterns: a host (with "*" wildcards)
// and optionally a scheme and path, e.g. "*.example.com/*".
func normalizeReferers(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if len(s) > 300 || strings.ContainsAny(s, " \t\r\n\"<>\\") {
			return nil, errs.Field("allowedReferers", "%q is not a Referer pattern", s)
		}
		out = append(out, s)
	}
	if len(out) > maxRestrictions {
		return nil, errs.Field("allowedReferers", "at most %d Referer patterns", maxRestrictions)
	}
	return out, nil
}

// GenerateAPIKey issues an API key for the viewer's application. With
// ReplacesKeyID it rotates: the old key keeps working for Grace, then stops.
func (s *Service) GenerateAPIKey(ctx context.Context, in APIKeyInput) (*NewAPIKey, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if applicationkey.KeyTypeValidator(in.KeyType) != nil {
		return nil, errs.Field("keyType", "key type must be PRODUCTION or SANDBOX")
	}
	if in.Validity == 0 {
		in.Validity = DefaultAPIKeyValidity
	}
	if in.Validity < time.Hour || in.Validity > MaxAPIKeyValidity {
		return nil, errs.Field("validityDays", "an API key is valid for 1 to 3650 days")
	}
	if in.Grace < 0 || in.Grace > MaxRotationGrace {
		return nil, errs.Field("graceSeconds", "the grace period is 0 to 30 days")
	}
	if in.Name = strings.TrimSpace(in.Name); len(in.Name) > 70 {
		return nil, errs.Field("name", "name is longer than 70 characters")
	}
	ips, err := normalizeIPs(in.AllowedIPs)
	if err != nil {
		return nil, err
	}
	referers, err := normalizeReferers(in.AllowedReferers)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Second)
	var rec *ent.APIKey
	var key string
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, in.ApplicationID)
		if err != nil {
			return err
		}
		owner, err := app.QueryOwner().Only(ctx)
		if err != nil {
			return err
		}
		if in.ReplacesKeyID != nil {
			old, err := tx.APIKey.Query().Where(apikey.ID(*in.ReplacesKeyID), apikey.ApplicationID(app.ID)).Only(ctx)
			if ent.IsNotFound(err) {
				return errs.Field("replacesKeyID", "API key %s not found on %s", *in.ReplacesKeyID, app.Name)
			} else if err != nil {
				return err
			}
			if err := revokeKey(ctx, tx, old, now.Add(in.Grace)); err != nil {
				return err
			}
		}
		rec, err = tx.APIKey.Create().SetApplicationID(app.ID).SetName(in.Name).SetKeyType(in.KeyType.String()).
			SetAllowedIps(ips).SetAllowedReferers(referers).SetExpiresAt(now.Add(in.Validity)).Save(ctx)
		if err != nil {
			return err
		}
		claims := map[string]any{
			"sub": app.ID.String(), "application_id": app.ID.String(), "application": app.Name,
			"subscriber": owner.Username, "key_type": in.KeyType.String(),
		}
		if len(ips) > 0 {
			claims["allowed_ips"] = ips
		}
		if len(referers) > 0 {
			claims["allowed_referers"] = referers
		}
		if key, err = s.km.SignAPIKey(ctx, rec.ID.String(), claims, now, rec.ExpiresAt); err != nil {
			return err
		}
		if in.ReplacesKeyID != nil {
			if envs, err = environmentsOf(ctx, tx, subscription.ApplicationID(app.ID)); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, v.OrgID, "apikey.generate", "Application", app.ID.String(),
			map[string]any{"keyType": in.KeyType, "apiKey": rec.ID, "replaces": in.ReplacesKeyID})
	})
	if err != nil {
		return nil, err
	}
	s.announce(ctx, envs, "apikey")
	return &NewAPIKey{Record: rec.Unwrap(), Key: key}, nil
}

// revokeKey sets when k stops working; an earlier revocation stands.
func revokeKey(ctx context.Context, tx *ent.Tx, k *ent.APIKey, at time.Time) error {
	if k.RevokedAt != nil && !k.RevokedAt.After(at) {
		return nil
	}
	return tx.APIKey.UpdateOne(k).SetRevokedAt(at).Exec(ctx)
}

// RevokeAPIKey stops one of the viewer's API keys, after grace.
func (s *Service) RevokeAPIKey(ctx context.Context, id uuid.UUID, grace time.Duration) (*ent.APIKey, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if grace < 0 || grace > MaxRotationGrace {
		return nil, errs.Field("graceSeconds", "the grace period is 0 to 30 days")
	}
	var envs []string
	var rec *ent.APIKey
	err = s.tx(ctx, func(tx *ent.Tx) error {
		k, err := tx.APIKey.Query().Where(apikey.ID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "API key %s not found", id)
		} else if err != nil {
			return err
		}
		if _, err := ownedApplication(ctx, tx, v, k.ApplicationID); errs.KindOf(err) == errs.NotFound {
			return errs.E(errs.NotFound, "API key %s not found", id)
		} else if err != nil {
			return err
		}
		if err := revokeKey(ctx, tx, k, s.now().UTC().Add(grace)); err != nil {
			return err
		}
		if rec, err = tx.APIKey.Get(ctx, id); err != nil {
			return err
		}
		if envs, err = environmentsOf(ctx, tx, subscription.ApplicationID(k.ApplicationID)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "apikey.revoke", "Application", k.ApplicationID.String(),
			map[string]any{"apiKey": id, "graceSeconds": int(grace.Seconds())})
	})
	if err != nil {
		return nil, err
	}
	s.announce(ctx, envs, "apikey")
	return rec.Unwrap(), nil
}

// APIKeys lists an application's API keys, newest first, for those who
// reach the application (see Access).
func (s *Service) APIKeys(ctx context.Context, appID uuid.UUID) ([]*ent.APIKey, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	reach, err := tenancy.ApplicationReach(ctx, s.client, v)
	if err != nil {
		return nil, err
	}
	q := s.client.APIKey.Query().Where(apikey.ApplicationID(appID), apikey.HasApplicationWith(reach))
	return q.Order(ent.Desc(apikey.FieldCreatedAt)).All(ctx)
}
