package portal

import (
	"slices"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

func TestNormalizeIPs(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want []string
		ok   bool
	}{
		{[]string{"10.1.2.3/8", " 192.0.2.7 ", ""}, []string{"10.0.0.0/8", "192.0.2.7/32"}, true},
		{[]string{"2001:db8::1/32", "::1"}, []string{"2001:db8::/32", "::1/128"}, true},
		{[]string{"10.0.0.0/33"}, nil, false},
		{[]string{"example.com"}, nil, false},
		{slices.Repeat([]string{"10.0.0.1"}, maxRestrictions+1), nil, false},
	} {
		got, err := normalizeIPs(tt.in)
		if (err == nil) != tt.ok || (tt.ok && !slices.Equal(got, tt.want)) {
			t.Errorf("normalizeIPs(%v) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && errs.As(err).Field != "allowedIPs" {
			t.Errorf("normalizeIPs(%v): error on field %q", tt.in, errs.As(err).Field)
		}
	}
}

func TestNormalizeReferers(t *testing.T) {
	for _, tt := range []struct {
		in []string
		ok bool
	}{
		{[]string{"*.example.com/*", " https://shop.example.com/* ", ""}, true},
		{[]string{"bad pattern"}, false},
		{[]string{`"quoted"`}, false},
		{[]string{strings.Repeat("a", 301)}, false},
	} {
		_, err := normalizeReferers(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("normalizeReferers(%v) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}
