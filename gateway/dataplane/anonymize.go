package dataplane

import "net/netip"

// AnonymizeIP keeps the network and drops the host: an IPv4 address loses
// its last octet, an IPv6 address its last 80 bits (the common practice of
// analytics tools), so events still place callers by network or country
// without naming them. Anything that is not an IP becomes empty.
func AnonymizeIP(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ""
	}
	addr = addr.Unmap().WithZone("")
	bits := 48
	if addr.Is4() {
		bits = 24
	}
	p, _ := addr.Prefix(bits)
	return p.Addr().String()
}
