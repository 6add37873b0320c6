package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
)

// TestHole9_CrossOriginStateChangesRefused: a foreign page cannot sign a
// browser in (login CSRF) or post to the cookie-authenticated endpoints;
// the same requests from the control plane's own origin, and from
// server-to-server callers that send no Origin, still work; the
// client-authenticated OAuth endpoints stay open to any origin.
func TestHole9_CrossOriginStateChangesRefused(t *testing.T) {
	inst := start(t, "", t.TempDir())
	password := inst.creds.Users["subscriber"].Password
	loginBody := `{"username":"subscriber","password":"` + password + `"}`
	post := func(path, contentType, body string, headers map[string]string) (int, []*http.Cookie) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		readPage(t, resp)
		return resp.StatusCode, resp.Cookies()
	}
	signedIn := func(cs []*http.Cookie) bool {
		for _, c := range cs {
			if c.Name == sessionCookieName && c.Value != "" {
				return true
			}
		}
		return false
	}
	evil := "http://evil.example"
	for _, tc := range []struct {
		name, contentType string
		headers           map[string]string
		want              int
	}{
		{"text/plain form from a foreign origin", "text/plain", map[string]string{"Origin": evil, "Sec-Fetch-Site": "cross-site"}, 403},
		{"JSON fetch from a foreign origin", "application/json", map[string]string{"Origin": evil, "Sec-Fetch-Site": "cross-site"}, 403},
		{"foreign Origin without Sec-Fetch-Site", "application/json", map[string]string{"Origin": evil}, 403},
		{"same-site but another origin", "application/json", map[string]string{"Origin": "http://sub." + strings.TrimPrefix(inst.cp.URL, "http://"), "Sec-Fetch-Site": "same-site"}, 403},
		{"text/plain without Origin", "text/plain", nil, 400},
		{"same origin", "application/json", map[string]string{"Origin": inst.cp.URL, "Sec-Fetch-Site": "same-origin"}, 200},
		{"same Origin, no Sec-Fetch-Site", "application/json", map[string]string{"Origin": inst.cp.URL}, 200},
		{"server to server (no Origin)", "application/json", nil, 200},
	} {
		status, cookies := post("/auth/login", tc.contentType, loginBody, tc.headers)
		if status != tc.want || signedIn(cookies) != (tc.want == 200) {
			t.Errorf("%s: /auth/login = %d signed in %v, want %d", tc.name, status, signedIn(cookies), tc.want)
		}
	}

	// The cookie-authenticated endpoints refuse a foreign origin even with
	// a valid session and CSRF header.
	sess := inst.login(t, "subscriber", password)
	withSession := map[string]string{"Cookie": sess.cookie.Name + "=" + sess.cookie.Value, auth.CSRFHeader: sess.csrf,
		"Origin": evil, "Sec-Fetch-Site": "cross-site"}
	if status, _ := post("/graphql", "application/json", `{"query":"mutation { createApplication(input: {name: \"csrf\"}) { id } }"}`, withSession); status != 403 {
		t.Errorf("cross-origin GraphQL mutation = %d, want 403", status)
	}
	if status, _ := post("/auth/logout", "application/json", "", withSession); status != 403 {
		t.Errorf("cross-origin logout = %d, want 403", status)
	}
	if status, _ := post(keymanager.LoginPath, "application/x-www-form-urlencoded",
		url.Values{"username": {"subscriber"}, "password": {password}}.Encode(), map[string]string{"Origin": evil, "Sec-Fetch-Site": "cross-site"}); status != 403 {
		t.Errorf("cross-origin Key Manager login form = %d, want 403", status)
	}
	if status, _ := post(keymanager.ConsentPath, "application/x-www-form-urlencoded", "decision=allow", withSession); status != 403 {
		t.Errorf("cross-origin consent form = %d, want 403", status)
	}

	// Client-authenticated endpoints: a cross-origin caller is a client.
	demo := inst.creds.Application
	req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+keymanager.TokenPath, strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", evil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.SetBasicAuth(demo.ClientID, demo.ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readPage(t, resp)
	if resp.StatusCode != 200 {
		t.Errorf("cross-origin token request = %d, want 200 (client-authenticated, exempt)", resp.StatusCode)
	}
}
