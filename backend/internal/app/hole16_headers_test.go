package app_test

import (
	"flag"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/app"
)

// cspDirectives splits a Content-Security-Policy into its directives.
func cspDirectives(csp string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestHole16_SecurityHeaders: the SPA's pages carry a strict CSP (no
// inline or eval'd script, no framing, calls only to the control plane
// and the environments' gateways); every answer carries nosniff,
// X-Frame-Options and Referrer-Policy; HSTS is sent over TLS only.
func TestHole16_SecurityHeaders(t *testing.T) {
	year := 365 * 24 * time.Hour
	plain := startWith(t, app.Config{DataDir: t.TempDir(), HSTSMaxAge: year, ConnectSources: "https://gw.example.com:8443"})
	tls := startWith(t, app.Config{DataDir: t.TempDir(), HSTSMaxAge: year, TLSCert: "unused.pem", TLSKey: "unused.pem"})

	env, err := app.Client(plain.app).Environment.Query().First(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	gw, _ := url.Parse(env.GatewayURL)

	get := func(inst *instance, path string) http.Header {
		t.Helper()
		resp, err := inst.cp.Client().Get(inst.cp.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header
	}

	for _, path := range []string{"/", "/publisher/apis", "/devportal", "/admin"} {
		h := get(plain, path)
		csp := cspDirectives(h.Get("Content-Security-Policy"))
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: Content-Type %q, want the SPA page", path, h.Get("Content-Type"))
		}
		script := csp["script-src"]
		if len(script) == 0 || has(script, "'unsafe-inline'") || has(script, "'unsafe-eval'") || has(script, "*") {
			t.Errorf("%s: script-src %v, want 'self' without unsafe-inline/unsafe-eval", path, script)
		}
		for d, want := range map[string]string{
			"default-src": "'self'", "frame-ancestors": "'none'", "base-uri": "'none'", "object-src": "'none'",
			"form-action": "'self'",
		} {
			if !has(csp[d], want) || len(csp[d]) == 0 {
				t.Errorf("%s: %s %v, want %s", path, d, csp[d], want)
			}
		}
		connect := csp["connect-src"]
		if !has(connect, "'self'") || !has(connect, gw.Scheme+"://"+gw.Host) || !has(connect, "https://gw.example.com:8443") || has(connect, "*") {
			t.Errorf("%s: connect-src %v, want 'self', the environment's gateway %s and the --csp-connect-src origin", path, connect, env.GatewayURL)
		}
	}

	for _, inst := range []*instance{plain, tls} {
		for _, path := range []string{"/", "/healthz", "/auth/session", "/api/nothing-here", "/.well-known/openid-configuration"} {
			h := get(inst, path)
			for k, want := range map[string]string{
				"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
				"Referrer-Policy": "strict-origin-when-cross-origin",
			} {
				if got := h.Get(k); got != want {
					t.Errorf("%s%s: %s = %q, want %q", inst.cp.URL, path, k, got, want)
				}
			}
			if h.Get("Content-Security-Policy") == "" {
				t.Errorf("%s%s: no Content-Security-Policy", inst.cp.URL, path)
			}
			hsts := h.Get("Strict-Transport-Security")
			if inst == tls && hsts != "max-age=31536000" {
				t.Errorf("%s over TLS: Strict-Transport-Security %q, want max-age=31536000", path, hsts)
			}
			if inst == plain && hsts != "" {
				t.Errorf("%s over plain HTTP: Strict-Transport-Security %q, want none", path, hsts)
			}
		}
	}
	if csp := get(plain, "/healthz").Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("API answer CSP %q, want default-src 'none'", csp)
	}

	// The flag's default is a year; 0 (or a negative value, refused)
	// switches it off.
	var cfg app.Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	cfg.Flags(fs)
	if err := fs.Parse(nil); err != nil || cfg.HSTSMaxAge != year {
		t.Errorf("--hsts-max-age default %v, want %v", cfg.HSTSMaxAge, year)
	}
	cfg.HSTSMaxAge = -time.Second
	if cfg.Validate() == nil {
		t.Error("a negative --hsts-max-age was accepted")
	}
}
