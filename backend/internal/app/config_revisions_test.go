package app_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/internal/flagenv"
)

// TestMaxRevisionsFlag reads --max-revisions and its GATEHOUSE_ twin and
// refuses values out of range.
func TestMaxRevisionsFlag(t *testing.T) {
	tests := []struct {
		args    []string
		env     string
		want    int
		wantErr bool
	}{
		{nil, "", 5, false},
		{[]string{"--max-revisions", "3"}, "", 3, false},
		{nil, "7", 7, false},
		{[]string{"--max-revisions", "2"}, "7", 2, false},
		{[]string{"--max-revisions", "101"}, "", 0, true},
		{[]string{"--max-revisions", "-1"}, "", 0, true},
	}
	for _, tt := range tests {
		var c app.Config
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		c.Flags(fs)
		getenv := func(k string) string {
			if k == "GATEHOUSE_MAX_REVISIONS" {
				return tt.env
			}
			return ""
		}
		if err := flagenv.Parse(fs, tt.args, getenv); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		err := c.Validate()
		if gotErr := err != nil && strings.Contains(err.Error(), "max-revisions"); gotErr != tt.wantErr {
			t.Errorf("%v env %q: error %v, want error %v", tt.args, tt.env, err, tt.wantErr)
		}
		if !tt.wantErr && c.MaxRevisions != tt.want {
			t.Errorf("%v env %q: MaxRevisions = %d, want %d", tt.args, tt.env, c.MaxRevisions, tt.want)
		}
	}
}
