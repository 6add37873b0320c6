package portal

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/comment"
	"github.com/gatehouse/gatehouse/ent/rating"
)

// RatingSummary is how consumers rate an API.
type RatingSummary struct {
	Average float64
	Count   int
	Mine    *int // the viewer's rating
}

// MaxCommentLength bounds a comment's body, in characters.
const MaxCommentLength = 2000

// ratable loads an API the viewer may see and that is published: only
// those take ratings and comments.
func (s *Service) ratable(ctx context.Context, apiID uuid.UUID) (*ent.API, error) {
	a, err := s.apis.Get(ctx, apiID)
	if errs.KindOf(err) == errs.NotFound {
		return nil, errs.Field("apiID", "API %s not found", apiID)
	} else if err != nil {
		return nil, err
	}
	if a.LifecycleStatus != api.LifecycleStatusPUBLISHED {
		return nil, errs.Field("apiID", "only published APIs take ratings and comments; %s is %s", a.Name, strings.ToLower(a.LifecycleStatus.String()))
	}
	return a, nil
}

// moderates reports whether v moderates comments on a: the API's
// organization's publishers and admins.
func moderates(v *viewer.Viewer, a *ent.API) bool {
	return v != nil && a != nil && a.OrganizationID == v.OrgID && v.Can(viewer.APIManage)
}

// Rating summarizes an API's ratings; the caller has already seen the API.
func (s *Service) Rating(ctx context.Context, apiID uuid.UUID) (*RatingSummary, error) {
	sums, err := s.Ratings(ctx, []uuid.UUID{apiID})
	if err != nil {
		return nil, err
	}
	return sums[0], nil
}

// Ratings summarizes the ratings of several APIs in two queries (an
// aggregate and the viewer's own), in the order of ids: the catalogue asks
// for a page of APIs at once. The caller has already seen the APIs.
func (s *Service) Ratings(ctx context.Context, ids []uuid.UUID) ([]*RatingSummary, error) {
	var rows []struct {
		APIID uuid.UUID `json:"api_id"`
		Count int       `json:"count"`
		Sum   int       `json:"sum"`
	}
	err := s.client.Rating.Query().Where(rating.APIIDIn(ids...)).GroupBy(rating.FieldAPIID).
		Aggregate(ent.Count(), ent.Sum(rating.FieldStars)).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]*RatingSummary, len(ids))
	for _, r := range rows {
		sum := &RatingSummary{Count: r.Count}
		if r.Count > 0 {
			sum.Average = float64(r.Sum) / float64(r.Count)
		}
		byID[r.APIID] = sum
	}
	if v := viewer.FromContext(ctx); v != nil {
		mine, err := s.client.Rating.Query().Where(rating.APIIDIn(ids...), rating.UserID(v.UserID)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range mine {
			if sum := byID[r.APIID]; sum != nil {
				stars := r.Stars
				sum.Mine = &stars
			}
		}
	}
	out := make([]*RatingSummary, len(ids))
	for i, id := range ids {
		if out[i] = byID[id]; out[i] == nil {
			out[i] = &RatingSummary{}
		}
	}
	return out, nil
}

// Rate sets the viewer's rating of a published API.
func (s *Service) Rate(ctx context.Context, apiID uuid.UUID, stars int) (*RatingSummary, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if stars < 1 || stars > 5 {
		return nil, errs.Field("stars", "a rating is 1 to 5 stars")
	}
	if _, err := s.ratable(ctx, apiID); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(tx *ent.Tx) error {
		n, err := tx.Rating.Update().Where(rating.APIID(apiID), rating.UserID(v.UserID)).SetStars(stars).Save(ctx)
		if err != nil || n > 0 {
			return err
		}
		return tx.Rating.Create().SetAPIID(apiID).SetUserID(v.UserID).SetStars(stars).Exec(ctx)
	})
	if err != nil {
		return nil, err
	}
	return s.Rating(ctx, apiID)
}

// RemoveRating takes the viewer's rating of an API back.
func (s *Service) RemoveRating(ctx context.Context, apiID uuid.UUID) (*RatingSummary, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if _, err := s.ratable(ctx, apiID); err != nil {
		return nil, err
	}
	if _, err := s.client.Rating.Delete().Where(rating.APIID(apiID), rating.UserID(v.UserID)).Exec(ctx); err != nil {
		return nil, err
	}
	return s.Rating(ctx, apiID)
}

// withCommentEdges loads what presenting a comment needs.
func withCommentEdges(q *ent.CommentQuery) *ent.CommentQuery {
	return q.WithAuthor().WithAPI()
}

// Comments lists an API's top-level comments, oldest first, with their
// replies; hidden ones only for moderators. The caller has seen the API.
func (s *Service) Comments(ctx context.Context, a *ent.API) ([]*ent.Comment, error) {
	v := viewer.FromContext(ctx)
	mod := moderates(v, a)
	q := withCommentEdges(s.client.Comment.Query()).Where(comment.APIID(a.ID), comment.ParentIDIsNil()).
		WithReplies(func(q *ent.CommentQuery) {
			withCommentEdges(q).Order(ent.Asc(comment.FieldCreatedAt))
			if !mod {
				q.Where(comment.Hidden(false))
			}
		}).
		Order(ent.Asc(comment.FieldCreatedAt)).Limit(500)
	if !mod {
		q = q.Where(comment.Hidden(false))
	}
	return q.All(ctx)
}

// AddComment posts the viewer's comment on a published API, or a reply to
// one of its top-level comments.
func (s *Service) AddComment(ctx context.Context, apiID uuid.UUID, body string, parentID *uuid.UUID) (*ent.Comment, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return nil, errs.Field("body", "write something first")
	case n > MaxCommentLength:
		return nil, errs.Field("body", "a comment is at most %d characters", MaxCommentLength)
	}
	a, err := s.ratable(ctx, apiID)
	if err != nil {
		return nil, err
	}
	var created *ent.Comment
	err = s.tx(ctx, func(tx *ent.Tx) error {
		c := tx.Comment.Create().SetAPIID(apiID).SetAuthorID(v.UserID).SetBody(body)
		if parentID != nil {
			parent, err := tx.Comment.Query().Where(comment.ID(*parentID), comment.APIID(apiID)).Only(ctx)
			if ent.IsNotFound(err) || (err == nil && parent.Hidden && !moderates(v, a)) {
				return errs.Field("parentID", "comment %s not found on this API", *parentID)
			} else if err != nil {
				return err
			}
			if parent.ParentID != nil {
				return errs.Field("parentID", "reply to the top-level comment instead; replies are one level deep")
			}
			c.SetParentID(parent.ID)
		}
		if created, err = c.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, a.OrganizationID, "comment.create", "Comment", created.ID.String(), map[string]string{"api": a.Name})
	})
	if err != nil {
		return nil, err
	}
	return withCommentEdges(s.client.Comment.Query()).Where(comment.ID(created.ID)).WithReplies().Only(ctx)
}

// commentFor loads a comment the viewer may see, with its API. It reads
// outside any transaction: the API visibility check uses its own queries.
func (s *Service) commentFor(ctx context.Context, v *viewer.Viewer, id uuid.UUID) (*ent.Comment, error) {
	c, err := s.client.Comment.Query().Where(comment.ID(id)).WithAPI().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "comment %s not found", id)
	} else if err != nil {
		return nil, err
	}
	if moderates(v, c.Edges.API) {
		return c, nil
	}
	// Others see only visible comments on APIs they can see.
	if _, err := s.apis.Get(ctx, c.APIID); err != nil || c.Hidden {
		if err != nil && errs.KindOf(err) != errs.NotFound {
			return nil, err
		}
		return nil, errs.E(errs.NotFound, "comment %s not found", id)
	}
	return c, nil
}

// DeleteComment removes a comment and its replies: its author or a
// moderator may.
func (s *Service) DeleteComment(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return err
	}
	c, err := s.commentFor(ctx, v, id)
	if err != nil {
		return err
	}
	if c.AuthorID != v.UserID && !moderates(v, c.Edges.API) {
		return errs.E(errs.Forbidden, "only the author or the API's publishers may delete this comment")
	}
	return s.tx(ctx, func(tx *ent.Tx) error {
		if _, err := tx.Comment.Delete().Where(comment.ParentID(id)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.Comment.DeleteOneID(id).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, c.Edges.API.OrganizationID, "comment.delete", "Comment", id.String(), nil)
	})
}

// SetCommentHidden hides a comment (and so its replies) from everyone but
// moderators, or shows it again.
func (s *Service) SetCommentHidden(ctx context.Context, id uuid.UUID, hidden bool) (*ent.Comment, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.commentFor(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if !moderates(v, c.Edges.API) {
		return nil, errs.E(errs.Forbidden, "only the API's publishers and admins moderate comments")
	}
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if err := tx.Comment.UpdateOneID(c.ID).SetHidden(hidden).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "comment.hide", "Comment", id.String(), map[string]bool{"hidden": hidden})
	})
	if err != nil {
		return nil, err
	}
	return withCommentEdges(s.client.Comment.Query()).Where(comment.ID(id)).
		WithReplies(func(q *ent.CommentQuery) { withCommentEdges(q) }).Only(ctx)
}

// CanModerate reports whether the viewer moderates the comment's API
// (the comment was loaded with its API).
func CanModerate(ctx context.Context, c *ent.Comment) bool {
	return moderates(viewer.FromContext(ctx), c.Edges.API)
}

// CanDelete reports whether the viewer may delete the comment.
func CanDelete(ctx context.Context, c *ent.Comment) bool {
	v := viewer.FromContext(ctx)
	return v != nil && (c.AuthorID == v.UserID || moderates(v, c.Edges.API))
}
