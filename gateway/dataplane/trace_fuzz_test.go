package dataplane

import (
	"regexp"
	"testing"

	"github.com/gatehouse/gatehouse/gateway/internal/pathx"
)

var validTraceparent = regexp.MustCompile(`^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$`)

// FuzzTraceparent: any header value either is refused or yields a
// well-formed version-00-shaped traceparent with non-zero ids; and paths
// with dot segments never pass pathx.Normalize. Seeds in testdata/fuzz.
func FuzzTraceparent(f *testing.F) {
	f.Add("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	f.Fuzz(func(t *testing.T, s string) {
		if tp, ok := parseTraceparent(s); ok {
			if !validTraceparent.MatchString(tp) || tp[:2] == "ff" || allZero(tp[3:35]) || allZero(tp[36:52]) {
				t.Fatalf("parseTraceparent(%q) accepted %q", s, tp)
			}
		}
		if _, err := pathx.Normalize(s); err == nil {
			for _, bad := range []string{"/../", "/./"} {
				if contains(s+"/", bad) {
					t.Fatalf("pathx.Normalize(%q) let a dot segment through", s)
				}
			}
		}
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
