package safehttp

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// TestHole8_PublicRefusesInternalRanges: every range a fetch must not
// reach is refused, in its IPv4-mapped IPv6 form too.
func TestHole8_PublicRefusesInternalRanges(t *testing.T) {
	for _, tc := range []struct {
		ip     string
		public bool
	}{
		{"127.0.0.1", false}, {"127.1.2.3", false}, {"::1", false},
		{"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false},
		{"100.64.0.1", false}, {"169.254.169.254", false}, {"fe80::1", false},
		{"fc00::1", false}, {"fd12:3456::1", false}, {"0.0.0.0", false}, {"0.1.2.3", false},
		{"::", false}, {"224.0.0.1", false}, {"ff02::1", false}, {"255.255.255.255", false},
		{"192.0.2.1", false}, {"198.51.100.1", false}, {"203.0.113.1", false}, {"2001:db8::1", false},
		{"::ffff:127.0.0.1", false}, {"::ffff:169.254.169.254", false}, {"::ffff:10.0.0.1", false},
		{"::127.0.0.1", false}, {"64:ff9b::a00:1", false}, {"2002:7f00:1::", false},
		{"8.8.8.8", true}, {"93.184.216.34", true}, {"2606:4700::1111", true}, {"::ffff:8.8.8.8", true},
	} {
		if got := Public(netip.MustParseAddr(tc.ip)); got != tc.public {
			t.Errorf("Public(%s) = %v, want %v", tc.ip, got, tc.public)
		}
	}
}

func get(c *http.Client, u string) (string, error) {
	resp, err := c.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// TestHole8_ClientRefusesLoopbackAndRedirects: the client dials no
// loopback address unless listed (by CIDR or by host name), checks every
// redirect hop, refuses numeric host spellings and other schemes, and
// stops after MaxRedirects.
func TestHole8_ClientRefusesLoopbackAndRedirects(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") }))
	defer target.Close()
	port := target.URL[strings.LastIndex(target.URL, ":")+1:]
	hops := 0
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/internal":
			http.Redirect(w, r, target.URL, http.StatusFound)
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			hops++
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	}))
	defer redirector.Close()

	none := NewClient(Options{})
	for _, u := range []string{
		target.URL, "http://localhost:" + port, "http://[::ffff:127.0.0.1]:" + port,
		"http://0x7f000001:" + port, "http://2130706433:" + port, "http://0177.0.0.1:" + port,
		"http://169.254.169.254/", "ftp://example.com/x",
	} {
		if _, err := get(none, u); !errors.Is(err, ErrRefused) {
			t.Errorf("GET %s: %v, want ErrRefused", u, err)
		}
	}

	// localhost listed by name: reachable under that name only, and a
	// redirect from it to 127.0.0.1 is refused at the hop's dial.
	byName, _ := ParseAllowList("LOCALHOST")
	c := NewClient(Options{Allow: byName, MaxRedirects: 3})
	redirHost := strings.Replace(redirector.URL, "127.0.0.1", "localhost", 1)
	if body, err := get(c, "http://localhost:"+port); err != nil || body != "secret" {
		t.Errorf("allow-listed localhost: %q %v", body, err)
	}
	if _, err := get(c, target.URL); !errors.Is(err, ErrRefused) {
		t.Errorf("127.0.0.1 with only localhost listed: %v, want ErrRefused", err)
	}
	if _, err := get(c, redirHost+"/internal"); !errors.Is(err, ErrRefused) {
		t.Errorf("redirect to 127.0.0.1: %v, want ErrRefused", err)
	}
	if _, err := get(c, redirHost+"/file"); err == nil {
		t.Error("redirect to file: followed")
	}
	if _, err := get(c, redirHost+"/loop"); !errors.Is(err, ErrRefused) || hops != 4 {
		t.Errorf("redirect loop: %v after %d hops, want ErrRefused after 4 requests", err, hops)
	}

	// Loopback listed as a CIDR: reachable.
	byNet, _ := ParseAllowList("127.0.0.0/8")
	if body, err := get(NewClient(Options{Allow: byNet}), target.URL); err != nil || body != "secret" {
		t.Errorf("allow-listed 127.0.0.0/8: %q %v", body, err)
	}
}

func TestHole8_ParseAllowList(t *testing.T) {
	a, err := ParseAllowList(" intranet.example , 10.0.0.0/8, fd00::1 ,")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Host("Intranet.Example.") || a.Host("example") || !a.IP(netip.MustParseAddr("10.9.9.9")) ||
		!a.IP(netip.MustParseAddr("::ffff:10.0.0.1")) || !a.IP(netip.MustParseAddr("fd00::1")) || a.IP(netip.MustParseAddr("11.0.0.1")) {
		t.Errorf("allow list %+v matches wrongly", a)
	}
	for _, bad := range []string{"http://x", "a b", "host:80", "[::1]"} {
		if _, err := ParseAllowList(bad); err == nil {
			t.Errorf("ParseAllowList(%q) = nil error", bad)
		}
	}
}
