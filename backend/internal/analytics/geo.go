package analytics

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"slices"
	"strings"
)

// Geo finds the country of a client IP in a table of IP ranges, read from a
// CSV of "CIDR,country" lines (the shape of the free GeoLite/IP2Location
// country exports once reduced to two columns). Lookups are a binary search
// over ranges sorted by start address; overlapping ranges resolve to the
// most specific prefix.
type Geo struct{ v4, v6 []geoRange }

type geoRange struct {
	prefix  netip.Prefix
	country string
}

// LoadGeo reads the table at path.
func LoadGeo(path string) (*Geo, error) {
	f, err := os.Open(path) // #nosec G304 -- the operator's geo table flag, not request input
	if err != nil {
		return nil, fmt.Errorf("analytics geo table: %w", err)
	}
	defer f.Close()
	return ParseGeo(f)
}

// ParseGeo reads a table; a header line and blank lines are skipped.
func ParseGeo(r io.Reader) (*Geo, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	g := &Geo{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("analytics geo table: %w", err)
		}
		if len(rec) < 2 || strings.TrimSpace(rec[0]) == "" {
			continue
		}
		p, err := netip.ParsePrefix(strings.TrimSpace(rec[0]))
		if err != nil {
			if line == 1 {
				continue // header
			}
			return nil, fmt.Errorf("analytics geo table line %d: %w", line, err)
		}
		gr := geoRange{prefix: p.Masked(), country: strings.ToUpper(strings.TrimSpace(rec[1]))}
		if p.Addr().Is4() {
			g.v4 = append(g.v4, gr)
		} else {
			g.v6 = append(g.v6, gr)
		}
	}
	for _, rs := range [][]geoRange{g.v4, g.v6} {
		slices.SortFunc(rs, func(a, b geoRange) int {
			if c := a.prefix.Addr().Compare(b.prefix.Addr()); c != 0 {
				return c
			}
			return a.prefix.Bits() - b.prefix.Bits()
		})
	}
	return g, nil
}

// Country is the country of ip, or "" when no range holds it.
func (g *Geo) Country(ip string) string {
	if g == nil || ip == "" {
		return ""
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ""
	}
	addr = addr.Unmap()
	rs := g.v6
	if addr.Is4() {
		rs = g.v4
	}
	// The last range starting at or before addr is the most specific
	// candidate; walk back over wider ones that may still contain it.
	i, _ := slices.BinarySearchFunc(rs, addr, func(r geoRange, a netip.Addr) int {
		if r.prefix.Addr().Compare(a) <= 0 {
			return -1
		}
		return 1
	})
	for j := i - 1; j >= 0 && j >= i-64; j-- {
		if rs[j].prefix.Contains(addr) {
			return rs[j].country
		}
	}
	return ""
}
