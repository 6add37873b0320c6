package router

import (
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
)

func table(t *testing.T) *Table {
	t.Helper()
	s := &config.Snapshot{APIs: []config.API{
		{ID: "pizza1", Context: "pizzashack", Version: "1.0.0", ProductionEndpoint: "http://a", IsDefaultVersion: true,
			Operations: []config.Operation{
				{Method: "GET", Target: "/menu"},
				{Method: "POST", Target: "/order"},
				{Method: "GET", Target: "/order/{orderId}"},
				{Method: "DELETE", Target: "/order/{orderId}"},
			}},
		{ID: "pizza2", Context: "pizzashack", Version: "2.0.0", ProductionEndpoint: "http://b", Operations: getAll},
		{ID: "shop", Context: "shop", Version: "v1", ProductionEndpoint: "http://c", Operations: getAll},
		{ID: "orders", Context: "shop/orders", Version: "v1", ProductionEndpoint: "http://d",
			Operations: []config.Operation{{Method: "GET", Target: "/files/*"}}},
	}}
	tb, err := Build(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestLookup(t *testing.T) {
	tb := table(t)
	tests := []struct {
		method, path string
		wantAPI      string
		wantRest     string
		wantOutcome  Outcome
	}{
		{"GET", "/pizzashack/1.0.0/menu", "pizza1", "/menu", Found},
		{"HEAD", "/pizzashack/1.0.0/menu", "pizza1", "/menu", Found},
		{"GET", "/pizzashack/1.0.0/order/42", "pizza1", "/order/42", Found},
		{"PUT", "/pizzashack/1.0.0/order/42", "pizza1", "/order/42", MethodNotAllowed},
		{"GET", "/pizzashack/1.0.0/nothing", "pizza1", "/nothing", NoResource},
		{"GET", "/pizzashack/1.0.0/order/", "pizza1", "/order/", MethodNotAllowed},
		{"GET", "/pizzashack/2.0.0/dir/", "pizza2", "/dir/", Found},
		{"GET", "/pizzashack/menu", "pizza1", "/menu", Found}, // default version
		{"GET", "/pizzashack/2.0.0/anything/at/all", "pizza2", "/anything/at/all", Found},
		{"GET", "/shop/v1/x", "shop", "/x", Found},
		{"GET", "/shop/orders/v1/files/a/b", "orders", "/files/a/b", Found},
		{"GET", "/shop/v2/x", "", "", NoAPI},
		{"GET", "/unknown/1/x", "", "", NoAPI},
		{"GET", "/", "", "", NoAPI},
		{"GET", "", "", "", NoAPI},
		{"GET", "//", "", "", NoAPI},
	}
	for _, tt := range tests {
		m, got := tb.Lookup(tt.method, tt.path)
		if got != tt.wantOutcome {
			t.Errorf("Lookup(%s %q) outcome = %v, want %v", tt.method, tt.path, got, tt.wantOutcome)
			continue
		}
		if tt.wantAPI == "" {
			continue
		}
		if m.Route == nil || m.Route.API.ID != tt.wantAPI || m.Rest != tt.wantRest {
			t.Errorf("Lookup(%s %q) = %+v rest %q, want api %s rest %q", tt.method, tt.path, m.Route, m.Rest, tt.wantAPI, tt.wantRest)
		}
	}
}

func TestLen(t *testing.T) {
	if got := table(t).Len(); got != 4 {
		t.Errorf("Len() = %d, want 4", got)
	}
}

// TestLookupAction routes SOAP calls to the operation naming their action;
// an operation naming none takes the other actions where the API has one.
func TestLookupAction(t *testing.T) {
	s := &config.Snapshot{APIs: []config.API{
		{ID: "strict", Context: "stock", Version: "1", ProductionEndpoint: "http://a", Operations: []config.Operation{
			{Method: "POST", Target: "/*", SOAPAction: "urn:GetPrice", Tier: "Gold"},
			{Method: "POST", Target: "/*", SOAPAction: "urn:SetPrice"},
		}},
		{ID: "fallback", Context: "usda", Version: "1", ProductionEndpoint: "http://b", Operations: []config.Operation{
			{Method: "POST", Target: "/*", SOAPAction: "urn:A"},
			{Method: "POST", Target: "/*"},
		}},
		{ID: "rest", Context: "rest", Version: "1", ProductionEndpoint: "http://c", Operations: []config.Operation{
			{Method: "POST", Target: "/orders"},
		}},
	}}
	tb, err := Build(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		method, path, action string
		want                 Outcome
		wantAction           string
	}{
		{"POST", "/stock/1/", "urn:GetPrice", Found, "urn:GetPrice"},
		{"POST", "/stock/1/svc", "urn:SetPrice", Found, "urn:SetPrice"},
		{"POST", "/stock/1/", "urn:Other", NoResource, ""},
		{"POST", "/stock/1/", "", NoResource, ""},
		{"GET", "/stock/1/", "urn:GetPrice", MethodNotAllowed, ""},
		{"POST", "/usda/1/", "urn:A", Found, "urn:A"},
		{"POST", "/usda/1/", "", Found, ""},
		{"POST", "/usda/1/", "urn:B", Found, ""},
		{"POST", "/rest/1/orders", "urn:ignored", Found, ""},
	} {
		m, got := tb.LookupAction(tt.method, tt.path, tt.action)
		if got != tt.want {
			t.Errorf("LookupAction(%s %s %q) = %v, want %v", tt.method, tt.path, tt.action, got, tt.want)
			continue
		}
		if got == Found && m.Operation.SOAPAction != tt.wantAction {
			t.Errorf("LookupAction(%s %s %q) matched action %q, want %q", tt.method, tt.path, tt.action, m.Operation.SOAPAction, tt.wantAction)
		}
	}
}

// getAll is a resource taking every GET path, for tests about which API a
// path reaches.
var getAll = []config.Operation{{Method: "GET", Target: "/*"}}
