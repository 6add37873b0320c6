// Package bootstrap makes a fresh installation usable: the default
// organization, the default gateway environment, the standard throttling
// tiers and a first admin; with --demo it seeds the demo users, the
// PizzaShack API and a subscribed application. Every step is idempotent.
package bootstrap

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/gatewaysync"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/application"
	"github.com/gatehouse/gatehouse/ent/applicationkey"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/document"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/ent/user"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// DefaultOrganization is the organization every installation starts with.
const DefaultOrganization = "default"

// Options says what to set up.
type Options struct {
	DataDir    string
	GatewayURL string // public URL of the default environment's gateway
	Demo       bool
	// DemoCatalogue adds, with Demo, more APIs beside PizzaShack (weather,
	// GraphQL, a deprecated one) so the portal looks lived-in.
	DemoCatalogue bool
	// SampleBaseURL is where the built-in sample backends answer, e.g.
	// http://127.0.0.1:9080/samples.
	SampleBaseURL string
	// PortalOrigins are the origins the SPA is served from; the demo API
	// lets them call it from the browser (the portal's Try it console).
	PortalOrigins []string
	// HashSecret is the Key Manager's stored form of a client secret.
	HashSecret func(secret string) string
}

// Result tells the caller what to print.
type Result struct {
	CredentialsFile string // where generated passwords were written, if any
}

// Credentials is the shape of {data-dir}/demo-credentials.json.
type Credentials struct {
	Users       map[string]UserCredentials `json:"users"`
	Application *AppCredentials            `json:"application,omitempty"`
}

// UserCredentials is one seeded user's password.
type UserCredentials struct {
	Password string `json:"password"`
}

// AppCredentials are the demo application's production keys.
type AppCredentials struct {
	Name         string `json:"name"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// Run sets up the installation.
func Run(ctx context.Context, client *ent.Client, apiService *apis.Service, o Options) (*Result, error) {
	org, err := ensureOrganization(ctx, client)
	if err != nil {
		return nil, err
	}
	if err := ensureEnvironment(ctx, client, o.GatewayURL); err != nil {
		return nil, err
	}
	if err := ensureTiers(ctx, client, org.ID); err != nil {
		return nil, err
	}
	if o.Demo {
		return seedDemo(ctx, client, apiService, org, o)
	}
	return ensureAdmin(ctx, client, org, o.DataDir)
}

func ensureOrganization(ctx context.Context, client *ent.Client) (*ent.Organization, error) {
	org, err := client.Organization.Query().Where(organization.Name(DefaultOrganization)).Only(ctx)
	if ent.IsNotFound(err) {
		org, err = client.Organization.Create().SetName(DefaultOrganization).SetDisplayName("Default organization").Save(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("default organization: %w", err)
	}
	return org, nil
}

// ensureEnvironment creates the default environment, and points it at the
// embedded gateway's current address on every start.
func ensureEnvironment(ctx context.Context, client *ent.Client, gatewayURL string) error {
	env, err := client.Environment.Query().Where(environment.Name(gatewaysync.DefaultEnvironment)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		err = client.Environment.Create().SetName(gatewaysync.DefaultEnvironment).
			SetDisplayName("Default").SetDescription("The gateways of this installation").
			SetGatewayURL(gatewayURL).SetIsDefault(true).Exec(ctx)
	case err == nil && gatewayURL != "" && env.GatewayURL != gatewayURL:
		err = env.Update().SetGatewayURL(gatewayURL).Exec(ctx)
	}
	if err != nil {
		return fmt.Errorf("default environment: %w", err)
	}
	return nil
}

// tiers are the subscription and application tiers every organization
// starts with (requests a minute; 0 is unlimited), as in WSO2 API Manager.
var tiers = []struct {
	level    throttlingtier.Level
	name     string
	requests int64
	desc     string
}{
	{throttlingtier.LevelSUBSCRIPTION, "Unlimited", 0, "Allows an unlimited number of requests"},
	{throttlingtier.LevelSUBSCRIPTION, "Gold", 5000, "Allows 5000 requests per minute"},
	{throttlingtier.LevelSUBSCRIPTION, "Silver", 2000, "Allows 2000 requests per minute"},
	{throttlingtier.LevelSUBSCRIPTION, "Bronze", 1000, "Allows 1000 requests per minute"},
	{throttlingtier.LevelAPPLICATION, "Unlimited", 0, "Allows an unlimited number of requests"},
	{throttlingtier.LevelAPPLICATION, "50PerMin", 50, "Allows 50 requests per minute"},
	{throttlingtier.LevelAPPLICATION, "20PerMin", 20, "Allows 20 requests per minute"},
	{throttlingtier.LevelAPPLICATION, "10PerMin", 10, "Allows 10 requests per minute"},
}

func ensureTiers(ctx context.Context, client *ent.Client, org uuid.UUID) error {
	for _, t := range tiers {
		exists, err := client.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(org),
			throttlingtier.LevelEQ(t.level), throttlingtier.Name(t.name)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		err = client.ThrottlingTier.Create().SetOrganizationID(org).SetLevel(t.level).
			SetName(t.name).SetDisplayName(t.name).SetDescription(t.desc).
			SetRequestCount(t.requests).SetUnitSeconds(60).Exec(ctx)
		if err != nil {
			return fmt.Errorf("tier %s: %w", t.name, err)
		}
	}
	return nil
}

// ensureAdmin creates an admin with a generated password when there are no
// users at all, and writes the password next to the database.
func ensureAdmin(ctx context.Context, client *ent.Client, org *ent.Organization, dataDir string) (*Result, error) {
	n, err := client.User.Query().Count(ctx)
	if err != nil || n > 0 {
		return &Result{}, err
	}
	password := auth.RandomPassword()
	if err := withTx(ctx, client, func(tx *ent.Tx) error {
		_, err := auth.CreateUser(ctx, tx, org.ID, "admin", password, viewer.Admin, viewer.Publisher, viewer.Subscriber)
		return err
	}); err != nil {
		return nil, err
	}
	path := filepath.Join(dataDir, "admin-credentials.json")
	creds := Credentials{Users: map[string]UserCredentials{"admin": {Password: password}}}
	return &Result{CredentialsFile: path}, writeJSON(path, creds)
}

var demoUsers = []struct {
	name  string
	roles []viewer.Role
}{
	{"admin", []viewer.Role{viewer.Admin, viewer.Publisher, viewer.Subscriber}},
	{"publisher", []viewer.Role{viewer.Publisher}},
	{"subscriber", []viewer.Role{viewer.Subscriber}},
}

// seedDemo seeds what DESIGN.md lists for --demo. Passwords already in the
// credentials file are kept, so a restart changes nothing.
func seedDemo(ctx context.Context, client *ent.Client, apiService *apis.Service, org *ent.Organization, o Options) (*Result, error) {
	path := filepath.Join(o.DataDir, "demo-credentials.json")
	creds := Credentials{Users: map[string]UserCredentials{}}
	if b, err := os.ReadFile(path); err == nil { // #nosec G304 -- a fixed name in the operator's --data-dir
		_ = json.Unmarshal(b, &creds) // a damaged file is rewritten below
		if creds.Users == nil {
			creds.Users = map[string]UserCredentials{}
		}
	}
	users := map[string]*ent.User{}
	for _, du := range demoUsers {
		u, err := ensureDemoUser(ctx, client, org.ID, du.name, du.roles, &creds)
		if err != nil {
			return nil, err
		}
		users[du.name] = u
	}
	publisherCtx := viewer.NewContext(ctx, &viewer.Viewer{UserID: users["publisher"].ID, Username: "publisher",
		OrgID: org.ID, Roles: []viewer.Role{viewer.Publisher}, Permissions: viewer.PermissionsOf([]viewer.Role{viewer.Publisher})})
	pizza, err := ensurePizzaShack(publisherCtx, client, apiService, strings.TrimRight(o.SampleBaseURL, "/")+"/pizzashack", o.PortalOrigins)
	if err != nil {
		return nil, err
	}
	if err := seedFeedback(ctx, client, pizza, users); err != nil {
		return nil, err
	}
	if o.DemoCatalogue {
		if err := seedCatalogue(publisherCtx, client, apiService, strings.TrimRight(o.SampleBaseURL, "/"), o.PortalOrigins, users); err != nil {
			return nil, err
		}
	}
	app, err := ensureDemoApplication(ctx, client, org.ID, users["subscriber"].ID, pizza.ID, o.HashSecret, &creds)
	if err != nil {
		return nil, err
	}
	creds.Application = app
	return &Result{CredentialsFile: path}, writeJSON(path, creds)
}

func ensureDemoUser(ctx context.Context, client *ent.Client, org uuid.UUID, name string, roles []viewer.Role, creds *Credentials) (*ent.User, error) {
	known := creds.Users[name].Password
	u, err := client.User.Query().Where(user.Username(name)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	password := known
	if password == "" {
		password = auth.RandomPassword()
	}
	err = withTx(ctx, client, func(tx *ent.Tx) error {
		if u == nil {
			u, err = auth.CreateUser(ctx, tx, org, name, password, roles...)
			return err
		}
		if known == "" {
			// The user exists but its password is not on record: reset it
			// so the printed credentials work.
			return auth.SetPassword(ctx, tx, u.ID, password)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("demo user %s: %w", name, err)
	}
	creds.Users[name] = UserCredentials{Password: password}
	return u, nil
}

// pizzaShackOperations are the PizzaShack API's resources.
var pizzaShackOperations = []apis.OperationInput{
	{Method: "GET", Target: "/menu", AuthRequired: true},
	{Method: "POST", Target: "/order", AuthRequired: true},
	{Method: "GET", Target: "/order/{orderId}", AuthRequired: true},
	{Method: "PUT", Target: "/order/{orderId}", AuthRequired: true},
	{Method: "DELETE", Target: "/order/{orderId}", AuthRequired: true},
}

func ensurePizzaShack(ctx context.Context, client *ent.Client, apiService *apis.Service, endpoint string, portalOrigins []string) (*ent.API, error) {
	a, err := client.API.Query().Where(api.Context("pizzashack"), api.Version("1.0.0")).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		a, err = apiService.Create(ctx, apis.CreateInput{
			Name: "PizzaShackAPI", Context: "pizzashack", Version: "1.0.0", Endpoint: endpoint,
			Description:      "This is a simple API for Pizza Shack online pizza delivery store.",
			IsDefaultVersion: true, Operations: pizzaShackOperations,
		})
		if err != nil {
			return nil, fmt.Errorf("demo API: %w", err)
		}
		// The sample backend serves sandbox keys too, as in WSO2's PizzaShack.
		if a, err = client.API.UpdateOneID(a.ID).SetSandboxEndpoint(endpoint).SetLifecycleStatus(api.LifecycleStatusPUBLISHED).SetTags([]string{"pizza", "demo"}).Save(ctx); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case a.ProductionEndpoint != endpoint && strings.HasSuffix(a.ProductionEndpoint, "/samples/pizzashack"):
		// The control plane moved to another port: follow the sample backend.
		if a, err = apiService.Update(ctx, a.ID, apis.UpdateInput{Endpoint: &endpoint}); err != nil {
			return nil, err
		}
		if strings.HasSuffix(a.SandboxEndpoint, "/samples/pizzashack") {
			if a, err = client.API.UpdateOneID(a.ID).SetSandboxEndpoint(endpoint).Save(ctx); err != nil {
				return nil, err
			}
		}
		if _, err := apiService.Deploy(ctx, a.ID, "", "sample backend moved"); err != nil {
			return nil, err
		}
		return a, nil
	}
	if err := ensurePizzaShackBusiness(ctx, client, apiService, a); err != nil {
		return nil, fmt.Errorf("demo API business data: %w", err)
	}
	corsAdded, err := ensurePizzaShackCORS(ctx, apiService, a, portalOrigins)
	if err != nil {
		return nil, fmt.Errorf("demo API CORS: %w", err)
	}
	deployed, err := client.Deployment.Query().Where(deployment.APIID(a.ID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !deployed || corsAdded {
		if _, err := apiService.Deploy(ctx, a.ID, "", "demo"); err != nil {
			return nil, fmt.Errorf("deploy demo API: %w", err)
		}
	}
	return a, nil
}

// ensurePizzaShackCORS lets the portal's origins call the demo API from the
// browser, once: a CORS policy the publisher set (or turned off) is kept.
// It reports whether it added the policy, which then needs deploying.
func ensurePizzaShackCORS(ctx context.Context, apiService *apis.Service, a *ent.API, origins []string) (bool, error) {
	if a.Cors != nil || len(origins) == 0 {
		return false, nil
	}
	_, err := apiService.SetCORS(ctx, a.ID, config.CORS{
		Enabled: true, AllowOrigins: origins,
		AllowMethods:  []string{"GET", "POST", "PUT", "DELETE", "OPTIONS"},
		AllowHeaders:  []string{"Authorization", "Content-Type", "apikey"},
		MaxAgeSeconds: 600,
	})
	return err == nil, err
}

// pizzaShackGuide is the demo API's getting-started document.
const pizzaShackGuide = `# Getting started with PizzaShack

PizzaShack takes pizza orders online. Every call needs an access token of an
application subscribed to the API.

1. Subscribe an application with one of the offered tiers.
2. Generate production keys and get a token (client credentials).
3. Call the gateway:

` + "```" + `
curl -H "Authorization: Bearer $TOKEN" $GATEWAY/pizzashack/1.0.0/menu
` + "```" + `

| Resource | What it does |
|---|---|
| ` + "`GET /menu`" + ` | the pizzas on the menu |
| ` + "`POST /order`" + ` | place an order |
| ` + "`GET /order/{orderId}`" + ` | follow an order |
`

// ensurePizzaShackBusiness gives the demo API its business data and a
// document, once: a publisher's later edits are kept.
func ensurePizzaShackBusiness(ctx context.Context, client *ent.Client, apiService *apis.Service, a *ent.API) error {
	has, err := client.Document.Query().Where(document.APIID(a.ID)).Exist(ctx)
	if err != nil || has {
		return err
	}
	description := "Order pizzas online from Pizza Shack: browse the menu, place orders and follow their delivery."
	_, err = apiService.UpdateBusiness(ctx, a.ID, apis.BusinessInput{
		Description:       &description,
		Tags:              &[]string{"pizza", "food", "delivery", "demo"},
		Categories:        &[]string{"Food & Drink", "Retail"},
		BusinessOwner:     &apis.Owner{Name: "Pat Shack", Email: "owner@pizzashack.example"},
		TechnicalOwner:    &apis.Owner{Name: "Dev Ops", Email: "api-team@pizzashack.example"},
		SubscriptionTiers: &[]string{"Gold", "Silver", "Bronze", "Unlimited"},
	})
	if err != nil {
		return err
	}
	_, err = apiService.CreateDocument(ctx, a.ID, apis.DocumentInput{
		Name: "Getting started", Summary: "Subscribe, get a token and order a pizza.",
		DocType: document.DocTypeHOWTO, SourceType: document.SourceTypeINLINE, Content: pizzaShackGuide,
	})
	return err
}

const demoAppName = "PizzaShackApp"

func ensureDemoApplication(ctx context.Context, client *ent.Client, org, owner, apiID uuid.UUID, hash func(string) string, creds *Credentials) (*AppCredentials, error) {
	var out *AppCredentials
	err := withTx(ctx, client, func(tx *ent.Tx) error {
		app, err := tx.Application.Query().Where(application.OwnerID(owner), application.Name(demoAppName)).Only(ctx)
		if ent.IsNotFound(err) {
			app, err = tx.Application.Create().SetOrganizationID(org).SetOwnerID(owner).SetName(demoAppName).
				SetDescription("Demo application subscribed to PizzaShackAPI").Save(ctx)
		}
		if err != nil {
			return err
		}
		subscribed, err := tx.Subscription.Query().Where(subscription.ApplicationID(app.ID), subscription.APIID(apiID)).Exist(ctx)
		if err != nil {
			return err
		}
		if !subscribed {
			if err := tx.Subscription.Create().SetApplicationID(app.ID).SetAPIID(apiID).SetThrottlingTier("Unlimited").Exec(ctx); err != nil {
				return err
			}
		}
		key, err := tx.ApplicationKey.Query().Where(applicationkey.ApplicationID(app.ID),
			applicationkey.KeyTypeEQ(applicationkey.KeyTypePRODUCTION)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return err
		}
		if key != nil && creds.Application != nil && creds.Application.ClientID == key.ClientID &&
			hash(creds.Application.ClientSecret) == key.ClientSecretHash {
			out = creds.Application
			return nil
		}
		if key != nil {
			// The secret is not on record: issue new keys the file can hold.
			if err := tx.ApplicationKey.DeleteOne(key).Exec(ctx); err != nil {
				return err
			}
		}
		clientID, secret := keymanager.NewClientID(), keymanager.NewSecret()
		if err := tx.ApplicationKey.Create().SetApplicationID(app.ID).SetKeyType(applicationkey.KeyTypePRODUCTION).
			SetClientID(clientID).SetClientSecretHash(hash(secret)).
			SetGrantTypes([]string{"client_credentials", "password", "refresh_token"}).Exec(ctx); err != nil {
			return err
		}
		out = &AppCredentials{Name: demoAppName, ClientID: clientID, ClientSecret: secret}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("demo application: %w", err)
	}
	return out, nil
}

func withTx(ctx context.Context, client *ent.Client, fn func(*ent.Tx) error) error {
	return store.WithTx(ctx, client, fn)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return err
	}
	// WriteFile keeps the mode of a stale temporary file.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
