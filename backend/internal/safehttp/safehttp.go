// Package safehttp is the HTTP client for fetching URLs that users give the
// control plane (a publisher's "import from URL"): it reaches only public
// addresses, so that such a URL cannot be used to probe or read the
// control plane's own network (loopback, private ranges, cloud metadata).
//
// The check sits in the dialer's Control function, which sees the address
// actually dialed after DNS resolution: a host name that resolves (or
// re-resolves) to a private address is refused, and so is every redirect
// hop, since each hop dials anew. Operators who import from on-premise
// hosts list them (host names or CIDRs) in an AllowList.
package safehttp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// Defaults of a Client.
const (
	DefaultTimeout      = 15 * time.Second
	DefaultMaxRedirects = 5
)

// ErrRefused is (wrapped in) the error of a fetch the rules refuse.
var ErrRefused = errors.New("address not allowed")

// notPublic are the ranges netip's predicates do not cover and a fetch
// must not reach: shared, reserved, documentation and benchmarking space,
// and IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo,
// IPv4-compatible), which could lead back to a private one.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // CGNAT shared space
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated), ::, ::1
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local NAT64
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments, Teredo
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
}

// Public tells whether ip is a public unicast address a fetch may reach.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	if !ip.IsValid() || ip.IsUnspecified() || ip.IsLoopback() || ip.IsPrivate() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// AllowList names hosts and networks a fetch may reach although they are
// not public. The zero value (and nil) allows nothing more.
type AllowList struct {
	hosts map[string]bool
	nets  []netip.Prefix
}

// ParseAllowList reads a comma list of host names, IP addresses and CIDRs.
func ParseAllowList(list string) (*AllowList, error) {
	a := &AllowList{hosts: map[string]bool{}}
	for _, item := range strings.Split(list, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			a.nets = append(a.nets, p.Masked())
			continue
		}
		if ip, err := netip.ParseAddr(item); err == nil {
			a.nets = append(a.nets, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
			continue
		}
		if strings.ContainsAny(item, "/:@ []") {
			return nil, fmt.Errorf("%q: want a host name, an IP address or a CIDR", item)
		}
		a.hosts[strings.TrimSuffix(item, ".")] = true
	}
	return a, nil
}

// Host tells whether the host name is listed.
func (a *AllowList) Host(host string) bool {
	return a != nil && a.hosts[strings.TrimSuffix(strings.ToLower(host), ".")]
}

// IP tells whether ip is in a listed network.
func (a *AllowList) IP(ip netip.Addr) bool {
	if a == nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range a.nets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Options shape a Client.
type Options struct {
	Allow        *AllowList
	Timeout      time.Duration // whole fetch, redirects included; DefaultTimeout when 0
	MaxRedirects int           // DefaultMaxRedirects when 0
}

// NewClient is an http.Client that dials only public addresses (or listed
// ones), follows at most MaxRedirects redirects, each to http or https,
// and uses no proxy from the environment (a proxy would dial for it,
// unchecked).
func NewClient(o Options) *http.Client {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	checked := &net.Dialer{Timeout: 10 * time.Second, Control: control(o.Allow)}
	plain := &net.Dialer{Timeout: 10 * time.Second}
	transport := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if o.Allow.Host(host) {
				return plain.DialContext(ctx, network, addr)
			}
			return checked.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConns:          10,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: checkedURLs{transport},
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("%w: more than %d redirects", ErrRefused, o.MaxRedirects)
			}
			return nil
		},
	}
}

// checkedURLs applies CheckURL to every request, the first and each
// redirect hop.
type checkedURLs struct{ next http.RoundTripper }

func (c checkedURLs) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := CheckURL(req.URL.Scheme, req.URL.Hostname()); err != nil {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, err
	}
	return c.next.RoundTrip(req)
}

// CheckURL refuses what a fetch never follows: schemes other than http(s),
// and hosts that are numbers in a form other than a plain address (such as
// 0x7f000001 or 2130706433, which some resolvers read as 127.0.0.1).
func CheckURL(scheme, host string) error {
	if scheme != "http" && scheme != "https" {
		return fmt.Errorf("%w: scheme %q", ErrRefused, scheme)
	}
	if host == "" {
		return fmt.Errorf("%w: no host", ErrRefused)
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return nil
	}
	if looksNumeric(host) {
		return fmt.Errorf("%w: numeric host %q", ErrRefused, host)
	}
	return nil
}

// looksNumeric: every label is a decimal, octal or hex number, as in the
// legacy inet_aton forms; real host names have a label with a letter
// other than a hex digit after 0x.
func looksNumeric(host string) bool {
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		l := strings.ToLower(label)
		if l == "" {
			return false
		}
		if rest, ok := strings.CutPrefix(l, "0x"); ok {
			l = rest
			if strings.Trim(l, "0123456789abcdef") != "" {
				return false
			}
			continue
		}
		if strings.Trim(l, "0123456789") != "" {
			return false
		}
	}
	return true
}

func control(allow *AllowList) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrRefused, address)
		}
		if !Public(ap.Addr()) && !allow.IP(ap.Addr()) {
			return fmt.Errorf("%w: %s", ErrRefused, ap.Addr())
		}
		return nil
	}
}
