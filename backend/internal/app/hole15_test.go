package app_test

import (
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/sealed"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

// rawDB opens the instance's database beside it, for reading and writing
// columns the way an attacker with a copy of the database (or an older
// release) would see them.
func rawDB(t *testing.T, database, dataDir string) (*sql.DB, func(int) string) {
	t.Helper()
	driver, dsn, ph := "sqlite", "file:"+filepath.Join(dataDir, "gatehouse.db")+"?_pragma=busy_timeout(5000)", func(int) string { return "?" }
	if database != "" {
		driver, dsn = "pgx", database
		ph = func(n int) string { return "$" + string(rune('0'+n)) }
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, ph
}

// storedTexts are the endpoint groups of every API row and the snapshots
// of every revision, as the database holds them.
func storedTexts(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"SELECT CAST(endpoints AS TEXT) FROM apis WHERE endpoints IS NOT NULL",
		"SELECT snapshot FROM api_revisions",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		rows.Close()
	}
	return out
}

// TestHole15_BasicAuthSealedAtRest: a backend basic-auth password is kept
// sealed with the master key in the API row and in the revision snapshot;
// the embedded gateway still sends the backend the right Authorization;
// and rows an older release left in the clear are sealed at the next start.
func TestHole15_BasicAuthSealedAtRest(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			inst := start(t, database, dir)
			pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
			backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_ = json.NewEncoder(w).Encode(map[string]string{"auth": r.Header.Get("Authorization")})
			}))
			t.Cleanup(backend.Close)
			data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
				"name": "Sealed", "context": "sealed", "version": "1.0.0", "endpoint": backend.URL}})
			if len(errs) > 0 {
				t.Fatalf("createAPI: %+v", errs)
			}
			id := data["createAPI"].(map[string]any)["id"]
			openResources(t, pub, id)
			const password = "hole15-Plaintext-Pa55word"
			mustDo(t, pub, "updateAPIEndpoints", updateEndpoints, map[string]any{"id": id, "i": map[string]any{
				"production": map[string]any{"type": "SINGLE", "urls": []string{backend.URL},
					"auth": map[string]any{"type": "BASIC", "username": "gw", "password": password}}}})
			if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
				t.Fatalf("deployAPI: %+v", errs)
			}
			authOf := func(want string) {
				t.Helper()
				resp := waitGateway(t, inst.gateway.URL, "/sealed/1.0.0/x", http.StatusOK)
				var got map[string]string
				err := json.NewDecoder(resp.Body).Decode(&got)
				resp.Body.Close()
				if err != nil || got["auth"] != want {
					t.Errorf("backend got Authorization %q (%v), want %q", got["auth"], err, want)
				}
			}
			basic := func(user, pw string) string {
				return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
			}
			authOf(basic("gw", password))

			db, ph := rawDB(t, database, dir)
			texts := storedTexts(t, db)
			if len(texts) < 2 {
				t.Fatalf("found %d stored endpoint documents, want the API row and its revision", len(texts))
			}
			for _, s := range texts {
				if strings.Contains(s, password) {
					t.Errorf("the password is stored in the clear: %s", s)
				}
				if strings.Contains(s, `"gw"`) && !strings.Contains(s, sealed.Prefix) {
					t.Errorf("no sealed secret in %s", s)
				}
			}

			// An older release wrote the password in the clear: put one back
			// in both places, restart, and it is sealed and still works.
			inst.stop()
			const legacy = "hole15-legacy-Pa55word"
			plainGroup := `{"type":"SINGLE","urls":["` + backend.URL + `"],"auth":{"type":"BASIC","username":"gw","password":"` + legacy + `"}}`
			if _, err := db.Exec("UPDATE apis SET endpoints = "+ph(1)+" WHERE context = 'sealed'", `{"production":`+plainGroup+`}`); err != nil {
				t.Fatal(err)
			}
			var revID, snap string
			if err := db.QueryRow("SELECT CAST(r.id AS TEXT), r.snapshot FROM api_revisions r JOIN apis a ON a.id = r.api_id WHERE a.context = 'sealed'").Scan(&revID, &snap); err != nil {
				t.Fatal(err)
			}
			var doc map[string]json.RawMessage
			if err := json.Unmarshal([]byte(snap), &doc); err != nil {
				t.Fatal(err)
			}
			doc["production"] = json.RawMessage(plainGroup)
			b, _ := json.Marshal(doc)
			if _, err := db.Exec("UPDATE api_revisions SET snapshot = "+ph(1)+" WHERE CAST(id AS TEXT) = "+ph(2), string(b), revID); err != nil {
				t.Fatal(err)
			}
			inst = start(t, database, dir)
			for _, s := range storedTexts(t, db) {
				if strings.Contains(s, legacy) {
					t.Errorf("a plaintext password of an older release is still stored after a start: %s", s)
				}
			}
			authOf(basic("gw", legacy))
		})
	}
}

// TestHole15_DataFilesPrivate: under the usual umask 022, the data dir is
// 0700 (even when it existed with a wider mode) and the SQLite database,
// its -wal and -shm files, the master key, the gateway token, the backend
// JWT key and the demo credentials are 0600, also when an older release
// left the database 0644.
func TestHole15_DataFilesPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir string)
	}{
		{"fresh", func(t *testing.T, dir string) {}},
		{"upgraded", func(t *testing.T, dir string) {
			// An empty file is an empty SQLite database.
			if err := os.WriteFile(filepath.Join(dir, "gatehouse.db"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			tc.prepare(t, dir)
			inst := start(t, "", dir)
			// The embedded gateway creates its JWT key on start.
			waitGateway(t, inst.gateway.URL, "/readyz", http.StatusOK).Body.Close()
			mode := func(path string) fs.FileMode {
				t.Helper()
				st, err := os.Stat(path)
				if err != nil {
					t.Fatalf("stat: %v", err)
				}
				return st.Mode().Perm()
			}
			if m := mode(dir); m != 0o700 {
				t.Errorf("data dir mode %o, want 700", m)
			}
			for _, name := range []string{"gatehouse.db", "gatehouse.db-wal", "gatehouse.db-shm", "master.key",
				"gateway-token", "gateway-jwt.pem", "demo-credentials.json"} {
				if m := mode(filepath.Join(dir, name)); m != 0o600 {
					t.Errorf("%s mode %o, want 600", name, m)
				}
			}
		})
	}
}
