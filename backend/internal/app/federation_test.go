package app_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

// externalIdP is panva's oidc-provider running as a child process: a real
// third-party OpenID Connect provider (e2e/support/oidc-idp.mjs).
type externalIdP struct {
	issuer string
	cmd    *exec.Cmd
}

// freeAddr returns a loopback port nothing listens on right now.
func freeAddr(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startIdP starts oidc-provider on port with one client whose redirect
// URI is callback. Without node or the npm package it skips, unless
// CI=true, where it fails.
func startIdP(t *testing.T, port int, clientID, secret, callback string) *externalIdP {
	t.Helper()
	root, _ := filepath.Abs("../../..")
	script := filepath.Join(root, "e2e", "support", "oidc-idp.mjs")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(root, "node_modules", "oidc-provider", "package.json"))
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node and the oidc-provider package (npm ci) are required under CI=true: %v", err)
		}
		t.Skipf("no node or no oidc-provider package (run npm ci): %v", err)
	}
	cmd := exec.Command(node, script)
	cmd.Env = append(os.Environ(), fmt.Sprintf("IDP_PORT=%d", port), "IDP_CLIENT_ID="+clientID,
		"IDP_CLIENT_SECRET="+secret, "IDP_REDIRECT_URIS="+callback)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("oidc-provider did not start: %v\n%s", err, stderr.String())
	}
	var ready struct{ Issuer string }
	if err := json.Unmarshal([]byte(line), &ready); err != nil {
		t.Fatalf("oidc-provider said %q: %v", line, err)
	}
	return &externalIdP{issuer: ready.Issuer, cmd: cmd}
}

// use switches the account the IdP signs in next.
func (p *externalIdP) use(t *testing.T, sub string) {
	t.Helper()
	resp, err := http.Post(p.issuer+"/_test/account?sub="+sub, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("switch IdP account to %s: %s", sub, resp.Status)
	}
}

// federatedSignIn walks a browser from "Sign in with ..." through the IdP
// and back; it returns the final response and the browser's jar.
func federatedSignIn(t *testing.T, startURL string) (*http.Response, string, http.CookieJar) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: insecureJar{jar}}
	resp, err := c.Get(startURL)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readPage(t, resp), insecureJar{jar}
}

func sessionOf(t *testing.T, jar http.CookieJar, base string) (status int, body struct {
	User  struct{ ID, Username, DisplayName string }
	Roles []string
}) {
	t.Helper()
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/auth/session")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, body
}

const createIdP = `mutation($i: IdentityProviderInput!) { createIdentityProvider(input: $i) {
	id name issuer clientID clientSecretSet scopes jitProvisioning enabled callbackURL
	roleMappings { claim value role } } }`

// TestFederationWithOIDCProvider signs users in through oidc-provider:
// just-in-time provisioning with claim-to-role mapping, the same user on
// a second sign-in, a refusal once provisioning is off, forged state.
func TestFederationWithOIDCProvider(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			runFederation(t, start(t, database, dir))
		})
	}
}

func runFederation(t *testing.T, inst *instance) {
	admin := inst.login(t, "admin", inst.creds.Users["admin"].Password)
	port := freeAddr(t)
	issuer := fmt.Sprintf("http://127.0.0.1:%d", port)

	// Bad input first: field errors, never a stored provider.
	for _, tc := range []struct {
		field string
		in    map[string]any
	}{
		{"issuer", map[string]any{"name": "X", "issuer": "ftp://x", "clientID": "c", "clientSecret": "s"}},
		{"clientSecret", map[string]any{"name": "X", "issuer": issuer, "clientID": "c"}},
		{"roleMappings", map[string]any{"name": "X", "issuer": issuer, "clientID": "c", "clientSecret": "s",
			"roleMappings": []map[string]any{{"claim": "", "value": "v", "role": "ADMIN"}}}},
	} {
		_, errs := admin.do(t, createIdP, map[string]any{"i": tc.in})
		if len(errs) != 1 || errs[0].Extensions.Field != tc.field {
			t.Errorf("create with bad %s: errors %+v", tc.field, errs)
		}
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	if _, errs := sub.do(t, `{ identityProviders { id } }`, nil); len(errs) != 1 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("a subscriber listed identity providers: %+v", errs)
	}

	data, errs := admin.do(t, createIdP, map[string]any{"i": map[string]any{
		"name": "Panva IdP", "issuer": issuer, "clientID": "gatehouse", "clientSecret": "idp-client-secret",
		"scopes":          []string{"openid", "profile", "email", "groups"},
		"roleMappings":    []map[string]any{{"claim": "groups", "value": "api-admins", "role": "PUBLISHER"}},
		"jitProvisioning": true,
	}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	idp := data["createIdentityProvider"].(map[string]any)
	if idp["clientSecretSet"] != true || idp["enabled"] != true {
		t.Errorf("created %v", idp)
	}
	callback := idp["callbackURL"].(string)
	id := idp["id"].(string)
	if !strings.HasSuffix(callback, "/auth/federation/"+id+"/callback") {
		t.Fatalf("callback URL %s", callback)
	}
	base := strings.TrimSuffix(callback, "/auth/federation/"+id+"/callback")
	ext := startIdP(t, port, "gatehouse", "idp-client-secret", callback)

	// The sign-in page lists it.
	resp, err := http.Get(inst.cp.URL + "/auth/federation/providers")
	if err != nil {
		t.Fatal(err)
	}
	var buttons struct {
		Providers []struct{ ID, Name, URL string }
	}
	_ = json.NewDecoder(resp.Body).Decode(&buttons)
	resp.Body.Close()
	if len(buttons.Providers) != 1 || buttons.Providers[0].Name != "Panva IdP" {
		t.Fatalf("providers %+v", buttons)
	}
	startURL := base + buttons.Providers[0].URL + "?next=" + url.QueryEscape("/devportal")

	// alice is in api-admins: provisioned as a publisher, lands on ?next.
	resp, page, jar := federatedSignIn(t, startURL)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/devportal" {
		t.Fatalf("sign-in ended at %s with %d: %.300s", resp.Request.URL, resp.StatusCode, page)
	}
	status, s := sessionOf(t, jar, base)
	if status != http.StatusOK || s.User.Username != "alice" || s.User.DisplayName != "Alice Federated" ||
		strings.Join(s.Roles, ",") != "publisher" {
		t.Fatalf("session %d %+v", status, s)
	}
	var cookie *http.Cookie
	u, _ := url.Parse(base)
	for _, c := range jar.Cookies(u) {
		if c.Name == sessionCookieName {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no portal session cookie")
	}
	aliceID := s.User.ID

	// A second sign-in finds the linked user.
	_, _, jar = federatedSignIn(t, startURL)
	if _, s := sessionOf(t, jar, base); s.User.ID != aliceID {
		t.Errorf("second sign-in is user %s, want %s", s.User.ID, aliceID)
	}

	// Without just-in-time provisioning, an unlinked identity is refused.
	_, errs = admin.do(t, `mutation($id: ID!, $i: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $i) { jitProvisioning clientSecretSet } }`,
		map[string]any{"id": id, "i": map[string]any{"name": "Panva IdP", "issuer": issuer, "clientID": "gatehouse",
			"scopes": []string{"openid", "profile", "email", "groups"}, "jitProvisioning": false}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ext.use(t, "bob")
	resp, page, jar = federatedSignIn(t, startURL)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "No Gatehouse account is linked") {
		t.Errorf("unlinked bob: %d %.300s", resp.StatusCode, page)
	}
	if status, _ := sessionOf(t, jar, base); status != http.StatusUnauthorized {
		t.Errorf("unlinked bob has a session (%d)", status)
	}
	// alice is linked: still fine (the secret was kept on update).
	ext.use(t, "alice")
	if _, _, jar = federatedSignIn(t, startURL); true {
		if _, s := sessionOf(t, jar, base); s.User.ID != aliceID {
			t.Errorf("alice after update: %+v", s)
		}
	}

	// A callback without the signed state cookie, or with forged state, is refused.
	for _, q := range []string{"?code=x&state=y", ""} {
		resp, err := http.Get(callback + q)
		if err != nil {
			t.Fatal(err)
		}
		page := readPage(t, resp)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "expired") {
			t.Errorf("forged callback %q: %d %.200s", q, resp.StatusCode, page)
		}
	}
	resp, err = http.Get(base + "/auth/federation/not-an-id/start")
	if err != nil {
		t.Fatal(err)
	}
	if resp.Body.Close(); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown provider start: %d", resp.StatusCode)
	}

	// Deleting keeps the user but ends the option.
	if _, errs := admin.do(t, `mutation($id: ID!) { deleteIdentityProvider(id: $id) }`, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, _ = admin.do(t, `{ identityProviders { id } }`, nil)
	if n := len(data["identityProviders"].([]any)); n != 0 {
		t.Errorf("%d providers after delete", n)
	}
}
