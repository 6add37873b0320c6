package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/graph/generated"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
)

// NewHandler returns the GraphQL endpoint: POST only (a GET could be sent
// cross-site without the CSRF header), bounded documents (limits.go), and
// every error carrying extensions.code.
func NewHandler(r *Resolver) *handler.Server {
	es := generated.NewExecutableSchema(generated.Config{Resolvers: r})
	srv := handler.New(es)
	srv.AddTransport(jsonPOST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	useLimits(srv, es, r.limits)
	srv.AroundOperations(r.withLoaders)
	srv.Use(r.guard()) // read rules of package access on every field
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		httpx.Logger(ctx).Error("graphql resolver panicked", "panic", fmt.Sprint(p))
		return errs.E(errs.Internal, "internal error")
	})
	return srv
}

// presentError maps domain errors to their code and keeps gqlgen's own
// codes (parse and validation failures) as they are.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || strings.Contains(err.Error(), "request body too large") {
		err = errs.E(errs.Invalid, "the request body is too large")
	}
	var e *errs.Error
	if !errors.As(err, &e) {
		if gerr.Extensions != nil && gerr.Extensions["code"] != nil {
			return gerr // already classified by gqlgen
		}
		var ge *gqlerror.Error
		if errors.As(err, &ge) && ge.Err == nil && ge.Rule != "" {
			return gerr
		}
		e = errs.As(err)
	}
	if e.Kind == errs.Internal {
		httpx.LogFailure(ctx, "graphql operation failed", err, "path", gerr.Path.String())
	}
	gerr.Message = e.Message
	gerr.Extensions = map[string]any{"code": e.Kind.Code()}
	if e.Field != "" {
		gerr.Extensions["field"] = e.Field
	}
	return gerr
}
