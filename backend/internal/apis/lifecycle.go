package apis

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/auditlog"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/subscription"
)

// Action is a lifecycle transition a publisher asks for.
type Action string

// The lifecycle actions, named as in WSO2 API Manager.
const (
	Publish           Action = "PUBLISH"
	DeployAsPrototype Action = "DEPLOY_AS_PROTOTYPE"
	DemoteToCreated   Action = "DEMOTE_TO_CREATED"
	Block             Action = "BLOCK"
	Republish         Action = "REPUBLISH"
	Deprecate         Action = "DEPRECATE"
	Retire            Action = "RETIRE"
)

// transitions is the lifecycle: from a state, which action leads where.
// An action missing from a state's row is refused.
var transitions = map[api.LifecycleStatus]map[Action]api.LifecycleStatus{
	api.LifecycleStatusCREATED:    {Publish: api.LifecycleStatusPUBLISHED, DeployAsPrototype: api.LifecycleStatusPROTOTYPED},
	api.LifecycleStatusPROTOTYPED: {Publish: api.LifecycleStatusPUBLISHED, DemoteToCreated: api.LifecycleStatusCREATED},
	api.LifecycleStatusPUBLISHED: {
		Block: api.LifecycleStatusBLOCKED, Deprecate: api.LifecycleStatusDEPRECATED,
		DemoteToCreated: api.LifecycleStatusCREATED, DeployAsPrototype: api.LifecycleStatusPROTOTYPED,
	},
	api.LifecycleStatusBLOCKED:    {Republish: api.LifecycleStatusPUBLISHED, Deprecate: api.LifecycleStatusDEPRECATED},
	api.LifecycleStatusDEPRECATED: {Retire: api.LifecycleStatusRETIRED},
	api.LifecycleStatusRETIRED:    {},
}

// actionOrder lists actions in the order the UI offers them.
var actionOrder = []Action{Publish, DeployAsPrototype, Republish, Block, Deprecate, DemoteToCreated, Retire}

// Actions are the lifecycle actions allowed from status.
func Actions(status api.LifecycleStatus) []Action {
	var out []Action
	for _, a := range actionOrder {
		if _, ok := transitions[status][a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// Next is where action leads from status, and whether it is allowed.
func Next(status api.LifecycleStatus, action Action) (api.LifecycleStatus, bool) {
	to, ok := transitions[status][action]
	return to, ok
}

// LifecycleEvent is one recorded change.
type LifecycleEvent struct {
	From, To api.LifecycleStatus
	Actor    string
	Reason   string
	Time     time.Time
}

type lifecycleDetails struct {
	From   api.LifecycleStatus `json:"from"`
	To     api.LifecycleStatus `json:"to"`
	Reason string              `json:"reason,omitempty"`
}

const lifecycleAuditAction = "api.lifecycle"

// ChangeLifecycle moves an API through its lifecycle and records who, when
// and why. Publishing (or prototyping) needs a deployed revision; retiring
// removes the API from every gateway.
func (s *Service) ChangeLifecycle(ctx context.Context, id uuid.UUID, action Action, reason string) (*ent.API, error) {
	return s.changeLifecycle(ctx, id, action, reason, PublishOptions{RequireResubscription: true})
}

// PublishOptions are what publishing a new version may do to the versions
// before it, as in WSO2.
type PublishOptions struct {
	// DeprecateOlderVersions moves every PUBLISHED version of the API
	// (same context) created before this one to DEPRECATED.
	DeprecateOlderVersions bool
	// RequireResubscription false copies the previous version's
	// subscriptions to this one, so its applications may call it at once.
	RequireResubscription bool
}

// Publish publishes an API (PUBLISH, or REPUBLISH from BLOCKED) with opts.
func (s *Service) Publish(ctx context.Context, id uuid.UUID, reason string, opts PublishOptions) (*ent.API, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	action := Publish
	if a.LifecycleStatus == api.LifecycleStatusBLOCKED {
		action = Republish
	}
	return s.changeLifecycle(ctx, id, action, reason, opts)
}

func (s *Service) changeLifecycle(ctx context.Context, id uuid.UUID, action Action, reason string, opts PublishOptions) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "change lifecycle of API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIPublish)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if len(reason) > 1000 {
		return nil, errs.Field("reason", "the reason is longer than 1000 characters")
	}
	var updated *ent.API
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		to, ok := Next(a.LifecycleStatus, action)
		if !ok {
			return errs.E(errs.Conflict, "a %s API cannot be moved by %s", a.LifecycleStatus, action)
		}
		envs, err = tx.Environment.Query().Where(environment.HasDeploymentsWith(deployment.APIID(id))).
			Select(environment.FieldName).Strings(ctx)
		if err != nil {
			return err
		}
		if (to == api.LifecycleStatusPUBLISHED || to == api.LifecycleStatusPROTOTYPED) && len(envs) == 0 {
			return errs.E(errs.Conflict, "deploy a revision before publishing")
		}
		if to == api.LifecycleStatusPUBLISHED && len(a.SubscriptionTiers) == 0 {
			return &errs.Error{Kind: errs.Conflict, Field: "subscriptionTiers",
				Message: "choose at least one subscription tier the API offers before publishing"}
		}
		if to == api.LifecycleStatusRETIRED {
			if _, err := tx.Deployment.Delete().Where(deployment.APIID(id)).Exec(ctx); err != nil {
				return err
			}
		}
		if updated, err = a.Update().SetLifecycleStatus(to).Save(ctx); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, v.OrgID, lifecycleAuditAction, "API", id.String(),
			lifecycleDetails{From: a.LifecycleStatus, To: to, Reason: reason}); err != nil {
			return err
		}
		if action != Publish {
			return nil
		}
		more, err := s.afterPublish(ctx, tx, v, a, opts)
		envs = append(envs, more...)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Gateways answer for blocked APIs and drop retired ones.
	for _, e := range envs {
		s.notify.EnvironmentChanged(ctx, e, "lifecycle")
	}
	return updated.Unwrap(), nil
}

// afterPublish applies opts once a has been published and returns the
// environments whose gateways must learn of it.
func (s *Service) afterPublish(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, a *ent.API, opts PublishOptions) ([]string, error) {
	var envs []string
	if !opts.RequireResubscription {
		prev, err := tx.API.Query().
			Where(api.Context(a.Context), api.OrganizationID(a.OrganizationID), api.IDNEQ(a.ID), api.CreatedAtLT(a.CreatedAt)).
			Order(ent.Desc(api.FieldCreatedAt)).First(ctx)
		switch {
		case ent.IsNotFound(err):
		case err != nil:
			return nil, err
		default:
			n, err := copySubscriptions(ctx, tx, prev, a)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				if err := audit.Record(ctx, tx, v.OrgID, "api.subscriptions_copied", "API", a.ID.String(),
					map[string]any{"from": prev.Version, "count": n}); err != nil {
					return nil, err
				}
			}
		}
	}
	if opts.DeprecateOlderVersions {
		older, err := tx.API.Query().Where(api.Context(a.Context), api.OrganizationID(a.OrganizationID), api.IDNEQ(a.ID),
			api.CreatedAtLT(a.CreatedAt), api.LifecycleStatusEQ(api.LifecycleStatusPUBLISHED)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range older {
			if err := o.Update().SetLifecycleStatus(api.LifecycleStatusDEPRECATED).Exec(ctx); err != nil {
				return nil, err
			}
			if err := audit.Record(ctx, tx, v.OrgID, lifecycleAuditAction, "API", o.ID.String(), lifecycleDetails{
				From: o.LifecycleStatus, To: api.LifecycleStatusDEPRECATED, Reason: "version " + a.Version + " was published",
			}); err != nil {
				return nil, err
			}
			names, err := tx.Environment.Query().Where(environment.HasDeploymentsWith(deployment.APIID(o.ID))).
				Select(environment.FieldName).Strings(ctx)
			if err != nil {
				return nil, err
			}
			envs = append(envs, names...)
		}
	}
	return envs, nil
}

// copySubscriptions gives every application subscribed to from a
// subscription to to, with the same tier when to offers it (else to's first
// tier) and the same status, so a blocked application stays blocked.
func copySubscriptions(ctx context.Context, tx *ent.Tx, from, to *ent.API) (int, error) {
	subs, err := tx.Subscription.Query().Where(subscription.APIID(from.ID)).All(ctx)
	if err != nil {
		return 0, err
	}
	have, err := tx.Subscription.Query().Where(subscription.APIID(to.ID)).All(ctx)
	if err != nil {
		return 0, err
	}
	subscribed := map[uuid.UUID]bool{}
	for _, h := range have {
		subscribed[h.ApplicationID] = true
	}
	n := 0
	for _, sub := range subs {
		if subscribed[sub.ApplicationID] || sub.Status == subscription.StatusREJECTED {
			continue
		}
		tier := sub.ThrottlingTier
		if !slices.Contains(to.SubscriptionTiers, tier) && len(to.SubscriptionTiers) > 0 {
			tier = to.SubscriptionTiers[0]
		}
		if err := tx.Subscription.Create().SetApplicationID(sub.ApplicationID).SetAPIID(to.ID).
			SetThrottlingTier(tier).SetStatus(sub.Status).SetStatusReason(sub.StatusReason).Exec(ctx); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// LifecycleHistory lists an API's lifecycle changes, oldest first.
func (s *Service) LifecycleHistory(ctx context.Context, a *ent.API) ([]LifecycleEvent, error) {
	rows, err := s.client.AuditLog.Query().
		Where(auditlog.OrganizationID(a.OrganizationID), auditlog.TargetType("API"),
			auditlog.TargetID(a.ID.String()), auditlog.Action(lifecycleAuditAction)).
		Order(ent.Asc(auditlog.FieldTime)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]LifecycleEvent, 0, len(rows))
	for _, r := range rows {
		var d lifecycleDetails
		if json.Unmarshal([]byte(r.Details), &d) != nil {
			continue
		}
		out = append(out, LifecycleEvent{From: d.From, To: d.To, Actor: r.Actor, Reason: d.Reason, Time: r.Time})
	}
	return out, nil
}
