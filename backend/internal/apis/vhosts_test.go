package apis

import (
	"fmt"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/config"
)

func TestVirtualHostURLs(t *testing.T) {
	for _, tt := range []struct {
		gateway string
		vh      config.VirtualHost
		want    string
	}{
		{"https://gw.example.com", config.VirtualHost{Host: "a.example.com"}, "[https://a.example.com http://a.example.com]"},
		{"http://localhost:8280", config.VirtualHost{Host: "a.example.com"}, "[http://a.example.com:8280 https://a.example.com]"},
		{"https://gw:8243", config.VirtualHost{Host: "a.example.com", HTTPSPort: 443, HTTPPort: 8080}, "[https://a.example.com http://a.example.com:8080]"},
		{"https://gw:8243", config.VirtualHost{Host: "a.example.com"}, "[https://a.example.com:8243 http://a.example.com]"},
		{"", config.VirtualHost{Host: "::1", HTTPSPort: 9443}, "[https://[::1]:9443 http://[::1]]"},
	} {
		if got := fmt.Sprint(VirtualHostURLs(tt.gateway, tt.vh)); got != tt.want {
			t.Errorf("VirtualHostURLs(%q, %+v) = %s, want %s", tt.gateway, tt.vh, got, tt.want)
		}
	}
}

func TestNormalizeVirtualHosts(t *testing.T) {
	got, err := normalizeVirtualHosts([]config.VirtualHost{{Host: "A.example.com"}, {Host: "10.0.0.1", HTTPPort: 8080}})
	if err != nil || fmt.Sprint(got) != "[{a.example.com 0 0} {10.0.0.1 8080 0}]" {
		t.Errorf("normalizeVirtualHosts = %v, %v", got, err)
	}
	for _, in := range [][]config.VirtualHost{
		{{Host: "a.example.com"}, {Host: "a.example.com."}},
		{{Host: "a.example.com", HTTPPort: -1}},
		{{Host: "a.example.com/x"}},
	} {
		if _, err := normalizeVirtualHosts(in); err == nil {
			t.Errorf("normalizeVirtualHosts(%v) accepted bad input", in)
		}
	}
}
