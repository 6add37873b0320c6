package flagenv

import (
	"flag"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantListen string
		wantDemo   bool
		wantErr    bool
	}{
		{"default", nil, nil, ":9080", false, false},
		{"env twin", nil, map[string]string{"GATEHOUSE_LISTEN": ":1", "GATEHOUSE_DEMO": "true"}, ":1", true, false},
		{"flag wins", []string{"--listen", ":2"}, map[string]string{"GATEHOUSE_LISTEN": ":1"}, ":2", false, false},
		{"bad env value", nil, map[string]string{"GATEHOUSE_DEMO": "maybe"}, ":9080", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			listen := fs.String("listen", ":9080", "")
			demo := fs.Bool("demo", false, "")
			err := Parse(fs, tt.args, func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("Parse error = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && (*listen != tt.wantListen || *demo != tt.wantDemo) {
				t.Errorf("listen=%q demo=%v, want %q %v", *listen, *demo, tt.wantListen, tt.wantDemo)
			}
		})
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("gateway-listen"); got != "GATEHOUSE_GATEWAY_LISTEN" {
		t.Errorf("EnvName = %q", got)
	}
}
