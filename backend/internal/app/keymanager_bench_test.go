package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/ent/application"
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

// BenchmarkIntrospectOpaque measures RFC 7662 introspection of an opaque
// reference token through the real HTTP endpoint (SQLite, client
// authentication included), in parallel: the cost a gateway pays on a
// cache miss.
func BenchmarkIntrospectOpaque(b *testing.B) {
	inst := start(b, "", b.TempDir())
	demo := inst.creds.Application
	ctx := context.Background()
	client := app.Client(inst.app)
	client.Application.Update().Where(application.Name(demo.Name)).SetTokenType(application.TokenTypeOPAQUE).ExecX(ctx)
	token := inst.token(b)
	if !strings.HasPrefix(token, keymanager.OpaquePrefix) {
		b.Fatalf("token %q is not opaque", token)
	}
	body := url.Values{"token": {token}}.Encode()
	introspectURL := inst.cp.URL + keymanager.IntrospectPath
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, introspectURL, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(demo.ClientID, demo.ClientSecret)
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var out map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || out["active"] != true {
				b.Fatalf("status %d %v", resp.StatusCode, out)
			}
		}
	})
}

// BenchmarkIntrospectOpaqueInProcess is the Key Manager's side of an
// introspection without HTTP (what the embedded gateway calls on a cache
// miss): the indexed lookup, decoding the stored grant, the claims.
func BenchmarkIntrospectOpaqueInProcess(b *testing.B) {
	inst := start(b, "", b.TempDir())
	ctx := context.Background()
	app.Client(inst.app).Application.Update().Where(application.Name(inst.creds.Application.Name)).
		SetTokenType(application.TokenTypeOPAQUE).ExecX(ctx)
	token := inst.token(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			out, err := app.Introspect(inst.app, ctx, token)
			if err != nil || out["active"] != true {
				b.Fatalf("%v %v", out, err)
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
