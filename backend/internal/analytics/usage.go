package analytics

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

// UsageWindow is the last day a subscription's usage covers.
const UsageWindow = 24 * time.Hour

// Usage is what one subscription used, as the gateways reported it.
type Usage struct {
	From, To         time.Time
	Requests, Errors int
	// Quota is the tier's requests per QuotaPeriod; 0 when unlimited.
	Quota       int
	QuotaPeriod time.Duration
	// Remaining estimates the calls the quota still admits now, or -1 when
	// it cannot be told (unlimited tier, or a window the rollups cannot
	// resolve); see SubscriptionUsage.
	Remaining int
	// WindowRequests are the admitted calls the estimate counted.
	WindowRequests int
}

// SubscriptionUsage reports a subscription's calls and errors over the last
// day, and an estimate of its remaining quota. The estimate applies the
// gateway limiter's sliding window (this fixed window's calls plus the
// previous window's weighted by how much of it still counts) to the
// admitted calls in the analytics rollups: it lags the gateways by the
// analytics flush interval and is whole-minute grained, so it is labelled
// an estimate; the limiter's own counters live in each gateway (or Redis)
// and are the authority. Only the application's owner, or the
// organization's publishers and admins, may ask.
func (q *Queries) SubscriptionUsage(ctx context.Context, subID uuid.UUID) (*Usage, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	sub, err := q.client.Subscription.Query().Where(subscription.ID(subID)).WithApplication().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "subscription %s not found", subID)
	}
	if err != nil {
		return nil, err
	}
	app := sub.Edges.Application
	mine := app.OwnerID == v.UserID
	staff := v.Can(viewer.AnalyticsView) && app.OrganizationID == v.OrgID
	if !mine && !staff {
		return nil, errs.E(errs.NotFound, "subscription %s not found", subID)
	}
	now := time.Now().UTC()
	f := Filter{From: now.Add(-UsageWindow), To: now, APIID: sub.APIID.String(), ApplicationID: app.ID.String()}
	day, err := q.Traffic(ctx, f)
	if err != nil {
		return nil, err
	}
	u := &Usage{From: day.From, To: day.To, Requests: day.Requests, Errors: day.Errors, Remaining: -1}
	tier, err := q.client.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(app.OrganizationID),
		throttlingtier.LevelEQ(throttlingtier.LevelSUBSCRIPTION), throttlingtier.Name(sub.ThrottlingTier)).Only(ctx)
	if ent.IsNotFound(err) {
		return u, nil
	}
	if err != nil {
		return nil, err
	}
	u.Quota, u.QuotaPeriod = int(tier.RequestCount), time.Duration(tier.UnitSeconds)*time.Second
	// The rollups resolve whole minutes: shorter or ragged windows get no estimate.
	if u.Quota <= 0 || u.QuotaPeriod < time.Minute || u.QuotaPeriod%time.Minute != 0 || u.QuotaPeriod > 24*time.Hour {
		return u, nil
	}
	start := now.Truncate(u.QuotaPeriod)
	admitted := func(from, to time.Time) (int, error) {
		if !from.Before(to) {
			return 0, nil
		}
		f.From, f.To = from, to
		s, err := q.Traffic(ctx, f)
		if err != nil {
			return 0, err
		}
		return s.Requests - s.Throttled, nil
	}
	curr, err := admitted(start, now)
	if err != nil {
		return nil, err
	}
	prev, err := admitted(start.Add(-u.QuotaPeriod), start)
	if err != nil {
		return nil, err
	}
	weight := 1 - float64(now.Sub(start))/float64(u.QuotaPeriod)
	used := curr + int(float64(prev)*weight)
	u.WindowRequests = used
	u.Remaining = max(0, u.Quota-used)
	return u, nil
}
