package gatewaysync

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/denypolicy"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// PoliciesChanged pushes new snapshots to every environment (a throttling
// tier, deny policy or quota reset changed).
func (s *Service) PoliciesChanged(ctx context.Context) {
	names, err := s.client.Environment.Query().Select("name").Strings(ctx)
	if err != nil {
		s.log.Error("config event: list environments", "err", err)
		return
	}
	for _, n := range names {
		s.EnvironmentChanged(ctx, n, "policies")
	}
}

// tierConfig is a tier as gateways see it.
func tierConfig(t *ent.ThrottlingTier) config.Tier {
	return config.Tier{
		OrganizationID: t.OrganizationID.String(), Level: t.Level.String(), Name: t.Name,
		RequestCount: t.RequestCount, UnitSeconds: t.UnitSeconds, BurstLimit: t.BurstLimit,
		QuotaType: t.QuotaType.String(), DataAmountKiB: t.DataAmountKib, Calendar: t.CalendarUnit.String(),
		AllowAndBill: !t.StopOnQuotaReach, ConditionGroups: t.ConditionGroups,
	}
}

// addPolicies puts the deny policies of the organizations serving APIs
// here, and the applications with an application tier or a quota reset,
// into snap.
func (s *Service) addPolicies(ctx context.Context, snap *config.Snapshot, orgIDs []uuid.UUID, appIDs []uuid.UUID) error {
	deny, err := s.client.DenyPolicy.Query().
		Where(denypolicy.OrganizationIDIn(orgIDs...), denypolicy.Enabled(true)).All(ctx)
	if err != nil {
		return fmt.Errorf("deny policies: %w", err)
	}
	for _, d := range deny {
		snap.DenyPolicies = append(snap.DenyPolicies, config.DenyPolicy{
			OrganizationID: d.OrganizationID.String(), Type: d.ConditionType.String(), Value: d.Value})
	}
	apps, err := s.client.Application.Query().Where(application.IDIn(appIDs...),
		application.Or(application.ThrottlingTierNEQ("Unlimited"), application.QuotaResetAtNotNil())).All(ctx)
	if err != nil {
		return fmt.Errorf("applications: %w", err)
	}
	for _, a := range apps {
		ca := config.Application{ID: a.ID.String(), OrganizationID: a.OrganizationID.String()}
		if a.ThrottlingTier != "Unlimited" {
			ca.Tier = a.ThrottlingTier
		}
		if a.QuotaResetAt != nil {
			ca.QuotaResetAt = a.QuotaResetAt.UnixMilli()
		}
		snap.Applications = append(snap.Applications, ca)
	}
	return nil
}
