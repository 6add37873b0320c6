// Package traffic is the Traffic Manager's administration: throttling
// tiers (subscription, application and API level, with conditions), deny
// policies and quota resets. Gateways enforce what it stores; every change
// is announced so they pick it up.
package traffic

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/denypolicy"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Notifier tells gateways that policies changed.
type Notifier interface {
	PoliciesChanged(ctx context.Context)
}

// Service administers throttling and deny policies.
type Service struct {
	client *ent.Client
	notify Notifier
	now    func() time.Time
}

// NewService returns the traffic service.
func NewService(client *ent.Client, notify Notifier) *Service {
	return &Service{client: client, notify: notify, now: time.Now}
}

// TierInput is a throttling tier as an admin writes it.
type TierInput struct {
	Level            throttlingtier.Level
	Name             string
	DisplayName      string
	Description      string
	QuotaType        throttlingtier.QuotaType
	RequestCount     int64
	DataAmountKiB    int64
	UnitSeconds      int
	CalendarUnit     throttlingtier.CalendarUnit
	BurstLimit       int64
	StopOnQuotaReach bool
	RequiresApproval bool
	ConditionGroups  []config.ConditionGroup
}

var tierName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$`)

// maxUnitSeconds bounds a sliding window to a year.
const maxUnitSeconds = 366 * 24 * 3600

// Validate checks a tier and fills the defaults; errors name the field.
func (in *TierInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if !tierName.MatchString(in.Name) {
		return errs.Field("name", "a name is 1-64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit")
	}
	if err := throttlingtier.LevelValidator(in.Level); err != nil {
		return errs.Field("level", "level must be SUBSCRIPTION, APPLICATION or API")
	}
	if in.QuotaType == "" {
		in.QuotaType = throttlingtier.QuotaTypeREQUEST_COUNT
	}
	if in.CalendarUnit == "" {
		in.CalendarUnit = throttlingtier.CalendarUnitNONE
	}
	if len(in.Description) > 1000 || len(in.DisplayName) > 200 {
		return errs.Field("description", "the display name is at most 200 characters and the description at most 1000")
	}
	switch in.QuotaType {
	case throttlingtier.QuotaTypeREQUEST_COUNT:
		if in.RequestCount < 0 {
			return errs.Field("requestCount", "the request count cannot be negative (0 means unlimited)")
		}
		in.DataAmountKiB = 0
	case throttlingtier.QuotaTypeBANDWIDTH:
		if in.DataAmountKiB <= 0 {
			return errs.Field("dataAmountKib", "a bandwidth tier needs a positive amount of KiB")
		}
		in.RequestCount = 0
	default:
		return errs.Field("quotaType", "quota type must be REQUEST_COUNT or BANDWIDTH")
	}
	switch in.CalendarUnit {
	case throttlingtier.CalendarUnitNONE:
		if in.UnitSeconds < 1 || in.UnitSeconds > maxUnitSeconds {
			return errs.Field("unitSeconds", "the time unit is 1 second to 366 days")
		}
	case throttlingtier.CalendarUnitDAY:
		in.UnitSeconds = 24 * 3600
	case throttlingtier.CalendarUnitMONTH:
		in.UnitSeconds = 31 * 24 * 3600
	default:
		return errs.Field("calendarUnit", "calendar unit must be NONE, DAY or MONTH")
	}
	if in.BurstLimit < 0 || in.BurstLimit > 1_000_000 {
		return errs.Field("burstLimit", "the burst limit is 0 (none) to 1,000,000 requests a second")
	}
	if in.BurstLimit > 0 && in.RequestCount > 0 && in.UnitSeconds <= 1 && in.BurstLimit > in.RequestCount {
		return errs.Field("burstLimit", "the burst limit cannot exceed the tier's own per-second quota")
	}
	if in.Level != throttlingtier.LevelSUBSCRIPTION {
		if in.RequiresApproval {
			return errs.Field("requiresApproval", "only subscription tiers can require approval")
		}
		if !in.StopOnQuotaReach {
			return errs.Field("stopOnQuotaReach", "only subscription tiers can allow and bill calls over the quota")
		}
	}
	if len(in.ConditionGroups) > 0 && in.Level != throttlingtier.LevelAPI {
		return errs.Field("conditionGroups", "only API-level tiers have condition groups")
	}
	if len(in.ConditionGroups) > 20 {
		return errs.Field("conditionGroups", "at most 20 condition groups")
	}
	for i := range in.ConditionGroups {
		g := &in.ConditionGroups[i]
		for j := range g.Conditions {
			c := &g.Conditions[j]
			c.Name = strings.TrimSpace(c.Name)
			if c.Type == config.CondIPRange {
				if p, err := config.ParsePrefix(c.Value); err == nil {
					c.Value = p.String()
				}
			}
		}
		if err := g.Validate(); err != nil {
			return errs.Field("conditionGroups", "condition group %d: %v", i+1, err)
		}
	}
	return nil
}

// Tiers lists the organization's tiers, of one level or all (admins).
func (s *Service) Tiers(ctx context.Context, level *throttlingtier.Level) ([]*ent.ThrottlingTier, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return nil, err
	}
	q := s.client.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(v.OrgID))
	if level != nil {
		q.Where(throttlingtier.LevelEQ(*level))
	}
	return q.Order(ent.Asc(throttlingtier.FieldLevel), ent.Asc(throttlingtier.FieldName)).All(ctx)
}

// CreateTier adds a tier to the organization (admins).
func (s *Service) CreateTier(ctx context.Context, in TierInput) (*ent.ThrottlingTier, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var t *ent.ThrottlingTier
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if err := nameFree(ctx, tx, v.OrgID, in.Level, in.Name, uuid.Nil); err != nil {
			return err
		}
		t, err = tx.ThrottlingTier.Create().SetOrganizationID(v.OrgID).SetLevel(in.Level).SetName(in.Name).
			SetDisplayName(in.DisplayName).SetDescription(in.Description).SetQuotaType(in.QuotaType).
			SetRequestCount(in.RequestCount).SetDataAmountKib(in.DataAmountKiB).SetUnitSeconds(in.UnitSeconds).
			SetCalendarUnit(in.CalendarUnit).SetBurstLimit(in.BurstLimit).SetStopOnQuotaReach(in.StopOnQuotaReach).
			SetRequiresApproval(in.RequiresApproval).SetConditionGroups(fieldtype.ConditionGroups(in.ConditionGroups)).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "tier.create", "ThrottlingTier", t.ID.String(), map[string]string{"level": in.Level.String(), "name": in.Name})
	})
	if err != nil {
		return nil, fmt.Errorf("create tier: %w", err)
	}
	s.notify.PoliciesChanged(ctx)
	return t.Unwrap(), nil
}

// UpdateTier changes a tier (admins). The level cannot change, and a tier
// in use cannot be renamed: subscriptions, applications and resources
// refer to it by name.
func (s *Service) UpdateTier(ctx context.Context, id uuid.UUID, in TierInput) (*ent.ThrottlingTier, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var t *ent.ThrottlingTier
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		if t, err = s.tier(ctx, tx, v.OrgID, id); err != nil {
			return err
		}
		if t.Level != in.Level {
			return errs.Field("level", "a tier's level cannot change; create a new tier instead")
		}
		if t.Name != in.Name {
			if err := nameFree(ctx, tx, v.OrgID, in.Level, in.Name, id); err != nil {
				return err
			}
			if use, err := usage(ctx, tx, t); err != nil {
				return err
			} else if use != "" {
				return &errs.Error{Kind: errs.Conflict, Field: "name", Message: fmt.Sprintf("tier %q cannot be renamed: %s", t.Name, use)}
			}
		}
		t, err = t.Update().SetName(in.Name).
			SetDisplayName(in.DisplayName).SetDescription(in.Description).SetQuotaType(in.QuotaType).
			SetRequestCount(in.RequestCount).SetDataAmountKib(in.DataAmountKiB).SetUnitSeconds(in.UnitSeconds).
			SetCalendarUnit(in.CalendarUnit).SetBurstLimit(in.BurstLimit).SetStopOnQuotaReach(in.StopOnQuotaReach).
			SetRequiresApproval(in.RequiresApproval).SetConditionGroups(fieldtype.ConditionGroups(in.ConditionGroups)).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "tier.update", "ThrottlingTier", id.String(), map[string]string{"name": in.Name})
	})
	if err != nil {
		return nil, fmt.Errorf("update tier: %w", err)
	}
	s.notify.PoliciesChanged(ctx)
	return t.Unwrap(), nil
}

// DeleteTier removes a tier nothing refers to (admins); a tier in use is a
// CONFLICT that says what uses it.
func (s *Service) DeleteTier(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return err
	}
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		t, err := s.tier(ctx, tx, v.OrgID, id)
		if err != nil {
			return err
		}
		if use, err := usage(ctx, tx, t); err != nil {
			return err
		} else if use != "" {
			return errs.E(errs.Conflict, "tier %q is in use and cannot be deleted: %s", t.Name, use)
		}
		if err := tx.ThrottlingTier.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "tier.delete", "ThrottlingTier", id.String(), map[string]string{"name": t.Name})
	})
	if err != nil {
		return fmt.Errorf("delete tier: %w", err)
	}
	s.notify.PoliciesChanged(ctx)
	return nil
}

func (s *Service) tier(ctx context.Context, tx *ent.Tx, org, id uuid.UUID) (*ent.ThrottlingTier, error) {
	t, err := tx.ThrottlingTier.Query().Where(throttlingtier.ID(id), throttlingtier.OrganizationID(org)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "tier %s not found", id)
	}
	return t, err
}

func nameFree(ctx context.Context, tx *ent.Tx, org uuid.UUID, level throttlingtier.Level, name string, self uuid.UUID) error {
	taken, err := tx.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(org), throttlingtier.LevelEQ(level),
		throttlingtier.NameEqualFold(name), throttlingtier.IDNEQ(self)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return &errs.Error{Kind: errs.Conflict, Field: "name", Message: fmt.Sprintf("a %s tier named %q already exists", strings.ToLower(level.String()), name)}
	}
	return nil
}

// usage says what refers to a tier by name ("" when nothing does).
func usage(ctx context.Context, tx *ent.Tx, t *ent.ThrottlingTier) (string, error) {
	switch t.Level {
	case throttlingtier.LevelSUBSCRIPTION:
		n, err := tx.Subscription.Query().Where(subscription.ThrottlingTier(t.Name),
			subscription.HasAPIWith(api.OrganizationID(t.OrganizationID))).Count(ctx)
		if err != nil {
			return "", err
		}
		if n > 0 {
			return fmt.Sprintf("%d subscription(s) use it", n), nil
		}
		apis, err := tx.API.Query().Where(api.OrganizationID(t.OrganizationID)).All(ctx)
		if err != nil {
			return "", err
		}
		for _, a := range apis {
			if slices.Contains(a.SubscriptionTiers, t.Name) {
				return fmt.Sprintf("API %s %s offers it", a.Name, a.Version), nil
			}
		}
	case throttlingtier.LevelAPPLICATION:
		n, err := tx.Application.Query().Where(application.ThrottlingTier(t.Name), application.OrganizationID(t.OrganizationID)).Count(ctx)
		if err != nil {
			return "", err
		}
		if n > 0 {
			return fmt.Sprintf("%d application(s) use it", n), nil
		}
	case throttlingtier.LevelAPI:
		n, err := tx.APIOperation.Query().Where(apioperation.ThrottlingTier(t.Name),
			apioperation.HasAPIWith(api.OrganizationID(t.OrganizationID))).Count(ctx)
		if err != nil {
			return "", err
		}
		if n > 0 {
			return fmt.Sprintf("%d API resource(s) use it", n), nil
		}
	}
	return "", nil
}

// DenyInput is a deny policy as an admin writes it.
type DenyInput struct {
	ConditionType denypolicy.ConditionType
	Value         string
	Description   string
	Enabled       bool
}

// validate normalizes the value for its type.
func (s *Service) validateDeny(ctx context.Context, org uuid.UUID, in *DenyInput) error {
	in.Value = strings.TrimSpace(in.Value)
	if len(in.Description) > 1000 {
		return errs.Field("description", "the description is at most 1000 characters")
	}
	switch in.ConditionType {
	case denypolicy.ConditionTypeAPI_CONTEXT:
		c, err := config.NormalizeContext(in.Value)
		if err != nil {
			return errs.Field("value", "%v", err)
		}
		in.Value = c
	case denypolicy.ConditionTypeAPPLICATION:
		id, err := uuid.Parse(in.Value)
		if err != nil {
			return errs.Field("value", "an application is named by its id")
		}
		ok, err := s.client.Application.Query().Where(application.ID(id), application.OrganizationID(org)).Exist(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Field("value", "application %s not found", id)
		}
		in.Value = id.String()
	case denypolicy.ConditionTypeUSER:
		if in.Value == "" || len(in.Value) > 255 {
			return errs.Field("value", "a username is 1-255 characters")
		}
	case denypolicy.ConditionTypeIP_RANGE:
		p, err := config.ParsePrefix(in.Value)
		if err != nil {
			return errs.Field("value", "%v", err)
		}
		in.Value = p.String()
	default:
		return errs.Field("conditionType", "condition type must be API_CONTEXT, APPLICATION, USER or IP_RANGE")
	}
	return nil
}

// DenyPolicies lists the organization's deny policies (admins).
func (s *Service) DenyPolicies(ctx context.Context) ([]*ent.DenyPolicy, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return nil, err
	}
	return s.client.DenyPolicy.Query().Where(denypolicy.OrganizationID(v.OrgID)).
		Order(ent.Asc(denypolicy.FieldConditionType), ent.Asc(denypolicy.FieldValue)).All(ctx)
}

// SaveDenyPolicy creates (id nil) or changes a deny policy (admins).
func (s *Service) SaveDenyPolicy(ctx context.Context, id *uuid.UUID, in DenyInput) (*ent.DenyPolicy, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return nil, err
	}
	if err := s.validateDeny(ctx, v.OrgID, &in); err != nil {
		return nil, err
	}
	var p *ent.DenyPolicy
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		dup := tx.DenyPolicy.Query().Where(denypolicy.OrganizationID(v.OrgID),
			denypolicy.ConditionTypeEQ(in.ConditionType), denypolicy.Value(in.Value))
		if id != nil {
			dup.Where(denypolicy.IDNEQ(*id))
		}
		if taken, err := dup.Exist(ctx); err != nil {
			return err
		} else if taken {
			return &errs.Error{Kind: errs.Conflict, Field: "value", Message: fmt.Sprintf("a deny policy for %s %s already exists", in.ConditionType, in.Value)}
		}
		if id == nil {
			p, err = tx.DenyPolicy.Create().SetOrganizationID(v.OrgID).SetConditionType(in.ConditionType).
				SetValue(in.Value).SetDescription(in.Description).SetEnabled(in.Enabled).Save(ctx)
		} else {
			n, err := tx.DenyPolicy.Update().Where(denypolicy.ID(*id), denypolicy.OrganizationID(v.OrgID)).
				SetConditionType(in.ConditionType).SetValue(in.Value).SetDescription(in.Description).SetEnabled(in.Enabled).Save(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				return errs.E(errs.NotFound, "deny policy %s not found", *id)
			}
			p, err = tx.DenyPolicy.Get(ctx, *id)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "denypolicy.save", "DenyPolicy", p.ID.String(),
			map[string]string{"type": in.ConditionType.String(), "value": in.Value})
	})
	if err != nil {
		return nil, fmt.Errorf("save deny policy: %w", err)
	}
	s.notify.PoliciesChanged(ctx)
	return p.Unwrap(), nil
}

// DeleteDenyPolicy removes a deny policy (admins).
func (s *Service) DeleteDenyPolicy(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return err
	}
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		n, err := tx.DenyPolicy.Delete().Where(denypolicy.ID(id), denypolicy.OrganizationID(v.OrgID)).Exec(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.E(errs.NotFound, "deny policy %s not found", id)
		}
		return audit.Record(ctx, tx, v.OrgID, "denypolicy.delete", "DenyPolicy", id.String(), nil)
	})
	if err != nil {
		return fmt.Errorf("delete deny policy: %w", err)
	}
	s.notify.PoliciesChanged(ctx)
	return nil
}

// ResetApplicationQuota starts an application's quota counters afresh on
// every gateway (admins): the snapshot carries the reset time, and
// gateways count under a new key from then on.
func (s *Service) ResetApplicationQuota(ctx context.Context, appID uuid.UUID) (time.Time, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return time.Time{}, err
	}
	at := s.now().UTC().Truncate(time.Millisecond)
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		n, err := tx.Application.Update().Where(application.ID(appID), application.OrganizationID(v.OrgID)).
			SetQuotaResetAt(at).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("applicationID", "application %s not found", appID)
		}
		return audit.Record(ctx, tx, v.OrgID, "application.quota_reset", "Application", appID.String(), nil)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("reset quota: %w", err)
	}
	s.notify.PoliciesChanged(ctx)
	return at, nil
}
