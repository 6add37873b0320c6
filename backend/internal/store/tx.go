package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
)

// WithTx runs fn in a transaction: committed when fn succeeds, rolled back
// otherwise. A storage constraint violation (a concurrent write that won
// the race past the service's own checks) becomes a Conflict.
func WithTx(ctx context.Context, client *ent.Client, fn func(*ent.Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		return conflict(errors.Join(err, rollback(tx)))
	}
	if err := tx.Commit(); err != nil {
		return conflict(fmt.Errorf("commit: %w", err))
	}
	return nil
}

func rollback(tx *ent.Tx) error {
	if err := tx.Rollback(); err != nil {
		return fmt.Errorf("rollback: %w", err)
	}
	return nil
}

func conflict(err error) error {
	if ent.IsConstraintError(err) {
		return &errs.Error{Kind: errs.Conflict, Message: "the change conflicts with existing data", Err: err}
	}
	return err
}
