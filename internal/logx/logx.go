// Package logx builds the slog loggers of both binaries (control plane and
// standalone gateway), so that every log line, whoever writes it, is
// bounded: a value longer than MaxValueBytes is cut, so a client's 200 KB
// body, token or error text cannot become a 200 KB line.
package logx

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"unicode/utf8"
)

// MaxValueBytes is the longest string a log attribute (or the message)
// keeps; the rest is replaced by a marker saying how much was cut.
const MaxValueBytes = 1024

// New returns a JSON (or, with format "text", text) logger writing to w at
// level, with every value capped.
func New(w io.Writer, format string, level slog.Leveler) *slog.Logger {
	opts := Options(level)
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// Options are handler options at level whose ReplaceAttr caps values. The
// built-in handlers call ReplaceAttr for every attribute, the message
// included, and for those added with With.
func Options(level slog.Leveler) *slog.HandlerOptions {
	return &slog.HandlerOptions{Level: level, ReplaceAttr: capAttr}
}

func capAttr(_ []string, a slog.Attr) slog.Attr {
	var s string
	switch a.Value.Kind() {
	case slog.KindString:
		s = a.Value.String()
	case slog.KindAny:
		// Errors and other values are formatted as the handler would;
		// only long ones are replaced by their capped text.
		switch v := a.Value.Any().(type) {
		case error:
			s = v.Error()
		case fmt.Stringer:
			s = v.String()
		case []byte:
			s = string(v)
		default:
			s = fmt.Sprint(v)
		}
	default:
		return a
	}
	if len(s) <= MaxValueBytes {
		return a
	}
	return slog.String(a.Key, Truncate(s, MaxValueBytes))
}

// Truncate returns s cut to at most n bytes (at a rune boundary) followed by
// a marker with the number of bytes cut, or s when it is short enough.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…[truncated " + strconv.Itoa(len(s)-cut) + " bytes]"
}
