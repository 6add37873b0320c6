package apisearch

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    Query
		wantErr string
	}{
		{in: "", want: nil},
		{in: "   ", want: nil},
		{in: "pizza", want: Query{{Text, "pizza"}}},
		{in: `"order pizza"  menu`, want: Query{{Text, "order pizza"}, {Text, "menu"}}},
		{in: `"  order   pizza "`, want: Query{{Text, "order pizza"}}},
		{in: "name:shack", want: Query{{Name, "shack"}}},
		{in: "NAME:Shack", want: Query{{Name, "Shack"}}},
		{in: `name:"pizza shack" tag:food`, want: Query{{Name, "pizza shack"}, {Tag, "food"}}},
		{in: "context:/pizzashack/", want: Query{{Context, "pizzashack"}}},
		{in: "status:published provider:publisher", want: Query{{Status, "PUBLISHED"}, {Provider, "publisher"}}},
		{in: "name:a:b", want: Query{{Name, "a:b"}}},
		{in: "colour:red", wantErr: `unknown search field "colour"`},
		{in: "name:", wantErr: "name: needs a value"},
		{in: "name: pizza", wantErr: "name: needs a value"},
		{in: `"open`, wantErr: "a quote is not closed"},
		{in: `name:"open`, wantErr: "a quote is not closed"},
		{in: `""`, wantErr: "an empty quoted phrase"},
		{in: `piz"za`, wantErr: "a quote in the middle of a word"},
		{in: `name:piz"za`, wantErr: "a quote in the middle of a value"},
		{in: `"a"b`, wantErr: "a closing quote must be followed by a space"},
		{in: "status:alive", wantErr: `unknown status "alive"`},
		{in: strings.Repeat("a ", 11), wantErr: "at most 10 search terms"},
		{in: strings.Repeat("a", 501), wantErr: "longer than 500"},
		{in: "\xff", wantErr: "not valid UTF-8"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q) error = %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"pizza", `name:"a b" tag:x`, `"`, "status:published", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err == nil && len(q) > 0 {
			_ = q.Predicate()
		}
	})
}
