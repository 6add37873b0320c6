package apis

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
)

// ConsoleDefinition is a's OpenAPI document as the portal's Try it console
// loads it, as JSON: calls go to the gateway of environment (the first one
// the API is deployed to when empty), never straight to the backend. An API
// imported from OpenAPI keeps its document with only the servers replaced;
// an API without one gets an OpenAPI 3.0 document built from its resources,
// so every API can be tried.
func (s *Service) ConsoleDefinition(ctx context.Context, a *ent.API, environment string) (string, error) {
	eps, err := s.GatewayEndpoints(ctx, a)
	if err != nil {
		return "", err
	}
	gateway := ""
	for _, e := range eps {
		if environment == "" || e.Environment == environment {
			gateway = e.URL
			break
		}
	}
	var doc map[string]any
	if a.DefinitionType == api.DefinitionTypeOAS3 || a.DefinitionType == api.DefinitionTypeOAS2 {
		if err := yaml.Unmarshal([]byte(a.Definition), &doc); err != nil {
			doc = nil // a stored definition was validated on import; fall back rather than fail the page
		}
	}
	if doc == nil {
		ops, err := s.client.APIOperation.Query().Where(apioperation.APIID(a.ID)).
			Order(ent.Asc(apioperation.FieldTarget), ent.Asc(apioperation.FieldMethod)).All(ctx)
		if err != nil {
			return "", err
		}
		doc = fromResources(a, ops)
	}
	pointAt(doc, gateway)
	out, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("console definition of API %s: %w", a.ID, err)
	}
	return string(out), nil
}

// pointAt makes a document's calls go to gateway (OpenAPI 3 servers, or
// Swagger 2 host, basePath and schemes).
func pointAt(doc map[string]any, gateway string) {
	if _, ok := doc["swagger"]; ok {
		u, err := url.Parse(gateway)
		if err != nil || gateway == "" {
			delete(doc, "host")
			return
		}
		doc["host"], doc["basePath"], doc["schemes"] = u.Host, u.Path, []string{u.Scheme}
		return
	}
	if gateway == "" {
		doc["servers"] = []any{}
		return
	}
	doc["servers"] = []any{map[string]any{"url": gateway, "description": "Gateway"}}
}

var consolePathParam = regexp.MustCompile(`\{([^{}]+)\}`)

// fromResources builds an OpenAPI 3.0 document from an API's resources.
func fromResources(a *ent.API, ops []*ent.APIOperation) map[string]any {
	paths := map[string]any{}
	secured := false
	for _, op := range ops {
		target := op.Target
		if target == "" || target == "/*" {
			target = "/"
		}
		item, _ := paths[target].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[target] = item
		}
		o := map[string]any{
			"summary":   op.Method.String() + " " + target,
			"responses": map[string]any{"default": map[string]any{"description": "The backend's answer"}},
		}
		var params []any
		for _, m := range consolePathParam.FindAllStringSubmatch(target, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		if params != nil {
			o["parameters"] = params
		}
		switch op.Method.String() {
		case "POST", "PUT", "PATCH":
			o["requestBody"] = map[string]any{"content": map[string]any{
				"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}}
		}
		if op.AuthRequired {
			secured = true
			o["security"] = []any{map[string]any{"bearer": op.Scopes}}
		} else {
			o["security"] = []any{}
		}
		item[strings.ToLower(op.Method.String())] = o
	}
	doc := map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": a.Name, "version": a.Version, "description": a.Description},
		"paths":   paths,
	}
	if secured {
		doc["components"] = map[string]any{"securitySchemes": map[string]any{
			"bearer": map[string]any{"type": "http", "scheme": "bearer"}}}
	}
	return doc
}
