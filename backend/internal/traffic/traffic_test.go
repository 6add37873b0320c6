package traffic

import (
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/gateway/config"
)

func TestTierInputValidate(t *testing.T) {
	ok := func() TierInput {
		return TierInput{Level: throttlingtier.LevelSUBSCRIPTION, Name: "Gold", RequestCount: 100, UnitSeconds: 60, StopOnQuotaReach: true}
	}
	ip := func(v string) []config.ConditionGroup {
		return []config.ConditionGroup{{RequestCount: 1, UnitSeconds: 1, Conditions: []config.Condition{{Type: config.CondIPRange, Value: v}}}}
	}
	tests := []struct {
		name  string
		edit  func(*TierInput)
		field string // "" : valid
	}{
		{"valid", func(*TierInput) {}, ""},
		{"name with a slash", func(in *TierInput) { in.Name = "a/b" }, "name"},
		{"name too long", func(in *TierInput) { in.Name = string(make([]byte, 65)) }, "name"},
		{"unknown level", func(in *TierInput) { in.Level = "GLOBAL" }, "level"},
		{"negative count", func(in *TierInput) { in.RequestCount = -1 }, "requestCount"},
		{"unlimited", func(in *TierInput) { in.RequestCount = 0 }, ""},
		{"bandwidth needs KiB", func(in *TierInput) { in.QuotaType = throttlingtier.QuotaTypeBANDWIDTH }, "dataAmountKib"},
		{"bandwidth", func(in *TierInput) { in.QuotaType, in.DataAmountKiB = throttlingtier.QuotaTypeBANDWIDTH, 1024 }, ""},
		{"unit over a year", func(in *TierInput) { in.UnitSeconds = maxUnitSeconds + 1 }, "unitSeconds"},
		{"calendar month ignores the unit", func(in *TierInput) { in.CalendarUnit, in.UnitSeconds = throttlingtier.CalendarUnitMONTH, 0 }, ""},
		{"unknown calendar unit", func(in *TierInput) { in.CalendarUnit = "WEEK" }, "calendarUnit"},
		{"negative burst", func(in *TierInput) { in.BurstLimit = -1 }, "burstLimit"},
		{"burst over a per-second quota", func(in *TierInput) { in.UnitSeconds, in.RequestCount, in.BurstLimit = 1, 5, 6 }, "burstLimit"},
		{"approval below subscription level", func(in *TierInput) { in.Level, in.RequiresApproval = throttlingtier.LevelAPPLICATION, true }, "requiresApproval"},
		{"allow and bill", func(in *TierInput) { in.StopOnQuotaReach = false }, ""},
		{"allow and bill below subscription level", func(in *TierInput) { in.Level, in.StopOnQuotaReach = throttlingtier.LevelAPI, false }, "stopOnQuotaReach"},
		{"conditions below API level", func(in *TierInput) { in.ConditionGroups = ip("10.0.0.0/8") }, "conditionGroups"},
		{"API conditions", func(in *TierInput) { in.Level, in.ConditionGroups = throttlingtier.LevelAPI, ip("10.0.0.0/8") }, ""},
		{"bad CIDR", func(in *TierInput) { in.Level, in.ConditionGroups = throttlingtier.LevelAPI, ip("10.0.0.0/33") }, "conditionGroups"},
		{"header without a name", func(in *TierInput) {
			in.Level = throttlingtier.LevelAPI
			in.ConditionGroups = []config.ConditionGroup{{RequestCount: 1, UnitSeconds: 1, Conditions: []config.Condition{{Type: config.CondHeader, Value: "x"}}}}
		}, "conditionGroups"},
		{"empty group", func(in *TierInput) {
			in.Level = throttlingtier.LevelAPI
			in.ConditionGroups = []config.ConditionGroup{{RequestCount: 1, UnitSeconds: 1}}
		}, "conditionGroups"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok()
			tt.edit(&in)
			err := in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if e := errs.As(err); err == nil || e.Kind != errs.Invalid || e.Field != tt.field {
				t.Errorf("error %v, want invalid %s", err, tt.field)
			}
		})
	}
	in := ok()
	in.Level, in.ConditionGroups = throttlingtier.LevelAPI, ip(" 10.1.2.3/8 ")
	if err := in.Validate(); err != nil || in.ConditionGroups[0].Conditions[0].Value != "10.0.0.0/8" {
		t.Errorf("IP range not normalized: %v %q", err, in.ConditionGroups[0].Conditions[0].Value)
	}
}
