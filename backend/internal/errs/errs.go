// Package errs defines the few kinds of error Gatehouse distinguishes and
// maps them to GraphQL codes and HTTP statuses at the edges. Domain code
// returns *Error values (or wraps them); the edge never guesses from text.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies an error for the caller.
type Kind int

// The kinds; Internal is the zero value so an unclassified error is never
// mistaken for the caller's fault.
const (
	Internal Kind = iota
	Invalid
	Unauthenticated
	Forbidden
	NotFound
	Conflict
)

var kinds = map[Kind]struct {
	code   string
	status int
}{
	Internal:        {"INTERNAL", http.StatusInternalServerError},
	Invalid:         {"BAD_USER_INPUT", http.StatusBadRequest},
	Unauthenticated: {"UNAUTHENTICATED", http.StatusUnauthorized},
	Forbidden:       {"FORBIDDEN", http.StatusForbidden},
	NotFound:        {"NOT_FOUND", http.StatusNotFound},
	Conflict:        {"CONFLICT", http.StatusConflict},
}

// Code is the GraphQL extensions.code of k.
func (k Kind) Code() string { return kinds[k].code }

// Status is the HTTP status of k.
func (k Kind) Status() int { return kinds[k].status }

// Error is a classified error with a message safe to show the caller.
type Error struct {
	Kind    Kind
	Field   string // input field at fault, for Invalid and Conflict
	Message string
	Err     error // cause, kept for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error of kind k.
func E(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Field builds an Invalid error about one input field.
func Field(field, format string, args ...any) *Error {
	return &Error{Kind: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Wrap prefixes a non-nil *errp with the operation it happened in, keeping
// its kind. Use as `defer errs.Wrap(&err, "CreateAPI(%q)", name)`.
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}

// As returns the classified error inside err, or an Internal one that hides
// the cause's text from the caller.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: Internal, Message: "internal error", Err: err}
}

// KindOf returns the kind of err (Internal when unclassified).
func KindOf(err error) Kind { return As(err).Kind }
