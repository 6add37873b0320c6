package apis

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apisearch"
	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/category"
	"github.com/gatehouse/gatehouse/ent/schema/fieldtype"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Limits of an API's business data.
const (
	MaxTags          = 20
	MaxTagLen        = 30
	MaxCategories    = 10
	MaxCategoryLen   = 50
	MaxDescription   = 5000
	MaxOwnerNameLen  = 100
	MaxOwnerEmailLen = 254
)

// Owner is a person responsible for an API.
type Owner struct {
	Name  string
	Email string
}

// BusinessInput changes an API's business data; nil fields stay as they are.
type BusinessInput struct {
	Description       *string
	Tags              *[]string
	Categories        *[]string
	BusinessOwner     *Owner
	TechnicalOwner    *Owner
	Visibility        *api.Visibility
	VisibleRoles      *[]string
	SubscriptionTiers *[]string
}

// NormalizeTags trims, lower-cases and de-duplicates tags, keeping their
// order, and checks their number and length.
func NormalizeTags(tags []string) ([]string, error) {
	out := []string{}
	for _, t := range tags {
		t = strings.ToLower(strings.Join(strings.Fields(t), "-"))
		if t == "" || slices.Contains(out, t) {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTagLen {
			return nil, errs.Field("tags", "tag %q is longer than %d characters", t, MaxTagLen)
		}
		if strings.ContainsAny(t, `:"`) {
			// Both mean something in the search language.
			return nil, errs.Field("tags", "tag %q may not contain : or \"", t)
		}
		out = append(out, t)
	}
	if len(out) > MaxTags {
		return nil, errs.Field("tags", "at most %d tags", MaxTags)
	}
	return out, nil
}

// normalizeCategories trims and de-duplicates category names (case-insensitively).
func normalizeCategories(names []string) ([]string, error) {
	out := []string{}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			continue
		}
		if utf8.RuneCountInString(n) > MaxCategoryLen {
			return nil, errs.Field("categories", "category %q is longer than %d characters", n, MaxCategoryLen)
		}
		out = append(out, n)
	}
	if len(out) > MaxCategories {
		return nil, errs.Field("categories", "at most %d categories", MaxCategories)
	}
	return out, nil
}

func normalizeOwner(field string, o Owner) (Owner, error) {
	o.Name, o.Email = strings.TrimSpace(o.Name), strings.TrimSpace(o.Email)
	if utf8.RuneCountInString(o.Name) > MaxOwnerNameLen {
		return o, errs.Field(field+".name", "the name is longer than %d characters", MaxOwnerNameLen)
	}
	if o.Email != "" {
		a, err := mail.ParseAddress(o.Email)
		if err != nil || a.Address != o.Email || len(o.Email) > MaxOwnerEmailLen {
			return o, errs.Field(field+".email", "%q is not an email address", o.Email)
		}
	}
	return o, nil
}

// roleNames are the roles an API's visibility may be restricted to.
var roleNames = []string{string(viewer.Admin), string(viewer.Publisher), string(viewer.Subscriber)}

func normalizeRoles(roles []string) ([]string, error) {
	out := []string{}
	for _, r := range roles {
		r = strings.ToLower(strings.TrimSpace(r))
		if !slices.Contains(roleNames, r) {
			return nil, errs.Field("visibleRoles", "%q is not a role (%s)", r, strings.Join(roleNames, ", "))
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// UpdateBusiness changes an API's description, tags, categories, owners,
// visibility and offered subscription tiers.
func (s *Service) UpdateBusiness(ctx context.Context, id uuid.UUID, in BusinessInput) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "update business data of API %s", id)
	return s.updateOwned(ctx, id, "api.update_business", func(tx *ent.Tx, v *viewer.Viewer, a *ent.API) (*ent.APIUpdateOne, error) {
		u := a.Update()
		if in.Description != nil {
			d := strings.TrimSpace(*in.Description)
			if utf8.RuneCountInString(d) > MaxDescription {
				return nil, errs.Field("description", "description is longer than %d characters", MaxDescription)
			}
			u.SetDescription(d)
		}
		if in.Tags != nil {
			tags, err := NormalizeTags(*in.Tags)
			if err != nil {
				return nil, err
			}
			u.SetTags(tags)
		}
		if in.Categories != nil {
			names, err := normalizeCategories(*in.Categories)
			if err != nil {
				return nil, err
			}
			ids, err := ensureCategories(ctx, tx, v.OrgID, names)
			if err != nil {
				return nil, err
			}
			u.ClearCategories().AddCategoryIDs(ids...)
		}
		if in.BusinessOwner != nil {
			o, err := normalizeOwner("businessOwner", *in.BusinessOwner)
			if err != nil {
				return nil, err
			}
			u.SetBusinessOwnerName(o.Name).SetBusinessOwnerEmail(o.Email)
		}
		if in.TechnicalOwner != nil {
			o, err := normalizeOwner("technicalOwner", *in.TechnicalOwner)
			if err != nil {
				return nil, err
			}
			u.SetTechnicalOwnerName(o.Name).SetTechnicalOwnerEmail(o.Email)
		}
		vis, roles := a.Visibility, a.VisibleRoles
		if in.Visibility != nil {
			if err := api.VisibilityValidator(*in.Visibility); err != nil {
				return nil, errs.Field("visibility", "visibility must be PUBLIC or RESTRICTED")
			}
			vis = *in.Visibility
		}
		if in.VisibleRoles != nil {
			if roles, err = normalizeRoles(*in.VisibleRoles); err != nil {
				return nil, err
			}
		}
		if vis == api.VisibilityRESTRICTED && len(roles) == 0 {
			return nil, errs.Field("visibleRoles", "a restricted API needs at least one role that may see it")
		}
		u.SetVisibility(vis).SetVisibleRoles(roles)
		if in.SubscriptionTiers != nil {
			tiers, err := checkSubscriptionTiers(ctx, tx, a.OrganizationID, *in.SubscriptionTiers)
			if err != nil {
				return nil, err
			}
			if len(tiers) == 0 && a.LifecycleStatus == api.LifecycleStatusPUBLISHED {
				return nil, errs.Field("subscriptionTiers", "a published API must offer at least one subscription tier")
			}
			u.SetSubscriptionTiers(tiers)
		}
		return u, nil
	})
}

// checkSubscriptionTiers de-duplicates names and checks each is a
// SUBSCRIPTION tier of org.
func checkSubscriptionTiers(ctx context.Context, tx *ent.Tx, org uuid.UUID, names []string) ([]string, error) {
	known, err := tx.ThrottlingTier.Query().
		Where(throttlingtier.OrganizationID(org), throttlingtier.LevelEQ(throttlingtier.LevelSUBSCRIPTION)).
		Select(throttlingtier.FieldName).Strings(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if !slices.Contains(known, n) {
			return nil, errs.Field("subscriptionTiers", "%q is not a subscription tier of the organization", n)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// defaultSubscriptionTiers are what a new API offers: every subscription
// tier of its organization, so it can be published straight away.
func defaultSubscriptionTiers(ctx context.Context, tx *ent.Tx, org uuid.UUID) ([]string, error) {
	return tx.ThrottlingTier.Query().
		Where(throttlingtier.OrganizationID(org), throttlingtier.LevelEQ(throttlingtier.LevelSUBSCRIPTION)).
		Order(ent.Asc(throttlingtier.FieldRequestCount)).
		Select(throttlingtier.FieldName).Strings(ctx)
}

// ensureCategories returns the ids of org's categories named names,
// creating the ones that do not exist yet.
func ensureCategories(ctx context.Context, tx *ent.Tx, org uuid.UUID, names []string) ([]uuid.UUID, error) {
	ids := make([]uuid.UUID, 0, len(names))
	for _, n := range names {
		c, err := tx.Category.Query().Where(category.OrganizationID(org), category.NameEqualFold(n)).First(ctx)
		if ent.IsNotFound(err) {
			c, err = tx.Category.Create().SetOrganizationID(org).SetName(n).Save(ctx)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, c.ID)
	}
	return ids, nil
}

// Categories lists the categories of the viewer's organization.
func (s *Service) Categories(ctx context.Context) ([]*ent.Category, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	return s.client.Category.Query().Where(category.OrganizationID(v.OrgID)).
		Order(ent.Asc(category.FieldName)).All(ctx)
}

// SetCORS replaces an API's CORS policy; deploying makes gateways apply it.
func (s *Service) SetCORS(ctx context.Context, id uuid.UUID, in config.CORS) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "set CORS of API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	c, err := in.Validate()
	if err != nil {
		if ce, ok := err.(*config.CORSError); ok {
			return nil, errs.Field("cors."+ce.Field, "%s", ce.Message)
		}
		return nil, errs.Field("cors", "%v", err)
	}
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		stored := fieldtype.CORS(c)
		if updated, err = a.Update().SetCors(&stored).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.update_cors", "API", id.String(), nil)
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// CORSOf is a's CORS policy (disabled when never set).
func CORSOf(a *ent.API) config.CORS {
	if a.Cors == nil {
		return config.CORS{}
	}
	return config.CORS(*a.Cors)
}

// Search returns the APIs the viewer may see that match query (see
// package apisearch).
func (s *Service) Search(ctx context.Context, query string) (*ent.APIQuery, error) {
	q, err := apisearch.Parse(query)
	if err != nil {
		return nil, errs.Field("query", "%v", err)
	}
	out := s.Query(ctx)
	if p := q.Predicate(); p != nil {
		out = out.Where(p)
	}
	return out, nil
}

// MaxPageSize bounds a page of a search.
const MaxPageSize = 100

// CheckPage refuses page sizes over MaxPageSize or below zero.
func CheckPage(first, last *int) error {
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n != nil && (*n < 0 || *n > MaxPageSize) {
			return errs.Field(name, "a page holds 0 to %d APIs", MaxPageSize)
		}
	}
	return nil
}
