package config

import (
	"fmt"
	"net"
	"strings"
)

// VirtualHost is a name an environment's gateways answer on, with the
// ports consumers reach them at (0: the scheme's default, or the
// environment's gateway URL port).
type VirtualHost struct {
	Host      string `json:"host"`
	HTTPPort  int    `json:"httpPort,omitempty"`
	HTTPSPort int    `json:"httpsPort,omitempty"`
}

// NormalizeHost checks that h is a DNS name or an IP address and returns it
// in lower case (IPv6 without brackets). It refuses ports, wildcards and
// anything a Host header could not carry.
func NormalizeHost(h string) (string, error) {
	h = strings.TrimSpace(h)
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	if ip := net.ParseIP(h); ip != nil {
		if strings.Contains(h, "%") {
			return "", fmt.Errorf("host %q must not carry a zone", h)
		}
		return strings.ToLower(ip.String()), nil
	}
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	if h == "" || len(h) > 253 {
		return "", fmt.Errorf("host %q must be a DNS name of 1-253 characters or an IP address", h)
	}
	for _, label := range strings.Split(h, ".") {
		if !validLabel(label) {
			return "", fmt.Errorf("host %q must be a DNS name (labels of 1-63 letters, digits or '-', not starting or ending with '-') or an IP address", h)
		}
	}
	return h, nil
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ValidatePort checks an optional port (0: default).
func ValidatePort(p int) error {
	if p < 0 || p > 65535 {
		return fmt.Errorf("port %d must be between 1 and 65535", p)
	}
	return nil
}

func onHost(h string) string {
	if h == "" {
		return ""
	}
	return " on host " + h
}
