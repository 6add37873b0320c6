package apis

import (
	"testing"

	"github.com/gatehouse/gatehouse/ent/api"
)

// TestTransitions spells out the whole lifecycle table: every state and
// every action, allowed or refused.
func TestTransitions(t *testing.T) {
	const refused = api.LifecycleStatus("")
	C, P, PR, B, D, R := api.LifecycleStatusCREATED, api.LifecycleStatusPUBLISHED, api.LifecycleStatusPROTOTYPED,
		api.LifecycleStatusBLOCKED, api.LifecycleStatusDEPRECATED, api.LifecycleStatusRETIRED
	want := map[api.LifecycleStatus]map[Action]api.LifecycleStatus{
		C:  {Publish: P, DeployAsPrototype: PR, DemoteToCreated: refused, Block: refused, Republish: refused, Deprecate: refused, Retire: refused},
		PR: {Publish: P, DeployAsPrototype: refused, DemoteToCreated: C, Block: refused, Republish: refused, Deprecate: refused, Retire: refused},
		P:  {Publish: refused, DeployAsPrototype: PR, DemoteToCreated: C, Block: B, Republish: refused, Deprecate: D, Retire: refused},
		B:  {Publish: refused, DeployAsPrototype: refused, DemoteToCreated: refused, Block: refused, Republish: P, Deprecate: D, Retire: refused},
		D:  {Publish: refused, DeployAsPrototype: refused, DemoteToCreated: refused, Block: refused, Republish: refused, Deprecate: refused, Retire: R},
		R:  {Publish: refused, DeployAsPrototype: refused, DemoteToCreated: refused, Block: refused, Republish: refused, Deprecate: refused, Retire: refused},
	}
	for from, row := range want {
		for action, to := range row {
			got, ok := Next(from, action)
			if to == refused {
				if ok {
					t.Errorf("%s --%s--> %s, want refused", from, action, got)
				}
				continue
			}
			if !ok || got != to {
				t.Errorf("%s --%s--> %s (allowed %v), want %s", from, action, got, ok, to)
			}
		}
	}
	if got := Actions(api.LifecycleStatusPUBLISHED); len(got) != 4 {
		t.Errorf("Actions(PUBLISHED) = %v, want 4 actions", got)
	}
	if got := Actions(api.LifecycleStatusRETIRED); len(got) != 0 {
		t.Errorf("Actions(RETIRED) = %v, want none", got)
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Swagger Petstore":    "swagger-petstore",
		"  --Uber API v1.0--": "uber-api-v1-0",
		"Ünïcode & Co":        "n-code-co",
		"":                    "",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	}
	for in, want := range tests {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
