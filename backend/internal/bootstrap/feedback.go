package bootstrap

import (
	"context"
	"fmt"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/comment"
	"github.com/gatehouse/gatehouse/ent/rating"
)

// demoRatings are the stars each demo user gives PizzaShack.
var demoRatings = map[string]int{"subscriber": 5, "publisher": 4, "admin": 4}

// seedFeedback gives the demo API ratings and a short discussion, so the
// portal's cards and API page show what they look like in use.
func seedFeedback(ctx context.Context, client *ent.Client, api *ent.API, users map[string]*ent.User) error {
	return withTx(ctx, client, func(tx *ent.Tx) error {
		for name, stars := range demoRatings {
			u := users[name]
			if u == nil {
				continue
			}
			exists, err := tx.Rating.Query().Where(rating.APIID(api.ID), rating.UserID(u.ID)).Exist(ctx)
			if err != nil {
				return err
			}
			if !exists {
				if err := tx.Rating.Create().SetAPIID(api.ID).SetUserID(u.ID).SetStars(stars).Exec(ctx); err != nil {
					return fmt.Errorf("demo rating: %w", err)
				}
			}
		}
		any, err := tx.Comment.Query().Where(comment.APIID(api.ID)).Exist(ctx)
		if err != nil || any || users["subscriber"] == nil || users["publisher"] == nil {
			return err
		}
		q, err := tx.Comment.Create().SetAPIID(api.ID).SetAuthorID(users["subscriber"].ID).
			SetBody("Handy for trying things out: GET /menu answers straight away. What does POST /order need in the body?").Save(ctx)
		if err != nil {
			return fmt.Errorf("demo comment: %w", err)
		}
		return tx.Comment.Create().SetAPIID(api.ID).SetAuthorID(users["publisher"].ID).SetParentID(q.ID).
			SetBody("A pizzaType and a quantity of 1-100; anything else gets a 400 saying so.").Exec(ctx)
	})
}
