package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
)

// TestKeyManagerConformance drives the authorization server the way real
// clients do: go-oidc for discovery and JWT verification, x/oauth2 for the
// client credentials grant, and raw requests for the RFC error cases.
func TestKeyManagerConformance(t *testing.T) {
	dir := t.TempDir()
	inst := start(t, "", dir)
	ctx := context.Background()
	demo := inst.creds.Application

	provider, err := oidc.NewProvider(ctx, inst.cp.URL)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	var meta map[string]any
	if err := provider.Claims(&meta); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"token_endpoint", "introspection_endpoint", "revocation_endpoint", "jwks_uri"} {
		if s, _ := meta[k].(string); !strings.HasPrefix(s, inst.cp.URL+"/") {
			t.Errorf("discovery %s = %v, want a URL under the issuer", k, meta[k])
		}
	}
	verifier := provider.Verifier(&oidc.Config{ClientID: keymanager.DefaultAudience, SupportedSigningAlgs: []string{"ES256"}})

	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		cc := clientcredentials.Config{ClientID: demo.ClientID, ClientSecret: demo.ClientSecret,
			TokenURL: provider.Endpoint().TokenURL, Scopes: []string{"menu:read", "order:write"}, AuthStyle: style}
		tok, err := cc.Token(ctx)
		if err != nil {
			t.Fatalf("client credentials (auth style %d): %v", style, err)
		}
		if tok.TokenType != "bearer" && tok.TokenType != "Bearer" {
			t.Errorf("token_type = %q", tok.TokenType)
		}
		idt, err := verifier.Verify(ctx, tok.AccessToken)
		if err != nil {
			t.Fatalf("go-oidc cannot verify the access token: %v", err)
		}
		var claims map[string]any
		_ = idt.Claims(&claims)
		want := map[string]any{
			"client_id": demo.ClientID, "sub": demo.ClientID, "application": demo.Name,
			"subscriber": "subscriber", "key_type": "PRODUCTION", "scope": "menu:read order:write",
		}
		for k, v := range want {
			if claims[k] != v {
				t.Errorf("claim %s = %v, want %v", k, claims[k], v)
			}
		}
		if claims["jti"] == "" || claims["exp"] == nil || claims["iat"] == nil {
			t.Errorf("claims %v lack jti, exp or iat", claims)
		}
		header := decodeSegment(t, tok.AccessToken, 0)
		if header["typ"] != "at+jwt" || header["alg"] != "ES256" || header["kid"] == nil {
			t.Errorf("JWT header = %v, want typ at+jwt, alg ES256 and a kid", header)
		}
	}

	// Introspection, then revocation, then introspection again.
	cc := clientcredentials.Config{ClientID: demo.ClientID, ClientSecret: demo.ClientSecret, TokenURL: provider.Endpoint().TokenURL}
	tok, err := cc.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	introspect := func(token string) map[string]any {
		status, body := form(t, inst.cp.URL+keymanager.IntrospectPath, demo.ClientID, demo.ClientSecret, url.Values{"token": {token}})
		if status != 200 {
			t.Fatalf("introspect: %d %v", status, body)
		}
		return body
	}
	if got := introspect(tok.AccessToken); got["active"] != true || got["client_id"] != demo.ClientID {
		t.Errorf("introspection of a live token = %v, want active for %s", got, demo.ClientID)
	}
	tampered := tok.AccessToken[:len(tok.AccessToken)-4] + "AAAA"
	if got := introspect(tampered); got["active"] != false {
		t.Errorf("introspection of a tampered token = %v, want inactive", got)
	}
	if status, body := form(t, inst.cp.URL+keymanager.RevokePath, demo.ClientID, demo.ClientSecret, url.Values{"token": {tok.AccessToken}}); status != 200 {
		t.Fatalf("revoke: %d %v", status, body)
	}
	if got := introspect(tok.AccessToken); got["active"] != false {
		t.Errorf("introspection after revocation = %v, want inactive", got)
	}
	// RFC 7009: revoking garbage is not an error.
	if status, _ := form(t, inst.cp.URL+keymanager.RevokePath, demo.ClientID, demo.ClientSecret, url.Values{"token": {"garbage"}}); status != 200 {
		t.Errorf("revoke garbage = %d, want 200", status)
	}

	// A token issued before a restart still verifies after it: the
	// signing key is kept, sealed with the master key.
	tok, err = cc.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(inst.cp.URL, "http://")
	inst.stop()
	inst2 := startWith(t, app.Config{DataDir: dir, Listen: addr})
	provider2, err := oidc.NewProvider(ctx, inst2.cp.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provider2.Verifier(&oidc.Config{ClientID: keymanager.DefaultAudience, SupportedSigningAlgs: []string{"ES256"}}).
		Verify(ctx, tok.AccessToken); err != nil {
		t.Errorf("token from before the restart does not verify after it: %v", err)
	}
}

func TestKeyManagerErrors(t *testing.T) {
	inst := start(t, "", t.TempDir())
	demo := inst.creds.Application
	tokenURL := inst.cp.URL + keymanager.TokenPath
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(demo.ClientID+":"+demo.ClientSecret))
	wrongBasic := "Basic " + base64.StdEncoding.EncodeToString([]byte(demo.ClientID+":wrong"))
	tests := []struct {
		name        string
		contentType string
		auth        string
		body        string
		wantStatus  int
		wantError   string
		wantChallen bool
	}{
		{"wrong secret", "application/x-www-form-urlencoded", wrongBasic, "grant_type=client_credentials", 401, "invalid_client", true},
		{"unknown client", "application/x-www-form-urlencoded", "Basic " + base64.StdEncoding.EncodeToString([]byte("nobody:x")), "grant_type=client_credentials", 401, "invalid_client", true},
		{"no client auth", "application/x-www-form-urlencoded", "", "grant_type=client_credentials", 401, "invalid_client", true},
		{"unknown grant", "application/x-www-form-urlencoded", basic, "grant_type=magic", 400, "unsupported_grant_type", false},
		{"missing grant", "application/x-www-form-urlencoded", basic, "scope=a", 400, "invalid_request", false},
		{"repeated parameter", "application/x-www-form-urlencoded", basic, "grant_type=client_credentials&grant_type=client_credentials", 400, "invalid_request", false},
		{"JSON body", "application/json", basic, `{"grant_type":"client_credentials"}`, 400, "invalid_request", false},
		{"grant not allowed", "application/x-www-form-urlencoded", basic, "grant_type=authorization_code&code=x&redirect_uri=http://x", 400, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, tokenURL, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			raw, _ := io.ReadAll(resp.Body)
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body %q is not JSON: %v", raw, err)
			}
			if resp.StatusCode != tt.wantStatus || (tt.wantError != "" && body["error"] != tt.wantError) || body["error"] == nil {
				t.Errorf("= %d %v, want %d %s", resp.StatusCode, body, tt.wantStatus, tt.wantError)
			}
			if got := resp.Header.Get("WWW-Authenticate") != ""; got != tt.wantChallen {
				t.Errorf("WWW-Authenticate present = %v, want %v", got, tt.wantChallen)
			}
			if strings.Contains(string(raw), "goroutine") || strings.Contains(string(raw), ".go:") {
				t.Errorf("error body leaks internals: %s", raw)
			}
		})
	}

	// An oversized body is refused before it is read.
	big := "grant_type=client_credentials&pad=" + strings.Repeat("a", 100<<10)
	req, _ := http.NewRequest(http.MethodPost, tokenURL, strings.NewReader(big))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", basic)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized token request = %d, want 413", resp.StatusCode)
	}

	// Introspection needs client authentication.
	status, body := form(t, inst.cp.URL+keymanager.IntrospectPath, "", "", url.Values{"token": {"x"}})
	if status != 401 || body["error"] == nil {
		t.Errorf("unauthenticated introspection = %d %v, want 401 with an error", status, body)
	}
}

// form posts values with client_secret_basic (when id is set) and decodes
// the JSON answer.
func form(t *testing.T, u, id, secret string, values url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

func decodeSegment(t *testing.T, jwt string, i int) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	b, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
