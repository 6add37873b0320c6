package pathx

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// attacks are the request paths of the open/secure bypass (hole 2) and its
// relatives; every one is refused.
var attacks = []struct {
	path string
	want error
}{
	{"/open/v1/open/%2e%2e%2fsecure", ErrEncodedSlash},
	{"/open/v1/open/..%2fsecure", ErrEncodedSlash},
	{"/open/v1/open/%2E%2E%2Fsecure", ErrEncodedSlash},
	{"/open/v1/open/x%2fy", ErrEncodedSlash},
	{"/open/v1/open/..%5csecure", ErrBackslash},
	{"/open/v1/open/..\\secure", ErrBackslash},
	{"/open/v1/open/%2e%2e/secure", ErrDotSegment},
	{"/open/v1/open/../secure", ErrDotSegment},
	{"/open/v1/open/./x", ErrDotSegment},
	{"/open/v1/open/.%2E/secure", ErrDotSegment},
	{"/open/v1/open/..%3b/secure", ErrDotSegment},
	{"/open/v1/open/..%20/secure", ErrDotSegment},
	{"/open/v1/open/.../secure", ErrDotSegment},
	{"/open/v1/open/..;/secure", ErrPathParam},
	{"/open/v1/secure;jsessionid=1", ErrPathParam},
	{"/open/v1/open/%252e%252e%252fsecure", ErrDoubleEncoded},
	{"/open/v1/open/%252e%252e/secure", ErrDoubleEncoded},
	{"/open/v1/open/%25%32%65%25%32%65/secure", ErrDoubleEncoded},
	{"/open/v1/open/x%00.json", ErrControl},
	{"/open/v1/open/x\x00", ErrControl},
	{"/open/v1/open/x\x7f", ErrControl},
	{"/open/v1/%2e./x", ErrDotSegment},
	{"/open/v1/..", ErrDotSegment},
	{"/open/v1/open/x%0d%0aHeader:1", ErrControl},
	{"/open/v1/open/%c0%ae%c0%ae/secure", ErrBadUTF8},
	{"/open/v1/open/%c0%af", ErrBadUTF8},
	{"/open/v1//secure", ErrEmptySegment},
	{"//open/v1/secure", ErrEmptySegment},
	{"/open/v1/x%2", ErrBadEscape},
	{"/open/v1/x%zz", ErrBadEscape},
	{"/open/v1/a b", ErrBadCharacter},
	{"open/v1/x", ErrNotAbsolute},
	{"", ErrNotAbsolute},
}

func TestHole2_NormalizeRefusesTraversal(t *testing.T) {
	for _, tt := range attacks {
		got, err := Normalize(tt.path)
		if !errors.Is(err, tt.want) {
			t.Errorf("Normalize(%q) = %q, %v; want %v", tt.path, got, err, tt.want)
		}
	}
}

func TestHole2_NormalizeKeepsOrdinaryPaths(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/", "/"},
		{"/shop/v1/order/42", "/shop/v1/order/42"},
		{"/shop/v1/order/42/", "/shop/v1/order/42/"},
		{"/shop/v1/sp%20ace", "/shop/v1/sp%20ace"},
		{"/shop/v1/%73ecure", "/shop/v1/secure"},     // unreserved decoded: matched as backends read it
		{"/shop/v1/caf%c3%a9", "/shop/v1/caf%C3%A9"}, // hex upper-cased
		{"/shop/v1/a.b/..x/x..", "/shop/v1/a.b/..x/x.."},
		{"/shop/v1/.well-known/x.json", "/shop/v1/.well-known/x.json"},
		{"/shop/v1/%3B", "/shop/v1/%3B"}, // an escaped ";" is data
		{"/shop/v1/a:b@c!$&'()*+,=~", "/shop/v1/a:b@c!$&'()*+,=~"},
		{"/shop/v1/100%25", "/shop/v1/100%25"},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizeAllocatesNothingForANormalPath(t *testing.T) {
	p := "/team7/api42/v1/order/42%20x"
	if n := testing.AllocsPerRun(100, func() { _, _ = Normalize(p) }); n != 0 {
		t.Errorf("Normalize allocated %v times, want 0", n)
	}
}

// FuzzNormalizePath: whatever Normalize accepts decodes to what the client
// sent, is its own normal form, and holds no dot segment and no encoded
// slash, backslash or control character in any segment; the seed corpus
// is the attack list above.
func FuzzNormalizePath(f *testing.F) {
	for _, a := range attacks {
		f.Add(a.path)
	}
	for _, s := range []string{"/a/%2e%2e%2fb", "/a/..%2fb", "/a/%2E%2E%2Fb", "/a/%2f", "/a/%5c", "/a/%252e", "/a/x;y=1",
		"//a", "/a/%00", "/a/%c0%ae", "/a/%e0%80%ae", "/a\\b", "/a/%73", "/a/%ff", "/a/b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		n, err := Normalize(p)
		if err != nil {
			return
		}
		want, err1 := url.PathUnescape(p)
		got, err2 := url.PathUnescape(n)
		if err1 != nil || err2 != nil || got != want {
			t.Fatalf("Normalize(%q) = %q: decodes to %q, the input to %q (%v, %v)", p, n, got, want, err1, err2)
		}
		if again, err := Normalize(n); err != nil || again != n {
			t.Fatalf("Normalize(%q) = %q, but that normalizes to %q, %v", p, n, again, err)
		}
		if strings.Contains(strings.ToUpper(n), "%2F") || strings.Contains(strings.ToUpper(n), "%5C") {
			t.Fatalf("Normalize(%q) = %q keeps an encoded slash", p, n)
		}
		segs := strings.Split(n[1:], "/")
		for i, s := range segs {
			d, err := url.PathUnescape(s)
			if err != nil {
				t.Fatalf("segment %q of %q: %v", s, n, err)
			}
			if d == "." || d == ".." || strings.ContainsAny(d, "/\\\x00") || (d == "" && i < len(segs)-1) {
				t.Fatalf("Normalize(%q) = %q: segment %q decodes to %q", p, n, s, d)
			}
		}
	})
}

// BenchmarkNormalize is the cost the data plane adds per call before
// routing: a path already in normal form, and one that is rewritten.
func BenchmarkNormalize(b *testing.B) {
	for _, p := range []string{"/team7/api42/v1/order/42", "/team7/api42/v1/order/%34%32"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Normalize(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
