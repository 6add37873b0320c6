package auth

import (
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

func TestCheckPassword(t *testing.T) {
	for _, tt := range []struct {
		name, username, password string
		ok                       bool
	}{
		{"long and unusual", "alice", "violet-kettle-drums", true},
		{"exactly 12", "alice", "x7#kQ2!mPz9w", true},
		{"11 characters", "alice", "x7#kQ2!mPz9", false},
		{"empty", "alice", "", false},
		{"counts characters, not bytes", "alice", "ééééééééééé", false},
		{"the username", "alexandria12", "alexandria12", false},
		{"contains the username, other case", "Alice", "my-alice-password", false},
		{"common", "bob", "Password1234", false},
		{"one character repeated", "bob", "zzzzzzzzzzzzzz", false},
		{"too long", "bob", strings.Repeat("ab", 600), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.username, tt.password)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckPassword(%q, %q) = %v, want ok=%v", tt.username, tt.password, err, tt.ok)
			}
			if err != nil && (errs.KindOf(err) != errs.Invalid || errs.As(err).Field != "password") {
				t.Errorf("error %v: want a BAD_USER_INPUT on field password", err)
			}
		})
	}
}
