package apis

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
)

// How each kind of API becomes gateway resources. The gateway routes HTTP
// method and path only, so every kind is reduced to HTTP resources, and
// what the definition itself declares (GraphQL root fields, SOAP
// operations, AsyncAPI channels) is kept in the stored definition and
// listed from it (see DefinitionOperations):
//
//   - GRAPHQL: one POST /graphql resource. Consumers send every query and
//     mutation there, as to any GraphQL server; per-field resources would
//     need the gateway to parse GraphQL documents, which it does not.
//   - SOAP (pass-through): one POST /* resource per SOAPAction of the
//     WSDL. SOAP clients POST every operation to the same address and tell
//     them apart by SOAPAction (SOAP 1.1 header, SOAP 1.2 Content-Type
//     action parameter), which the gateway matches to the resource, so
//     each operation has its own auth, scopes and tier; the WSDL is served
//     as uploaded.
//   - WS: one GET resource per topic; the WebSocket upgrade is a GET, which
//     the gateway authenticates and then proxies.
//   - ASYNC (AsyncAPI): one GET resource per channel, as WS topics; the
//     definition is stored and shown, and an endpoint is optional until the
//     API is deployed.
const (
	graphQLTarget = "/graphql"
	soapTarget    = "/*"
)

// kindOf maps a parsed definition to the API type, stored definition type
// and resources it creates.
func kindOf(def *definition.Definition) (api.Type, api.DefinitionType, []OperationInput, error) {
	switch def.Kind {
	case definition.KindOAS2:
		return api.TypeHTTP, api.DefinitionTypeOAS2, OperationsOf(def), nil
	case definition.KindOAS3, definition.KindOAS31:
		return api.TypeHTTP, api.DefinitionTypeOAS3, OperationsOf(def), nil
	case definition.KindGraphQL:
		return api.TypeGRAPHQL, api.DefinitionTypeGRAPHQL_SDL,
			[]OperationInput{{Method: http.MethodPost, Target: graphQLTarget, AuthRequired: true}}, nil
	case definition.KindWSDL:
		return api.TypeSOAP, api.DefinitionTypeWSDL, soapOperations(def), nil
	case definition.KindAsyncAPI:
		var channels []string
		for _, op := range def.Operations {
			channels = append(channels, op.Target)
		}
		ops, err := topicOperations(channels)
		return api.TypeASYNC, api.DefinitionTypeASYNCAPI, ops, err
	}
	return "", "", nil, errs.Field("source", "unsupported definition kind %q", def.Kind)
}

// soapOperations are a WSDL's resources: one POST /* per distinct
// SOAPAction, so each can have its own settings and tier, and one without
// an action for operations whose binding names none (document/literal
// services such as USDA's, whose operations all say soapAction="") or when
// the WSDL names no action at all.
func soapOperations(def *definition.Definition) []OperationInput {
	seen := map[string]bool{}
	var ops []OperationInput
	for _, op := range def.Operations {
		if seen[op.Action] {
			continue
		}
		seen[op.Action] = true
		ops = append(ops, OperationInput{Method: http.MethodPost, Target: soapTarget, AuthRequired: true, SOAPAction: op.Action})
	}
	if len(ops) == 0 {
		ops = append(ops, OperationInput{Method: http.MethodPost, Target: soapTarget, AuthRequired: true})
	}
	return ops
}

// topicOperations turns WebSocket topics or AsyncAPI channels into GET
// resources, one per distinct topic.
func topicOperations(topics []string) ([]OperationInput, error) {
	seen := map[string]bool{}
	var ops []OperationInput
	for _, t := range topics {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "/") {
			t = "/" + t
		}
		if strings.ContainsAny(t, " ?#") {
			return nil, errs.Field("topics", "topic %q may not contain spaces, ? or #", t)
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		ops = append(ops, OperationInput{Method: http.MethodGet, Target: t, AuthRequired: true})
	}
	return ops, nil
}

// scratchOperations gives an API created from scratch its resources: the
// topics of a WebSocket or async API, and for HTTP the default resources
// (every method WSO2 gives a new API on /*, each requiring a token). No
// kind starts without resources: the gateway serves only what resources
// cover, and an open pass-through is never the default.
func scratchOperations(t api.Type, topics []string) ([]OperationInput, error) {
	switch t {
	case "", api.TypeHTTP:
		if len(topics) > 0 {
			return nil, errs.Field("topics", "only WebSocket and async APIs have topics")
		}
		return defaultResources(), nil
	case api.TypeWS, api.TypeASYNC:
		ops, err := topicOperations(topics)
		if err != nil {
			return nil, err
		}
		if len(ops) == 0 && t == api.TypeWS {
			return nil, errs.Field("topics", "a WebSocket API needs at least one topic, e.g. /notifications")
		}
		if len(ops) == 0 {
			return nil, errs.Field("topics", "an async API needs at least one channel, e.g. /orders")
		}
		return ops, nil
	case api.TypeGRAPHQL:
		return nil, errs.Field("type", "create a GraphQL API from its SDL (import)")
	case api.TypeSOAP:
		return nil, errs.Field("type", "create a SOAP API from its WSDL (import)")
	}
	return nil, errs.Field("type", "unknown API type %q", t)
}

// DefinitionURL is where the API's stored definition is downloaded as it
// was uploaded, or "" when it has none.
func DefinitionURL(a *ent.API) string {
	if a.Definition == "" {
		return ""
	}
	return FilesBasePath + "/apis/" + a.ID.String() + "/definition"
}

// DefinitionOperations lists what the stored definition declares: GraphQL
// root fields, SOAP operations, AsyncAPI channel actions or OpenAPI
// operations. A definition that no longer parses lists nothing.
func DefinitionOperations(ctx context.Context, a *ent.API) ([]definition.Operation, error) {
	if a.Definition == "" {
		return nil, nil
	}
	def, err := definition.Parse(ctx, []byte(a.Definition))
	if err != nil {
		return nil, err
	}
	return def.Operations, nil
}

var definitionContentTypes = map[api.DefinitionType]struct{ mime, ext string }{
	api.DefinitionTypeWSDL:        {"text/xml; charset=utf-8", "wsdl"},
	api.DefinitionTypeGRAPHQL_SDL: {"application/graphql; charset=utf-8", "graphql"},
	api.DefinitionTypeASYNCAPI:    {"application/yaml; charset=utf-8", "yaml"},
	api.DefinitionTypeOAS2:        {"application/yaml; charset=utf-8", "yaml"},
	api.DefinitionTypeOAS3:        {"application/yaml; charset=utf-8", "yaml"},
}

// serveDefinition serves the stored definition byte for byte, so a SOAP
// client generator gets exactly the WSDL the publisher uploaded.
func (s *Service) serveDefinition(w http.ResponseWriter, r *http.Request) error {
	id, err := uuid.Parse(chi.URLParam(r, "id"))
	if err != nil {
		return errs.E(errs.NotFound, "API not found")
	}
	a, err := s.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if a.Definition == "" {
		return errs.E(errs.NotFound, "API %s has no definition", a.Name)
	}
	ct, ok := definitionContentTypes[a.DefinitionType]
	if !ok {
		ct.mime, ct.ext = "text/plain; charset=utf-8", "txt"
	}
	if strings.HasPrefix(strings.TrimSpace(a.Definition), "{") && ct.ext == "yaml" {
		ct.mime, ct.ext = "application/json; charset=utf-8", "json"
	}
	h := w.Header()
	h.Set("Content-Type", ct.mime)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Disposition", mimeAttachment(slug(a.Name)+"-"+a.Version+"."+ct.ext))
	http.ServeContent(w, r, "", time.Time{}, strings.NewReader(a.Definition))
	return nil
}
