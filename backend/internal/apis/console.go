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
	gateway, err := s.gatewayURL(ctx, a, environment)
	if err != nil {
		return "", err
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
	stripGatehouse(doc)
	pointAt(doc, gateway)
	out, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("console definition of API %s: %w", a.ID, err)
	}
	return string(out), nil
}

// gatewayURL is where a's calls go in environment (the first one it is
// deployed to when empty); "" when it is not deployed there.
func (s *Service) gatewayURL(ctx context.Context, a *ent.API, environment string) (string, error) {
	eps, err := s.GatewayEndpoints(ctx, a)
	if err != nil {
		return "", err
	}
	for _, e := range eps {
		if environment == "" || e.Environment == environment {
			return e.URL, nil
		}
	}
	return "", nil
}

// PublicDefinition is a's stored definition as its consumers may read it:
// the x-gatehouse-* settings (backends, mediation values) removed and the
// servers (OpenAPI, AsyncAPI) or SOAP addresses pointing at the gateway, as
// a devportal shows it. OpenAPI and AsyncAPI come back as JSON; a document
// that does not parse is withheld rather than shown unstripped.
func (s *Service) PublicDefinition(ctx context.Context, a *ent.API) (string, error) {
	gateway, err := s.gatewayURL(ctx, a, "")
	if err != nil {
		return "", err
	}
	switch a.DefinitionType {
	case api.DefinitionTypeGRAPHQL_SDL:
		return a.Definition, nil // types and fields only: nothing about the backend
	case api.DefinitionTypeWSDL:
		return soapAddress.ReplaceAllString(a.Definition, "${1}"+xmlAttr(gateway)+"${2}"), nil
	case api.DefinitionTypeOAS2, api.DefinitionTypeOAS3, api.DefinitionTypeASYNCAPI:
	default:
		return "", nil
	}
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(a.Definition), &doc); err != nil || doc == nil {
		return "", nil
	}
	stripGatehouse(doc)
	if a.DefinitionType == api.DefinitionTypeASYNCAPI {
		servers := map[string]any{}
		if u, err := url.Parse(gateway); err == nil && gateway != "" {
			servers["gateway"] = map[string]any{"url": gateway, "protocol": u.Scheme}
		}
		doc["servers"] = servers
	} else {
		pointAt(doc, gateway)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("public definition of API %s: %w", a.ID, err)
	}
	return string(out), nil
}

// soapAddress is the location of a WSDL port's address (soap, soap12 or
// http binding): the backend.
var soapAddress = regexp.MustCompile(`(<[A-Za-z0-9_]+:address\b[^>]*\blocation\s*=\s*")[^"]*(")`)

func xmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", "$", "$$").Replace(s)
}

// stripGatehouse removes the x-gatehouse-* extensions (backend endpoints,
// mediation policies and other gateway settings) at every level of doc.
func stripGatehouse(doc any) {
	switch d := doc.(type) {
	case map[string]any:
		for k, v := range d {
			if strings.HasPrefix(strings.ToLower(k), "x-gatehouse") {
				delete(d, k)
				continue
			}
			stripGatehouse(v)
		}
	case []any:
		for _, v := range d {
			stripGatehouse(v)
		}
	}
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
