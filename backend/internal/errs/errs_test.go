package errs

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestAs(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantKind   Kind
		wantCode   string
		wantStatus int
		wantMsg    string
	}{
		{"field", Field("context", "is taken"), Invalid, "BAD_USER_INPUT", http.StatusBadRequest, "is taken"},
		{"wrapped", fmt.Errorf("op: %w", E(NotFound, "api %s not found", "x")), NotFound, "NOT_FOUND", http.StatusNotFound, "api x not found"},
		{"plain error hides its text", errors.New("pq: password leaked"), Internal, "INTERNAL", http.StatusInternalServerError, "internal error"},
		{"conflict", E(Conflict, "dup"), Conflict, "CONFLICT", http.StatusConflict, "dup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := As(tt.err)
			if got.Kind != tt.wantKind || got.Kind.Code() != tt.wantCode || got.Kind.Status() != tt.wantStatus || got.Message != tt.wantMsg {
				t.Errorf("As(%v) = {%v %q %d %q}, want {%v %q %d %q}", tt.err, got.Kind, got.Kind.Code(), got.Kind.Status(), got.Message,
					tt.wantKind, tt.wantCode, tt.wantStatus, tt.wantMsg)
			}
		})
	}
}

func TestWrapKeepsKind(t *testing.T) {
	err := func() (err error) {
		defer Wrap(&err, "Deploy(%q)", "a")
		return E(Forbidden, "no")
	}()
	if got := KindOf(err); got != Forbidden {
		t.Errorf("KindOf = %v, want Forbidden", got)
	}
	if got, want := err.Error(), `Deploy("a"): no`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
