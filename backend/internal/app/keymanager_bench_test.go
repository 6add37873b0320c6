package app_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
)

// BenchmarkClientCredentialsJWT measures JWT access tokens issued through
// the real HTTP token endpoint on loopback (SQLite, ES256), in parallel.
func BenchmarkClientCredentialsJWT(b *testing.B) {
	inst := start(b, "", b.TempDir())
	demo := inst.creds.Application
	body := url.Values{"grant_type": {"client_credentials"}}.Encode()
	tokenURL := inst.cp.URL + keymanager.TokenPath
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, tokenURL, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(demo.ClientID, demo.ClientSecret)
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
}

// BenchmarkClientCredentialsScopedJWT is BenchmarkClientCredentialsJWT
// asking for scopes an API binds to roles: the bindings and the owner's
// roles come from the key manager's caches.
func BenchmarkClientCredentialsScopedJWT(b *testing.B) {
	inst := start(b, "", b.TempDir())
	ctx := context.Background()
	db := app.Client(inst.app)
	a := db.API.Query().FirstX(ctx)
	db.APIScope.Create().SetAPIID(a.ID).SetName("pizza:admin").SetRoles([]string{"admin"}).ExecX(ctx)
	db.APIScope.Create().SetAPIID(a.ID).SetName("pizza:order").SetRoles([]string{"subscriber"}).ExecX(ctx)
	demo := inst.creds.Application
	body := url.Values{"grant_type": {"client_credentials"}, "scope": {"openid pizza:admin pizza:order"}}.Encode()
	tokenURL := inst.cp.URL + keymanager.TokenPath
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, tokenURL, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(demo.ClientID, demo.ClientSecret)
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
}
