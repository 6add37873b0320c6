package sealed

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// stored are the columns that hold endpoint groups as JSON objects with
// "production" and "sandbox" keys: the API's working copy and the gateway
// configuration frozen in each revision.
var stored = []struct{ table, column string }{
	{"apis", "endpoints"},
	{"api_revisions", "snapshot"},
}

// SealStored seals, in one transaction, the plaintext endpoint secrets
// that releases before sealing left in the database. It runs at every
// start after the schema migrations; sealed values carry Prefix, so a
// second run changes nothing. Revision snapshots are immutable to the
// application, hence plain SQL rather than ent.
func SealStored(ctx context.Context, db *sql.DB, dialect string, s Sealer) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("seal endpoint secrets: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	for _, c := range stored {
		if err := sealColumn(ctx, tx, dialect, c.table, c.column, s); err != nil {
			return fmt.Errorf("seal endpoint secrets in %s.%s: %w", c.table, c.column, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("seal endpoint secrets: %w", err)
	}
	return nil
}

type row struct {
	id   uuid.UUID
	text string
}

func sealColumn(ctx context.Context, tx *sql.Tx, dialect, table, column string, s Sealer) error {
	b := entsql.Dialect(dialect)
	q, args := b.Select("id", column).From(entsql.Table(table)).Where(entsql.NotNull(column)).Query()
	rs, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	var rows []row
	for rs.Next() {
		var r row
		var text []byte
		if err := rs.Scan(&r.id, &text); err != nil {
			rs.Close()
			return err
		}
		r.text = string(text)
		rows = append(rows, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return err
	}
	for _, r := range rows {
		next, changed, err := sealDocument(s, r.text)
		if err != nil {
			return fmt.Errorf("row %s: %w", r.id, err)
		}
		if !changed {
			continue
		}
		q, args := b.Update(table).Set(column, next).Where(entsql.EQ("id", r.id)).Query()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("row %s: %w", r.id, err)
		}
	}
	return nil
}

// sealDocument seals the secrets of the "production" and "sandbox" groups
// of a JSON object, leaving every other key byte for byte as it was.
func sealDocument(s Sealer, doc string) (string, bool, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &obj); err != nil || obj == nil {
		// JSON null, or not an object: nothing of ours to seal.
		return doc, false, nil
	}
	changed := false
	for _, key := range []string{"production", "sandbox"} {
		raw, ok := obj[key]
		if !ok {
			continue
		}
		var e *config.EndpointConfig
		if err := json.Unmarshal(raw, &e); err != nil {
			return "", false, fmt.Errorf("%s endpoint: %w", key, err)
		}
		sealedEP, did := SealEndpoint(s, e)
		if !did {
			continue
		}
		out, err := json.Marshal(sealedEP)
		if err != nil {
			return "", false, err
		}
		obj[key], changed = out, true
	}
	if !changed {
		return doc, false, nil
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return "", false, err
	}
	return string(out), true, nil
}
