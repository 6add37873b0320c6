package graph

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/analytics"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/alertrule"
)

func trafficOf(s *analytics.Summary) *model.TrafficSummary {
	counts := func(cs []analytics.Count) []*model.TrafficCount {
		out := make([]*model.TrafficCount, len(cs))
		for i, c := range cs {
			out[i] = &model.TrafficCount{Key: c.Key, Name: c.Name, Requests: c.Requests, Errors: c.Errors}
		}
		return out
	}
	gran := "MINUTE"
	if s.Granularity == analytics.Hour {
		gran = "HOUR"
	}
	t := &model.TrafficSummary{
		From: s.From, To: s.To, BucketSeconds: int(s.Bucket.Seconds()), Granularity: gran,
		Requests: s.Requests, Errors: s.Errors, Throttled: s.Throttled, P50: s.P50, P95: s.P95, P99: s.P99,
		Series:  make([]*model.TrafficPoint, len(s.Series)),
		TopAPIs: counts(s.TopAPIs), TopApplications: counts(s.TopApplications), ErrorsByType: counts(s.ByErr),
		TopUsers: counts(s.TopUsers), TopResources: counts(s.TopResources), TopCountries: counts(s.TopCountries),
	}
	for i, p := range s.Series {
		t.Series[i] = &model.TrafficPoint{Time: p.Time, Requests: p.Requests, Errors: p.Errors,
			P50: p.P50, P95: p.P95, P99: p.P99,
			RequestBytes: float64(p.RequestBytes), ResponseBytes: float64(p.ResponseBytes)}
	}
	return t
}

// WithAlerts gives the resolver the alert rules service.
func (r *Resolver) WithAlerts(a *analytics.Alerts) *Resolver {
	r.alerts = a
	return r
}

func (r *Resolver) alertService() (*analytics.Alerts, error) {
	if r.alerts == nil {
		return nil, errs.E(errs.Internal, "alerts are not configured")
	}
	return r.alerts, nil
}

func ruleInputOf(in model.AlertInput) analytics.RuleInput {
	ri := analytics.RuleInput{
		Name: in.Name, Metric: alertrule.Metric(strings.ToLower(string(in.Metric))),
		Scope: alertrule.Scope(strings.ToLower(string(in.Scope))), TargetID: in.TargetID,
		Threshold: in.Threshold, WindowSeconds: in.WindowSeconds, Enabled: true,
	}
	if in.WebhookURL != nil {
		ri.WebhookURL = *in.WebhookURL
	}
	if in.Enabled != nil {
		ri.Enabled = *in.Enabled
	}
	return ri
}

// historyLength is how many state changes an alert shows.
const historyLength = 20

func (r *Resolver) alertOf(ctx context.Context, a *analytics.Alerts, rule *ent.AlertRule) (*model.Alert, error) {
	target, _ := uuid.Parse(rule.TargetID)
	m := &model.Alert{
		ID: rule.ID, Name: rule.Name, Metric: model.AlertMetric(strings.ToUpper(string(rule.Metric))),
		Scope: model.AlertScope(strings.ToUpper(string(rule.Scope))), TargetID: target,
		TargetName: a.TargetName(ctx, rule), Threshold: rule.Threshold, WindowSeconds: rule.WindowSeconds,
		WebhookURL: rule.WebhookURL, Enabled: rule.Enabled, State: model.AlertState(strings.ToUpper(string(rule.State))),
		LastValue: rule.LastValue, LastEvaluatedAt: rule.LastEvaluatedAt, History: []*model.AlertStateChange{},
	}
	events, err := a.History(ctx, rule, historyLength)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		m.History = append(m.History, &model.AlertStateChange{
			ID: e.ID, State: strings.ToUpper(string(e.State)), Value: e.Value, Threshold: e.Threshold, At: e.At,
			Delivery: strings.ToUpper(string(e.Delivery)), Attempts: e.Attempts, LastError: e.LastError,
		})
	}
	return m, nil
}
