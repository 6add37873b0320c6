package apis

import (
	"context"
	"encoding/json"
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
func (s *Service) ChangeLifecycle(ctx context.Context, id uuid.UUID, action Action, reason string) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "change lifecycle of API %s", id)
	v, err := viewer.Require(ctx, viewer.Admin, viewer.Publisher)
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
		if to == api.LifecycleStatusRETIRED {
			if _, err := tx.Deployment.Delete().Where(deployment.APIID(id)).Exec(ctx); err != nil {
				return err
			}
		}
		if updated, err = a.Update().SetLifecycleStatus(to).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, lifecycleAuditAction, "API", id.String(),
			lifecycleDetails{From: a.LifecycleStatus, To: to, Reason: reason})
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
