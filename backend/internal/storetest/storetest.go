// Package storetest gives tests a fresh, migrated database of each kind
// Gatehouse supports: SQLite in a temp dir, and PostgreSQL at
// 127.0.0.1:5432 (a scratch database per test) when it is reachable. Under
// CI=true an unreachable PostgreSQL fails the test instead of skipping it.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/gatehouse/gatehouse/backend/internal/store"
)

// Kinds are the database kinds to run store tests against.
var Kinds = []string{"sqlite", "postgres"}

// PostgresServer is the server scratch databases are made on.
func PostgresServer() string {
	if u := os.Getenv("GATEHOUSE_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// Database returns a --database value for a fresh database of kind, and
// cleans it up when the test ends. For SQLite it returns "" with dataDir
// a new temp dir (the default file database).
func Database(t testing.TB, kind string) (database, dataDir string) {
	t.Helper()
	dataDir = t.TempDir()
	switch kind {
	case "sqlite":
		return "", dataDir
	case "postgres":
		return scratchPostgres(t), dataDir
	}
	t.Fatalf("unknown database kind %q", kind)
	return "", ""
}

// Open returns a fresh, migrated store of kind.
func Open(t testing.TB, kind string) *store.Store {
	t.Helper()
	database, dir := Database(t, kind)
	st, err := store.Open(context.Background(), database, dir)
	if err != nil {
		t.Fatalf("open %s store: %v", kind, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func scratchPostgres(t testing.TB) string {
	t.Helper()
	server := PostgresServer()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required under CI=true: %v", server, err)
		}
		t.Skipf("PostgreSQL at %s is not reachable (%v); skipping", server, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "gatehouse_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create scratch database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	return replaceDatabase(server, name)
}

// replaceDatabase swaps the database name in a postgres URL.
func replaceDatabase(server, name string) string {
	rest := ""
	if i := strings.Index(server, "?"); i >= 0 {
		server, rest = server[:i], server[i:]
	}
	i := strings.LastIndex(server, "/")
	return server[:i+1] + name + rest
}
