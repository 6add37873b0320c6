package dataplane

import "testing"

func TestAnonymizeIP(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.77":                       "203.0.113.0",
		"::ffff:203.0.113.77":                "203.0.113.0",
		"2001:db8:85a3:1234:8a2e:370:7334:1": "2001:db8:85a3::",
		"fe80::1%eth0":                       "fe80::",
		"not-an-ip":                          "",
		"":                                   "",
	} {
		if got := AnonymizeIP(in); got != want {
			t.Errorf("AnonymizeIP(%q) = %q, want %q", in, got, want)
		}
	}
}
