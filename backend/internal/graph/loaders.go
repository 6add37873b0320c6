package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/google/uuid"
	"github.com/vikstrous/dataloadgen"

	"github.com/gatehouse/gatehouse/backend/internal/portal"
)

// loaders batch per-object lookups of one operation (vikstrous/dataloadgen):
// a catalogue page asks each API for its rating, which would otherwise be
// one query per API. They live for one operation, so results never leak
// between viewers.
type loaders struct {
	ratings *dataloadgen.Loader[uuid.UUID, *portal.RatingSummary]
}

type loadersKey struct{}

// withLoaders is a gqlgen operation interceptor that gives each operation
// fresh loaders.
func (r *Resolver) withLoaders(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	l := &loaders{
		ratings: dataloadgen.NewLoader(func(ctx context.Context, ids []uuid.UUID) ([]*portal.RatingSummary, []error) {
			sums, err := r.portal.Ratings(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return sums, nil
		}, dataloadgen.WithWait(time.Millisecond)),
	}
	return next(context.WithValue(ctx, loadersKey{}, l))
}

// rating loads an API's rating through the operation's loader, or alone
// when there is none (a resolver called outside the handler).
func (r *Resolver) rating(ctx context.Context, apiID uuid.UUID) (*portal.RatingSummary, error) {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l.ratings.Load(ctx, apiID)
	}
	return r.portal.Rating(ctx, apiID)
}
