package config

import "testing"

func TestNormalizeHost(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"api.example.com", "api.example.com", true},
		{"API.Example.COM.", "api.example.com", true},
		{" localhost ", "localhost", true},
		{"10.0.0.1", "10.0.0.1", true},
		{"[2001:DB8::1]", "2001:db8::1", true},
		{"2001:db8::1", "2001:db8::1", true},
		{"xn--bcher-kva.example", "xn--bcher-kva.example", true},
		{"", "", false},
		{"a..b", "", false},
		{"-a.example.com", "", false},
		{"a_b.example.com", "", false},
		{"*.example.com", "", false},
		{"a.example.com:8080", "", false},
		{"http://a.example.com", "", false},
		{"fe80::1%eth0", "", false},
	} {
		got, err := NormalizeHost(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NormalizeHost(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
