package portal

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

// Action is something done to a subscription by someone other than its
// subscriber: an admin decides on it, a publisher blocks or unblocks it.
type Action string

// The actions, as in WSO2's subscription workflow.
const (
	Approve         Action = "approve"
	Reject          Action = "reject"
	Block           Action = "block"
	BlockProduction Action = "block production"
	Unblock         Action = "unblock"
)

// transitions is the subscription state machine. A subscription ON_HOLD
// waits for an admin; only an active or blocked one can be blocked or
// unblocked; REJECTED is final (the subscriber unsubscribes and asks again).
var transitions = map[subscription.Status]map[Action]subscription.Status{
	subscription.StatusON_HOLD: {
		Approve: subscription.StatusUNBLOCKED,
		Reject:  subscription.StatusREJECTED,
	},
	subscription.StatusUNBLOCKED: {
		Block:           subscription.StatusBLOCKED,
		BlockProduction: subscription.StatusPROD_ONLY_BLOCKED,
	},
	subscription.StatusBLOCKED: {
		Unblock:         subscription.StatusUNBLOCKED,
		BlockProduction: subscription.StatusPROD_ONLY_BLOCKED,
	},
	subscription.StatusPROD_ONLY_BLOCKED: {
		Unblock: subscription.StatusUNBLOCKED,
		Block:   subscription.StatusBLOCKED,
	},
	subscription.StatusREJECTED: {},
}

// Next is the state a subscription in from reaches by action, or a
// Conflict error when the action does not apply to that state.
func Next(from subscription.Status, action Action) (subscription.Status, error) {
	to, ok := transitions[from][action]
	if !ok {
		return from, errs.E(errs.Conflict, "a subscription that is %s cannot be %s",
			statusWords(from), map[Action]string{Approve: "approved", Reject: "rejected", Block: "blocked",
				BlockProduction: "blocked for production", Unblock: "unblocked"}[action])
	}
	return to, nil
}

func statusWords(s subscription.Status) string {
	if s == subscription.StatusUNBLOCKED {
		return "active"
	}
	return strings.ToLower(strings.ReplaceAll(s.String(), "_", " "))
}

// actionFor maps the status a publisher asks for to the action reaching it.
func actionFor(status subscription.Status) (Action, error) {
	switch status {
	case subscription.StatusUNBLOCKED:
		return Unblock, nil
	case subscription.StatusBLOCKED:
		return Block, nil
	case subscription.StatusPROD_ONLY_BLOCKED:
		return BlockProduction, nil
	}
	return "", errs.Field("status", "a publisher sets UNBLOCKED, BLOCKED or PROD_ONLY_BLOCKED")
}

// managed loads a subscription to one of the organization's APIs, with its
// application, owner and API; others are reported as not found.
func managed(ctx context.Context, client *ent.Client, org uuid.UUID, preds ...func(*ent.SubscriptionQuery)) *ent.SubscriptionQuery {
	q := client.Subscription.Query().Where(subscription.HasAPIWith(api.OrganizationID(org))).
		WithAPI().WithApplication(func(q *ent.ApplicationQuery) { q.WithOwner() })
	for _, p := range preds {
		p(q)
	}
	return q
}

// PendingSubscriptions lists the subscriptions waiting for an admin of the
// viewer's organization, oldest first.
func (s *Service) PendingSubscriptions(ctx context.Context) ([]*ent.Subscription, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return nil, err
	}
	return managed(ctx, s.client, v.OrgID).Where(subscription.StatusEQ(subscription.StatusON_HOLD)).
		Order(ent.Asc(subscription.FieldCreatedAt)).All(ctx)
}

// APISubscriptions lists the subscriptions to one of the viewer's
// organization's APIs.
func (s *Service) APISubscriptions(ctx context.Context, apiID uuid.UUID) ([]*ent.Subscription, error) {
	v, err := viewer.RequirePermission(ctx, viewer.SubscriptionManage)
	if err != nil {
		return nil, err
	}
	ok, err := s.client.API.Query().Where(api.ID(apiID), api.OrganizationID(v.OrgID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.E(errs.NotFound, "API %s not found", apiID)
	}
	return managed(ctx, s.client, v.OrgID).Where(subscription.APIID(apiID)).
		Order(ent.Asc(subscription.FieldCreatedAt)).All(ctx)
}

// ApproveSubscription lets a subscription that waits for approval through.
func (s *Service) ApproveSubscription(ctx context.Context, id uuid.UUID) (*ent.Subscription, error) {
	if _, err := viewer.RequirePermission(ctx, viewer.AdminSettings); err != nil {
		return nil, err
	}
	return s.act(ctx, id, Approve, "")
}

// RejectSubscription refuses a subscription that waits for approval; the
// subscriber sees the reason.
func (s *Service) RejectSubscription(ctx context.Context, id uuid.UUID, reason string) (*ent.Subscription, error) {
	if _, err := viewer.RequirePermission(ctx, viewer.AdminSettings); err != nil {
		return nil, err
	}
	reason, err := validReason(reason, true)
	if err != nil {
		return nil, err
	}
	return s.act(ctx, id, Reject, reason)
}

// ChangeSubscriptionStatus lets a publisher block (all traffic, or
// production only) or unblock a subscription to their organization's API.
func (s *Service) ChangeSubscriptionStatus(ctx context.Context, id uuid.UUID, status subscription.Status, reason string) (*ent.Subscription, error) {
	if _, err := viewer.RequirePermission(ctx, viewer.SubscriptionManage); err != nil {
		return nil, err
	}
	action, err := actionFor(status)
	if err != nil {
		return nil, err
	}
	if reason, err = validReason(reason, false); err != nil {
		return nil, err
	}
	return s.act(ctx, id, action, reason)
}

func validReason(reason string, required bool) (string, error) {
	reason = strings.TrimSpace(reason)
	if required && reason == "" {
		return "", errs.Field("reason", "say why, so the subscriber knows what to change")
	}
	if utf8.RuneCountInString(reason) > 500 {
		return "", errs.Field("reason", "the reason is longer than 500 characters")
	}
	return reason, nil
}

// act moves a subscription of the viewer's organization's APIs through the
// state machine and tells the gateways serving the API.
func (s *Service) act(ctx context.Context, id uuid.UUID, action Action, reason string) (*ent.Subscription, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		sub, err := tx.Subscription.Query().
			Where(subscription.ID(id), subscription.HasAPIWith(api.OrganizationID(v.OrgID))).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "subscription %s not found", id)
		} else if err != nil {
			return err
		}
		to, err := Next(sub.Status, action)
		if err != nil {
			return err
		}
		if err := sub.Update().SetStatus(to).SetStatusReason(reason).Exec(ctx); err != nil {
			return err
		}
		if envs, err = environmentsOf(ctx, tx, subscription.ID(id)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "subscription."+strings.ReplaceAll(string(action), " ", "_"), "Subscription", id.String(),
			map[string]string{"from": sub.Status.String(), "to": to.String(), "reason": reason})
	})
	if err != nil {
		return nil, err
	}
	s.announce(ctx, envs, "subscription")
	return managed(ctx, s.client, v.OrgID).Where(subscription.ID(id)).Only(ctx)
}

// SetTierRequiresApproval makes new subscriptions with a subscription tier
// wait for an admin, or not. Existing subscriptions keep their state.
func (s *Service) SetTierRequiresApproval(ctx context.Context, tierID uuid.UUID, requires bool) (*ent.ThrottlingTier, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminPolicies)
	if err != nil {
		return nil, err
	}
	var t *ent.ThrottlingTier
	err = s.tx(ctx, func(tx *ent.Tx) error {
		t, err = tx.ThrottlingTier.Query().Where(throttlingtier.ID(tierID), throttlingtier.OrganizationID(v.OrgID)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "tier %s not found", tierID)
		} else if err != nil {
			return err
		}
		if t.Level != throttlingtier.LevelSUBSCRIPTION {
			return errs.Field("tierID", "only subscription tiers can require approval")
		}
		if t, err = t.Update().SetRequiresApproval(requires).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "tier.approval", "ThrottlingTier", tierID.String(),
			map[string]string{"requiresApproval": map[bool]string{true: "true", false: "false"}[requires]})
	})
	if err != nil {
		return nil, err
	}
	return t.Unwrap(), nil
}

// subscriptionTier loads the organization's subscription tier name.
func subscriptionTier(ctx context.Context, tx *ent.Tx, org uuid.UUID, name string) (*ent.ThrottlingTier, error) {
	t, err := tx.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(org),
		throttlingtier.LevelEQ(throttlingtier.LevelSUBSCRIPTION), throttlingtier.Name(name)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.Field("tier", "there is no subscription tier named %q", name)
	}
	return t, err
}
