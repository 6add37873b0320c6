package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/signin"
)

// portalBrowser is a browser on the portal that follows redirects (or,
// with stop, hands back the first one).
func portalBrowser(stop bool) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: insecureJar{jar}}
	if stop {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	return c
}

// portalSignIn walks the portal's sign-in: start, the Key Manager's login
// page, the callback; it returns the URL the browser ends on.
func portalSignIn(t *testing.T, c *http.Client, base, next, username, password string) *url.URL {
	t.Helper()
	resp, err := c.Get(base + signin.StartPath + "?next=" + url.QueryEscape(next))
	if err != nil {
		t.Fatal(err)
	}
	page := readPage(t, resp)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != keymanager.LoginPath {
		t.Fatalf("start ended at %s %d, want the login page", resp.Request.URL, resp.StatusCode)
	}
	if !strings.Contains(page, "Gatehouse portal") || !strings.Contains(page, `href="/signup?next=%2Foauth2%2Fauthorize%3F`) {
		t.Errorf("login page does not name the portal or lacks the sign-up link:\n%s", page)
	}
	f := formFields(page)
	f.Set("username", username)
	f.Set("password", password)
	resp, err = c.PostForm(base+keymanager.LoginPath, f)
	if err != nil {
		t.Fatal(err)
	}
	readPage(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-in ended at %s with %d", resp.Request.URL, resp.StatusCode)
	}
	return resp.Request.URL
}

type portalSession struct {
	User      struct{ Username string }
	CSRFToken string
}

func currentSession(t *testing.T, c *http.Client, base string) (*portalSession, int) {
	t.Helper()
	resp, err := c.Get(base + "/auth/session")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode
	}
	var s portalSession
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return &s, resp.StatusCode
}

// TestPortalSignInThroughKeyManager drives the portal's OIDC sign-in as a
// browser would: start, login page, callback, a working session (also
// after a restart), then logout through end-session.
func TestPortalSignInThroughKeyManager(t *testing.T) {
	dir := t.TempDir()
	inst := start(t, "", dir)
	pw := inst.creds.Users["publisher"].Password
	c := portalBrowser(false)

	landed := portalSignIn(t, c, inst.cp.URL, "/publisher/apis?tab=all", "publisher", pw)
	if landed.Path != "/publisher/apis" || landed.RawQuery != "tab=all" {
		t.Errorf("landed on %s, want /publisher/apis?tab=all", landed)
	}
	s, status := currentSession(t, c, inst.cp.URL)
	if status != http.StatusOK || s.User.Username != "publisher" {
		t.Fatalf("session after sign-in: %d %+v", status, s)
	}
	// The first-party client needs no consent: the chain never showed it,
	// and the session works for GraphQL like any other.
	u, _ := url.Parse(inst.cp.URL)
	var cookie *http.Cookie
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == sessionCookieName {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie after sign-in")
	}

	// Sessions live in the database: a restart keeps them. (Same address:
	// the issuer, and so the ID token's iss, is the public URL.)
	addr := inst.cp.Listener.Addr().String()
	inst.stop()
	inst = startWith(t, app.Config{DataDir: dir, Listen: addr})
	s, status = currentSession(t, c, inst.cp.URL)
	if status != http.StatusOK || s.User.Username != "publisher" {
		t.Fatalf("session after restart: %d %+v", status, s)
	}

	// Logout: the portal answers the end-session URL with the ID token
	// as hint; following it ends the session and returns to the portal.
	req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+signin.LogoutPath, nil)
	req.Header.Set(auth.CSRFHeader, s.CSRFToken)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Redirect string }
	_ = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(out.Redirect, keymanager.EndSessionPath+"?") ||
		!strings.Contains(out.Redirect, "id_token_hint=") {
		t.Fatalf("logout: %d %q, want the end-session URL with a hint", resp.StatusCode, out.Redirect)
	}
	resp, err = c.Get(inst.cp.URL + out.Redirect)
	if err != nil {
		t.Fatal(err)
	}
	readPage(t, resp)
	if got := resp.Request.URL; got.Path != "/signin" || got.Query().Get("signed_out") != "1" {
		t.Errorf("after end-session the browser is at %s, want /signin?signed_out=1", got)
	}
	if _, status := currentSession(t, c, inst.cp.URL); status != http.StatusUnauthorized {
		t.Errorf("session after logout: %d, want 401", status)
	}
}

// TestPortalSignInRefusals: a callback whose state is not the flow's, an
// error from the Key Manager, and a next that leaves the portal.
func TestPortalSignInRefusals(t *testing.T) {
	inst := start(t, "", t.TempDir())
	base := inst.cp.URL

	t.Run("bad state", func(t *testing.T) {
		c := portalBrowser(true)
		resp, err := c.Get(base + signin.StartPath)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := resp.Location()
		if resp.StatusCode != http.StatusFound || loc.Path != keymanager.AuthorizePath {
			t.Fatalf("start: %d %s", resp.StatusCode, loc)
		}
		q := loc.Query()
		if q.Get("client_id") != signin.ClientID || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" {
			t.Errorf("authorization request %v lacks client, PKCE S256 or nonce", q)
		}
		for _, cb := range []string{"?state=forged&code=x", "", "?code=x"} {
			resp, err = c.Get(base + signin.CallbackPath + cb)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, _ = resp.Location()
			if resp.StatusCode != http.StatusFound || loc.RequestURI() != "/signin?error=state_mismatch" {
				t.Errorf("callback%s: %d %s, want a redirect to /signin?error=state_mismatch", cb, resp.StatusCode, loc)
			}
		}
	})

	t.Run("error from the key manager", func(t *testing.T) {
		c := portalBrowser(true)
		resp, err := c.Get(base + signin.StartPath)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := resp.Location()
		resp, err = c.Get(base + signin.CallbackPath + "?error=access_denied&state=" + url.QueryEscape(loc.Query().Get("state")))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc, _ := resp.Location(); loc == nil || loc.RequestURI() != "/signin?error=access_denied" {
			t.Errorf("callback with error: %d %v", resp.StatusCode, loc)
		}
	})

	t.Run("a wrong code is no 500", func(t *testing.T) {
		c := portalBrowser(true)
		resp, err := c.Get(base + signin.StartPath)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := resp.Location()
		resp, err = c.Get(base + signin.CallbackPath + "?code=made-up&state=" + url.QueryEscape(loc.Query().Get("state")))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc, _ := resp.Location(); loc == nil || loc.RequestURI() != "/signin?error=exchange_failed" {
			t.Errorf("callback with a made-up code: %d %v", resp.StatusCode, loc)
		}
	})

	t.Run("the portal client must use PKCE S256", func(t *testing.T) {
		c := portalBrowser(true)
		q := url.Values{"client_id": {signin.ClientID}, "response_type": {"code"}, "scope": {"openid"},
			"redirect_uri": {base + signin.CallbackPath}, "state": {"s1234567"}, "nonce": {"n1234567"}}
		for _, pkce := range []url.Values{{}, {"code_challenge": {"abc"}, "code_challenge_method": {"plain"}}} {
			v := url.Values{}
			for k, x := range q {
				v[k] = x
			}
			for k, x := range pkce {
				v[k] = x
			}
			resp, err := c.Get(base + keymanager.AuthorizePath + "?" + v.Encode())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, _ := resp.Location()
			if loc == nil || loc.Path != signin.CallbackPath || loc.Query().Get("error") != "invalid_request" {
				t.Errorf("authorize with %v: %d %v, want invalid_request at the callback", pkce, resp.StatusCode, loc)
			}
		}
	})

	t.Run("open redirect", func(t *testing.T) {
		for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
			c := portalBrowser(false)
			landed := portalSignIn(t, c, base, next, "subscriber", inst.creds.Users["subscriber"].Password)
			if landed.Host != strings.TrimPrefix(base, "http://") || landed.Path != "/" {
				t.Errorf("next=%q landed on %s, want / on the portal", next, landed)
			}
		}
	})

	t.Run("wrong password stays on the login page", func(t *testing.T) {
		c := portalBrowser(false)
		resp, err := c.Get(base + signin.StartPath)
		if err != nil {
			t.Fatal(err)
		}
		f := formFields(readPage(t, resp))
		f.Set("username", "publisher")
		f.Set("password", "not the password")
		resp, err = c.PostForm(base+keymanager.LoginPath, f)
		if err != nil {
			t.Fatal(err)
		}
		page := readPage(t, resp)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "invalid username or password") {
			t.Errorf("wrong password: %d\n%s", resp.StatusCode, page)
		}
	})

	// Last: it locks the publisher out. The login page uses the portal's
	// lockout (package auth), so the right password waits too.
	t.Run("lockout on the login page", func(t *testing.T) {
		c := portalBrowser(false)
		post := func(pw string) (int, string) {
			resp, err := c.Get(base + signin.StartPath)
			if err != nil {
				t.Fatal(err)
			}
			f := formFields(readPage(t, resp))
			f.Set("username", "publisher")
			f.Set("password", pw)
			resp, err = c.PostForm(base+keymanager.LoginPath, f)
			if err != nil {
				t.Fatal(err)
			}
			return resp.StatusCode, readPage(t, resp)
		}
		locked := false
		for range 6 {
			if _, page := post("wrong-password"); strings.Contains(page, "too many failed sign-ins") {
				locked = true
				break
			}
		}
		if !locked {
			t.Fatal("six wrong passwords did not lock the account")
		}
		if status, page := post(inst.creds.Users["publisher"].Password); status != http.StatusUnauthorized || !strings.Contains(page, "too many failed sign-ins") {
			t.Errorf("right password while locked: %d, want the lockout message", status)
		}
	})
}
