package app_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v3"
	"golang.org/x/oauth2"

	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/user"
)

// insecureJar keeps Secure cookies for http://127.0.0.1 as browsers do
// for loopback (Go's jar does so only for "localhost").
type insecureJar struct{ http.CookieJar }

func (j insecureJar) SetCookies(u *url.URL, cs []*http.Cookie) {
	for _, c := range cs {
		c.Secure = false
	}
	j.CookieJar.SetCookies(u, cs)
}

// browser is a user agent that keeps cookies and stops at redirects to
// the client's callback, as a browser hands them to the app.
type browser struct {
	*http.Client
	callback string
}

func newBrowser(callback string) *browser {
	jar, _ := cookiejar.New(nil)
	b := &browser{callback: callback}
	b.Client = &http.Client{Jar: insecureJar{jar}, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), callback) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	return b
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// formFields reads the hidden inputs of a rendered page.
func formFields(page string) url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], htmlUnescape(m[2]))
	}
	return v
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func readPage(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// authorize walks the browser part of the code flow: the authorization
// request, the login form when asked, the consent form when asked; it
// returns the redirect to the callback.
func (b *browser) authorize(t *testing.T, authURL, username, password string, allow bool) (loc *url.URL, pages []string) {
	t.Helper()
	resp, err := b.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if resp.StatusCode == http.StatusSeeOther || resp.StatusCode == http.StatusFound {
			loc, _ := resp.Location()
			resp.Body.Close()
			return loc, pages
		}
		page := readPage(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", resp.Request.URL.Path, resp.StatusCode, page)
		}
		f := formFields(page)
		pages = append(pages, resp.Request.URL.Path)
		switch resp.Request.URL.Path {
		case keymanager.LoginPath:
			f.Set("username", username)
			f.Set("password", password)
			resp, err = b.PostForm(resp.Request.URL.Scheme+"://"+resp.Request.URL.Host+keymanager.LoginPath, f)
		default: // the consent page
			if !strings.Contains(page, "Allow access") {
				t.Fatalf("expected the consent page at %s, got %s", resp.Request.URL, page)
			}
			f.Set("decision", map[bool]string{true: "allow", false: "deny"}[allow])
			resp, err = b.PostForm(resp.Request.URL.Scheme+"://"+resp.Request.URL.Host+keymanager.ConsentPath, f)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("the authorization did not end at the callback")
	return nil, nil
}

// oidcClient registers an application whose key allows the code flow.
func oidcClient(t *testing.T, inst *instance, callback string, grants ...string) (clientID, secret string) {
	t.Helper()
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := sub.do(t, `mutation($name: String!) { createApplication(input: {name: $name}) { id } }`,
		map[string]any{"name": "App " + strings.Join(grants, " ")})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	data, errs = sub.do(t, `mutation($app: ID!, $grants: [String!], $cb: String) {
		generateKeys(input: {applicationID: $app, keyType: PRODUCTION, grantTypes: $grants, callbackURL: $cb}) { clientSecret key { clientID } } }`,
		map[string]any{"app": appID, "grants": grants, "cb": callback})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	keys := data["generateKeys"].(map[string]any)
	return keys["key"].(map[string]any)["clientID"].(string), keys["clientSecret"].(string)
}

// TestOIDCAuthorizationCode drives the code flow as real clients do:
// x/oauth2 with PKCE, go-oidc for discovery and ID token verification,
// the login and consent forms posted by a cookie-keeping user agent,
// refresh with rotation and reuse detection, userinfo and end-session.
func TestOIDCAuthorizationCode(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	callback := "http://127.0.0.1:5555/callback"
	clientID, secret := oidcClient(t, inst, callback, "authorization_code", "refresh_token")
	password := inst.creds.Users["subscriber"].Password

	provider, err := oidc.NewProvider(ctx, inst.cp.URL)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	var meta struct {
		Authorization string   `json:"authorization_endpoint"`
		Userinfo      string   `json:"userinfo_endpoint"`
		EndSession    string   `json:"end_session_endpoint"`
		PKCE          []string `json:"code_challenge_methods_supported"`
		Grants        []string `json:"grant_types_supported"`
	}
	if err := provider.Claims(&meta); err != nil {
		t.Fatal(err)
	}
	if meta.Authorization != inst.cp.URL+keymanager.AuthorizePath || meta.Userinfo == "" || meta.EndSession == "" ||
		strings.Join(meta.PKCE, ",") != "S256" || !strings.Contains(strings.Join(meta.Grants, ","), "refresh_token") {
		t.Errorf("discovery = %+v", meta)
	}

	endpoint := provider.Endpoint()
	// One auth style: auto-detection retries a failed exchange, which
	// would hide the first error behind "code already used".
	endpoint.AuthStyle = oauth2.AuthStyleInHeader
	// RFC 8414 metadata is the same document.
	get := func(path string) string {
		resp, err := http.Get(inst.cp.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		return readPage(t, resp)
	}
	if a, b := get("/.well-known/openid-configuration"), get("/.well-known/oauth-authorization-server"); a != b {
		t.Errorf("the two discovery documents differ:\n%s\n%s", a, b)
	}
	conf := oauth2.Config{ClientID: clientID, ClientSecret: secret, Endpoint: endpoint,
		RedirectURL: callback, Scopes: []string{oidc.ScopeOpenID, "profile", "email", "roles"}}
	verifier := provider.Verifier(&oidc.Config{ClientID: clientID, SupportedSigningAlgs: []string{"ES256"}})
	b := newBrowser(callback)

	codeFlow := func(t *testing.T, nonce string, wantPages string) *oauth2.Token {
		t.Helper()
		pkce := oauth2.GenerateVerifier()
		authURL := conf.AuthCodeURL("state-00001", oauth2.S256ChallengeOption(pkce), oidc.Nonce(nonce))
		loc, pages := b.authorize(t, authURL, "subscriber", password, true)
		if got := strings.Join(pages, " "); got != wantPages {
			t.Errorf("pages shown = %q, want %q", got, wantPages)
		}
		q := loc.Query()
		if q.Get("state") != "state-00001" || q.Get("code") == "" {
			t.Fatalf("callback %s, want a code and the state", loc)
		}
		tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(pkce))
		if err != nil {
			t.Fatalf("exchange: %v", err)
		}
		return tok
	}

	tok := codeFlow(t, "nonce-0001", keymanager.LoginPath+" "+keymanager.AuthorizePath)
	raw, _ := tok.Extra("id_token").(string)
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		t.Fatalf("ID token: %v", err)
	}
	var idc map[string]any
	_ = idt.Claims(&idc)
	if idc["nonce"] != "nonce-0001" || idc["auth_time"] == nil || idc["preferred_username"] != "subscriber" {
		t.Errorf("ID token claims = %v, want nonce, auth_time and preferred_username", idc)
	}
	if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
		t.Errorf("at_hash: %v", err)
	}
	at := decodeSegment(t, tok.AccessToken, 1)
	if iat, _ := at["iat"].(float64); time.Since(time.Unix(int64(iat), 0)) > time.Minute {
		t.Errorf("access token iat = %v, want the time of the exchange", at["iat"])
	}
	if at["username"] != "subscriber" || at["client_id"] != clientID || at["aud"] == nil || at["sub"] != idt.Subject {
		t.Errorf("access token claims = %v", at)
	}

	// userinfo with the access token.
	ui, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		t.Fatalf("userinfo: %v", err)
	}
	var uic map[string]any
	_ = ui.Claims(&uic)
	if ui.Subject != idt.Subject || uic["preferred_username"] != "subscriber" || uic["roles"] == nil {
		t.Errorf("userinfo = %v", uic)
	}

	// Consent is remembered: the second flow goes straight to the callback.
	tok2 := codeFlow(t, "nonce-0002", "")

	// Refresh rotates: the new refresh token works, the old one is reuse,
	// which revokes the whole family (the newest refresh token included).
	rt1 := tok2.RefreshToken
	if rt1 == "" {
		t.Fatal("no refresh token")
	}
	refreshed, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: rt1}).Token()
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if refreshed.RefreshToken == "" || refreshed.RefreshToken == rt1 || refreshed.AccessToken == tok2.AccessToken {
		t.Fatalf("refresh did not rotate: %+v", refreshed)
	}
	if decodeSegment(t, refreshed.AccessToken, 1)["jti"] == decodeSegment(t, tok2.AccessToken, 1)["jti"] {
		t.Error("a refreshed access token reuses the jti")
	}
	_, err = conf.TokenSource(ctx, &oauth2.Token{RefreshToken: rt1}).Token()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("reusing a rotated refresh token = %v, want invalid_grant", err)
	}
	if _, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshed.RefreshToken}).Token(); err == nil {
		t.Error("after reuse, the newest refresh token of the family still works")
	}
	status, body := form(t, inst.cp.URL+keymanager.IntrospectPath, clientID, secret, url.Values{"token": {refreshed.AccessToken}})
	if status != 200 || body["active"] != false {
		t.Errorf("after reuse, the family's access token introspects as %v", body)
	}

	// RP-initiated logout with a registered post-logout URI ends the
	// portal session: the next authorization asks for the password again.
	resp, err := b.Get(meta.EndSession + "?" + url.Values{"id_token_hint": {raw}, "post_logout_redirect_uri": {callback}, "state": {"bye"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := resp.Location()
	if resp.StatusCode != http.StatusSeeOther || loc == nil || loc.Query().Get("state") != "bye" {
		t.Fatalf("end session = %d %v, want a redirect to the callback with the state", resp.StatusCode, loc)
	}
	resp, err = b.Get(conf.AuthCodeURL("state-00002", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != keymanager.LoginPath {
		t.Errorf("after logout the authorization request lands on %s, want the login page", resp.Request.URL.Path)
	}
}

// TestOIDCErrors checks how the authorization, token, userinfo, login,
// consent and end-session endpoints answer bad input: the RFC 6749 error
// (by redirect when the redirect URI is trusted, else in the response),
// never a 500.
func TestOIDCErrors(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	callback := "http://127.0.0.1:5555/callback"
	clientID, secret := oidcClient(t, inst, callback, "authorization_code", "refresh_token")
	password := inst.creds.Users["subscriber"].Password
	demo := inst.creds.Application
	base := inst.cp.URL
	endpoint := oauth2.Endpoint{AuthURL: base + keymanager.AuthorizePath, TokenURL: base + keymanager.TokenPath, AuthStyle: oauth2.AuthStyleInHeader}
	conf := oauth2.Config{ClientID: clientID, ClientSecret: secret, Endpoint: endpoint, RedirectURL: callback, Scopes: []string{"openid"}}

	// Sign in and consent once; the browser then holds a session.
	b := newBrowser(callback)
	pkce := oauth2.GenerateVerifier()
	loc, _ := b.authorize(t, conf.AuthCodeURL("state-00001", oauth2.S256ChallengeOption(pkce)), "subscriber", password, true)
	code := loc.Query().Get("code")
	first, err := conf.Exchange(ctx, code, oauth2.VerifierOption(pkce))
	if err != nil {
		t.Fatal(err)
	}

	authz := func(q url.Values) string { return base + keymanager.AuthorizePath + "?" + q.Encode() }
	good := func(mod func(url.Values)) string {
		q := url.Values{"client_id": {clientID}, "response_type": {"code"}, "redirect_uri": {callback}, "scope": {"openid"},
			"state": {"state-00002"}, "code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())}, "code_challenge_method": {"S256"}}
		mod(q)
		return authz(q)
	}
	tests := []struct {
		name       string
		url        string
		anonymous  bool
		wantStatus int    // when the answer is not a redirect to the callback
		wantError  string // the error parameter of the redirect
	}{
		{"unregistered redirect URI", good(func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:5556/callback") }), false, 400, ""},
		{"redirect URI with another path", good(func(q url.Values) { q.Set("redirect_uri", callback+"/x") }), false, 400, ""},
		{"unknown client", good(func(q url.Values) { q.Set("client_id", "nobody") }), false, 401, ""},
		{"repeated parameter", good(func(q url.Values) { q.Add("scope", "openid") }), false, 400, ""},
		{"plain PKCE", good(func(q url.Values) { q.Set("code_challenge_method", "plain") }), false, 0, "invalid_request"},
		{"implicit flow", good(func(q url.Values) { q.Set("response_type", "token") }), false, 0, "unsupported_response_type"},
		{"prompt=none without a session", good(func(q url.Values) { q.Set("prompt", "none") }), true, 0, "login_required"},
		{"client without the code grant", good(func(q url.Values) { q.Set("client_id", demo.ClientID); q.Del("redirect_uri") }), false, 400, ""},
		{"short state", good(func(q url.Values) { q.Set("state", "x") }), false, 0, "invalid_state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ua := b
			if tt.anonymous {
				ua = newBrowser(callback)
			}
			resp, err := ua.Get(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			body := readPage(t, resp)
			loc, _ := resp.Location()
			toCallback := loc != nil && strings.HasPrefix(loc.String(), callback)
			switch {
			case tt.wantError != "":
				if !toCallback || loc.Query().Get("error") != tt.wantError {
					t.Errorf("= %d %v %s, want a redirect with error=%s", resp.StatusCode, loc, body, tt.wantError)
				}
			case toCallback:
				t.Errorf("redirected to %v, want no redirect (%d)", loc, tt.wantStatus)
			case resp.StatusCode != tt.wantStatus:
				t.Errorf("= %d %s, want %d", resp.StatusCode, body, tt.wantStatus)
			}
			if resp.StatusCode >= 500 || strings.Contains(body, "goroutine") {
				t.Errorf("server error or leak: %d %s", resp.StatusCode, body)
			}
		})
	}

	// Token endpoint: replayed code, PKCE mismatch, wrong redirect URI,
	// another client's code.
	newCode := func() (string, string) {
		v := oauth2.GenerateVerifier()
		loc, _ := b.authorize(t, conf.AuthCodeURL("state-00003", oauth2.S256ChallengeOption(v)), "", "", true)
		return loc.Query().Get("code"), v
	}
	tokenErr := func(id, sec string, v url.Values) (int, string) {
		status, body := form(t, base+keymanager.TokenPath, id, sec, v)
		e, _ := body["error"].(string)
		return status, e
	}
	if status, e := tokenErr(clientID, secret, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}, "code_verifier": {pkce}}); status != 400 || e != "invalid_grant" {
		t.Errorf("replayed code = %d %s, want 400 invalid_grant", status, e)
	}
	status, body := form(t, base+keymanager.IntrospectPath, clientID, secret, url.Values{"token": {first.AccessToken}})
	if status != 200 || body["active"] != false {
		t.Errorf("after a replayed code, its access token introspects as %v, want inactive", body)
	}
	c2, v2 := newCode()
	if status, e := tokenErr(clientID, secret, url.Values{"grant_type": {"authorization_code"}, "code": {c2}, "redirect_uri": {callback}, "code_verifier": {oauth2.GenerateVerifier()}}); status != 400 || e != "invalid_grant" {
		t.Errorf("PKCE mismatch = %d %s, want 400 invalid_grant", status, e)
	}
	c3, v3 := newCode()
	if status, e := tokenErr(clientID, secret, url.Values{"grant_type": {"authorization_code"}, "code": {c3}, "code_verifier": {v3}}); status != 400 || e == "" {
		t.Errorf("code without PKCE-bound redirect URI = %d %s, want 400", status, e)
	}
	c4, v4 := newCode()
	if status, e := tokenErr(clientID, secret, url.Values{"grant_type": {"authorization_code"}, "code": {c4}, "redirect_uri": {callback + "/x"}, "code_verifier": {v4}}); status != 400 || e != "invalid_grant" {
		t.Errorf("wrong redirect URI at the token endpoint = %d %s, want 400 invalid_grant", status, e)
	}
	c5, v5 := newCode()
	if status, e := tokenErr(demo.ClientID, demo.ClientSecret, url.Values{"grant_type": {"authorization_code"}, "code": {c5}, "redirect_uri": {callback}, "code_verifier": {v5}}); status != 400 || (e != "invalid_grant" && e != "unauthorized_client") {
		t.Errorf("another client's code = %d %s, want 400 invalid_grant or unauthorized_client", status, e)
	}
	_ = v2
	if status, e := tokenErr(clientID, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"garbage.garbage"}}); status != 400 || e != "invalid_grant" {
		t.Errorf("unknown refresh token = %d %s, want 400 invalid_grant", status, e)
	}

	// userinfo: no token, a client's token, garbage.
	cc := inst.token(t)
	for name, h := range map[string]string{"no token": "", "client token": "Bearer " + cc, "garbage": "Bearer abc.def.ghi"} {
		req, _ := http.NewRequest(http.MethodGet, base+keymanager.UserinfoPath, nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("userinfo with %s = %d %q, want 401 with a Bearer challenge", name, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
	}

	// Forms without their CSRF token are refused.
	resp, err := b.PostForm(base+keymanager.ConsentPath, url.Values{"request": {"client_id=" + clientID}, "decision": {"allow"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("consent without CSRF token = %d, want 403", resp.StatusCode)
	}
	resp, err = http.PostForm(base+keymanager.LoginPath, url.Values{"username": {"subscriber"}, "password": {password}, "csrf_token": {"x"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || len(resp.Cookies()) > 0 && resp.Cookies()[0].Name == "gatehouse_session" {
		t.Errorf("login without CSRF cookie = %d, want 403 and no session", resp.StatusCode)
	}
	// The login page returns only to the authorization endpoint.
	resp, err = http.Get(base + keymanager.LoginPath + "?return_to=" + url.QueryEscape("https://evil.example/"))
	if err != nil {
		t.Fatal(err)
	}
	if page := readPage(t, resp); strings.Contains(page, "evil.example") {
		t.Error("the login page keeps a foreign return_to")
	}
	// End session refuses an unregistered post-logout URI.
	resp, err = b.Get(base + keymanager.EndSessionPath + "?" + url.Values{"client_id": {clientID}, "post_logout_redirect_uri": {"https://evil.example/"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("end session with an unregistered URI = %d, want 400", resp.StatusCode)
	}

	// A public client (no secret) must use PKCE.
	db := entClient(t, inst)
	if err := db.ApplicationKey.Update().Where(applicationkey.ClientID(clientID)).SetClientSecretHash("").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	resp, err = b.Get(good(func(q url.Values) { q.Del("code_challenge"); q.Del("code_challenge_method") }))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc, _ := resp.Location(); loc == nil || loc.Query().Get("error") != "invalid_request" {
		t.Errorf("public client without PKCE = %d %v, want a redirect with invalid_request", resp.StatusCode, loc)
	}
	// ... and with it, it gets tokens without a secret.
	pub := conf
	pub.ClientSecret = ""
	pub.Endpoint.AuthStyle = oauth2.AuthStyleInParams
	v := oauth2.GenerateVerifier()
	loc, _ = b.authorize(t, pub.AuthCodeURL("state-00004", oauth2.S256ChallengeOption(v)), "", "", true)
	if _, err := pub.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(v)); err != nil {
		t.Errorf("public client with PKCE: %v", err)
	}
}

// TestLoginLockout: failed passwords at the portal's sign-in lock the
// account for the Key Manager's login page too.
func TestLoginLockout(t *testing.T) {
	inst := start(t, "", t.TempDir())
	password := inst.creds.Users["publisher"].Password
	signIn := func(pw string) (int, string) {
		resp, err := http.Post(inst.cp.URL+"/auth/login", "application/json",
			strings.NewReader(`{"username":"publisher","password":"`+pw+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, readPage(t, resp)
	}
	for range 5 {
		if status, _ := signIn("wrong-password"); status != 401 {
			t.Fatalf("wrong password = %d, want 401", status)
		}
	}
	if status, body := signIn(password); status != 401 || !strings.Contains(body, "too many failed sign-ins") {
		t.Errorf("right password while locked = %d %s, want 401 with the lock message", status, body)
	}
	// The OAuth login page shares the lock.
	b := newBrowser("http://127.0.0.1:1/")
	resp, err := b.Get(inst.cp.URL + keymanager.LoginPath)
	if err != nil {
		t.Fatal(err)
	}
	f := formFields(readPage(t, resp))
	f.Set("username", "publisher")
	f.Set("password", password)
	resp, err = b.PostForm(inst.cp.URL+keymanager.LoginPath, f)
	if err != nil {
		t.Fatal(err)
	}
	if page := readPage(t, resp); resp.StatusCode != 401 || !strings.Contains(page, "too many failed sign-ins") {
		t.Errorf("login page while locked = %d, want 401 with the lock message", resp.StatusCode)
	}
	// Another account is not affected.
	inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
}

// TestPasswordGrant: off unless the key's grant types name it; then a
// user's password gets a token for that user, under the lockout.
func TestPasswordGrant(t *testing.T) {
	inst := start(t, "", t.TempDir())
	ctx := context.Background()
	clientID, secret := oidcClient(t, inst, "", "password", "refresh_token")
	password := inst.creds.Users["subscriber"].Password
	ccID, ccSecret := oidcClient(t, inst, "", "client_credentials")
	conf := oauth2.Config{ClientID: clientID, ClientSecret: secret, Scopes: []string{"openid"},
		Endpoint: oauth2.Endpoint{TokenURL: inst.cp.URL + keymanager.TokenPath, AuthStyle: oauth2.AuthStyleInHeader}}
	tok, err := conf.PasswordCredentialsToken(ctx, "subscriber", password)
	if err != nil {
		t.Fatalf("password grant: %v", err)
	}
	if c := decodeSegment(t, tok.AccessToken, 1); c["username"] != "subscriber" || c["client_id"] != clientID {
		t.Errorf("claims = %v", c)
	}
	next, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	if err != nil {
		t.Fatalf("refresh after the password grant: %v", err)
	}
	// A disabled user's refresh token stops working.
	if err := entClient(t, inst).User.Update().Where(user.Username("subscriber")).SetDisabled(true).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: next.RefreshToken}).Token(); err == nil {
		t.Error("a disabled user's refresh token still works")
	}
	tests := []struct {
		name, id, secret, user, password, want string
	}{
		{"wrong password", clientID, secret, "subscriber", "nope", "invalid_grant"},
		{"unknown user", clientID, secret, "nobody", "nope", "invalid_grant"},
		{"key without the grant", ccID, ccSecret, "subscriber", password, "unauthorized_client"},
	}
	for _, tt := range tests {
		status, body := form(t, inst.cp.URL+keymanager.TokenPath, tt.id, tt.secret,
			url.Values{"grant_type": {"password"}, "username": {tt.user}, "password": {tt.password}})
		if status != 400 || body["error"] != tt.want {
			t.Errorf("%s = %d %v, want 400 %s", tt.name, status, body, tt.want)
		}
	}
}

// TestPrivateKeyJWT: a key that registered public keys authenticates with
// a signed client assertion (RFC 7523 section 2.2), once per assertion,
// and no longer with its secret.
func TestPrivateKeyJWT(t *testing.T) {
	inst := start(t, "", t.TempDir())
	clientID, secret := oidcClient(t, inst, "", "client_credentials", keymanager.GrantTypeJWTBearer)
	tokenURL := inst.cp.URL + keymanager.TokenPath
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &priv.PublicKey, KeyID: "k1", Algorithm: "ES256", Use: "sig"}}})
	private, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: priv, KeyID: "k1", Algorithm: "ES256", Use: "sig"}}})

	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	appID := func() string {
		data, errs := sub.do(t, `{ applications { edges { node { id keys { clientID } } } } }`, nil)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, e := range data["applications"].(map[string]any)["edges"].([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			for _, k := range n["keys"].([]any) {
				if k.(map[string]any)["clientID"] == clientID {
					return n["id"].(string)
				}
			}
		}
		t.Fatal("application not found")
		return ""
	}()
	set := `mutation($app: ID!, $jwks: String!) { setApplicationKeyJWKS(applicationID: $app, keyType: PRODUCTION, jwks: $jwks) { clientID } }`
	for name, bad := range map[string]string{"private key": string(private), "not JSON": "{", "empty set": `{"keys":[]}`} {
		if _, errs := sub.do(t, set, map[string]any{"app": appID, "jwks": bad}); len(errs) == 0 || errs[0].Extensions.Field != "jwks" {
			t.Errorf("JWKS with a %s: %+v, want a jwks field error", name, errs)
		}
	}
	if _, errs := sub.do(t, set, map[string]any{"app": appID, "jwks": string(pub)}); len(errs) > 0 {
		t.Fatal(errs)
	}

	assertion := func(key *ecdsa.PrivateKey, aud string) string { return signAssertion(t, key, clientID, clientID, aud) }
	withAssertion := func(a string) url.Values {
		return url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID},
			"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, "client_assertion": {a}}
	}
	good := assertion(priv, tokenURL)
	if status, body := form(t, tokenURL, "", "", withAssertion(good)); status != 200 || body["access_token"] == nil {
		t.Fatalf("private_key_jwt = %d %v, want a token", status, body)
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tests := []struct {
		name   string
		id     string
		secret string
		form   url.Values
	}{
		{"replayed assertion", "", "", withAssertion(good)},
		{"assertion signed by another key", "", "", withAssertion(assertion(other, tokenURL))},
		{"assertion for another audience", "", "", withAssertion(assertion(priv, "https://elsewhere.example/token"))},
		{"the secret instead", clientID, secret, url.Values{"grant_type": {"client_credentials"}}},
	}
	for _, tt := range tests {
		if status, body := form(t, tokenURL, tt.id, tt.secret, tt.form); status != 401 || body["error"] != "invalid_client" {
			t.Errorf("%s = %d %v, want 401 invalid_client", tt.name, status, body)
		}
	}

	// The JWT bearer grant (RFC 7523 section 2.1): the key's own signed
	// assertion about a user who consented to it.
	db := entClient(t, inst)
	subscriber := db.User.Query().Where(user.Username("subscriber")).OnlyX(context.Background())
	db.OAuthConsent.Create().SetUserID(subscriber.ID).SetClientID(clientID).SetScopes([]string{"openid", "menu:read"}).ExecX(context.Background())
	bearer := func(sub, scope string) (int, map[string]any) {
		return form(t, tokenURL, "", "", url.Values{"grant_type": {keymanager.GrantTypeJWTBearer},
			"assertion": {signAssertion(t, priv, clientID, sub, tokenURL)}, "scope": {scope}, "client_id": {clientID},
			"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
			"client_assertion":      {assertion(priv, tokenURL)}})
	}
	status, body := bearer("subscriber", "menu:read")
	if status != 200 {
		t.Fatalf("JWT bearer grant = %d %v", status, body)
	}
	claims := decodeSegment(t, body["access_token"].(string), 1)
	if claims["username"] != "subscriber" || claims["aud"] == nil || strings.Contains(fmt.Sprint(claims["aud"]), "/oauth2/token") {
		t.Errorf("JWT bearer token claims = %v", claims)
	}
	for name, c := range map[string][2]string{
		"a user who did not consent": {"publisher", "menu:read"},
		"a scope beyond the consent": {"subscriber", "order:write"},
		"an unknown user":            {"nobody", ""},
	} {
		if status, body := bearer(c[0], c[1]); status != 400 || body["error"] != "invalid_grant" {
			t.Errorf("JWT bearer for %s = %d %v, want 400 invalid_grant", name, status, body)
		}
	}
}

// signAssertion signs an RFC 7523 assertion with key (kid k1).
func signAssertion(t *testing.T, key *ecdsa.PrivateKey, iss, sub, aud string) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: key, KeyID: "k1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claims, _ := json.Marshal(map[string]any{"iss": iss, "sub": sub, "aud": aud,
		"jti": rand.Text(), "iat": time.Now().Unix(), "exp": time.Now().Add(time.Minute).Unix()})
	jws, err := signer.Sign(claims)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := jws.CompactSerialize()
	return s
}
