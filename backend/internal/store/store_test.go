package store_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	atlas "ariga.io/atlas/sql/migrate"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/ent/organization"
)

// TestMigrationsMatchSchema proves the committed migrations build exactly
// the schema ent/schema describes: after applying them, ent finds nothing
// left to change. A schema edit without `make migration` fails here.
func TestMigrationsMatchSchema(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			st := storetest.Open(t, kind)
			var buf bytes.Buffer
			if err := st.Client.Schema.WriteTo(context.Background(), &buf); err != nil {
				t.Fatal(err)
			}
			if pending := pendingStatements(buf.String()); len(pending) > 0 {
				t.Errorf("ent/schema differs from the migrations; run `make migration NAME=...`. Pending:\n%s", strings.Join(pending, "\n"))
			}
		})
	}
}

func pendingStatements(sql string) []string {
	var out []string
	for _, line := range strings.Split(sql, "\n") {
		l := strings.TrimSpace(line)
		if l == "" || l == "BEGIN;" || l == "COMMIT;" || strings.HasPrefix(l, "--") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// TestReopenKeepsRows: opening an existing database applies nothing twice
// and loses nothing.
func TestReopenKeepsRows(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			database, dir := storetest.Database(t, kind)
			st, err := store.Open(ctx, database, dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Client.Organization.Create().SetName("acme").Exec(ctx); err != nil {
				t.Fatal(err)
			}
			st.Close()

			st, err = store.Open(ctx, database, dir)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer st.Close()
			n, err := st.Client.Organization.Query().Where(organization.Name("acme")).Count(ctx)
			if err != nil || n != 1 {
				t.Errorf("after reopen: %d organizations named acme (err %v), want 1", n, err)
			}
		})
	}
}

// TestUpgradeKeepsRows applies the shipped migrations, writes rows, then
// applies a later migration that changes a table, and checks the rows
// survive it.
func TestUpgradeKeepsRows(t *testing.T) {
	later := map[string]string{
		"sqlite":   "ALTER TABLE `organizations` ADD COLUMN `motto` text NOT NULL DEFAULT ('');\n",
		"postgres": `ALTER TABLE "organizations" ADD COLUMN "motto" character varying NOT NULL DEFAULT '';` + "\n",
	}
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			st := storetest.Open(t, kind)
			if err := st.Client.Organization.Create().SetName("keep-me").Exec(ctx); err != nil {
				t.Fatal(err)
			}
			dir, err := store.MigrationDir(st.Dialect)
			if err != nil {
				t.Fatal(err)
			}
			if err := dir.WriteFile("29991231000000_later.sql", []byte(later[kind])); err != nil {
				t.Fatal(err)
			}
			sum, err := dir.Checksum()
			if err != nil {
				t.Fatal(err)
			}
			if err := atlas.WriteSumFile(dir, sum); err != nil {
				t.Fatal(err)
			}
			if err := store.MigrateDir(ctx, st.DB, st.Dialect, dir); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			var name, motto string
			if err := st.DB.QueryRowContext(ctx, "SELECT name, motto FROM organizations").Scan(&name, &motto); err != nil {
				t.Fatalf("read after upgrade: %v", err)
			}
			if name != "keep-me" || motto != "" {
				t.Errorf("after upgrade got (%q, %q), want (keep-me, \"\")", name, motto)
			}
			// Applying again is a no-op.
			if err := store.MigrateDir(ctx, st.DB, st.Dialect, dir); err != nil {
				t.Fatalf("re-apply: %v", err)
			}
		})
	}
}

// TestTamperedMigrationRefused: an edited migration file does not match
// the checksum file and nothing is applied.
func TestTamperedMigrationRefused(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	dir, err := store.MigrationDir(st.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	if err := dir.WriteFile("29991231000000_sneaky.sql", []byte("DROP TABLE apis;\n")); err != nil {
		t.Fatal(err)
	}
	err = store.MigrateDir(context.Background(), st.DB, st.Dialect, dir)
	if err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("MigrateDir with a file missing from atlas.sum = %v, want a checksum error", err)
	}
	if _, err := st.Client.API.Query().Count(context.Background()); err != nil {
		t.Errorf("apis table gone after a refused migration: %v", err)
	}
}

func TestOpenRejectsUnknownDatabase(t *testing.T) {
	_, err := store.Open(context.Background(), "mysql://u:secret@h/db", t.TempDir())
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("Open(mysql URL) = %v, want an error that hides the password", err)
	}
}

// TestUpgradeFromFirstRelease applies only the first shipped migration
// (a database from the first release), writes rows, then opens it with
// every migration this build ships, and checks the rows are still there.
func TestUpgradeFromFirstRelease(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			database, dataDir := storetest.Database(t, kind)
			full, err := store.MigrationDir(map[string]string{"sqlite": "sqlite3", "postgres": "postgres"}[kind])
			if err != nil {
				t.Fatal(err)
			}
			files, err := full.Files()
			if err != nil || len(files) < 2 {
				t.Skipf("needs at least two shipped migrations (have %d, %v)", len(files), err)
			}
			first := &atlas.MemDir{}
			if err := first.WriteFile(files[0].Name(), files[0].Bytes()); err != nil {
				t.Fatal(err)
			}
			sum, _ := first.Checksum()
			if err := atlas.WriteSumFile(first, sum); err != nil {
				t.Fatal(err)
			}
			st, err := store.OpenWith(ctx, database, dataDir, first)
			if err != nil {
				t.Fatalf("open at the first release: %v", err)
			}
			now := "CURRENT_TIMESTAMP"
			// Rows written as the first release wrote them (raw SQL: today's
			// client knows columns that release did not have), an API with
			// children, so a table rebuild that cascaded would show.
			org, api, op, rev, env, dep := uuid.New(), uuid.New(), uuid.New(), uuid.New(), uuid.New(), uuid.New()
			for _, q := range []string{
				fmt.Sprintf(`INSERT INTO organizations (id, created_at, updated_at, name, display_name) VALUES ('%s', %s, %s, 'from-v1', '')`, org, now, now),
				fmt.Sprintf(`INSERT INTO apis (id, created_at, updated_at, name, context, version, organization_id) VALUES ('%s', %s, %s, 'Kept', 'kept', '1', '%s')`, api, now, now, org),
				fmt.Sprintf(`INSERT INTO api_operations (id, created_at, updated_at, method, target, api_id) VALUES ('%s', %s, %s, 'GET', '/a', '%s')`, op, now, now, api),
				fmt.Sprintf(`INSERT INTO api_revisions (id, created_at, updated_at, number, snapshot, api_id) VALUES ('%s', %s, %s, 1, '{}', '%s')`, rev, now, now, api),
				fmt.Sprintf(`INSERT INTO environments (id, created_at, updated_at, name) VALUES ('%s', %s, %s, 'Default')`, env, now, now),
				fmt.Sprintf(`INSERT INTO deployments (id, created_at, updated_at, api_id, environment_id, revision_id) VALUES ('%s', %s, %s, '%s', '%s', '%s')`, dep, now, now, api, env, rev),
			} {
				if _, err := st.DB.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			st.Close()

			st, err = store.Open(ctx, database, dataDir)
			if err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			defer st.Close()
			if n, err := st.Client.Organization.Query().Where(organization.Name("from-v1")).Count(ctx); err != nil || n != 1 {
				t.Errorf("after upgrade: %d rows (err %v), want 1", n, err)
			}
			if _, err := st.Client.SigningKey.Query().Count(ctx); err != nil {
				t.Errorf("tables of later migrations missing after upgrade: %v", err)
			}
			for name, count := range map[string]func(context.Context) (int, error){
				"apis": st.Client.API.Query().Count, "api_operations": st.Client.APIOperation.Query().Count,
				"api_revisions": st.Client.APIRevision.Query().Count, "deployments": st.Client.Deployment.Query().Count,
			} {
				if n, err := count(ctx); err != nil || n != 1 {
					t.Errorf("after upgrade %s has %d rows (err %v), want 1", name, n, err)
				}
			}
			// Foreign keys are enforced again on the connection ent uses.
			if err := st.Client.APIOperation.Create().SetAPIID(uuid.New()).SetMethod("GET").SetTarget("/b").Exec(ctx); err == nil {
				t.Error("an operation of a missing API was stored: foreign keys are off after the migration")
			}
		})
	}
}
