package app_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/internal/flagenv"
)

// TestGatewayTLSFlags reads the gateway's certificate and JWT key flags
// and their GATEHOUSE_ twins, and refuses a certificate without its key.
func TestGatewayTLSFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCert string
		wantJWT  string
		wantErr  string
	}{
		{"none", nil, nil, "", "", ""},
		{"flags", []string{"--gateway-tls-cert", "gw.crt", "--gateway-tls-key", "gw.key", "--gateway-jwt-key", "jwt.pem"}, nil, "gw.crt", "jwt.pem", ""},
		{"environment", nil, map[string]string{"GATEHOUSE_GATEWAY_TLS_CERT": "env.crt", "GATEHOUSE_GATEWAY_TLS_KEY": "env.key"}, "env.crt", "", ""},
		{"certificate without key", []string{"--gateway-tls-cert", "gw.crt"}, nil, "", "", "--gateway-tls-cert and --gateway-tls-key go together"},
		{"bad HTTPS address", []string{"--gateway-tls-cert", "gw.crt", "--gateway-tls-key", "gw.key", "--gateway-tls-listen", "nope"}, nil, "", "", "--gateway-tls-listen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c app.Config
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			c.Flags(fs)
			if err := flagenv.Parse(fs, tt.args, func(k string) string { return tt.env[k] }); err != nil {
				t.Fatal(err)
			}
			err := c.Validate()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.GatewayTLSCert != tt.wantCert || c.GatewayJWTKey != tt.wantJWT {
				t.Errorf("cert %q, JWT key %q", c.GatewayTLSCert, c.GatewayJWTKey)
			}
		})
	}
}
