// Package portal is the Developer Portal's domain: applications, their
// subscriptions to APIs, their keys and test tokens. A user reaches only
// their own applications (admins: their organization's); anything else is
// reported as not found, so ids reveal nothing.
package portal

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/predicate"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

// KeyManager issues credentials: digests of new secrets, test tokens and
// API keys.
type KeyManager interface {
	HashSecret(secret string) string
	// CheckJWKS validates a client's public key set (private_key_jwt).
	CheckJWKS(jwks string) error
	IssueToken(ctx context.Context, clientID string, scopes []string, ttl time.Duration) (string, time.Time, error)
	APIKeySigner
}

// Notifier is told when an environment's gateways must learn of a change
// (a subscription), after it is committed.
type Notifier interface {
	EnvironmentChanged(ctx context.Context, environment, reason string)
}

// APIs tells which APIs the viewer may see.
type APIs interface {
	Get(ctx context.Context, id uuid.UUID) (*ent.API, error)
}

// Service implements the portal's operations.
type Service struct {
	client *ent.Client
	apis   APIs
	km     KeyManager
	notify Notifier
	// revoker revokes tokens in bulk (WithRevoker; nil: not offered).
	revoker Revoker
	log     *slog.Logger
	// newSecret and newClientID make credentials (replaced in tests).
	newSecret, newClientID func() string
	// now is the clock rotation grace periods start from (tests move it).
	now func() time.Time
}

// SetClock replaces the service's clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// NewService returns the portal service.
func NewService(client *ent.Client, apis APIs, km KeyManager, notify Notifier, newSecret, newClientID func() string, log *slog.Logger) *Service {
	return &Service{client: client, apis: apis, km: km, notify: notify, newSecret: newSecret, newClientID: newClientID, log: log, now: time.Now}
}

// ApplicationInput creates or changes an application; nil fields of an
// update stay as they are.
type ApplicationInput struct {
	Name, Description, Tier, TokenType *string
	// Attributes of a new application; the organization's required ones
	// must be among them.
	Attributes []Attribute
}

func validName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return "", errs.Field("name", "name is required")
	case n > 70:
		return "", errs.Field("name", "name is longer than 70 characters")
	}
	return name, nil
}

// checkTier refuses tiers the organization does not define at level.
func checkTier(ctx context.Context, tx *ent.Tx, org uuid.UUID, level throttlingtier.Level, name, field string) error {
	ok, err := tx.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(org),
		throttlingtier.LevelEQ(level), throttlingtier.Name(name)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Field(field, "there is no %s tier named %q", strings.ToLower(level.String()), name)
	}
	return nil
}

// CreateApplication makes an application owned by the viewer.
func (s *Service) CreateApplication(ctx context.Context, in ApplicationInput) (*ent.Application, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	name, err := validName(deref(in.Name))
	if err != nil {
		return nil, err
	}
	tokenType := application.TokenTypeJWT
	if in.TokenType != nil {
		tokenType = application.TokenType(*in.TokenType)
		if application.TokenTypeValidator(tokenType) != nil {
			return nil, errs.Field("tokenType", "token type must be JWT or OPAQUE")
		}
	}
	attrs, err := checkAttributes(in.Attributes)
	if err != nil {
		return nil, err
	}
	var created *ent.Application
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if err := checkRequired(ctx, tx, v.OrgID, attrs); err != nil {
			return err
		}
		exists, err := tx.Application.Query().Where(application.OwnerID(v.UserID), application.Name(name)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return &errs.Error{Kind: errs.Conflict, Field: "name", Message: "you already have an application named " + name}
		}
		c := tx.Application.Create().SetOrganizationID(v.OrgID).SetOwnerID(v.UserID).SetName(name).
			SetDescription(strings.TrimSpace(deref(in.Description))).SetTokenType(tokenType).SetAttributes(attrs)
		if in.Tier != nil && *in.Tier != "" {
			if err := checkTier(ctx, tx, v.OrgID, throttlingtier.LevelAPPLICATION, *in.Tier, "throttlingTier"); err != nil {
				return err
			}
			c.SetThrottlingTier(*in.Tier)
		}
		if created, err = c.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "application.create", "Application", created.ID.String(), map[string]string{"name": name})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// UpdateApplication changes an application's name, description or tier.
func (s *Service) UpdateApplication(ctx context.Context, id uuid.UUID, in ApplicationInput) (*ent.Application, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	var updated *ent.Application
	var envs []string // where the application's tier is enforced, when it changes
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedApplication(ctx, tx, v, id)
		if err != nil {
			return err
		}
		u := a.Update()
		if in.Name != nil {
			name, err := validName(*in.Name)
			if err != nil {
				return err
			}
			taken, err := tx.Application.Query().Where(application.OwnerID(a.OwnerID), application.Name(name), application.IDNEQ(a.ID)).Exist(ctx)
			if err != nil {
				return err
			}
			if taken {
				return &errs.Error{Kind: errs.Conflict, Field: "name", Message: "the owner already has an application named " + name}
			}
			u.SetName(name)
		}
		if in.Description != nil {
			u.SetDescription(strings.TrimSpace(*in.Description))
		}
		if in.TokenType != nil {
			// Tokens issued from now on take the new type; issued ones
			// keep working until they expire or are revoked.
			t := application.TokenType(*in.TokenType)
			if application.TokenTypeValidator(t) != nil {
				return errs.Field("tokenType", "the token type is JWT or OPAQUE")
			}
			u.SetTokenType(t)
		}
		if in.Tier != nil {
			if err := checkTier(ctx, tx, v.OrgID, throttlingtier.LevelAPPLICATION, *in.Tier, "throttlingTier"); err != nil {
				return err
			}
			u.SetThrottlingTier(*in.Tier)
			if *in.Tier != a.ThrottlingTier {
				if envs, err = environmentsOf(ctx, tx, subscription.ApplicationID(id)); err != nil {
					return err
				}
			}
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "application.update", "Application", id.String(), nil)
	})
	if err != nil {
		return nil, err
	}
	s.announce(ctx, envs, "application tier")
	return updated.Unwrap(), nil
}

// DeleteApplication removes an application with its keys and
// subscriptions; gateways stop accepting its tokens for those APIs.
func (s *Service) DeleteApplication(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return err
	}
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedApplication(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if envs, err = environmentsOf(ctx, tx, subscription.ApplicationID(id)); err != nil {
			return err
		}
		if _, err := tx.Subscription.Delete().Where(subscription.ApplicationID(id)).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.ApplicationKey.Delete().Where(applicationkey.ApplicationID(id)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.Application.DeleteOne(a).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "application.delete", "Application", id.String(), map[string]string{"name": a.Name})
	})
	if err == nil {
		s.announce(ctx, envs, "unsubscribe")
	}
	return err
}

// environmentsOf lists the environments serving the APIs of the matching
// subscriptions.
func environmentsOf(ctx context.Context, tx *ent.Tx, subs ...predicate.Subscription) ([]string, error) {
	return tx.Environment.Query().
		Where(environment.HasDeploymentsWith(deployment.HasAPIWith(api.HasSubscriptionsWith(subs...)))).
		Select(environment.FieldName).Strings(ctx)
}

func (s *Service) announce(ctx context.Context, envs []string, reason string) {
	for _, e := range envs {
		s.notify.EnvironmentChanged(ctx, e, reason)
	}
}

// Subscribe lets an application call a published API under a tier.
func (s *Service) Subscribe(ctx context.Context, appID, apiID uuid.UUID, tier string) (*ent.Subscription, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	a, err := s.apis.Get(ctx, apiID)
	if errs.KindOf(err) == errs.NotFound {
		return nil, errs.Field("apiID", "API %s not found", apiID)
	} else if err != nil {
		return nil, err
	}
	if a.LifecycleStatus != api.LifecycleStatusPUBLISHED {
		return nil, errs.Field("apiID", "only published APIs take subscriptions; %s is %s", a.Name, strings.ToLower(a.LifecycleStatus.String()))
	}
	if !slices.Contains(a.SubscriptionTiers, tier) {
		if len(a.SubscriptionTiers) == 0 {
			return nil, errs.Field("tier", "%s offers no subscription tiers yet", a.Name)
		}
		return nil, errs.Field("tier", "%s does not offer the tier %q; it offers %s", a.Name, tier, strings.Join(a.SubscriptionTiers, ", "))
	}
	var created *ent.Subscription
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := usableApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		t, err := subscriptionTier(ctx, tx, a.OrganizationID, tier)
		if err != nil {
			return err
		}
		exists, err := tx.Subscription.Query().Where(subscription.ApplicationID(app.ID), subscription.APIID(apiID)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return &errs.Error{Kind: errs.Conflict, Field: "apiID", Message: app.Name + " is already subscribed to " + a.Name}
		}
		// A tier that requires approval holds the subscription until an
		// admin decides; gateways refuse it meanwhile.
		status := subscription.StatusUNBLOCKED
		if t.RequiresApproval {
			status = subscription.StatusON_HOLD
		}
		if created, err = tx.Subscription.Create().SetApplicationID(app.ID).SetAPIID(apiID).
			SetThrottlingTier(tier).SetStatus(status).Save(ctx); err != nil {
			return err
		}
		if envs, err = environmentsOf(ctx, tx, subscription.ID(created.ID)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "subscription.create", "Subscription", created.ID.String(),
			map[string]string{"application": app.Name, "api": a.Name, "tier": tier, "status": status.String()})
	})
	if err != nil {
		return nil, err
	}
	s.announce(ctx, envs, "subscribe")
	return created.Unwrap(), nil
}

// Unsubscribe removes a subscription of one of the viewer's applications.
func (s *Service) Unsubscribe(ctx context.Context, id uuid.UUID) error {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return err
	}
	var envs []string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		sub, err := tx.Subscription.Query().Where(subscription.ID(id)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.E(errs.NotFound, "subscription %s not found", id)
		} else if err != nil {
			return err
		}
		if _, err := usableApplication(ctx, tx, v, sub.ApplicationID); errs.KindOf(err) == errs.NotFound {
			return errs.E(errs.NotFound, "subscription %s not found", id)
		} else if err != nil {
			return err
		}
		if envs, err = environmentsOf(ctx, tx, subscription.ID(id)); err != nil {
			return err
		}
		if err := tx.Subscription.DeleteOne(sub).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "subscription.delete", "Subscription", id.String(), nil)
	})
	if err == nil {
		s.announce(ctx, envs, "unsubscribe")
	}
	return err
}

// Keys are an application key with its secret, shown only once.
type Keys struct {
	Key          *ent.ApplicationKey
	ClientSecret string
}

// allowedGrants are the grant types an application key may hold: those
// the Key Manager's token endpoint serves.
var allowedGrants = []string{"client_credentials", "authorization_code", "refresh_token", "password", "urn:ietf:params:oauth:grant-type:jwt-bearer"}

// checkCallback accepts an absolute https URL, or http on a loopback host
// (RFC 8252 native apps, local development), without a fragment or
// credentials; the Key Manager matches it exactly.
func checkCallback(callback string) error {
	if callback == "" {
		return nil
	}
	u, err := url.Parse(callback)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return errs.Field("callbackURL", "the callback URL must be an absolute URL")
	}
	if u.Fragment != "" || strings.Contains(callback, "#") || u.User != nil {
		return errs.Field("callbackURL", "the callback URL must not have a fragment or user info")
	}
	if len(callback) > 2000 {
		return errs.Field("callbackURL", "the callback URL is too long")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			return nil
		}
	}
	return errs.Field("callbackURL", "the callback URL must use https (http only on localhost, 127.0.0.1 or [::1])")
}

// GenerateKeys creates the application's key of keyType with a new client
// id and secret.
func (s *Service) GenerateKeys(ctx context.Context, appID uuid.UUID, keyType applicationkey.KeyType, grants []string, callback string) (*Keys, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if applicationkey.KeyTypeValidator(keyType) != nil {
		return nil, errs.Field("keyType", "key type must be PRODUCTION or SANDBOX")
	}
	if len(grants) == 0 {
		grants = []string{"client_credentials"}
	}
	for _, g := range grants {
		if !slices.Contains(allowedGrants, g) {
			return nil, errs.Field("grantTypes", "unknown grant type %q", g)
		}
	}
	if err := checkCallback(callback); err != nil {
		return nil, err
	}
	if slices.Contains(grants, "authorization_code") && callback == "" {
		return nil, errs.Field("callbackURL", "the authorization code grant needs a callback URL")
	}
	secret := s.newSecret()
	var key *ent.ApplicationKey
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		exists, err := tx.ApplicationKey.Query().Where(applicationkey.ApplicationID(app.ID), applicationkey.KeyTypeEQ(keyType)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return &errs.Error{Kind: errs.Conflict, Field: "keyType", Message: fmt.Sprintf("%s already has %s keys; regenerate the secret instead", app.Name, strings.ToLower(keyType.String()))}
		}
		key, err = tx.ApplicationKey.Create().SetApplicationID(app.ID).SetKeyType(keyType).
			SetClientID(s.newClientID()).SetClientSecretHash(s.km.HashSecret(secret)).
			SetGrantTypes(grants).SetCallbackURL(callback).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "keys.generate", "Application", app.ID.String(), map[string]string{"keyType": keyType.String()})
	})
	if err != nil {
		return nil, err
	}
	return &Keys{Key: key.Unwrap(), ClientSecret: secret}, nil
}

// SetKeyJWKS registers the public keys the application's key signs its
// client assertions with (private_key_jwt); "" returns it to its secret.
func (s *Service) SetKeyJWKS(ctx context.Context, appID uuid.UUID, keyType applicationkey.KeyType, jwks string) (*ent.ApplicationKey, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	jwks = strings.TrimSpace(jwks)
	if jwks != "" {
		if err := s.km.CheckJWKS(jwks); err != nil {
			return nil, errs.Field("jwks", "%s", err.Error())
		}
	}
	var key *ent.ApplicationKey
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		k, err := tx.ApplicationKey.Query().Where(applicationkey.ApplicationID(app.ID), applicationkey.KeyTypeEQ(keyType)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.Field("keyType", "%s has no %s keys yet", app.Name, strings.ToLower(keyType.String()))
		} else if err != nil {
			return err
		}
		if key, err = k.Update().SetJwks(jwks).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "keys.jwks", "Application", app.ID.String(), map[string]string{"keyType": keyType.String()})
	})
	if err != nil {
		return nil, err
	}
	return key.Unwrap(), nil
}

// SetKeyPKCERequired sets whether the key's authorization requests must
// carry a PKCE S256 challenge. Turning it off weakens the code flow, so
// only an organization admin may, and only for a confidential key: a
// public client has nothing but PKCE to bind its code to itself.
func (s *Service) SetKeyPKCERequired(ctx context.Context, appID uuid.UUID, keyType applicationkey.KeyType, required bool) (*ent.ApplicationKey, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AdminKeyManagers)
	if err != nil {
		return nil, err
	}
	var key *ent.ApplicationKey
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		k, err := tx.ApplicationKey.Query().Where(applicationkey.ApplicationID(app.ID), applicationkey.KeyTypeEQ(keyType)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.Field("keyType", "%s has no %s keys yet", app.Name, strings.ToLower(keyType.String()))
		} else if err != nil {
			return err
		}
		if !required && k.ClientSecretHash == "" {
			return errs.Field("required", "a public client (no client secret) always needs PKCE")
		}
		if key, err = k.Update().SetPkceRequired(required).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "keys.pkce", "Application", app.ID.String(),
			map[string]string{"keyType": keyType.String(), "required": strconv.FormatBool(required)})
	})
	if err != nil {
		return nil, err
	}
	return key.Unwrap(), nil
}

// RegenerateSecret replaces the secret of the application's key. The new
// secret works at once; the old one keeps working for grace (zero-downtime
// rotation: deploy the new secret, then let the old one lapse), at once
// when grace is 0. A second regeneration during a grace period ends the
// first one's: only the secret it replaces stays valid.
func (s *Service) RegenerateSecret(ctx context.Context, appID uuid.UUID, keyType applicationkey.KeyType, grace time.Duration) (*Keys, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if grace < 0 || grace > MaxRotationGrace {
		return nil, errs.Field("graceSeconds", "the grace period is 0 to 30 days")
	}
	secret := s.newSecret()
	var key *ent.ApplicationKey
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := ownedApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		k, err := tx.ApplicationKey.Query().Where(applicationkey.ApplicationID(app.ID), applicationkey.KeyTypeEQ(keyType)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.Field("keyType", "%s has no %s keys yet", app.Name, strings.ToLower(keyType.String()))
		} else if err != nil {
			return err
		}
		u := k.Update().SetClientSecretHash(s.km.HashSecret(secret))
		if grace > 0 && k.ClientSecretHash != "" {
			u.SetPreviousSecretHash(k.ClientSecretHash).SetPreviousSecretExpiresAt(s.now().UTC().Add(grace).Truncate(time.Second))
		} else {
			u.SetPreviousSecretHash("").ClearPreviousSecretExpiresAt()
		}
		if key, err = u.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "keys.regenerate", "Application", app.ID.String(),
			map[string]any{"keyType": keyType.String(), "graceSeconds": int(grace.Seconds())})
	})
	if err != nil {
		return nil, err
	}
	return &Keys{Key: key.Unwrap(), ClientSecret: secret}, nil
}

// AccessToken is a token issued for an application key.
type AccessToken struct {
	Token     string
	ExpiresAt time.Time
	Scopes    []string
}

// GenerateAccessToken issues a test token for the viewer's application key.
func (s *Service) GenerateAccessToken(ctx context.Context, appID uuid.UUID, keyType applicationkey.KeyType, scopes []string, validity time.Duration) (*AccessToken, error) {
	v, err := viewer.RequirePermission(ctx, viewer.AppsManage)
	if err != nil {
		return nil, err
	}
	if validity < 0 {
		return nil, errs.Field("validitySeconds", "validity must not be negative")
	}
	for _, sc := range scopes {
		if sc == "" || strings.ContainsAny(sc, " \t\"\\") {
			return nil, errs.Field("scopes", "scope %q is not a valid scope token", sc)
		}
	}
	var clientID string
	err = s.tx(ctx, func(tx *ent.Tx) error {
		app, err := usableApplication(ctx, tx, v, appID)
		if err != nil {
			return err
		}
		k, err := tx.ApplicationKey.Query().Where(applicationkey.ApplicationID(app.ID), applicationkey.KeyTypeEQ(keyType)).Only(ctx)
		if ent.IsNotFound(err) {
			return errs.Field("keyType", "%s has no %s keys yet: generate them first", app.Name, strings.ToLower(keyType.String()))
		} else if err != nil {
			return err
		}
		clientID = k.ClientID
		return nil
	})
	if err != nil {
		return nil, err
	}
	token, exp, err := s.km.IssueToken(ctx, clientID, scopes, validity)
	if err != nil {
		return nil, err
	}
	return &AccessToken{Token: token, ExpiresAt: exp, Scopes: scopes}, nil
}

// tx runs fn in a transaction (see store.WithTx).
func (s *Service) tx(ctx context.Context, fn func(*ent.Tx) error) error {
	return store.WithTx(ctx, s.client, fn)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
