//go:build ignore

// diff.go writes a new versioned migration for each supported database from
// the difference between ent/schema and the migrations written so far:
//
//	go run -mod=mod ./ent/diff.go NAME
//
// SQLite is diffed in memory; PostgreSQL needs a server to replay the
// directory on (GATEHOUSE_DEV_POSTGRES, default the local test server), and a
// scratch database is created and dropped there.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/gatehouse/gatehouse/ent/migrate"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: go run -mod=mod ./ent/diff.go NAME")
	}
	name := os.Args[1]
	ctx := context.Background()

	sqliteDB, err := sql.Open("sqlite", "file:diff?mode=memory&cache=shared&_pragma=foreign_keys(1)")
	if err != nil {
		log.Fatal(err)
	}
	if err := diff(ctx, entsql.OpenDB(dialect.SQLite, sqliteDB), "ent/migrate/migrations/sqlite", name); err != nil {
		log.Fatalf("sqlite: %v", err)
	}

	server := os.Getenv("GATEHOUSE_DEV_POSTGRES")
	if server == "" {
		server = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		log.Fatal(err)
	}
	scratch := fmt.Sprintf("gatehouse_diff_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+scratch); err != nil {
		log.Fatalf("postgres: %v", err)
	}
	defer admin.ExecContext(ctx, "DROP DATABASE "+scratch)
	pgDB, err := sql.Open("pgx", strings.Replace(server, "/test?", "/"+scratch+"?", 1))
	if err != nil {
		log.Fatal(err)
	}
	err = diff(ctx, entsql.OpenDB(dialect.Postgres, pgDB), "ent/migrate/migrations/postgres", name)
	pgDB.Close()
	if err != nil {
		log.Fatalf("postgres: %v", err)
	}
}

func diff(ctx context.Context, drv dialect.Driver, path, name string) error {
	dir, err := atlas.NewLocalDir(path)
	if err != nil {
		return err
	}
	// Rehash first: a migration that was removed to be regenerated (an
	// unreleased one being reworked) must not leave a stale atlas.sum.
	sum, err := dir.Checksum()
	if err != nil {
		return err
	}
	if err := atlas.WriteSumFile(dir, sum); err != nil {
		return err
	}
	return migrate.NewSchema(drv).NamedDiff(ctx, name,
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(drv.Dialect()),
		schema.WithFormatter(atlas.DefaultFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	)
}
