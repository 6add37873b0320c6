package bootstrap

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/samples"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/comment"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/document"
	"github.com/gatehouse/gatehouse/ent/rating"
)

// demoAPI is one more API of the demo catalogue, beside PizzaShack.
type demoAPI struct {
	name, context, version, sample, description string
	operations                                  []apis.OperationInput
	sdl                                         string // a GraphQL API is imported from its SDL
	tags, categories                            []string
	tiers                                       []string
	guide                                       string
	color                                       color.RGBA
	deprecated                                  bool
	ratings                                     map[string]int
	comments                                    []demoComment
}

type demoComment struct{ author, body, reply, replier string }

var demoCatalogue = []demoAPI{
	{
		name: "WeatherAPI", context: "weather", version: "1.0.0", sample: "weather",
		description: "Current weather and a five-day forecast for any city.",
		operations: []apis.OperationInput{
			{Method: "GET", Target: "/current/{city}", AuthRequired: true},
			{Method: "GET", Target: "/forecast/{city}", AuthRequired: true},
		},
		tags: []string{"weather", "forecast", "demo"}, categories: []string{"Weather & Environment"},
		tiers: []string{"Gold", "Silver", "Bronze", "Unlimited"},
		guide: "# Weather in two calls\n\n" +
			"- `GET /current/{city}`: temperature (°C), sky and wind now.\n" +
			"- `GET /forecast/{city}`: the next five days.\n\n" +
			"```\ncurl -H \"Authorization: Bearer $TOKEN\" $GATEWAY/weather/1.0.0/forecast/Lisbon\n```\n",
		color:   color.RGBA{0x2b, 0x7b, 0xd6, 0xff},
		ratings: map[string]int{"subscriber": 4, "admin": 5},
		comments: []demoComment{{author: "subscriber", body: "Is the forecast updated hourly?",
			replier: "publisher", reply: "Once a day at midnight UTC; current conditions change through the day."}},
	},
	{
		name: "PizzaMenuGraphQL", context: "pizzamenu", version: "1.0.0", sample: "pizzamenu",
		description: "The PizzaShack menu as a GraphQL API: ask for exactly the fields you need.",
		sdl:         samples.PizzaMenuSDL,
		tags:        []string{"graphql", "pizza", "demo"}, categories: []string{"Food & Drink"},
		tiers: []string{"Gold", "Silver", "Unlimited"},
		guide: "# Querying the menu\n\nSend queries to `POST /graphql`, or use **Try it**:\n\n" +
			"```graphql\n{ pizzas { name price vegetarian } }\n```\n",
		color:   color.RGBA{0xe1, 0x00, 0x98, 0xff},
		ratings: map[string]int{"subscriber": 5, "publisher": 5, "admin": 4},
	},
	{
		name: "PizzaShackClassic", context: "pizzashack-classic", version: "0.9.0", sample: "pizzashack",
		description: "The first PizzaShack API, kept for existing clients. Deprecated: use PizzaShackAPI 1.0.0.",
		operations: []apis.OperationInput{
			{Method: "GET", Target: "/menu", AuthRequired: true},
			{Method: "POST", Target: "/order", AuthRequired: true},
		},
		tags: []string{"pizza", "legacy", "demo"}, categories: []string{"Food & Drink"},
		tiers: []string{"Bronze", "Unlimited"},
		guide: "# Moving to PizzaShackAPI 1.0.0\n\nThis version is deprecated. The same resources, " +
			"and order follow-up, are in PizzaShackAPI 1.0.0.\n",
		color:      color.RGBA{0x8a, 0x8a, 0x8a, 0xff},
		deprecated: true,
		ratings:    map[string]int{"subscriber": 3},
		comments: []demoComment{{author: "subscriber", body: "Still works for our kiosk app; when will it be retired?",
			replier: "publisher", reply: "Not before next year; we will announce it here first."}},
	},
}

// seedCatalogue adds the demo catalogue's other APIs, each published (or
// deprecated), deployed, documented, with a thumbnail, ratings and
// comments. Each step checks first, so re-running adds nothing twice.
func seedCatalogue(ctx context.Context, client *ent.Client, apiService *apis.Service, sampleBase string, portalOrigins []string, users map[string]*ent.User) error {
	for _, d := range demoCatalogue {
		if err := ensureDemoAPI(ctx, client, apiService, sampleBase, portalOrigins, d, users); err != nil {
			return fmt.Errorf("demo API %s: %w", d.name, err)
		}
	}
	return nil
}

func ensureDemoAPI(ctx context.Context, client *ent.Client, apiService *apis.Service, sampleBase string, portalOrigins []string, d demoAPI, users map[string]*ent.User) error {
	endpoint := sampleBase + "/" + d.sample
	a, err := client.API.Query().Where(api.Context(d.context), api.Version(d.version)).Only(ctx)
	if ent.IsNotFound(err) {
		if d.sdl != "" {
			a, err = apiService.Import(ctx, apis.ImportInput{Source: apis.Source{Content: d.sdl},
				Name: d.name, Context: d.context, Version: d.version, Endpoint: endpoint})
		} else {
			a, err = apiService.Create(ctx, apis.CreateInput{Name: d.name, Context: d.context, Version: d.version,
				Endpoint: endpoint, Description: d.description, IsDefaultVersion: true, Operations: d.operations})
		}
	}
	if err != nil {
		return err
	}
	docs, err := client.Document.Query().Where(document.APIID(a.ID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !docs {
		if _, err := apiService.UpdateBusiness(ctx, a.ID, apis.BusinessInput{
			Description: &d.description, Tags: &d.tags, Categories: &d.categories, SubscriptionTiers: &d.tiers,
			BusinessOwner:  &apis.Owner{Name: "Pat Shack", Email: "owner@pizzashack.example"},
			TechnicalOwner: &apis.Owner{Name: "Dev Ops", Email: "api-team@pizzashack.example"},
		}); err != nil {
			return err
		}
		if _, err := apiService.CreateDocument(ctx, a.ID, apis.DocumentInput{
			Name: "Getting started", Summary: "How to call " + d.name + ".",
			DocType: document.DocTypeHOWTO, SourceType: document.SourceTypeINLINE, Content: d.guide,
		}); err != nil {
			return err
		}
	}
	if a.ThumbnailID == nil {
		if _, err := apiService.SetThumbnail(ctx, a.ID, strings.ToLower(d.name)+".png", thumbnail(d.color)); err != nil {
			return err
		}
	}
	// The portal's console calls the gateway from the browser: allow it.
	corsAdded, err := ensurePizzaShackCORS(ctx, apiService, a, portalOrigins)
	if err != nil {
		return err
	}
	deployed, err := client.Deployment.Query().Where(deployment.APIID(a.ID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !deployed || corsAdded {
		if _, err := apiService.Deploy(ctx, a.ID, "", "demo"); err != nil {
			return err
		}
	}
	if a, err = client.API.Get(ctx, a.ID); err != nil {
		return err
	}
	if a.LifecycleStatus == api.LifecycleStatusCREATED {
		if a, err = apiService.ChangeLifecycle(ctx, a.ID, apis.Publish, "demo"); err != nil {
			return err
		}
	}
	// Feedback goes in while the API is published: a deprecated one keeps
	// what it had but takes no more.
	if err := seedAPIFeedback(ctx, client, a, d, users); err != nil {
		return err
	}
	if d.deprecated && a.LifecycleStatus == api.LifecycleStatusPUBLISHED {
		if _, err := apiService.ChangeLifecycle(ctx, a.ID, apis.Deprecate, "replaced by PizzaShackAPI 1.0.0"); err != nil {
			return err
		}
	}
	return nil
}

func seedAPIFeedback(ctx context.Context, client *ent.Client, a *ent.API, d demoAPI, users map[string]*ent.User) error {
	return withTx(ctx, client, func(tx *ent.Tx) error {
		for name, stars := range d.ratings {
			u := users[name]
			if u == nil {
				continue
			}
			exists, err := tx.Rating.Query().Where(rating.APIID(a.ID), rating.UserID(u.ID)).Exist(ctx)
			if err != nil {
				return err
			}
			if !exists {
				if err := tx.Rating.Create().SetAPIID(a.ID).SetUserID(u.ID).SetStars(stars).Exec(ctx); err != nil {
					return err
				}
			}
		}
		any, err := tx.Comment.Query().Where(comment.APIID(a.ID)).Exist(ctx)
		if err != nil || any {
			return err
		}
		for _, c := range d.comments {
			author, replier := users[c.author], users[c.replier]
			if author == nil || replier == nil {
				continue
			}
			q, err := tx.Comment.Create().SetAPIID(a.ID).SetAuthorID(author.ID).SetBody(c.body).Save(ctx)
			if err != nil {
				return err
			}
			if err := tx.Comment.Create().SetAPIID(a.ID).SetAuthorID(replier.ID).SetParentID(q.ID).SetBody(c.reply).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// thumbnail draws a small PNG: a disc of c on white, enough to tell the
// cards apart.
func thumbnail(c color.RGBA) []byte {
	const size = 96
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			dx, dy := x-size/2, y-size/2
			if dx*dx+dy*dy <= (size/2-6)*(size/2-6) {
				img.Set(x, y, c)
			} else {
				img.Set(x, y, color.White)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}
