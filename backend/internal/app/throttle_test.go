package app_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

// TestSubscriptionTierThrottles: a subscription's tier is enforced at the
// gateway, with counters in memory or shared in Redis.
func TestSubscriptionTierThrottles(t *testing.T) {
	for _, counters := range []string{"memory", "redis"} {
		t.Run(counters, func(t *testing.T) {
			cfg := app.Config{DataDir: t.TempDir()}
			if counters == "redis" {
				addr := "127.0.0.1:6379"
				c, err := net.Dial("tcp", addr)
				if err != nil {
					if os.Getenv("CI") == "true" {
						t.Fatalf("Redis at %s is required under CI=true: %v", addr, err)
					}
					t.Skipf("Redis at %s is not reachable (%v); skipping", addr, err)
				}
				c.Close()
				cfg.Redis = "redis://" + addr + "/0"
			}
			inst := startWith(t, cfg)
			ctx := context.Background()
			client := entClient(t, inst)
			org := client.Organization.Query().OnlyX(ctx)
			client.ThrottlingTier.Create().SetOrganizationID(org.ID).SetLevel(throttlingtier.LevelSUBSCRIPTION).
				SetName("TwoPerMinute").SetRequestCount(2).SetUnitSeconds(60).ExecX(ctx)
			pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx)
			// Subscriptions may use only the tiers an API offers.
			pizza = pizza.Update().AppendSubscriptionTiers([]string{"TwoPerMinute"}).SaveX(ctx)

			sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
			data, errs := sub.do(t, `mutation { createApplication(input: {name: "Throttled"}) { id } }`, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			appID := data["createApplication"].(map[string]any)["id"]
			if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "TwoPerMinute"}) { id } }`,
				map[string]any{"app": appID, "api": pizza.ID.String()}); len(errs) > 0 {
				t.Fatal(errs)
			}
			if _, errs := sub.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION}) { clientSecret } }`, map[string]any{"id": appID}); len(errs) > 0 {
				t.Fatal(errs)
			}
			data, errs = sub.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION}) { accessToken } }`, map[string]any{"id": appID})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			token := data["generateAccessToken"].(map[string]any)["accessToken"].(string)

			// The first call waits for the gateway to learn the subscription.
			waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", token, http.StatusOK).Body.Close()
			call := func() *http.Response {
				req, _ := http.NewRequest(http.MethodGet, inst.gateway.URL+"/pizzashack/1.0.0/menu", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp
			}
			if resp := call(); resp.StatusCode != http.StatusOK || resp.Header.Get("RateLimit-Policy") != `"TwoPerMinute";q=2;w=60` ||
				!strings.HasPrefix(resp.Header.Get("RateLimit"), `"TwoPerMinute";r=0;t=`) {
				t.Fatalf("second call: %d RateLimit-Policy %q RateLimit %q, want 200 with the tier's policy and none remaining",
					resp.StatusCode, resp.Header.Get("RateLimit-Policy"), resp.Header.Get("RateLimit"))
			}
			resp := call()
			retry, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			if resp.StatusCode != http.StatusTooManyRequests || retry < 1 || retry > 90 {
				t.Errorf("third call: %d Retry-After %q, want 429 with a wait of up to 90s (the window slides past the earlier calls)", resp.StatusCode, resp.Header.Get("Retry-After"))
			}
			// The demo application's own Unlimited subscription is not affected.
			waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", inst.token(t), http.StatusOK).Body.Close()
		})
	}
}
