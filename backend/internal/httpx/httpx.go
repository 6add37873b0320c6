// Package httpx holds the control plane's HTTP plumbing shared by every
// REST handler: handlers that return errors, the one adapter that maps an
// error to a status and a JSON body, and the request-scoped logger.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// HandlerFunc is an HTTP handler that reports failure by returning it.
type HandlerFunc func(http.ResponseWriter, *http.Request) error

// ServeHTTP runs h and answers its error, if any.
func (h HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h(w, r); err != nil {
		WriteError(w, r, err)
	}
}

// WriteError answers {"code", "message"[, "field"]} with the error kind's
// status. Internal errors are logged with the request id and shown without
// their cause.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	e := errs.As(err)
	if e.Kind == errs.Internal {
		LogFailure(r.Context(), "request failed", err, "path", r.URL.Path)
	}
	body := map[string]string{"code": e.Kind.Code(), "message": e.Message}
	if e.Field != "" {
		body["field"] = e.Field
	}
	if id := middleware.GetReqID(r.Context()); id != "" {
		body["requestId"] = id
	}
	WriteJSON(w, e.Kind.Status(), body)
}

// WriteJSON answers v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// LogFailure logs an internal error at ERROR, unless the client went away
// first: a cancelled request is the client's choice, not a fault, and is
// logged at INFO. Callers pass errors, never request bodies.
func LogFailure(ctx context.Context, msg string, err error, attrs ...any) {
	level := slog.LevelError
	if Cancelled(ctx, err) {
		level, msg = slog.LevelInfo, msg+" (request cancelled by the client)"
	}
	Logger(ctx).Log(ctx, level, msg, append([]any{"err", err}, attrs...)...)
}

// Cancelled reports whether err, or the request behind ctx, ended because
// the client cancelled.
func Cancelled(ctx context.Context, err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled)
}

type loggerKey struct{}

// WithLogger returns ctx carrying log.
func WithLogger(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, log)
}

// Logger returns the request's logger, or slog's default outside a request.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
