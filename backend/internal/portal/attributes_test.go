package portal

import (
	"slices"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

func TestCheckAttributes(t *testing.T) {
	many := make([]Attribute, MaxAttributes+1)
	for i := range many {
		many[i] = Attribute{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	tests := []struct {
		name    string
		in      []Attribute
		want    map[string]string
		wantErr bool
	}{
		{"trimmed", []Attribute{{" team ", " payments "}}, map[string]string{"team": "payments"}, false},
		{"empty value allowed", []Attribute{{"note", ""}}, map[string]string{"note": ""}, false},
		{"none", nil, map[string]string{}, false},
		{"empty key", []Attribute{{"", "x"}}, nil, true},
		{"key starts with a digit", []Attribute{{"1st", "x"}}, nil, true},
		{"key with a space", []Attribute{{"cost centre", "x"}}, nil, true},
		{"key too long", []Attribute{{"k" + strings.Repeat("x", 64), "x"}}, nil, true},
		{"duplicate after trimming", []Attribute{{"a", "1"}, {" a", "2"}}, nil, true},
		{"value too long", []Attribute{{"a", strings.Repeat("é", MaxAttributeValue+1)}}, nil, true},
		{"too many", many, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkAttributes(tt.in)
			if tt.wantErr {
				if e := errs.As(err); err == nil || e.Kind != errs.Invalid || e.Field != "attributes" {
					t.Errorf("checkAttributes(%v) error = %v, want an attributes field error", tt.in, err)
				}
				return
			}
			if err != nil || len(got) != len(tt.want) {
				t.Fatalf("checkAttributes(%v) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("attribute %q = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestCheckGroups(t *testing.T) {
	tests := []struct {
		in      []string
		want    []string
		wantErr bool
	}{
		{[]string{" payments", "mobile", "payments ", ""}, []string{"mobile", "payments"}, false},
		{[]string{"R&D"}, nil, true},
		{[]string{"-x"}, nil, true},
		{[]string{strings.Repeat("g", 65)}, nil, true},
		{nil, []string{}, false},
	}
	for _, tt := range tests {
		got, err := CheckGroups(tt.in)
		if tt.wantErr {
			if errs.As(err).Field != "groups" {
				t.Errorf("CheckGroups(%q) error = %v, want a groups field error", tt.in, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("CheckGroups(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
