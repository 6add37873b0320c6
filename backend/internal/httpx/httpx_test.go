package httpx

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

func TestHole10_CancelledRequestIsNoError(t *testing.T) {
	tests := []struct {
		name      string
		cancel    bool
		err       error
		wantLevel string
	}{
		{"client cancelled, database says so", true, fmt.Errorf("list apis: %w", context.Canceled), "level=INFO"},
		{"client cancelled, other error", true, errs.E(errs.Internal, "boom"), "level=INFO"},
		{"a real failure", false, errs.E(errs.Internal, "boom"), "level=ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			ctx = WithLogger(ctx, slog.New(slog.NewTextHandler(&buf, nil)))
			r := httptest.NewRequest("GET", "/x", nil).WithContext(ctx)
			WriteError(httptest.NewRecorder(), r, tt.err)
			if !strings.Contains(buf.String(), tt.wantLevel) {
				t.Fatalf("logged %q, want %s", buf.String(), tt.wantLevel)
			}
		})
	}
}
