package app_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/signin"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

var signUpLink = regexp.MustCompile(`href="(/signup[^"]*)"`)

// TestSignUpFromLoginPageComesBack: a visitor sent to sign in from an API
// page (next=/devportal/apis/...) who signs up instead, from the Key
// Manager's login page, ends on that API page signed in: the sign-up link
// carries the pending authorization request, the SPA signs the new user in
// and goes back to it, and the callback redirects to the next kept in the
// flow cookie. An attacker's next never leaves the portal.
func TestSignUpFromLoginPageComesBack(t *testing.T) {
	database, dir := storetest.Database(t, "sqlite")
	inst := start(t, database, dir)
	base := inst.cp.URL
	c := portalBrowser(false)

	const apiPage = "/devportal/apis/0b7c4c1e-0000-4000-8000-000000000001?tab=docs"
	resp, err := c.Get(base + signin.StartPath + "?next=" + url.QueryEscape(apiPage))
	if err != nil {
		t.Fatal(err)
	}
	page := readPage(t, resp)
	if resp.Request.URL.Path != keymanager.LoginPath {
		t.Fatalf("start ended at %s, want the login page", resp.Request.URL)
	}
	m := signUpLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("login page has no sign-up link:\n%s", page)
	}
	link, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	next := link.Query().Get("next")
	if !strings.HasPrefix(next, keymanager.AuthorizePath+"?") {
		t.Fatalf("sign-up link next = %q, want the pending authorization request", next)
	}

	// What the SPA's sign-up page does: sign up, sign in, go to next.
	const pw = "violet-kettle-drums-42"
	anon := inst.anonymous()
	if _, errs := anon.do(t, `mutation { signUp(input: {username: "comeback", email: "c@example.com", password: "`+pw+`"}) { username } }`, nil); len(errs) > 0 {
		t.Fatalf("signUp: %+v", errs)
	}
	login, err := c.Post(base+"/auth/login", "application/json", strings.NewReader(fmt.Sprintf(`{"username":"comeback","password":%q}`, pw)))
	if err != nil {
		t.Fatal(err)
	}
	readPage(t, login)
	if login.StatusCode != http.StatusOK {
		t.Fatalf("login: %d", login.StatusCode)
	}
	resp, err = c.Get(base + next)
	if err != nil {
		t.Fatal(err)
	}
	readPage(t, resp)
	if got := resp.Request.URL.RequestURI(); got != apiPage {
		t.Errorf("after sign-up the browser ended at %s, want %s", got, apiPage)
	}
	if s, _ := currentSession(t, c, base); s == nil || s.User.Username != "comeback" {
		t.Errorf("session after sign-up = %+v, want comeback", s)
	}

	// An attacker's way back is dropped at the start: the sign-in ends on "/".
	for _, evil := range []string{"https://evil.example/x", "//evil.example/x", "/\\evil.example", "/ok\r\nLocation: //evil"} {
		end := portalSignIn(t, portalBrowser(false), base, evil, "subscriber", inst.creds.Users["subscriber"].Password)
		if end.Host != strings.TrimPrefix(base, "http://") || end.Path != "/" {
			t.Errorf("next=%q: sign-in ended at %s, want / on this portal", evil, end)
		}
	}
}
