// Package store opens the Gatehouse database (SQLite by default, PostgreSQL
// when configured), brings its schema up to date with the versioned
// migrations and hands out the ent client.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite", pure Go

	"github.com/gatehouse/gatehouse/ent"
)

// Store is an open database with its ent client.
type Store struct {
	Client  *ent.Client
	DB      *sql.DB
	Dialect string
}

// Close releases the database.
func (s *Store) Close() error { return s.Client.Close() }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Open connects to database, which is empty (SQLite file in dataDir), a
// postgres:// URL, or a sqlite: DSN, then applies pending migrations.
func Open(ctx context.Context, database, dataDir string) (*Store, error) {
	return OpenWith(ctx, database, dataDir, nil)
}

// OpenWith is Open with another migration directory (nil: the embedded
// ones); upgrade tests use it to build a database of an older release.
func OpenWith(ctx context.Context, database, dataDir string, dir atlas.Dir) (*Store, error) {
	driver, dsn, dia, err := resolve(database, dataDir)
	if err != nil {
		return nil, err
	}
	dbFile := ""
	if database == "" {
		dbFile = filepath.Join(dataDir, "gatehouse.db")
		if err := privateDataFile(dbFile); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dia, err)
	}
	if dia == dialect.SQLite {
		// SQLite allows one writer; a single connection avoids SQLITE_BUSY
		// under concurrent writes and keeps in-memory databases alive.
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dia, err)
	}
	if dbFile != "" {
		// SQLite gives its -wal and -shm files the database file's mode;
		// ones left by a release that created them 0644 are fixed here.
		for _, f := range []string{dbFile + "-wal", dbFile + "-shm"} {
			if err := os.Chmod(f, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
				db.Close()
				return nil, fmt.Errorf("restrict %s: %w", f, err)
			}
		}
	}
	if dir == nil {
		err = Migrate(ctx, db, dia)
	} else {
		err = MigrateDir(ctx, db, dia, dir)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	client := ent.NewClient(ent.Driver(entsql.OpenDB(dia, db)))
	return &Store{Client: client, DB: db, Dialect: dia}, nil
}

// resolve turns the --database flag into a driver, a DSN and an ent dialect.
func resolve(database, dataDir string) (driver, dsn, dia string, err error) {
	switch {
	case database == "":
		if err := PrivateDir(dataDir); err != nil {
			return "", "", "", err
		}
		path := filepath.Join(dataDir, "gatehouse.db")
		return "sqlite", sqliteDSN("file:" + path), dialect.SQLite, nil
	case strings.HasPrefix(database, "postgres://"), strings.HasPrefix(database, "postgresql://"):
		if _, err := url.Parse(database); err != nil {
			return "", "", "", fmt.Errorf("invalid --database URL: %w", err)
		}
		return "pgx", database, dialect.Postgres, nil
	case strings.HasPrefix(database, "sqlite:"), strings.HasPrefix(database, "file:"):
		return "sqlite", sqliteDSN(strings.TrimPrefix(database, "sqlite:")), dialect.SQLite, nil
	default:
		return "", "", "", fmt.Errorf("unsupported --database %q: use postgres://... or sqlite:PATH", redact(database))
	}
}

// PrivateDir creates dir with mode 0700, or narrows an existing one to it:
// it holds the database, the master key and the demo credentials, which
// are no other local user's business. MkdirAll alone keeps the mode of a
// directory that exists (say one made by an operator with umask 022).
func PrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil { // #nosec G302 -- a directory needs its search bit; owner only
		return fmt.Errorf("restrict data dir: %w", err)
	}
	return nil
}

// privateDataFile creates the SQLite database file with mode 0600 before
// the driver opens it (SQLite would create it 0644 under a usual umask),
// or narrows the mode of an existing one. SQLite then creates its -wal and
// -shm files with the same mode.
func privateDataFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600) // #nosec G304 -- the path is the data dir's own database file
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("restrict database file: %w", err)
	}
	return nil
}

// sqliteDSN adds the pragmas ent and a server need: foreign keys (ent refuses
// to start without them), WAL for concurrent readers, a busy timeout.
func sqliteDSN(dsn string) string {
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(5000)"} {
		if !strings.Contains(dsn, strings.SplitN(p, "(", 2)[0]) {
			dsn += sep + "_pragma=" + p
			sep = "&"
		}
	}
	return dsn
}

// redact hides a password in a database URL before it is logged or shown.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}
