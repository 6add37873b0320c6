package config

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
)

func testCAPEM(t *testing.T) string {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "CA"}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestMutualTLSValidate(t *testing.T) {
	ca := testCAPEM(t)
	tests := []struct {
		name      string
		in        MutualTLS
		wantField string // "" : valid
		wantOAuth string
	}{
		{"mandatory, OAuth2 defaults to mandatory", MutualTLS{ClientCert: "mandatory", TrustedCAs: ca}, "", "MANDATORY"},
		{"certificate alone", MutualTLS{ClientCert: "MANDATORY", OAuth2: "OPTIONAL", TrustedCAs: "\n" + ca + ca}, "", "OPTIONAL"},
		{"both optional", MutualTLS{ClientCert: "OPTIONAL", OAuth2: "OPTIONAL", TrustedCAs: ca}, "clientCert", ""},
		{"unknown mode", MutualTLS{ClientCert: "SOMETIMES", TrustedCAs: ca}, "clientCert", ""},
		{"no certificates", MutualTLS{ClientCert: "MANDATORY"}, "trustedCAs", ""},
		{"not PEM", MutualTLS{ClientCert: "MANDATORY", TrustedCAs: "hello"}, "trustedCAs", ""},
		{"a private key", MutualTLS{ClientCert: "MANDATORY", TrustedCAs: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}, "trustedCAs", ""},
		{"garbage certificate", MutualTLS{ClientCert: "MANDATORY", TrustedCAs: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"}, "trustedCAs", ""},
		{"too many", MutualTLS{ClientCert: "MANDATORY", TrustedCAs: strings.Repeat(ca, MaxTrustedCAs+1)}, "trustedCAs", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.in.Validate()
			var se *SecurityError
			switch {
			case tt.wantField == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.wantField != "" && (!errors.As(err, &se) || se.Field != tt.wantField):
				t.Fatalf("got %v, want an error on %s", err, tt.wantField)
			case tt.wantField == "" && (out.OAuth2 != tt.wantOAuth || !strings.HasPrefix(out.TrustedCAs, "-----BEGIN CERTIFICATE-----")):
				t.Errorf("normalized to %+v", out)
			}
		})
	}
}

func TestBackendJWTValidate(t *testing.T) {
	tests := []struct {
		name       string
		in         BackendJWT
		wantHeader string // "" : invalid
		wantTTL    int
	}{
		{"defaults", BackendJWT{Enabled: true}, "X-Jwt-Assertion", DefaultBackendJWTTTL},
		{"own header", BackendJWT{Enabled: true, Header: " x-user-context ", TTLSeconds: 60}, "X-User-Context", 60},
		{"not a header name", BackendJWT{Enabled: true, Header: "x user"}, "", 0},
		{"Authorization is the backend's", BackendJWT{Enabled: true, Header: "authorization"}, "", 0},
		{"too short", BackendJWT{Enabled: true, TTLSeconds: 5}, "", 0},
		{"too long", BackendJWT{Enabled: true, TTLSeconds: MaxBackendJWTTTL + 1}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.in.Validate()
			if tt.wantHeader == "" {
				if err == nil {
					t.Fatalf("accepted %+v", out)
				}
				return
			}
			if err != nil || out.Header != tt.wantHeader || out.TTLSeconds != tt.wantTTL {
				t.Errorf("got %+v, %v", out, err)
			}
		})
	}
}

func TestBreakerValidate(t *testing.T) {
	base := EndpointConfig{URLs: []string{"http://a"}}
	tests := []struct {
		name      string
		breaker   *Breaker
		wantField string
	}{
		{"none", nil, ""},
		{"set", &Breaker{Failures: 3, CooldownMS: 1000}, ""},
		{"negative failures", &Breaker{Failures: -1}, "breaker.failures"},
		{"too many failures", &Breaker{Failures: MaxBreakerFailures + 1}, "breaker.failures"},
		{"too long", &Breaker{CooldownMS: MaxBreakerCooldownMS + 1}, "breaker.cooldownMs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := base
			e.Breaker = tt.breaker
			_, err := e.Validate()
			var ee *EndpointError
			if tt.wantField == "" && err != nil || tt.wantField != "" && (!errors.As(err, &ee) || ee.Field != tt.wantField) {
				t.Errorf("got %v, want error on %q", err, tt.wantField)
			}
		})
	}
}
