package config

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeContext(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{"pizzashack", "pizzashack", ""},
		{"/pizzashack/", "pizzashack", ""},
		{"shop/orders", "shop/orders", ""},
		{"", "", "empty"},
		{"///", "", "empty"},
		{"has space", "", "may hold only"},
		{"a//b", "", "may hold only"},
		{"../etc", "", "may hold only"},
		{"healthz", "", "reserved"},
		{"Metrics/x", "", "reserved"},
	}
	for _, tt := range tests {
		got, err := NormalizeContext(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("NormalizeContext(%q) error = %v, want containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizeContext(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestValidateEndpoint(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"http://127.0.0.1:8080/v1", true},
		{"https://api.example.com", true},
		{"ftp://example.com", false},
		{"not a url", false},
		{"http://", false},
		{"http://user:pw@example.com", false},
		{"http://example.com/?a=1", false},
		{"/relative", false},
	}
	for _, tt := range tests {
		if err := ValidateEndpoint(tt.in); (err == nil) != tt.ok {
			t.Errorf("ValidateEndpoint(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestSealIsCanonical(t *testing.T) {
	a := API{ID: "1", Context: "a", Version: "1", ProductionEndpoint: "http://x"}
	b := API{ID: "2", Context: "b", Version: "1", ProductionEndpoint: "http://y"}
	s1 := Snapshot{Environment: "Default", APIs: []API{a, b}}
	s2 := Snapshot{Environment: "Default", APIs: []API{b, a}}
	s1.Seal()
	s2.Seal()
	if s1.Version == "" || s1.Version != s2.Version {
		t.Errorf("versions %q and %q, want equal and non-empty", s1.Version, s2.Version)
	}
	s3 := Snapshot{Environment: "Default", APIs: []API{a}}
	s3.Seal()
	if s3.Version == s1.Version {
		t.Errorf("different content got the same version %q", s3.Version)
	}
}

func TestValidateRejectsDuplicates(t *testing.T) {
	s := Snapshot{APIs: []API{
		{ID: "1", Context: "a", Version: "1", ProductionEndpoint: "http://x"},
		{ID: "2", Context: "a", Version: "1", ProductionEndpoint: "http://y"},
	}}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "both serve") {
		t.Errorf("Validate() = %v, want duplicate error", err)
	}
}

// The default names are those of earlier releases (installations keep
// their streams); another prefix shares none of them.
func TestBusNames(t *testing.T) {
	tests := []struct {
		names                           BusNames
		cfgStream, cfgSubjects, subject string
		anStream, anSubject, anConsumer string
	}{
		{BusNames{}, "GATEHOUSE_CONFIG", "gatehouse.config.>", "gatehouse.config.Default",
			"GATEHOUSE_ANALYTICS", "gatehouse.analytics.events", "gatehouse-analytics-ingest"},
		{BusNames{Prefix: "gatehouse"}, "GATEHOUSE_CONFIG", "gatehouse.config.>", "gatehouse.config.Default",
			"GATEHOUSE_ANALYTICS", "gatehouse.analytics.events", "gatehouse-analytics-ingest"},
		{BusNames{Prefix: "acme-prod"}, "ACME_PROD_CONFIG", "acme-prod.config.>", "acme-prod.config.Default",
			"ACME_PROD_ANALYTICS", "acme-prod.analytics.events", "acme-prod-analytics-ingest"},
	}
	for _, tt := range tests {
		n := tt.names
		got := []string{n.ConfigStream(), n.ConfigSubjects(), n.ConfigSubject("Default"), n.AnalyticsStream(), n.AnalyticsSubject(), n.AnalyticsConsumer()}
		want := []string{tt.cfgStream, tt.cfgSubjects, tt.subject, tt.anStream, tt.anSubject, tt.anConsumer}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%+v: %v, want %v", n, got, want)
		}
	}
	if got := (BusNames{}).ConfigSubject("eu west.1"); strings.ContainsAny(strings.TrimPrefix(got, "gatehouse.config."), " .*>") {
		t.Errorf("subject of an unsafe name = %q, want a single safe token", got)
	}
	for p, ok := range map[string]bool{"gatehouse": true, "acme-prod": true, "a1": true, "": false, "Acme": false,
		"a_b": false, "a.b": false, "a>": false, "1abc": false, strings.Repeat("a", 33): false} {
		if err := ValidateBusPrefix(p); (err == nil) != ok {
			t.Errorf("ValidateBusPrefix(%q) = %v, want ok=%v", p, err, ok)
		}
	}
}

func TestEndpointConfigValidate(t *testing.T) {
	tests := []struct {
		name      string
		in        EndpointConfig
		wantField string // "" : valid
	}{
		{"single", EndpointConfig{URLs: []string{" http://b:8080/x "}}, ""},
		{"single with two URLs", EndpointConfig{Type: "SINGLE", URLs: []string{"http://a", "http://b"}}, "urls"},
		{"group of one", EndpointConfig{Type: "FAILOVER", URLs: []string{"http://a"}}, "urls"},
		{"group", EndpointConfig{Type: "LOAD_BALANCED", URLs: []string{"http://a", "https://b"}, TimeoutMS: 1000, Retries: 2}, ""},
		{"duplicate", EndpointConfig{Type: "LOAD_BALANCED", URLs: []string{"http://a", "http://a"}}, "urls.1"},
		{"bad URL", EndpointConfig{Type: "FAILOVER", URLs: []string{"http://a", "ftp://b"}}, "urls.1"},
		{"unknown type", EndpointConfig{Type: "RANDOM", URLs: []string{"http://a"}}, "type"},
		{"negative timeout", EndpointConfig{URLs: []string{"http://a"}, TimeoutMS: -1}, "timeoutMs"},
		{"too many retries", EndpointConfig{URLs: []string{"http://a"}, Retries: 6}, "retries"},
		{"basic", EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "BASIC", Username: "u", Password: "p"}}, ""},
		{"basic without password", EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "BASIC", Username: "u"}}, "auth.password"},
		{"basic user with colon", EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "BASIC", Username: "u:x", Password: "p"}}, "auth.username"},
		{"oauth2", EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "OAUTH2_CLIENT_CREDENTIALS", TokenURL: "https://idp/token", ClientID: "c", ClientSecret: "s"}}, ""},
		{"oauth2 bad token URL", EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "OAUTH2_CLIENT_CREDENTIALS", TokenURL: "idp", ClientID: "c", ClientSecret: "s"}}, "auth.tokenUrl"},
		{"unknown auth", EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "DIGEST"}}, "auth.type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.in.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if out.Type == "" || strings.TrimSpace(out.URLs[0]) != out.URLs[0] {
					t.Errorf("not normalized: %+v", out)
				}
				return
			}
			var ee *EndpointError
			if !errors.As(err, &ee) || ee.Field != tt.wantField {
				t.Errorf("error %v, want one on %s", err, tt.wantField)
			}
		})
	}
	red := EndpointConfig{URLs: []string{"http://a"}, Auth: &EndpointAuth{Type: "BASIC", Username: "u", Password: "p"}}.Redacted()
	if red.Auth.Password != "" || red.Auth.Username != "u" {
		t.Errorf("redacted: %+v", red.Auth)
	}
}
