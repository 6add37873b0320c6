// Package pathx is the gateway's one request path normalizer. The data
// plane runs it before route matching, and what it returns is the path the
// router matches, resource templates, throttling keys and analytics see,
// and the backend receives: so the gateway authorizes the path the backend
// serves.
//
// The rule, per "/"-separated segment of the escaped path:
//
//   - percent-encoded unreserved characters (RFC 3986 §2.3) are decoded
//     and hex digits upper-cased (the §6.2.2 case and percent-encoding
//     normalizations), so "/%73ecure" is matched as "/secure" — the way
//     every backend reads it;
//   - refused: a segment that, decoded once or twice, holds "/", "\",
//     NUL or another control character, or is a dot segment ("." or "..",
//     also before a ";" and with trailing dots or spaces, as Tomcat and
//     Windows read them); a literal ";" (path parameters, which Java
//     servers strip and others keep); an empty segment ("//") other than
//     a final slash; bytes that decode to invalid UTF-8 (overlong forms of
//     "." and "/"); malformed escapes and characters that must be escaped.
//
// Literal dot segments are refused, not resolved (§5.2.4): browsers
// resolve them before sending, so only crafted requests carry them, and
// resolving would forward a path the client did not send. Double encoding
// is checked because some backends and frameworks decode twice.
package pathx

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Reasons a path is refused; each says what to fix, for the 400 answer.
var (
	ErrNotAbsolute   = errors.New("the request path must start with /")
	ErrDotSegment    = errors.New("the request path holds a dot segment (. or ..), literal or percent-encoded")
	ErrEncodedSlash  = errors.New("a path segment holds an encoded slash (%2F)")
	ErrBackslash     = errors.New("the request path holds a backslash, literal or percent-encoded")
	ErrControl       = errors.New("the request path holds a NUL or control character")
	ErrEmptySegment  = errors.New("the request path holds an empty segment (//)")
	ErrPathParam     = errors.New("the request path holds a path parameter (;); encode it as %3B if it is data")
	ErrBadEscape     = errors.New("the request path holds a malformed percent-encoding")
	ErrBadUTF8       = errors.New("a path segment decodes to invalid UTF-8")
	ErrBadCharacter  = errors.New("the request path holds a character that must be percent-encoded")
	ErrDoubleEncoded = errors.New("a path segment decoded twice holds a slash, backslash, control character or dot segment")
)

// Normalize checks p, an escaped URL path (url.URL.EscapedPath), and
// returns its normal form. It allocates only when the normal form differs
// from p.
func Normalize(p string) (string, error) {
	if !strings.HasPrefix(p, "/") {
		return "", ErrNotAbsolute
	}
	rewrite := false
	for i := 1; i <= len(p); {
		end := strings.IndexByte(p[i:], '/')
		if end < 0 {
			end = len(p)
		} else {
			end += i
		}
		seg := p[i:end]
		if seg == "" && end < len(p) {
			return "", ErrEmptySegment
		}
		rw, err := checkSegment(seg)
		if err != nil {
			return "", err
		}
		rewrite = rewrite || rw
		i = end + 1
	}
	if !rewrite {
		return p, nil
	}
	return normalForm(p), nil
}

// checkSegment checks one escaped segment and reports whether its normal
// form differs from it.
func checkSegment(seg string) (rewrite bool, err error) {
	escaped := false
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		switch {
		case c == '%':
			if i+2 >= len(seg) {
				return false, ErrBadEscape
			}
			hi, ok1 := unhex(seg[i+1])
			lo, ok2 := unhex(seg[i+2])
			if !ok1 || !ok2 {
				return false, ErrBadEscape
			}
			switch d := hi<<4 | lo; {
			case d == '/':
				return false, ErrEncodedSlash
			case d == '\\':
				return false, ErrBackslash
			case d < 0x20 || d == 0x7f:
				return false, ErrControl
			case unreserved(d) || isLowerHex(seg[i+1]) || isLowerHex(seg[i+2]):
				rewrite = true
			}
			escaped = true
			i += 2
		case c == ';':
			return false, ErrPathParam
		case c == '\\':
			return false, ErrBackslash
		case c < 0x20 || c == 0x7f:
			return false, ErrControl
		case !allowed(c):
			return false, ErrBadCharacter
		}
	}
	if !escaped {
		if dotSegment(seg) {
			return false, ErrDotSegment
		}
		return rewrite, nil
	}
	// Decoded (on the stack for ordinary segment lengths).
	var buf [128]byte
	dec := decode(buf[:0], seg)
	if !utf8.Valid(dec) {
		return false, ErrBadUTF8
	}
	if dotSegment(string(dec)) {
		return false, ErrDotSegment
	}
	if strings.IndexByte(string(dec), '%') >= 0 {
		var buf2 [128]byte
		twice := decode(buf2[:0], string(dec))
		for _, d := range twice {
			if d == '/' || d == '\\' || d < 0x20 || d == 0x7f {
				return false, ErrDoubleEncoded
			}
		}
		if dotSegment(string(twice)) {
			return false, ErrDoubleEncoded
		}
	}
	return rewrite, nil
}

// dotSegment reports whether s, up to a ";" (a path parameter some
// servers strip), is dots and spaces with at least one dot: ".", "..",
// and the "..." and ".. " that Windows trims to them.
func dotSegment(s string) bool {
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.':
			dot = true
		case ' ':
		default:
			return false
		}
	}
	return dot
}

// decode appends the percent-decoding of s to dst; a "%" not followed by
// two hex digits stays as it is (only the second decoding meets those).
func decode(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				dst = append(dst, hi<<4|lo)
				i += 2
				continue
			}
		}
		dst = append(dst, s[i])
	}
	return dst
}

// normalForm decodes the escaped unreserved characters of a checked path
// and upper-cases the hex digits of the other escapes.
func normalForm(p string) string {
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		hi, _ := unhex(p[i+1])
		lo, _ := unhex(p[i+2])
		if d := hi<<4 | lo; unreserved(d) {
			b.WriteByte(d)
		} else {
			const upper = "0123456789ABCDEF"
			b.WriteByte('%')
			b.WriteByte(upper[hi])
			b.WriteByte(upper[lo])
		}
		i += 2
	}
	return b.String()
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func isLowerHex(c byte) bool { return 'a' <= c && c <= 'f' }

// unreserved is RFC 3986's unreserved set: never needs escaping.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// allowed are the characters a path segment may hold unescaped (RFC 3986
// pchar, and the brackets Go's URL parser lets through).
func allowed(c byte) bool {
	if unreserved(c) {
		return true
	}
	switch c {
	case '!', '$', '&', '\'', '(', ')', '*', '+', ',', '=', ':', '@', '[', ']':
		return true
	}
	return false
}
