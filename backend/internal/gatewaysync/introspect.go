package gatewaysync

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
)

// Introspector answers RFC 7662 for the built-in Key Manager's tokens.
type Introspector interface {
	Introspect(ctx context.Context, token string) (map[string]any, error)
}

// WithIntrospector lets remote gateways verify opaque tokens through the
// sync API, authenticated by the gateway token they already hold, so no
// gateway needs OAuth client credentials of its own.
func (s *Service) WithIntrospector(i Introspector) { s.introspector = i }

// IntrospectHandler serves POST /api/gateway/v1/introspect: a form with
// token=..., answered as RFC 7662 section 2.2 ({"active": false} for a
// token that is not active).
func (s *Service) IntrospectHandler(w http.ResponseWriter, r *http.Request) error {
	if !s.authorized(r) {
		return errs.E(errs.Unauthenticated, "a valid gateway token is required")
	}
	if s.introspector == nil {
		return errs.E(errs.NotFound, "token introspection is not served here")
	}
	if err := r.ParseForm(); err != nil {
		return errs.Field("token", "the body must be a form with a token")
	}
	token := r.PostForm.Get("token")
	if token == "" {
		return errs.Field("token", "a token is required")
	}
	out, err := s.introspector.Introspect(r.Context(), token)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(out)
}
