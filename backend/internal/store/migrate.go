package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"strings"
	"time"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"

	"github.com/gatehouse/gatehouse/ent/migrate/migrations"
)

// revisionsTable records which migration files have been applied.
const revisionsTable = "gatehouse_schema_revisions"

// Migrate applies, in order and each in its own transaction, the embedded
// migrations of the dialect that the database has not seen yet. The
// directory's checksum file is verified first, so an edited migration is
// refused instead of half-applied.
func Migrate(ctx context.Context, db *sql.DB, dia string) error {
	dir, err := MigrationDir(dia)
	if err != nil {
		return err
	}
	return MigrateDir(ctx, db, dia, dir)
}

// MigrateDir applies the migrations in dir (Migrate with the embedded ones).
func MigrateDir(ctx context.Context, db *sql.DB, dia string, dir atlas.Dir) error {
	if err := atlas.Validate(dir); err != nil {
		return fmt.Errorf("migrations for %s: %w", dia, err)
	}
	files, err := dir.Files()
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}

	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if dia == dialect.Postgres {
		// Several control planes may start at once against one database.
		const lockID = 0x6761746568 // "gateh"
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockID)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+revisionsTable+
		` (version VARCHAR(64) PRIMARY KEY, description VARCHAR(255) NOT NULL, applied_at VARCHAR(64) NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: create revisions table: %w", err)
	}
	applied, err := appliedVersions(ctx, conn)
	if err != nil {
		return err
	}
	for _, f := range files {
		if applied[f.Version()] {
			continue
		}
		if err := applyFile(ctx, conn, dia, f); err != nil {
			return fmt.Errorf("migration %s: %w", f.Name(), err)
		}
	}
	return nil
}

// MigrationDir returns a copy of the embedded migrations of a dialect.
func MigrationDir(dia string) (*atlas.MemDir, error) {
	sub := map[string]string{dialect.SQLite: "sqlite", dialect.Postgres: "postgres"}[dia]
	if sub == "" {
		return nil, fmt.Errorf("no migrations for dialect %q", dia)
	}
	entries, err := fs.ReadDir(migrations.FS, sub)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	dir := &atlas.MemDir{}
	for _, e := range entries {
		b, err := fs.ReadFile(migrations.FS, sub+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		if err := dir.WriteFile(e.Name(), b); err != nil {
			return nil, err
		}
	}
	return dir, nil
}

func appliedVersions(ctx context.Context, conn *sql.Conn) (map[string]bool, error) {
	rows, err := conn.QueryContext(ctx, "SELECT version FROM "+revisionsTable)
	if err != nil {
		return nil, fmt.Errorf("migrate: read revisions: %w", err)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

func applyFile(ctx context.Context, conn *sql.Conn, dia string, f atlas.File) (err error) {
	stmts, err := f.Stmts()
	if err != nil {
		return err
	}
	// SQLite rebuilds a table to change it, and dropping the old table with
	// foreign keys enforced would cascade-delete every child row. The pragma
	// is a no-op inside a transaction, so it is set around it (SQLite's
	// documented procedure), and the keys are checked before commit.
	rebuild := dia == dialect.SQLite && strings.Contains(strings.ToLower(string(f.Bytes())), "foreign_keys = off")
	if rebuild {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = off"); err != nil {
			return err
		}
		defer func() {
			if _, perr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = on"); perr != nil && err == nil {
				err = perr
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%q: %w", firstLine(s), err)
		}
	}
	insert := "INSERT INTO " + revisionsTable + " (version, description, applied_at) VALUES (?, ?, ?)"
	if dia == dialect.Postgres {
		insert = "INSERT INTO " + revisionsTable + " (version, description, applied_at) VALUES ($1, $2, $3)"
	}
	if _, err := tx.ExecContext(ctx, insert, f.Version(), f.Desc(), time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	if rebuild {
		rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			return err
		}
		broken := rows.Next()
		rows.Close()
		if broken {
			return fmt.Errorf("the migration leaves rows whose foreign keys point nowhere")
		}
	}
	return tx.Commit()
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' || i > 80 {
			return s[:i]
		}
	}
	return s
}
