package dataplane

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

func TestCORS(t *testing.T) {
	// The backend sends its own CORS header, which the gateway must replace.
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "https://evil.example")
		w.Header().Set("X-Total", "3")
		_, _ = w.Write([]byte("ok"))
	}))
	t.Cleanup(be.Close)
	snap := &config.Snapshot{Environment: "Default", APIs: []config.API{
		{ID: "1", Name: "strict", Context: "strict", Version: "v1", ProductionEndpoint: be.URL,
			Operations: []config.Operation{{Method: "GET", Target: "/items"}, {Method: "DELETE", Target: "/items"}},
			CORS: &config.CORS{Enabled: true, AllowOrigins: []string{"https://app.example"}, AllowMethods: []string{"GET", "DELETE"},
				AllowHeaders: []string{"Authorization", "X-Trace"}, ExposeHeaders: []string{"X-Total"}, AllowCredentials: true, MaxAgeSeconds: 600}},
		{ID: "2", Name: "open", Context: "open", Version: "v1", ProductionEndpoint: be.URL, Operations: passAll,
			CORS: &config.CORS{Enabled: true, AllowOrigins: []string{"*"}, AllowHeaders: []string{"*"}}},
		{ID: "3", Name: "off", Context: "off", Version: "v1", ProductionEndpoint: be.URL, Operations: passAll,
			CORS: &config.CORS{Enabled: false, AllowOrigins: []string{"*"}}},
		{ID: "4", Name: "none", Context: "none", Version: "v1", ProductionEndpoint: be.URL, Operations: passAll},
	}}
	snap.Seal()
	g := New(quietLog(), prometheus.NewRegistry(), ratelimit.NewMemory())
	if _, err := g.Apply(snap); err != nil {
		t.Fatal(err)
	}
	h := g.Handler(http.NotFoundHandler())

	tests := []struct {
		name       string
		method     string
		path       string
		header     map[string]string
		wantStatus int
		want       map[string]string // "" means the header must be absent
	}{
		{"preflight allowed", "OPTIONS", "/strict/v1/items",
			map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "authorization, x-trace"},
			204, map[string]string{"Access-Control-Allow-Origin": "https://app.example", "Access-Control-Allow-Methods": "GET, DELETE",
				"Access-Control-Allow-Headers": "authorization, x-trace", "Access-Control-Allow-Credentials": "true", "Access-Control-Max-Age": "600"}},
		{"preflight from another origin", "OPTIONS", "/strict/v1/items",
			map[string]string{"Origin": "https://other.example", "Access-Control-Request-Method": "GET"},
			403, map[string]string{"Access-Control-Allow-Origin": ""}},
		{"preflight for a method not allowed", "OPTIONS", "/strict/v1/items",
			map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "PUT"},
			403, map[string]string{"Access-Control-Allow-Origin": ""}},
		{"preflight with a header not allowed", "OPTIONS", "/strict/v1/items",
			map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-Other"},
			403, map[string]string{"Access-Control-Allow-Origin": ""}},
		{"call from the allowed origin", "GET", "/strict/v1/items", map[string]string{"Origin": "https://app.example"},
			200, map[string]string{"Access-Control-Allow-Origin": "https://app.example", "Access-Control-Expose-Headers": "X-Total",
				"Access-Control-Allow-Credentials": "true"}},
		{"call from another origin gets no CORS headers", "GET", "/strict/v1/items", map[string]string{"Origin": "https://other.example"},
			200, map[string]string{"Access-Control-Allow-Origin": ""}},
		{"gateway errors carry CORS headers too", "GET", "/strict/v1/nothing", map[string]string{"Origin": "https://app.example"},
			404, map[string]string{"Access-Control-Allow-Origin": "https://app.example"}},
		{"wildcard policy", "OPTIONS", "/open/v1/any",
			map[string]string{"Origin": "https://x.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "X-Anything"},
			204, map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "X-Anything", "Access-Control-Allow-Credentials": ""}},
		{"wildcard call", "GET", "/open/v1/any", map[string]string{"Origin": "https://x.example"},
			200, map[string]string{"Access-Control-Allow-Origin": "*"}},
		{"disabled policy passes preflights to the backend", "OPTIONS", "/off/v1/any",
			map[string]string{"Origin": "https://x.example", "Access-Control-Request-Method": "GET"},
			200, map[string]string{"Access-Control-Allow-Origin": "https://evil.example"}},
		{"no policy", "GET", "/none/v1/any", map[string]string{"Origin": "https://x.example"},
			200, map[string]string{"Access-Control-Allow-Origin": "https://evil.example"}},
		{"no Origin header", "GET", "/strict/v1/items", nil,
			200, map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Expose-Headers": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %s)", rec.Code, tt.wantStatus, rec.Body)
			}
			for k, want := range tt.want {
				if got := rec.Header().Values(k); want == "" && len(got) > 0 || want != "" && (len(got) != 1 || got[0] != want) {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestCORSValidate(t *testing.T) {
	tests := []struct {
		name      string
		in        config.CORS
		wantField string
	}{
		{"good", config.CORS{Enabled: true, AllowOrigins: []string{"https://A.example/"}, AllowMethods: []string{"get"}}, ""},
		{"disabled may be empty", config.CORS{}, ""},
		{"enabled needs an origin", config.CORS{Enabled: true}, "allowOrigins"},
		{"origin with a path", config.CORS{Enabled: true, AllowOrigins: []string{"https://a.example/x"}}, "allowOrigins"},
		{"not http", config.CORS{Enabled: true, AllowOrigins: []string{"ftp://a.example"}}, "allowOrigins"},
		{"unknown method", config.CORS{Enabled: true, AllowOrigins: []string{"*"}, AllowMethods: []string{"BREW"}}, "allowMethods"},
		{"bad header", config.CORS{Enabled: true, AllowOrigins: []string{"*"}, AllowHeaders: []string{"X Bad"}}, "allowHeaders"},
		{"wildcard expose", config.CORS{Enabled: true, AllowOrigins: []string{"*"}, ExposeHeaders: []string{"*"}}, "exposeHeaders"},
		{"credentials with *", config.CORS{Enabled: true, AllowOrigins: []string{"*"}, AllowCredentials: true}, "allowCredentials"},
		{"max age", config.CORS{Enabled: true, AllowOrigins: []string{"*"}, MaxAgeSeconds: 90000}, "maxAgeSeconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Validate()
			field := ""
			if ce, ok := err.(*config.CORSError); ok {
				field = ce.Field
			} else if err != nil {
				t.Fatalf("error %v is not a CORSError", err)
			}
			if field != tt.wantField {
				t.Fatalf("error field = %q (%v), want %q", field, err, tt.wantField)
			}
			if tt.name == "good" && (got.AllowOrigins[0] != "https://a.example" || got.AllowMethods[0] != "GET") {
				t.Errorf("normalized = %+v", got)
			}
		})
	}
}
