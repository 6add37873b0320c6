// Package access is the one place that says who may read what through the
// GraphQL API: per object type, a read rule (may this viewer see this
// object at all?) and the fields only the object's managers may read
// (backend URLs, mediation values, key-manager configuration, ...).
//
// The rules are enforced by Guard, a gqlgen extension that sees the result
// of every field: objects a viewer may not read are dropped from lists and
// connections, or answered NOT_FOUND (null for a nested nullable edge);
// restricted fields are redacted for everyone else. Because it sits under
// every resolver and every ent edge, a new edge or resolver cannot bypass
// it; TestEveryEntTypeHasARule keeps new types from slipping past.
package access

import (
	"context"
	"reflect"
	"sync"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

// APIVisible is the one rule for which APIs a viewer may read: all of their
// organization's for its publishers and admins; for anyone else published,
// prototyped and deprecated APIs that are public or restricted to one of
// their roles, of their own organization when signed in.
func APIVisible(v *viewer.Viewer) predicate.API {
	switch {
	case managesAPIs(v):
		return api.OrganizationID(v.OrgID)
	case v != nil:
		return api.And(api.OrganizationID(v.OrgID), consumerStatus(), sharedWith(v))
	default:
		return api.And(consumerStatus(), sharedWith(nil))
	}
}

func consumerStatus() predicate.API {
	return api.LifecycleStatusIn(api.LifecycleStatusPUBLISHED, api.LifecycleStatusPROTOTYPED, api.LifecycleStatusDEPRECATED)
}

// sharedWith: public APIs, and restricted ones shared with one of v's roles.
func sharedWith(v *viewer.Viewer) predicate.API {
	public := api.VisibilityEQ(api.VisibilityPUBLIC)
	if v == nil || len(v.Roles) == 0 {
		return public
	}
	shared := make([]predicate.API, 0, len(v.Roles))
	for _, r := range v.Roles {
		role := string(r)
		shared = append(shared, predicate.API(func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(api.FieldVisibleRoles, role))
		}))
	}
	return api.Or(public, api.And(api.VisibilityEQ(api.VisibilityRESTRICTED), api.Or(shared...)))
}

// Manages reports whether v manages APIs of organization org: holds one
// of the API permissions there (built-in: publishers and admins).
func Manages(v *viewer.Viewer, org uuid.UUID) bool {
	return managesAPIs(v) && v.OrgID == org
}

func managesAPIs(v *viewer.Viewer) bool {
	return v.CanAny(viewer.APICreate, viewer.APIManage, viewer.APIPublish)
}

// Holds reports whether v holds permission p in organization org.
func Holds(v *viewer.Viewer, p viewer.Permission, org uuid.UUID) bool {
	return v.Can(p) && v.OrgID == org
}

// Member reports whether v belongs to organization org.
func Member(v *viewer.Viewer, org uuid.UUID) bool { return v != nil && v.OrgID == org }

// checker answers the rules for one operation, remembering what it looked
// up (an API's visibility is asked by each of its deployments, documents
// and operations).
type checker struct {
	client *ent.Client
	v      *viewer.Viewer

	mu   sync.Mutex
	apis map[uuid.UUID]apiFacts
	apps map[uuid.UUID]bool
}

type apiFacts struct {
	visible bool
	org     uuid.UUID
}

func newChecker(client *ent.Client, v *viewer.Viewer) *checker {
	return &checker{client: client, v: v, apis: map[uuid.UUID]apiFacts{}, apps: map[uuid.UUID]bool{}}
}

// apiFacts returns, per id, whether the viewer may read the API and its
// organization (an unknown id is invisible).
func (c *checker) apiFacts(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]apiFacts, error) {
	c.mu.Lock()
	var missing []uuid.UUID
	for _, id := range ids {
		if _, ok := c.apis[id]; !ok {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) > 0 {
		visible, err := c.client.API.Query().Where(api.IDIn(missing...), APIVisible(c.v)).IDs(ctx)
		if err != nil {
			return nil, err
		}
		if c.v != nil && len(visible) < len(missing) {
			// A subscription is its application's users' to see, with the
			// API it is to, even once that API is blocked or retired.
			reach, err := tenancy.ApplicationReach(ctx, c.client, c.v)
			if err != nil {
				return nil, err
			}
			subscribed, err := c.client.API.Query().Where(api.IDIn(missing...), api.OrganizationID(c.v.OrgID),
				api.HasSubscriptionsWith(subscription.HasApplicationWith(reach))).IDs(ctx)
			if err != nil {
				return nil, err
			}
			visible = append(visible, subscribed...)
		}
		var orgs []struct {
			ID  uuid.UUID `json:"id"`
			Org uuid.UUID `json:"organization_id"`
		}
		if err := c.client.API.Query().Where(api.IDIn(missing...)).
			Select(api.FieldID, api.FieldOrganizationID).Scan(ctx, &orgs); err != nil {
			return nil, err
		}
		c.mu.Lock()
		for _, id := range missing {
			c.apis[id] = apiFacts{}
		}
		for _, o := range orgs {
			c.apis[o.ID] = apiFacts{org: o.Org}
		}
		for _, id := range visible {
			f := c.apis[id]
			f.visible = true
			c.apis[id] = f
		}
		c.mu.Unlock()
	}
	out := make(map[uuid.UUID]apiFacts, len(ids))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		out[id] = c.apis[id]
	}
	return out, nil
}

// appsReachable returns, per id, whether the viewer reaches the
// application (tenancy.ApplicationReach).
func (c *checker) appsReachable(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	out := make(map[uuid.UUID]bool, len(ids))
	if c.v == nil {
		return out, nil
	}
	c.mu.Lock()
	var missing []uuid.UUID
	for _, id := range ids {
		if _, ok := c.apps[id]; !ok {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) > 0 {
		reach, err := tenancy.ApplicationReach(ctx, c.client, c.v)
		if err != nil {
			return nil, err
		}
		found, err := c.client.Application.Query().Where(application.IDIn(missing...), reach).IDs(ctx)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		for _, id := range missing {
			c.apps[id] = false
		}
		for _, id := range found {
			c.apps[id] = true
		}
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		out[id] = c.apps[id]
	}
	return out, nil
}

// Rule is who may read objects of one GraphQL type, and which of its
// fields only its managers may read.
type Rule struct {
	goType reflect.Type
	// read reports, for each object (all of goType), whether the viewer may read it.
	read func(ctx context.Context, c *checker, objs []any) ([]bool, error)
	// manages reports whether the viewer may read obj's restricted fields.
	manages func(ctx context.Context, c *checker, obj any) (bool, error)
	// Restricted are the fields for managers only.
	Restricted []string
}

// rule builds a Rule for *T from typed functions.
func rule[T any](read func(ctx context.Context, c *checker, objs []*T) ([]bool, error),
	manages func(ctx context.Context, c *checker, obj *T) (bool, error), restricted ...string) Rule {
	return Rule{
		goType: reflect.TypeFor[*T](),
		read: func(ctx context.Context, c *checker, objs []any) ([]bool, error) {
			typed := make([]*T, len(objs))
			for i, o := range objs {
				typed[i] = o.(*T)
			}
			return read(ctx, c, typed)
		},
		manages: func(ctx context.Context, c *checker, obj any) (bool, error) {
			if manages == nil {
				return false, nil
			}
			return manages(ctx, c, obj.(*T))
		},
		Restricted: restricted,
	}
}

// each applies a per-object predicate to a batch.
func each[T any](f func(c *checker, o *T) bool) func(context.Context, *checker, []*T) ([]bool, error) {
	return func(_ context.Context, c *checker, objs []*T) ([]bool, error) {
		out := make([]bool, len(objs))
		for i, o := range objs {
			out[i] = f(c, o)
		}
		return out, nil
	}
}

// ofAPI: objects visible iff their API is.
func ofAPI[T any](apiID func(*T) uuid.UUID) func(context.Context, *checker, []*T) ([]bool, error) {
	return func(ctx context.Context, c *checker, objs []*T) ([]bool, error) {
		ids := make([]uuid.UUID, len(objs))
		for i, o := range objs {
			ids[i] = apiID(o)
		}
		facts, err := c.apiFacts(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]bool, len(objs))
		for i, id := range ids {
			out[i] = facts[id].visible
		}
		return out, nil
	}
}

// managedAPI: the viewer manages the organization owning API id.
func managedAPI(ctx context.Context, c *checker, id uuid.UUID) (bool, error) {
	facts, err := c.apiFacts(ctx, []uuid.UUID{id})
	if err != nil {
		return false, err
	}
	f := facts[id]
	return f.visible && Manages(c.v, f.org), nil
}

func managerOfAPI[T any](apiID func(*T) uuid.UUID) func(context.Context, *checker, *T) (bool, error) {
	return func(ctx context.Context, c *checker, o *T) (bool, error) { return managedAPI(ctx, c, apiID(o)) }
}

// ofApplication: objects visible iff the viewer reaches their application.
func ofApplication[T any](appID func(*T) uuid.UUID) func(context.Context, *checker, []*T) ([]bool, error) {
	return func(ctx context.Context, c *checker, objs []*T) ([]bool, error) {
		ids := make([]uuid.UUID, len(objs))
		for i, o := range objs {
			ids[i] = appID(o)
		}
		reach, err := c.appsReachable(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]bool, len(objs))
		for i, id := range ids {
			out[i] = reach[id]
		}
		return out, nil
	}
}

// The fields of an API that describe its backend or its publisher's
// settings: consumers see what a devportal shows (gateway URLs, the public
// definition, documents), nothing about backends.
var apiRestricted = []string{
	"productionEndpoint", "sandboxEndpoint", "endpoints", "definition", "definitionURL",
	"exportedDefinition", "mutualTLS", "backendJWT", "backendJWKSPath", "trafficControls",
	"serviceEntryID", "serviceDefinitionHash", "drift", "lifecycleActions", "lifecycleHistory",
	"maxRevisions", "createdBy", "visibleRoles",
}

// Rules is the read rule of every GraphQL object type backed by an ent
// entity, by GraphQL type name.
var Rules = map[string]Rule{
	"API": rule(func(ctx context.Context, c *checker, objs []*ent.API) ([]bool, error) {
		ids := make([]uuid.UUID, len(objs))
		for i, o := range objs {
			ids[i] = o.ID
		}
		facts, err := c.apiFacts(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]bool, len(objs))
		for i, id := range ids {
			out[i] = facts[id].visible
		}
		return out, nil
	}, func(_ context.Context, c *checker, a *ent.API) (bool, error) {
		return Manages(c.v, a.OrganizationID), nil
	}, apiRestricted...),
	"APIOperation": rule(ofAPI(func(o *ent.APIOperation) uuid.UUID { return o.APIID }),
		managerOfAPI(func(o *ent.APIOperation) uuid.UUID { return o.APIID }),
		"policies"),
	"Deployment": rule(ofAPI(func(o *ent.Deployment) uuid.UUID { return o.APIID }),
		managerOfAPI(func(o *ent.Deployment) uuid.UUID { return o.APIID }), "deployedBy"),
	"Document": rule(ofAPI(func(o *ent.Document) uuid.UUID { return o.APIID }),
		managerOfAPI(func(o *ent.Document) uuid.UUID { return o.APIID }), "createdBy"),
	"APIScope": rule(ofAPI(func(o *ent.APIScope) uuid.UUID { return o.APIID }),
		managerOfAPI(func(o *ent.APIScope) uuid.UUID { return o.APIID }), "roles"),
	"Comment": rule(ofAPI(func(o *ent.Comment) uuid.UUID { return o.APIID }), nil),
	// Revisions are the publisher's history: managers of the API only.
	"APIRevision": rule(func(ctx context.Context, c *checker, objs []*ent.APIRevision) ([]bool, error) {
		out := make([]bool, len(objs))
		for i, o := range objs {
			ok, err := managedAPI(ctx, c, o.APIID)
			if err != nil {
				return nil, err
			}
			out[i] = ok
		}
		return out, nil
	}, nil),
	// Environments are shared infrastructure; their deployments edge
	// yields only deployments the Deployment rule lets through.
	"Environment":    rule(each(func(*checker, *ent.Environment) bool { return true }), nil),
	"Application":    rule(ofApplication(func(o *ent.Application) uuid.UUID { return o.ID }), nil),
	"ApplicationKey": rule(ofApplication(func(o *ent.ApplicationKey) uuid.UUID { return o.ApplicationID }), nil),
	"APIKey":         rule(ofApplication(func(o *ent.APIKey) uuid.UUID { return o.ApplicationID }), nil),
	// A subscription: its application's users, and the API's managers.
	"APISubscription": rule(func(ctx context.Context, c *checker, objs []*ent.Subscription) ([]bool, error) {
		apps := make([]uuid.UUID, len(objs))
		for i, o := range objs {
			apps[i] = o.ApplicationID
		}
		reach, err := c.appsReachable(ctx, apps)
		if err != nil {
			return nil, err
		}
		out := make([]bool, len(objs))
		for i, o := range objs {
			if reach[o.ApplicationID] {
				out[i] = true
				continue
			}
			if out[i], err = managedAPI(ctx, c, o.APIID); err != nil {
				return nil, err
			}
		}
		return out, nil
	}, nil),
	// Users: members of the organization see who is in it; contact details,
	// groups and roles are for the user and the organization's admins.
	"User": rule(each(func(c *checker, u *ent.User) bool { return Member(c.v, u.OrganizationID) }),
		func(_ context.Context, c *checker, u *ent.User) (bool, error) {
			return Holds(c.v, viewer.AdminUsers, u.OrganizationID) || (c.v != nil && c.v.UserID == u.ID), nil
		}, "email", "groups", "disabled", "pendingApproval", "roleBindings", "roleNames", "mustChangePassword"),
	"Organization": rule(each(func(c *checker, o *ent.Organization) bool { return Member(c.v, o.ID) }), nil),
	"RoleBinding": rule(each(func(c *checker, b *ent.RoleBinding) bool {
		return Holds(c.v, viewer.AdminUsers, b.OrganizationID) || (c.v != nil && c.v.UserID == b.UserID)
	}), nil),
	"AuditLog":   rule(each(func(c *checker, o *ent.AuditLog) bool { return Holds(c.v, viewer.AuditView, o.OrganizationID) }), nil),
	"DenyPolicy": rule(each(func(c *checker, o *ent.DenyPolicy) bool { return Holds(c.v, viewer.AdminPolicies, o.OrganizationID) }), nil),
	"IdentityProvider": rule(each(func(c *checker, o *ent.IdentityProvider) bool {
		return Holds(c.v, viewer.AdminKeyManagers, o.OrganizationID)
	}), nil),
	"ServiceEntry": rule(each(func(c *checker, o *ent.ServiceEntry) bool { return Holds(c.v, viewer.ServiceManage, o.OrganizationID) }), nil),
	// Key managers: members see which exist (to pick one for a key); their
	// configuration is for the organization's admins.
	"ExternalKeyManager": rule(each(func(c *checker, o *ent.ExternalKeyManager) bool { return Member(c.v, o.OrganizationID) }),
		func(_ context.Context, c *checker, o *ent.ExternalKeyManager) (bool, error) {
			return Holds(c.v, viewer.AdminKeyManagers, o.OrganizationID), nil
		}, "issuer", "jwksURI", "introspectionEndpoint", "introspectionClientID", "tokenEndpoint",
		"audience", "clientIDClaim", "scopesClaim", "userClaim"),
	// Categories and subscription tiers are what a public portal page shows
	// of the APIs an anonymous visitor may see; signed-in users see their
	// organization's.
	"Category": rule(each(func(c *checker, o *ent.Category) bool { return c.v == nil || Member(c.v, o.OrganizationID) }), nil),
	"ThrottlingTier": rule(each(func(c *checker, o *ent.ThrottlingTier) bool {
		if c.v == nil {
			return o.Level == throttlingtier.LevelSUBSCRIPTION
		}
		return Member(c.v, o.OrganizationID)
	}), func(_ context.Context, c *checker, o *ent.ThrottlingTier) (bool, error) {
		return Holds(c.v, viewer.AdminPolicies, o.OrganizationID), nil
	}, "conditionGroups"),
}

// byGoType finds the rule of a Go value's type.
var byGoType = func() map[reflect.Type]string {
	m := make(map[reflect.Type]string, len(Rules))
	for name, r := range Rules {
		m[r.goType] = name
	}
	return m
}()

// RestrictedField reports whether typ.field is for managers only.
func RestrictedField(typ, field string) bool {
	r, ok := Rules[typ]
	if !ok {
		return false
	}
	for _, f := range r.Restricted {
		if f == field {
			return true
		}
	}
	return false
}

// CanRead reports whether the viewer in ctx may read obj (an ent entity);
// objects of a type without a rule are refused.
func CanRead(ctx context.Context, client *ent.Client, obj any) (bool, error) {
	c := checkerFrom(ctx, client)
	name, ok := byGoType[reflect.TypeOf(obj)]
	if !ok {
		return false, nil
	}
	stored, err := c.fresh(ctx, name, []any{obj})
	if err != nil {
		return false, err
	}
	ok2, err := readStored(ctx, c, name, stored)
	if err != nil {
		return false, err
	}
	return ok2[0], nil
}
