package federation

import (
	"slices"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
)

func TestMapRoles(t *testing.T) {
	mappings := []fieldtype.RoleMapping{
		{Claim: "groups", Value: "api-admins", Role: "admin"},
		{Claim: "department", Value: "engineering", Role: "publisher"},
		{Claim: "email_verified", Value: "true", Role: "subscriber"},
		{Claim: "groups", Value: "staff", Role: "admin"},
	}
	for _, tc := range []struct {
		name   string
		claims map[string]any
		want   []viewer.Role
	}{
		{"list claim contains", map[string]any{"groups": []any{"staff", "x"}}, []viewer.Role{viewer.Admin}},
		{"string claim equals", map[string]any{"department": "engineering"}, []viewer.Role{viewer.Publisher}},
		{"bool claim", map[string]any{"email_verified": true}, []viewer.Role{viewer.Subscriber}},
		{"no duplicate roles", map[string]any{"groups": []any{"api-admins", "staff"}}, []viewer.Role{viewer.Admin}},
		{"no match", map[string]any{"groups": "other", "department": map[string]any{"name": "engineering"}}, nil},
		{"missing claim", map[string]any{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := MapRoles(mappings, tc.claims); !slices.Equal(got, tc.want) {
				t.Errorf("MapRoles = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/devportal": "/devportal", "//evil.test": "/", "https://evil.test": "/",
		"/\\evil.test": "/", "/a\r\nSet-Cookie: x": "/", "devportal": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStateCookieIsSigned(t *testing.T) {
	s := &Service{stateKey: []byte("0123456789abcdef0123456789abcdef")}
	v := s.sign(flowState{Provider: "p", State: "s", Nonce: "n"})
	var got flowState
	if !s.verify(v, &got) || got.State != "s" {
		t.Fatalf("own state not verified: %+v", got)
	}
	for _, bad := range []string{v + "x", "e30." + v[len(v)-43:], "nodot", ""} {
		if s.verify(bad, &got) {
			t.Errorf("verified tampered state %q", bad)
		}
	}
}
