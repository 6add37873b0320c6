package portal

import (
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent/subscription"
)

func TestSubscriptionTransitions(t *testing.T) {
	const (
		active   = subscription.StatusUNBLOCKED
		blocked  = subscription.StatusBLOCKED
		prodOnly = subscription.StatusPROD_ONLY_BLOCKED
		onHold   = subscription.StatusON_HOLD
		rejected = subscription.StatusREJECTED
	)
	// Every state against every action: the blank entries are refused.
	want := map[subscription.Status]map[Action]subscription.Status{
		onHold:   {Approve: active, Reject: rejected},
		active:   {Block: blocked, BlockProduction: prodOnly},
		blocked:  {Unblock: active, BlockProduction: prodOnly},
		prodOnly: {Unblock: active, Block: blocked},
		rejected: {},
	}
	for _, from := range []subscription.Status{active, blocked, prodOnly, onHold, rejected} {
		for _, action := range []Action{Approve, Reject, Block, BlockProduction, Unblock} {
			got, err := Next(from, action)
			to, allowed := want[from][action]
			switch {
			case allowed && (err != nil || got != to):
				t.Errorf("%s + %s = %s, %v; want %s", from, action, got, err, to)
			case !allowed && errs.KindOf(err) != errs.Conflict:
				t.Errorf("%s + %s = %s, %v; want a CONFLICT error", from, action, got, err)
			case !allowed && got != from:
				t.Errorf("%s + %s refused but moved to %s", from, action, got)
			}
		}
	}
}

func TestPublisherStatusActions(t *testing.T) {
	for _, tt := range []struct {
		status subscription.Status
		want   Action
		ok     bool
	}{
		{subscription.StatusUNBLOCKED, Unblock, true},
		{subscription.StatusBLOCKED, Block, true},
		{subscription.StatusPROD_ONLY_BLOCKED, BlockProduction, true},
		{subscription.StatusON_HOLD, "", false},
		{subscription.StatusREJECTED, "", false},
	} {
		got, err := actionFor(tt.status)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("actionFor(%s) = %q, %v; want %q, ok=%v", tt.status, got, err, tt.want, tt.ok)
		}
		if err != nil && errs.As(err).Field != "status" {
			t.Errorf("actionFor(%s): error field %q, want status", tt.status, errs.As(err).Field)
		}
	}
}
