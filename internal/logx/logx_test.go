package logx

import (
	"bufio"
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestHole10_LogLinesCapped(t *testing.T) {
	long := strings.Repeat("é", 100_000) // 200 KB, two bytes a rune
	tests := []struct {
		name string
		log  func(*slog.Logger)
	}{
		{"message", func(l *slog.Logger) { l.Info(long) }},
		{"string attribute", func(l *slog.Logger) { l.Info("m", "body", long) }},
		{"error attribute", func(l *slog.Logger) { l.Error("m", "err", errors.New(long)) }},
		{"bytes attribute", func(l *slog.Logger) { l.Info("m", "raw", []byte(long)) }},
		{"attribute added with With", func(l *slog.Logger) { l.With("body", long).Info("m") }},
		{"attribute in a group", func(l *slog.Logger) { l.WithGroup("g").Info("m", slog.Group("h", "body", long)) }},
	}
	for _, format := range []string{"json", "text"} {
		for _, tt := range tests {
			t.Run(format+"/"+tt.name, func(t *testing.T) {
				var buf bytes.Buffer
				tt.log(New(&buf, format, slog.LevelInfo))
				sc := bufio.NewScanner(&buf)
				sc.Buffer(nil, 1<<20)
				for sc.Scan() {
					line := sc.Text()
					if len(line) > 2*MaxValueBytes {
						t.Fatalf("line of %d bytes", len(line))
					}
					if !strings.Contains(line, "…[truncated 198976 bytes]") {
						t.Fatalf("no truncation marker: %.200s", line)
					}
				}
			})
		}
	}
	// Short values are left as they are.
	var buf bytes.Buffer
	New(&buf, "json", slog.LevelInfo).Info("hello", "n", 3, "s", "short", "err", errors.New("e"))
	if got := buf.String(); !strings.Contains(got, `"msg":"hello","n":3,"s":"short","err":"e"`) {
		t.Fatalf("short line changed: %s", got)
	}
}

func TestTruncateKeepsRunes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…[truncated 1 bytes]"},
		{"aé", 2, "a…[truncated 2 bytes]"}, // é is two bytes: not split
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
