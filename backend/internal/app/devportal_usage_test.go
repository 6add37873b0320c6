package app_test

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// TestSubscriptionUsage reads a subscription's calls, errors and remaining
// quota estimate from the analytics rollups, as its owner sees them on the
// application's page.
func TestSubscriptionUsage(t *testing.T) {
	inst := start(t, "", t.TempDir())
	// The demo subscription is Unlimited; Gold has a quota to estimate
	// (the estimate reads the tier from the database, not the gateway).
	entClient(t, inst).Subscription.Update().SetThrottlingTier("Gold").ExecX(context.Background())
	token := inst.token(t)
	waitGatewayWith(t, inst.gateway.URL, "/pizzashack/1.0.0/menu", token, http.StatusOK).Body.Close()
	for i := 0; i < 9; i++ {
		req, _ := http.NewRequest(http.MethodGet, inst.gateway.URL+"/pizzashack/1.0.0/menu", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	resp, err := http.Get(inst.gateway.URL + "/pizzashack/1.0.0/nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	const q = `{ applications(first: 10) { edges { node { name subscriptions { throttlingTier usage {
	  requests errors quota quotaPeriodSeconds remainingEstimate windowRequests } } } } } }`
	var usage map[string]any
	// Bounded wait for the gateway's batch to reach the rollups.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		data, errs := sub.do(t, q, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, e := range data["applications"].(map[string]any)["edges"].([]any) {
			for _, s := range e.(map[string]any)["node"].(map[string]any)["subscriptions"].([]any) {
				usage = s.(map[string]any)["usage"].(map[string]any)
			}
		}
		if usage != nil && usage["requests"].(float64) >= 10 {
			break
		}
	}
	if usage == nil || usage["requests"].(float64) < 10 {
		t.Fatalf("usage = %v, want the 10 calls", usage)
	}
	quota := usage["quota"].(float64)
	if quota <= 0 {
		t.Fatalf("usage = %v, want Gold's quota", usage)
	}
	rem, ok := usage["remainingEstimate"].(float64)
	if !ok || usage["windowRequests"].(float64) < 1 || rem != quota-usage["windowRequests"].(float64) {
		t.Errorf("usage = %v, want remainingEstimate = quota - windowRequests with the calls counted", usage)
	}
}
