package app_test

import (
	"net/http"
	"net/http/cookiejar"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
)

// sessionCookieName is the session cookie of a control plane on plain
// HTTP with the default --cookie-prefix.
const sessionCookieName = "gatehouse_session"

// cookieRecorder keeps every Set-Cookie the control plane answers.
type cookieRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	set  []*http.Cookie
}

func (c *cookieRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if err == nil {
		c.mu.Lock()
		for _, ck := range resp.Cookies() {
			if ck.MaxAge >= 0 { // not a deletion
				c.set = append(c.set, ck)
			}
		}
		c.mu.Unlock()
	}
	return resp, err
}

func (c *cookieRecorder) byName(name string) *http.Cookie {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ck := range c.set {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

// TestHole1_PortalCookieNames: every cookie of the control plane (portal
// session, sign-in flow state, Key Manager form token) is named from
// --cookie-prefix, as __Host- (Secure, Path=/, no Domain) over HTTPS, and
// only the current name is read; a gateway sharing the host strips them
// by the prefixes App.CookiePrefixes gives.
func TestHole1_PortalCookieNames(t *testing.T) {
	cases := []struct {
		name   string
		cfg    app.Config
		prefix string // of every name
		strip  []string
	}{
		{"plain HTTP", app.Config{}, "gatehouse_", []string{"gatehouse_", "__Host-gatehouse_", "__Secure-gatehouse_"}},
		{"HTTPS", app.Config{TLSCert: "unused.pem", TLSKey: "unused.pem"}, "__Host-gatehouse_", nil},
		{"own prefix on HTTP", app.Config{CookiePrefix: "acme_"}, "acme_", []string{"acme_", "__Host-acme_", "__Secure-acme_"}},
		{"own prefix on HTTPS", app.Config{CookiePrefix: "acme_", TLSCert: "unused.pem", TLSKey: "unused.pem"}, "__Host-acme_", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.DataDir = t.TempDir()
			inst := startWith(t, tc.cfg)
			https := tc.cfg.TLSCert != ""
			if tc.strip != nil && !slices.Equal(inst.app.CookiePrefixes(), tc.strip) {
				t.Errorf("CookiePrefixes() = %v, want %v", inst.app.CookiePrefixes(), tc.strip)
			}
			rec := &cookieRecorder{next: inst.cp.Client().Transport}
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: insecureJar{jar}, Transport: rec}
			if https {
				c.Jar = jar // a real browser's jar: Secure cookies over TLS
			}
			portalSignIn(t, c, inst.cp.URL, "/publisher", "publisher", inst.creds.Users["publisher"].Password)
			if s, status := currentSession(t, c, inst.cp.URL); status != http.StatusOK || s.User.Username != "publisher" {
				t.Fatalf("session after sign-in: %d %+v", status, s)
			}

			for _, want := range []struct {
				base     string
				sameSite http.SameSite
			}{
				{"session", http.SameSiteStrictMode},
				// Lax: the Key Manager (or an external IdP before it) sends
				// the browser back with a cross-site top-level GET.
				{"signin", http.SameSiteLaxMode},
				{"oauth_csrf", http.SameSiteStrictMode},
			} {
				ck := rec.byName(tc.prefix + want.base)
				if ck == nil {
					t.Errorf("no cookie %s%s set; got %v", tc.prefix, want.base, rec.set)
					continue
				}
				if !ck.HttpOnly || ck.SameSite != want.sameSite {
					t.Errorf("%s: HttpOnly=%v SameSite=%v, want HttpOnly and %v", ck.Name, ck.HttpOnly, ck.SameSite, want.sameSite)
				}
				if https && (!ck.Secure || ck.Path != "/" || ck.Domain != "") {
					t.Errorf("%s: Secure=%v Path=%q Domain=%q, want the __Host- rules (Secure, Path=/, no Domain)", ck.Name, ck.Secure, ck.Path, ck.Domain)
				}
			}
			for _, ck := range rec.set {
				if !strings.HasPrefix(ck.Name, tc.prefix) {
					t.Errorf("cookie %s does not start with %s: a gateway stripping by prefix would forward it", ck.Name, tc.prefix)
				}
			}

			// Only the current name is read: the session under another
			// name (the plain one over HTTPS, a __Host- one over HTTP) is
			// no session.
			sess := rec.byName(tc.prefix + "session")
			if sess == nil {
				t.Fatalf("no session cookie %ssession", tc.prefix)
			}
			token := sess.Value
			other := "__Host-" + tc.prefix + "session"
			if https {
				other = strings.TrimPrefix(tc.prefix, "__Host-") + "session"
			}
			req, _ := http.NewRequest(http.MethodGet, inst.cp.URL+"/auth/session", nil)
			req.AddCookie(&http.Cookie{Name: other, Value: token})
			resp, err := inst.cp.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("session under the name %s: %d, want 401", other, resp.StatusCode)
			}
		})
	}
}

// TestHole1_CookieDomainUsesSecurePrefix: with --cookie-domain over
// HTTPS the session is a __Secure- cookie (the __Host- prefix forbids a
// Domain) scoped to that domain.
func TestHole1_CookieDomainUsesSecurePrefix(t *testing.T) {
	inst := startWith(t, app.Config{DataDir: t.TempDir(), TLSCert: "unused.pem", TLSKey: "unused.pem", CookieDomain: "portal.example"})
	resp, err := inst.cp.Client().Post(inst.cp.URL+"/auth/login", "application/json",
		strings.NewReader(`{"username":"admin","password":"`+inst.creds.Users["admin"].Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var got *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "__Secure-gatehouse_session" {
			got = ck
		}
	}
	if got == nil || !got.Secure || !got.HttpOnly || got.Domain != "portal.example" {
		t.Fatalf("login cookies %v, want __Secure-gatehouse_session, Secure, HttpOnly, Domain=portal.example", resp.Cookies())
	}
}

// TestHole1_CookieFlagsValidated: a prefix that would collide with the
// browser's own prefixes, or a domain that is no host name, is refused at
// start.
func TestHole1_CookieFlagsValidated(t *testing.T) {
	for _, cfg := range []app.Config{
		{CookiePrefix: "__Host-x"},
		{CookiePrefix: "bad prefix;"},
		{CookieDomain: "https://example.com"},
		{CookieDomain: "10.0.0.1"},
	} {
		cfg.Listen, cfg.DataDir, cfg.LogLevel, cfg.LogFormat = ":9080", t.TempDir(), "info", "json"
		if err := cfg.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", cfg)
		}
	}
}
