package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/alertevent"
	"github.com/gatehouse/gatehouse/ent/alertrule"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/application"
)

// Alert windows: at least a minute (the rollups' resolution), at most a day.
const (
	minWindow = time.Minute
	maxWindow = 24 * time.Hour
)

// RuleInput is what an admin writes about an alert rule.
type RuleInput struct {
	Name          string
	Metric        alertrule.Metric
	Scope         alertrule.Scope
	TargetID      uuid.UUID
	Threshold     float64
	WindowSeconds int
	WebhookURL    string
	Enabled       bool
}

// Alerts manages alert rules (admins of an organization) and evaluates them
// on the minute rollups.
type Alerts struct {
	client  *ent.Client
	db      *sql.DB
	dialect string
	log     *slog.Logger
	hook    *Webhook
	wg      sync.WaitGroup
	now     func() time.Time
}

// NewAlerts returns the alert service over st, delivering through hook.
func NewAlerts(st *store.Store, hook *Webhook, log *slog.Logger) *Alerts {
	return &Alerts{client: st.Client, db: st.DB, dialect: st.Dialect, hook: hook, log: log, now: time.Now}
}

// Rules lists the admin's organization's rules, by name.
func (a *Alerts) Rules(ctx context.Context) ([]*ent.AlertRule, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return nil, err
	}
	return a.client.AlertRule.Query().Where(alertrule.OrganizationID(v.OrgID)).Order(ent.Asc(alertrule.FieldName)).All(ctx)
}

// History is a rule's latest state changes, newest first.
func (a *Alerts) History(ctx context.Context, r *ent.AlertRule, limit int) ([]*ent.AlertEvent, error) {
	return a.client.AlertEvent.Query().Where(alertevent.RuleID(r.ID)).
		Order(ent.Desc(alertevent.FieldAt)).Limit(limit).All(ctx)
}

// TargetName is the name of the API or application a rule watches.
func (a *Alerts) TargetName(ctx context.Context, r *ent.AlertRule) string {
	id, err := uuid.Parse(r.TargetID)
	if err != nil {
		return ""
	}
	if r.Scope == alertrule.ScopeAPI {
		if x, err := a.client.API.Get(ctx, id); err == nil {
			return x.Name + " " + x.Version
		}
		return ""
	}
	if x, err := a.client.Application.Get(ctx, id); err == nil {
		return x.Name
	}
	return ""
}

// Create adds a rule.
func (a *Alerts) Create(ctx context.Context, in RuleInput) (*ent.AlertRule, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return nil, err
	}
	if err := a.validate(ctx, v, in); err != nil {
		return nil, err
	}
	return a.client.AlertRule.Create().SetOrganizationID(v.OrgID).SetName(strings.TrimSpace(in.Name)).
		SetMetric(in.Metric).SetScope(in.Scope).SetTargetID(in.TargetID.String()).SetThreshold(in.Threshold).
		SetWindowSeconds(in.WindowSeconds).SetWebhookURL(strings.TrimSpace(in.WebhookURL)).SetEnabled(in.Enabled).
		Save(ctx)
}

// Update changes a rule; a changed rule starts over as OK.
func (a *Alerts) Update(ctx context.Context, id uuid.UUID, in RuleInput) (*ent.AlertRule, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return nil, err
	}
	r, err := a.get(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if err := a.validate(ctx, v, in); err != nil {
		return nil, err
	}
	return r.Update().SetName(strings.TrimSpace(in.Name)).SetMetric(in.Metric).SetScope(in.Scope).
		SetTargetID(in.TargetID.String()).SetThreshold(in.Threshold).SetWindowSeconds(in.WindowSeconds).
		SetWebhookURL(strings.TrimSpace(in.WebhookURL)).SetEnabled(in.Enabled).
		SetState(alertrule.StateOk).SetLastValue(0).ClearLastEvaluatedAt().Save(ctx)
}

// Delete removes a rule and its history.
func (a *Alerts) Delete(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return err
	}
	if _, err := a.get(ctx, v, id); err != nil {
		return err
	}
	return store.WithTx(ctx, a.client, func(tx *ent.Tx) error {
		if _, err := tx.AlertEvent.Delete().Where(alertevent.RuleID(id)).Exec(ctx); err != nil {
			return err
		}
		return tx.AlertRule.DeleteOneID(id).Exec(ctx)
	})
}

func (a *Alerts) get(ctx context.Context, v *viewer.Viewer, id uuid.UUID) (*ent.AlertRule, error) {
	r, err := a.client.AlertRule.Query().Where(alertrule.ID(id), alertrule.OrganizationID(v.OrgID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "no alert rule %s", id)
	}
	return r, err
}

func (a *Alerts) validate(ctx context.Context, v *viewer.Viewer, in RuleInput) error {
	if strings.TrimSpace(in.Name) == "" {
		return errs.Field("name", "a name is required")
	}
	if len(in.Name) > 100 {
		return errs.Field("name", "at most 100 characters")
	}
	if err := alertrule.MetricValidator(in.Metric); err != nil {
		return errs.Field("metric", "unknown metric %q", in.Metric)
	}
	if err := alertrule.ScopeValidator(in.Scope); err != nil {
		return errs.Field("scope", "unknown scope %q", in.Scope)
	}
	if math.IsNaN(in.Threshold) || math.IsInf(in.Threshold, 0) || in.Threshold < 0 {
		return errs.Field("threshold", "the threshold must be zero or more")
	}
	if (in.Metric == alertrule.MetricErrorRate || in.Metric == alertrule.MetricTrafficDrop) && in.Threshold > 100 {
		return errs.Field("threshold", "a percentage is at most 100")
	}
	w := time.Duration(in.WindowSeconds) * time.Second
	if w < minWindow || w > maxWindow {
		return errs.Field("windowSeconds", "the window must be between 60 seconds and 24 hours")
	}
	if u := strings.TrimSpace(in.WebhookURL); u != "" {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return errs.Field("webhookURL", "the webhook must be an http or https URL")
		}
	}
	var found bool
	var err error
	if in.Scope == alertrule.ScopeAPI {
		found, err = a.client.API.Query().Where(api.ID(in.TargetID), api.OrganizationID(v.OrgID)).Exist(ctx)
	} else {
		found, err = a.client.Application.Query().Where(application.ID(in.TargetID), application.OrganizationID(v.OrgID)).Exist(ctx)
	}
	if err != nil {
		return err
	}
	if !found {
		return errs.Field("targetID", "no such %s in this organization", strings.ToLower(string(in.Scope)))
	}
	return nil
}

// Run evaluates every enabled rule each interval until ctx ends, then waits
// for webhook deliveries under way.
func (a *Alerts) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := a.Evaluate(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("evaluate alerts", "err", err)
		}
		select {
		case <-ctx.Done():
			a.wg.Wait()
			return
		case <-t.C:
		}
	}
}

// Wait returns when the webhook deliveries started so far have ended.
func (a *Alerts) Wait() { a.wg.Wait() }

// Evaluate checks every enabled rule once, recording state changes and
// sending their webhooks in the background.
func (a *Alerts) Evaluate(ctx context.Context) error {
	rules, err := a.client.AlertRule.Query().Where(alertrule.Enabled(true)).All(ctx)
	if err != nil {
		return err
	}
	now := a.now().UTC()
	var problems []error
	for _, r := range rules {
		value, err := a.measure(ctx, r, now)
		if err != nil {
			problems = append(problems, fmt.Errorf("rule %s: %w", r.ID, err))
			continue
		}
		firing := value > r.Threshold
		state := alertrule.StateOk
		if firing {
			state = alertrule.StateFiring
		}
		var change *ent.AlertEvent
		err = store.WithTx(ctx, a.client, func(tx *ent.Tx) error {
			if err := tx.AlertRule.UpdateOne(r).SetState(state).SetLastValue(value).SetLastEvaluatedAt(now).Exec(ctx); err != nil {
				return err
			}
			if state == r.State {
				return nil
			}
			ev := tx.AlertEvent.Create().SetRuleID(r.ID).SetValue(value).SetThreshold(r.Threshold).SetAt(now).
				SetState(alertevent.StateResolved)
			if firing {
				ev.SetState(alertevent.StateFiring)
			}
			if r.WebhookURL != "" {
				ev.SetDelivery(alertevent.DeliveryPending)
			}
			change, err = ev.Save(ctx)
			return err
		})
		if err != nil {
			problems = append(problems, fmt.Errorf("rule %s: %w", r.ID, err))
			continue
		}
		if change != nil && r.WebhookURL != "" && a.hook != nil {
			a.wg.Add(1)
			go func() {
				defer a.wg.Done()
				a.deliver(context.WithoutCancel(ctx), r, change)
			}()
		}
	}
	return errors.Join(problems...)
}

// measure is the rule's metric over its window ending at now.
func (a *Alerts) measure(ctx context.Context, r *ent.AlertRule, now time.Time) (float64, error) {
	window := time.Duration(r.WindowSeconds) * time.Second
	w := where{dia: a.dialect}
	w.eq("organization_id", r.OrganizationID.String())
	if r.Scope == alertrule.ScopeAPI {
		w.eq("api_id", r.TargetID)
	} else {
		w.eq("application_id", r.TargetID)
	}
	switch r.Metric {
	case alertrule.MetricErrorRate:
		reqs, errsN, _, err := a.window(ctx, w, now.Add(-window), now)
		if err != nil || reqs == 0 {
			return 0, err
		}
		return 100 * float64(errsN) / float64(reqs), nil
	case alertrule.MetricP95Latency:
		_, _, h, err := a.window(ctx, w, now.Add(-window), now)
		return h.Percentile(0.95), err
	case alertrule.MetricTrafficDrop:
		cur, _, _, err := a.window(ctx, w, now.Add(-window), now)
		if err != nil {
			return 0, err
		}
		prev, _, _, err := a.window(ctx, w, now.Add(-2*window), now.Add(-window))
		if err != nil || prev == 0 || cur >= prev {
			return 0, err
		}
		return 100 * float64(prev-cur) / float64(prev), nil
	}
	return 0, fmt.Errorf("unknown metric %q", r.Metric)
}

// window sums the minute rollups whose bucket starts in [from, to).
func (a *Alerts) window(ctx context.Context, w where, from, to time.Time) (reqs, errors int64, h Hist, err error) {
	w.ge("bucket", from.Truncate(Minute).Unix())
	w.lt("bucket", to.Unix())
	cond, args := w.sql()
	cols := "COALESCE(SUM(requests), 0), COALESCE(SUM(errors), 0)"
	for i := range histBuckets {
		cols += fmt.Sprintf(", COALESCE(SUM(h%02d), 0)", i)
	}
	dest := []any{&reqs, &errors}
	for i := range h {
		dest = append(dest, &h[i])
	}
	err = a.db.QueryRowContext(ctx, "SELECT "+cols+" FROM "+minuteTable+" WHERE "+cond, args...).Scan(dest...)
	return reqs, errors, h, err
}

// AlertPayload is the JSON body a webhook receives on each state change.
type AlertPayload struct {
	RuleID        string    `json:"ruleId"`
	Rule          string    `json:"rule"`
	Metric        string    `json:"metric"`
	Scope         string    `json:"scope"`
	TargetID      string    `json:"targetId"`
	State         string    `json:"state"`
	Value         float64   `json:"value"`
	Threshold     float64   `json:"threshold"`
	WindowSeconds int       `json:"windowSeconds"`
	At            time.Time `json:"at"`
}

// deliver sends one state change and records what became of it.
func (a *Alerts) deliver(ctx context.Context, r *ent.AlertRule, ev *ent.AlertEvent) {
	p := AlertPayload{
		RuleID: r.ID.String(), Rule: r.Name, Metric: string(r.Metric), Scope: string(r.Scope), TargetID: r.TargetID,
		State: string(ev.State), Value: ev.Value, Threshold: ev.Threshold, WindowSeconds: r.WindowSeconds, At: ev.At,
	}
	attempts, err := a.hook.Send(ctx, r.WebhookURL, ev.ID.String(), p)
	upd := a.client.AlertEvent.UpdateOne(ev).SetAttempts(attempts).SetDelivery(alertevent.DeliveryDelivered).SetLastError("")
	if err != nil {
		a.log.Warn("alert webhook failed", "rule", r.ID, "url", r.WebhookURL, "attempts", attempts, "err", err)
		upd.SetDelivery(alertevent.DeliveryFailed).SetLastError(truncate(err.Error(), 500))
	}
	if err := upd.Exec(ctx); err != nil {
		a.log.Warn("record alert delivery", "err", err)
	}
}
