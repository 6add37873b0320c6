package graph

import (
	"errors"

	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/backend/internal/traffic"
	"github.com/gatehouse/gatehouse/ent/denypolicy"
	"github.com/gatehouse/gatehouse/gateway/config"
)

var errNoTraffic = errors.New("the traffic manager is not configured")

// WithTraffic adds the Traffic Manager's administration.
func (r *Resolver) WithTraffic(t *traffic.Service) *Resolver {
	r.trafficSvc = t
	return r
}

func (r *Resolver) trafficService() (*traffic.Service, error) {
	if r.trafficSvc == nil {
		return nil, errNoTraffic
	}
	return r.trafficSvc, nil
}

func tierInput(in model.ThrottlingTierInput) traffic.TierInput {
	t := traffic.TierInput{
		Level: in.Level, Name: in.Name, DisplayName: deref(in.DisplayName), Description: deref(in.Description),
		QuotaType: deref(in.QuotaType), RequestCount: int64(deref(in.RequestCount)), DataAmountKiB: int64(deref(in.DataAmountKib)),
		UnitSeconds: deref(in.UnitSeconds), CalendarUnit: deref(in.CalendarUnit), BurstLimit: int64(deref(in.BurstLimit)),
		StopOnQuotaReach: in.StopOnQuotaReach == nil || *in.StopOnQuotaReach, RequiresApproval: deref(in.RequiresApproval),
	}
	if t.UnitSeconds == 0 {
		t.UnitSeconds = 60
	}
	for _, g := range in.ConditionGroups {
		cg := config.ConditionGroup{Description: deref(g.Description), RequestCount: int64(g.RequestCount), UnitSeconds: g.UnitSeconds}
		for _, c := range g.Conditions {
			cg.Conditions = append(cg.Conditions, config.Condition{Type: c.Type, Name: deref(c.Name), Value: c.Value,
				Regex: deref(c.Regex), Invert: deref(c.Invert)})
		}
		t.ConditionGroups = append(t.ConditionGroups, cg)
	}
	return t
}

func conditionGroups(gs []config.ConditionGroup) []*model.ConditionGroup {
	out := make([]*model.ConditionGroup, 0, len(gs))
	for _, g := range gs {
		mg := &model.ConditionGroup{Description: g.Description, RequestCount: int(g.RequestCount), UnitSeconds: g.UnitSeconds,
			Conditions: make([]*model.ThrottleCondition, 0, len(g.Conditions))}
		for _, c := range g.Conditions {
			mg.Conditions = append(mg.Conditions, &model.ThrottleCondition{Type: c.Type, Name: c.Name, Value: c.Value, Regex: c.Regex, Invert: c.Invert})
		}
		out = append(out, mg)
	}
	return out
}

func denyInput(in model.DenyPolicyInput) traffic.DenyInput {
	return traffic.DenyInput{ConditionType: denypolicy.ConditionType(in.ConditionType), Value: in.Value,
		Description: deref(in.Description), Enabled: in.Enabled == nil || *in.Enabled}
}
