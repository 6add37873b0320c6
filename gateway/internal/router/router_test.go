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
		{ID: "pizza2", Context: "pizzashack", Version: "2.0.0", ProductionEndpoint: "http://b"},
		{ID: "shop", Context: "shop", Version: "v1", ProductionEndpoint: "http://c"},
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
