package portal

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/ent/user"
)

// Limits of application attributes and groups.
const (
	MaxAttributes      = 30
	MaxAttributeValue  = 1000
	MaxGroups          = 50
	maxGroupNameLength = 64
)

var (
	attributeKey = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`)
	groupName    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 _.-]*$`)
)

// Attribute is one key/value of an application.
type Attribute struct{ Key, Value string }

// SortedAttributes lists a's attributes by key.
func SortedAttributes(a *ent.Application) []Attribute {
	out := make([]Attribute, 0, len(a.Attributes))
	for k, v := range a.Attributes {
		out = append(out, Attribute{k, v})
	}
	slices.SortFunc(out, func(x, y Attribute) int { return strings.Compare(x.Key, y.Key) })
	return out
}

func checkAttributes(in []Attribute) (map[string]string, error) {
	if len(in) > MaxAttributes {
		return nil, errs.Field("attributes", "at most %d attributes", MaxAttributes)
	}
	out := make(map[string]string, len(in))
	for _, a := range in {
		k := strings.TrimSpace(a.Key)
		if !attributeKey.MatchString(k) {
			return nil, errs.Field("attributes", "attribute key %q must start with a letter and hold only letters, digits, '_', '.' or '-' (64 at most)", a.Key)
		}
		if _, dup := out[k]; dup {
			return nil, errs.Field("attributes", "attribute %q is given twice", k)
		}
		if utf8.RuneCountInString(a.Value) > MaxAttributeValue {
			return nil, errs.Field("attributes", "attribute %q is longer than %d characters", k, MaxAttributeValue)
		}
		out[k] = strings.TrimSpace(a.Value)
	}
	return out, nil
}

// CheckGroups trims, validates and de-duplicates group names, sorted.
func CheckGroups(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, g := range in {
		g = strings.TrimSpace(g)
		if g == "" {
			continue
		}
		if len(g) > maxGroupNameLength || !groupName.MatchString(g) {
			return nil, errs.Field("groups", "group name %q must start with a letter or digit and hold only letters, digits, spaces, '_', '.' or '-' (64 at most)", g)
		}
		out = append(out, g)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > MaxGroups {
		return nil, errs.Field("groups", "at most %d groups", MaxGroups)
	}
	return out, nil
}

// SetAttributes replaces an application's attributes (owner or admin).
func (s *Service) SetAttributes(ctx context.Context, appID uuid.UUID, in []Attribute) (*ent.Application, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	attrs, err := checkAttributes(in)
	if err != nil {
		return nil, err
	}
	var updated *ent.Application
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		if err := checkRequired(ctx, tx, app.OrganizationID, attrs); err != nil {
			return err
		}
		if updated, err = app.Update().SetAttributes(attrs).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "application.attributes", "Application", app.ID.String(), nil)
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// Share shares an application with groups of its organization; none stops
// sharing (owner or admin).
func (s *Service) Share(ctx context.Context, appID uuid.UUID, groups []string) (*ent.Application, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	groups, err = CheckGroups(groups)
	if err != nil {
		return nil, err
	}
	var updated *ent.Application
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		if updated, err = app.Update().SetSharedGroups(groups).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "application.share", "Application", app.ID.String(), map[string]any{"groups": groups})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// checkRequired refuses attributes that lack one the organization
// requires, or leave it empty. Applications made before a key became
// required keep working; they meet the rule when their attributes are
// next saved.
func checkRequired(ctx context.Context, tx *ent.Tx, org uuid.UUID, attrs map[string]string) error {
	o, err := tx.Organization.Query().Where(organization.ID(org)).Only(ctx)
	if err != nil {
		return err
	}
	var missing []string
	for _, k := range o.RequiredAppAttributes {
		if strings.TrimSpace(attrs[k]) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return errs.Field("attributes", "your organization requires the attribute%s %s", plural(len(missing)), strings.Join(missing, ", "))
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// RequiredAttributes are the attribute keys every application of the
// viewer's organization must carry.
func (s *Service) RequiredAttributes(ctx context.Context) ([]string, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	o, err := s.client.Organization.Query().Where(organization.ID(v.OrgID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	if o.RequiredAppAttributes == nil {
		return []string{}, nil
	}
	return o.RequiredAppAttributes, nil
}

// SetRequiredAttributes sets the attribute keys every new or edited
// application of the admin's organization must carry.
func (s *Service) SetRequiredAttributes(ctx context.Context, keys []string) ([]string, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminSettings)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, k := range keys {
		k = strings.TrimSpace(k)
		if k == "" || slices.Contains(out, k) {
			continue
		}
		if !attributeKey.MatchString(k) {
			return nil, errs.Field("keys", "attribute key %q must start with a letter and hold only letters, digits, '_', '.' or '-' (64 at most)", k)
		}
		out = append(out, k)
	}
	if len(out) > MaxAttributes {
		return nil, errs.Field("keys", "at most %d required attributes", MaxAttributes)
	}
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if err := tx.Organization.UpdateOneID(v.OrgID).SetRequiredAppAttributes(out).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "organization.required_attributes", "Organization", v.OrgID.String(), map[string]any{"keys": out})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetUserGroups sets the groups a user of the admin's organization
// belongs to.
func (s *Service) SetUserGroups(ctx context.Context, userID uuid.UUID, groups []string) (*ent.User, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminUsers)
	if err != nil {
		return nil, err
	}
	groups, err = CheckGroups(groups)
	if err != nil {
		return nil, err
	}
	var updated *ent.User
	err = s.tx(ctx, func(tx *ent.Tx) error {
		u, err := tx.User.Query().Where(user.ID(userID), user.OrganizationID(v.OrgID)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "user %s not found", userID)
		} else if err != nil {
			return err
		}
		if updated, err = u.Update().SetGroups(groups).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "user.groups", "User", u.ID.String(), map[string]any{"groups": groups})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}
