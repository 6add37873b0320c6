package graph

import (
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/backend/internal/portal"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
)

// managedOf presents a subscription (loaded with its API and application
// owner) to the API's organization: names only, never the application's keys.
func managedOf(s *ent.Subscription, err error) (*model.ManagedSubscription, error) {
	if err != nil {
		return nil, err
	}
	m := &model.ManagedSubscription{
		ID: s.ID, Status: s.Status, ThrottlingTier: s.ThrottlingTier, StatusReason: s.StatusReason,
		API: s.Edges.API, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
	}
	if a := s.Edges.Application; a != nil {
		m.ApplicationName = a.Name
		if a.Edges.Owner != nil {
			m.Subscriber = a.Edges.Owner.Username
		}
	}
	return m, nil
}

func managedList(subs []*ent.Subscription, err error) ([]*model.ManagedSubscription, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*model.ManagedSubscription, len(subs))
	for i, s := range subs {
		out[i], _ = managedOf(s, nil)
	}
	return out, nil
}

// rolesOf maps GraphQL roles to the viewer's.
func rolesOf(roles []model.Role) []viewer.Role {
	out := make([]viewer.Role, 0, len(roles))
	for _, r := range roles {
		switch r {
		case model.RoleAdmin:
			out = append(out, viewer.Admin)
		case model.RolePublisher:
			out = append(out, viewer.Publisher)
		case model.RoleSubscriber:
			out = append(out, viewer.Subscriber)
		}
	}
	return out
}

func ratingOf(s *portal.RatingSummary, err error) (*model.RatingSummary, error) {
	if err != nil {
		return nil, err
	}
	return &model.RatingSummary{Average: s.Average, Count: s.Count, Mine: s.Mine}, nil
}

// attributesIn converts attribute inputs; nil stays nil (none given).
func attributesIn(in []*model.ApplicationAttributeInput) []portal.Attribute {
	if in == nil {
		return nil
	}
	out := make([]portal.Attribute, len(in))
	for i, a := range in {
		out[i] = portal.Attribute{Key: a.Key, Value: a.Value}
	}
	return out
}
