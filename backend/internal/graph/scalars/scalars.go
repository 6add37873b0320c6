// Package scalars marshals Gatehouse's custom GraphQL scalars. Bad input is
// reported as BAD_USER_INPUT, not as an internal error.
package scalars

import (
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// MarshalUUID writes an ID.
func MarshalUUID(u uuid.UUID) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(u.String()))
	})
}

// UnmarshalUUID reads an ID, which must be a UUID string.
func UnmarshalUUID(v any) (uuid.UUID, error) {
	s, ok := v.(string)
	if !ok {
		return uuid.Nil, errs.E(errs.Invalid, "an ID must be a string, got %T", v)
	}
	u, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, errs.E(errs.Invalid, "%q is not a valid ID", s)
	}
	return u, nil
}
