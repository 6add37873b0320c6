package app_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/internal/flagenv"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

// TestTrafficPolicyAdmin: admins create, edit and delete throttling tiers
// and deny policies; bad input names its field; a tier in use cannot be
// deleted; nobody else may touch them.
func TestTrafficPolicyAdmin(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			runTrafficPolicyAdmin(t, start(t, database, dir))
		})
	}
}

const (
	createTier = `mutation($in: ThrottlingTierInput!) { createThrottlingTier(input: $in) {
		id name level quotaType requestCount dataAmountKib unitSeconds calendarUnit burstLimit stopOnQuotaReach
		conditionGroups { requestCount unitSeconds conditions { type name value regex invert } } } }`
	updateTier = `mutation($id: ID!, $in: ThrottlingTierInput!) { updateThrottlingTier(id: $id, input: $in) { id name requestCount } }`
	deleteTier = `mutation($id: ID!) { deleteThrottlingTier(id: $id) }`
	createDeny = `mutation($in: DenyPolicyInput!) { createDenyPolicy(input: $in) { id conditionType value enabled } }`
)

func runTrafficPolicyAdmin(t *testing.T, inst *instance) {
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)

	platinum := map[string]any{"level": "SUBSCRIPTION", "name": "Platinum", "requestCount": 100, "unitSeconds": 60,
		"burstLimit": 10, "stopOnQuotaReach": false}
	_, errs := sub.do(t, createTier, map[string]any{"in": platinum})
	wantCode(t, "subscriber creates a tier", errs, "FORBIDDEN")

	for _, bad := range []struct {
		name  string
		in    map[string]any
		field string
	}{
		{"empty name", map[string]any{"level": "SUBSCRIPTION", "name": " "}, "name"},
		{"negative count", map[string]any{"level": "SUBSCRIPTION", "name": "X", "requestCount": -1}, "requestCount"},
		{"bandwidth without amount", map[string]any{"level": "SUBSCRIPTION", "name": "X", "quotaType": "BANDWIDTH"}, "dataAmountKib"},
		{"zero unit", map[string]any{"level": "SUBSCRIPTION", "name": "X", "unitSeconds": -5}, "unitSeconds"},
		{"bill at app level", map[string]any{"level": "APPLICATION", "name": "X", "stopOnQuotaReach": false}, "stopOnQuotaReach"},
		{"conditions below API level", map[string]any{"level": "SUBSCRIPTION", "name": "X", "conditionGroups": []any{
			map[string]any{"requestCount": 1, "unitSeconds": 1, "conditions": []any{map[string]any{"type": "IP_RANGE", "value": "10.0.0.0/8"}}}}}, "conditionGroups"},
		{"bad CIDR", map[string]any{"level": "API", "name": "X", "conditionGroups": []any{
			map[string]any{"requestCount": 1, "unitSeconds": 1, "conditions": []any{map[string]any{"type": "IP_RANGE", "value": "10.0.0.300/8"}}}}}, "conditionGroups"},
		{"bad regex", map[string]any{"level": "API", "name": "X", "conditionGroups": []any{
			map[string]any{"requestCount": 1, "unitSeconds": 1, "conditions": []any{map[string]any{"type": "HEADER", "name": "X-A", "value": "(", "regex": true}}}}}, "conditionGroups"},
		{"claim name with a space", map[string]any{"level": "API", "name": "X", "conditionGroups": []any{
			map[string]any{"requestCount": 1, "unitSeconds": 1, "conditions": []any{map[string]any{"type": "JWT_CLAIM", "name": "my plan", "value": "gold"}}}}}, "conditionGroups"},
	} {
		_, errs := admin.do(t, createTier, map[string]any{"in": bad.in})
		if len(errs) == 0 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != bad.field {
			t.Errorf("%s: %+v, want BAD_USER_INPUT on %s", bad.name, errs, bad.field)
		}
	}

	got := mustDo(t, admin, "createThrottlingTier", createTier, map[string]any{"in": platinum})
	if got["stopOnQuotaReach"] != false || got["burstLimit"] != float64(10) || got["quotaType"] != "REQUEST_COUNT" {
		t.Errorf("created: %v", got)
	}
	_, errs = admin.do(t, createTier, map[string]any{"in": platinum})
	wantCode(t, "duplicate tier name", errs, "CONFLICT")
	platinum["requestCount"] = 200
	if u := mustDo(t, admin, "updateThrottlingTier", updateTier, map[string]any{"id": got["id"], "in": platinum}); u["requestCount"] != float64(200) {
		t.Errorf("updated: %v", u)
	}
	platinum["level"] = "API"
	_, errs = admin.do(t, updateTier, map[string]any{"id": got["id"], "in": platinum})
	wantCode(t, "level change", errs, "BAD_USER_INPUT")
	mustDo(t, admin, "deleteThrottlingTier", deleteTier, map[string]any{"id": got["id"]})

	// The demo subscription holds Gold: deleting it is a CONFLICT that says why.
	data, _ := admin.do(t, `{ throttlingPolicies(level: SUBSCRIPTION) { id name } }`, nil)
	var gold any
	for _, tr := range data["throttlingPolicies"].([]any) {
		if m := tr.(map[string]any); m["name"] == "Gold" {
			gold = m["id"]
		}
	}
	_, errs = admin.do(t, deleteTier, map[string]any{"id": gold})
	wantCode(t, "delete a tier in use", errs, "CONFLICT")

	api := mustDo(t, admin, "createThrottlingTier", createTier, map[string]any{"in": map[string]any{
		"level": "API", "name": "Partners", "requestCount": 1000, "unitSeconds": 60, "conditionGroups": []any{
			map[string]any{"requestCount": 5, "unitSeconds": 60, "conditions": []any{
				map[string]any{"type": "IP_RANGE", "value": "10.1.2.3/8"},
				map[string]any{"type": "HEADER", "name": "X-Tenant", "value": "^acme-", "regex": true},
			}}}}})
	cond := api["conditionGroups"].([]any)[0].(map[string]any)["conditions"].([]any)[0].(map[string]any)
	if cond["value"] != "10.0.0.0/8" {
		t.Errorf("IP range stored as %v, want it normalized to 10.0.0.0/8", cond["value"])
	}
	daily := mustDo(t, admin, "createThrottlingTier", createTier, map[string]any{"in": map[string]any{
		"level": "APPLICATION", "name": "Daily", "requestCount": 10000, "calendarUnit": "DAY"}})
	if daily["unitSeconds"] != float64(86400) {
		t.Errorf("daily tier: %v", daily)
	}

	_, errs = admin.do(t, createDeny, map[string]any{"in": map[string]any{"conditionType": "IP_RANGE", "value": "300.1.1.1"}})
	wantCode(t, "bad deny range", errs, "BAD_USER_INPUT")
	_, errs = sub.do(t, createDeny, map[string]any{"in": map[string]any{"conditionType": "USER", "value": "eve"}})
	wantCode(t, "subscriber denies", errs, "FORBIDDEN")
	d := mustDo(t, admin, "createDenyPolicy", createDeny, map[string]any{"in": map[string]any{"conditionType": "IP_RANGE", "value": "192.0.2.7/24"}})
	if d["value"] != "192.0.2.0/24" || d["enabled"] != true {
		t.Errorf("deny policy: %v", d)
	}
	_, errs = admin.do(t, createDeny, map[string]any{"in": map[string]any{"conditionType": "IP_RANGE", "value": "192.0.2.0/24"}})
	wantCode(t, "duplicate deny policy", errs, "CONFLICT")
	if data, _ := admin.do(t, `{ denyPolicies { id } }`, nil); len(data["denyPolicies"].([]any)) != 1 {
		t.Errorf("deny policies: %v", data)
	}
	mustDo(t, admin, "updateDenyPolicy", `mutation($id: ID!) { updateDenyPolicy(id: $id, input: {conditionType: API_CONTEXT, value: "/pizzashack/", enabled: false}) { value } }`, map[string]any{"id": d["id"]})
	mustDo(t, admin, "deleteDenyPolicy", `mutation($id: ID!) { deleteDenyPolicy(id: $id) }`, map[string]any{"id": d["id"]})
}

// TestGatewayEnforcesTrafficPolicies: through a real gateway, a deny
// policy on the caller's IP range answers 403, an application policy
// answers 429 once spent, and an admin's quota reset lets calls through
// again.
func TestGatewayEnforcesTrafficPolicies(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	gw := inst.gateway.URL
	const menu = "/pizzashack/1.0.0/menu"
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	owner := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	tok := inst.token(t)
	waitGatewayWith(t, gw, menu, tok, http.StatusOK).Body.Close()

	d := mustDo(t, admin, "createDenyPolicy", createDeny, map[string]any{"in": map[string]any{"conditionType": "IP_RANGE", "value": "127.0.0.0/8", "description": "test"}})
	resp := waitGatewayWith(t, gw, menu, tok, http.StatusForbidden)
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if body["code"] != float64(403) || !strings.Contains(fmt.Sprint(body["description"]), "deny policy") {
		t.Errorf("denied call answered %v, want the problem shape naming the deny policy", body)
	}
	mustDo(t, admin, "deleteDenyPolicy", `mutation($id: ID!) { deleteDenyPolicy(id: $id) }`, map[string]any{"id": d["id"]})
	waitGatewayWith(t, gw, menu, tok, http.StatusOK).Body.Close()

	mustDo(t, admin, "createThrottlingTier", createTier, map[string]any{"in": map[string]any{
		"level": "APPLICATION", "name": "Tight", "requestCount": 2, "unitSeconds": 3600}})
	app := entClient(t, inst).Application.Query().Where(application.Name(inst.creds.Application.Name)).OnlyX(ctx)
	mustDo(t, owner, "updateApplication", `mutation($id: ID!) { updateApplication(id: $id, input: {throttlingTier: "Tight"}) { id } }`,
		map[string]any{"id": app.ID.String()})
	resp = waitGatewayWith(t, gw, menu, tok, http.StatusTooManyRequests)
	resp.Body.Close()
	if rl := resp.Header.Get("RateLimit"); !strings.HasPrefix(rl, `"Tight";r=0;t=`) || resp.Header.Get("Retry-After") == "" {
		t.Errorf("429 with RateLimit %q, Retry-After %q; want the application policy named", rl, resp.Header.Get("Retry-After"))
	}
	_, errs := owner.do(t, `mutation($id: ID!) { resetApplicationQuota(applicationID: $id) }`, map[string]any{"id": app.ID.String()})
	wantCode(t, "subscriber resets a quota", errs, "FORBIDDEN")
	mustReset := `mutation($id: ID!) { resetApplicationQuota(applicationID: $id) }`
	if data, errs := admin.do(t, mustReset, map[string]any{"id": app.ID.String()}); len(errs) > 0 || data["resetApplicationQuota"] == nil {
		t.Fatalf("reset: %v %v", data, errs)
	}
	waitGatewayWith(t, gw, menu, tok, http.StatusOK).Body.Close()
}

// TestQuotaTimezoneFlag reads --quota-timezone and its GATEHOUSE_ twin and
// refuses unknown zones.
func TestQuotaTimezoneFlag(t *testing.T) {
	tests := []struct {
		args    []string
		env     string
		want    string
		wantErr bool
	}{
		{nil, "", "UTC", false},
		{[]string{"--quota-timezone", "Europe/Berlin"}, "", "Europe/Berlin", false},
		{nil, "Asia/Tokyo", "Asia/Tokyo", false},
		{[]string{"--quota-timezone", "Mars/Olympus"}, "", "", true},
	}
	for _, tt := range tests {
		var c app.Config
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		c.Flags(fs)
		getenv := func(k string) string {
			if k == "GATEHOUSE_QUOTA_TIMEZONE" {
				return tt.env
			}
			return ""
		}
		if err := flagenv.Parse(fs, tt.args, getenv); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		err := c.Validate()
		if gotErr := err != nil && strings.Contains(err.Error(), "quota-timezone"); gotErr != tt.wantErr {
			t.Errorf("%v env %q: error %v, want error %v", tt.args, tt.env, err, tt.wantErr)
		}
		if !tt.wantErr && c.QuotaTimezone != tt.want {
			t.Errorf("%v env %q: QuotaTimezone = %q, want %q", tt.args, tt.env, c.QuotaTimezone, tt.want)
		}
	}
}
