package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
)

// BenchmarkSearchAPIs10k lists and searches pages of APIs through the real
// GraphQL handler with 10,000 APIs stored in SQLite, as a signed-in
// publisher, and reports each query's p95.
func BenchmarkSearchAPIs10k(b *testing.B) {
	inst := start(b, "", b.TempDir())
	client := app.Client(inst.app)
	ctx := context.Background()
	pizza, err := client.API.Query().Where(api.Context("pizzashack")).Only(ctx)
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"weather", "payments", "orders", "maps", "music", "travel", "health", "retail"}
	const total = 10_000
	for start := 0; start < total; start += 500 {
		bulk := make([]*ent.APICreate, 0, 500)
		for i := start; i < start+500; i++ {
			w := words[i%len(words)]
			bulk = append(bulk, client.API.Create().SetOrganizationID(pizza.OrganizationID).
				SetName(fmt.Sprintf("%s API %05d", strings.ToUpper(w[:1])+w[1:], i)).
				SetContext(fmt.Sprintf("%s%05d", w, i)).SetVersion("v1").
				SetDescription("The "+w+" service, number "+fmt.Sprint(i)).
				SetTags([]string{w, fmt.Sprintf("group-%d", i%50)}).SetCreatedBy("publisher").
				SetLifecycleStatus([]api.LifecycleStatus{api.LifecycleStatusCREATED, api.LifecycleStatusPUBLISHED}[i%2]))
		}
		if err := client.API.CreateBulk(bulk...).Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
	cookie, csrf := loginTB(b, inst, "publisher")
	queries := []struct{ name, q string }{
		{"list", ""},
		{"free-text", "weather"},
		{"phrase", `"number 4242"`},
		{"tag+status", "tag:group-7 status:published"},
		{"name+context+provider", "name:music context:music provider:publisher"},
	}
	const query = `query($q: String) { searchAPIs(query: $q, first: 25, orderBy: {field: NAME, direction: ASC}) {
	  totalCount edges { cursor node { id name context version lifecycleStatus tags } } pageInfo { hasNextPage endCursor } } }`
	for _, tc := range queries {
		b.Run(tc.name, func(b *testing.B) {
			body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"q": tc.q}})
			var durations []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set(auth.CSRFHeader, csrf)
				req.AddCookie(cookie)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				inst.app.Handler.ServeHTTP(rec, req)
				durations = append(durations, time.Since(t0))
				if rec.Code != 200 || strings.Contains(rec.Body.String(), `"errors"`) {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
			b.StopTimer()
			slices.Sort(durations)
			p95 := durations[(len(durations)*95+99)/100-1]
			b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
			b.ReportMetric(float64(durations[len(durations)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

// loginTB signs in through the real endpoint and returns the session
// cookie and CSRF token.
func loginTB(tb testing.TB, inst *instance, user string) (*http.Cookie, string) {
	tb.Helper()
	resp, err := http.Post(inst.cp.URL+"/auth/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":%q,"password":%q}`, user, inst.creds.Users[user].Password)))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ CSRFToken string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		tb.Fatal(err)
	}
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookieName {
			return c, body.CSRFToken
		}
	}
	tb.Fatal("no session cookie")
	return nil, ""
}
