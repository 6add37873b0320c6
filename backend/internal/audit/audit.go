// Package audit appends who-did-what rows to the audit log, inside the
// caller's transaction so a change and its record land together.
package audit

import (
	"context"
	"encoding/json"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
)

// Record appends one audit entry for the viewer in ctx (or "system").
func Record(ctx context.Context, tx *ent.Tx, org uuid.UUID, action, targetType, targetID string, details any) error {
	actor := "system"
	if v := viewer.FromContext(ctx); v != nil {
		actor = v.Username
	}
	var d []byte
	if details != nil {
		var err error
		if d, err = json.Marshal(details); err != nil {
			return err
		}
	}
	return tx.AuditLog.Create().
		SetOrganizationID(org).
		SetActor(actor).
		SetAction(action).
		SetTargetType(targetType).
		SetTargetID(targetID).
		SetDetails(string(d)).
		Exec(ctx)
}
