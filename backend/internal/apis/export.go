package apis

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Extension names of the exported definition: what the gateway enforces
// per operation, so the definition text and the resource editor agree.
// The definition package reads them back (OperationsOf).
const (
	ExtPolicies          = definition.ExtPolicies
	ExtThrottlingTier    = definition.ExtThrottlingTier
	ExtRequestValidation = definition.ExtRequestValidation
	ExtAuthRequired      = definition.ExtAuthRequired
	ExtScopes            = definition.ExtScopes
	// ExtScopeBindings, on the document, maps each scope the API defines
	// to the roles it is bound to (WSO2's x-scopes-bindings).
	ExtScopeBindings = "x-scopes-bindings"
	// SecuritySchemeName is the OAuth 2.0 scheme the export declares with
	// the API's scopes.
	SecuritySchemeName = "gatehouse"
)

// ExportDefinition is a's OpenAPI definition (with its operations loaded)
// as OpenAPI 3 JSON, each operation carrying the gateway settings of its
// resource as extensions. An API without an OpenAPI definition exports
// nothing ("", nil).
func ExportDefinition(ctx context.Context, a *ent.API) (string, error) {
	doc, err := loadOpenAPI(ctx, a)
	if err != nil || doc == nil {
		return "", err
	}
	for _, op := range a.Edges.Operations {
		item := doc.Paths.Value(op.Target)
		if item == nil {
			continue
		}
		o := item.GetOperation(op.Method.String())
		if o == nil {
			continue
		}
		if o.Extensions == nil {
			o.Extensions = map[string]any{}
		}
		o.Extensions[ExtAuthRequired] = op.AuthRequired
		// Always written, empty too: on import a missing x-scopes means
		// "take the scopes of the security requirement".
		scopes := op.Scopes
		if scopes == nil {
			scopes = []string{}
		}
		o.Extensions[ExtScopes] = scopes
		delete(o.Extensions, ExtThrottlingTier)
		if op.ThrottlingTier != "" {
			o.Extensions[ExtThrottlingTier] = op.ThrottlingTier
		}
		o.Extensions[ExtRequestValidation] = op.RequestValidation
		delete(o.Extensions, ExtPolicies)
		if p := PoliciesOf(op); !p.Empty() {
			o.Extensions[ExtPolicies] = p
		}
	}
	defs := a.Edges.ScopeDefinitions
	if defs == nil {
		if defs, err = a.QueryScopeDefinitions().All(ctx); err != nil {
			return "", fmt.Errorf("export definition: %w", err)
		}
	}
	if exportScopes(doc, scopeDefinitions(defs)) {
		// Each resource requiring scopes names them under the scheme.
		for _, op := range a.Edges.Operations {
			item := doc.Paths.Value(op.Target)
			if item == nil || len(op.Scopes) == 0 {
				continue
			}
			if o := item.GetOperation(op.Method.String()); o != nil {
				o.Security = &openapi3.SecurityRequirements{{SecuritySchemeName: op.Scopes}}
			}
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", fmt.Errorf("export definition: %w", err)
	}
	return string(b), nil
}

// loadOpenAPI reads a's stored definition as OpenAPI 3 (Swagger 2.0
// converted), or nil when it has none.
func loadOpenAPI(ctx context.Context, a *ent.API) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = ctx
	switch a.DefinitionType {
	case api.DefinitionTypeOAS3:
		doc, err := loader.LoadFromData([]byte(a.Definition))
		if err != nil {
			return nil, fmt.Errorf("load definition: %w", err)
		}
		return doc, nil
	case api.DefinitionTypeOAS2:
		var d2 openapi2.T
		if err := openapi2.UnmarshalFromData([]byte(a.Definition), &d2); err != nil {
			return nil, fmt.Errorf("load definition: %w", err)
		}
		doc, err := openapi2conv.ToV3WithLoader(&d2, loader, nil)
		if err != nil {
			return nil, fmt.Errorf("convert definition: %w", err)
		}
		return doc, nil
	}
	return nil, nil
}

// freezeDefinition puts the exported definition into g when one of its
// operations validates requests, so the gateway checks calls against what
// the revision froze. A definition that cannot be loaded is refused here
// rather than silently not enforced.
func freezeDefinition(ctx context.Context, a *ent.API, g *config.API) error {
	validate := false
	for _, op := range g.Operations {
		validate = validate || op.ValidateRequest
	}
	if !validate {
		return nil
	}
	def, err := ExportDefinition(ctx, a)
	if err != nil {
		return errs.Field("definition", "request validation is on, but the definition cannot be used: %v", err)
	}
	g.Definition = def
	return nil
}

// exportScopes declares defs as the scopes of an OAuth 2.0 security
// scheme (client credentials and authorization code, the grants the key
// manager serves) and their role bindings as an extension, so the export
// says who may be granted what, and reports whether it did. An API that
// defines no scope keeps its document's own schemes.
func exportScopes(doc *openapi3.T, defs []config.ScopeDefinition) bool {
	if len(defs) == 0 {
		return false
	}
	scopes := map[string]string{}
	bindings := map[string]string{}
	for _, d := range defs {
		desc := d.Description
		if desc == "" {
			desc = d.DisplayName
		}
		scopes[d.Name] = desc
		bindings[d.Name] = strings.Join(d.Roles, ",")
	}
	flow := func() *openapi3.OAuthFlow { return &openapi3.OAuthFlow{Scopes: scopes} }
	cc, code := flow(), flow()
	cc.TokenURL = "/oauth2/token"
	code.AuthorizationURL, code.TokenURL = "/oauth2/authorize", "/oauth2/token"
	scheme := &openapi3.SecurityScheme{
		Type:  "oauth2",
		Flows: &openapi3.OAuthFlows{ClientCredentials: cc, AuthorizationCode: code},
	}
	scheme.Extensions = map[string]any{ExtScopeBindings: map[string]any{"scopes": bindings}}
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	if doc.Components.SecuritySchemes == nil {
		doc.Components.SecuritySchemes = openapi3.SecuritySchemes{}
	}
	doc.Components.SecuritySchemes[SecuritySchemeName] = &openapi3.SecuritySchemeRef{Value: scheme}
	return true
}
