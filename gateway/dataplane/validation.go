package dataplane

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// opValidator checks calls of one operation against the API's definition.
type opValidator struct {
	route    *routers.Route
	segments []string // the operation's URI template, split at "/"
}

var validationOptions = &openapi3filter.Options{
	// The gateway has already judged credentials its own way.
	AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
}

// buildValidators loads the API's frozen definition once per snapshot and
// finds each validated operation in it (by method and URI template).
func buildValidators(a *config.API) (map[string]*opValidator, error) {
	var out map[string]*opValidator
	var doc *openapi3.T
	for _, op := range a.Operations {
		if !op.ValidateRequest {
			continue
		}
		if doc == nil {
			if a.Definition == "" {
				return nil, fmt.Errorf("operation %s %s validates requests but the API has no definition", op.Method, op.Target)
			}
			loader := openapi3.NewLoader()
			loader.IsExternalRefsAllowed = false
			d, err := loader.LoadFromData([]byte(a.Definition))
			if err != nil {
				return nil, fmt.Errorf("load definition: %w", err)
			}
			doc = d
			out = map[string]*opValidator{}
		}
		item := doc.Paths.Value(op.Target)
		var o *openapi3.Operation
		if item != nil {
			o = item.GetOperation(op.Method)
		}
		if o == nil {
			continue // not described: nothing to check against
		}
		out[op.Method+" "+op.Target] = &opValidator{
			route:    &routers.Route{Spec: doc, Path: op.Target, PathItem: item, Method: op.Method, Operation: o},
			segments: strings.Split(strings.Trim(op.Target, "/"), "/"),
		}
	}
	return out, nil
}

// validateRequest checks the call against the definition when its
// resource asks for it: parameters and body, 400 with the problem found.
func validateRequest(w http.ResponseWriter, r *http.Request, c *call, rest string) bool {
	if c.op == nil || !c.op.ValidateRequest || c.route.validators == nil {
		return true
	}
	v := c.route.validators[c.op.Method+" "+c.op.Target]
	if v == nil {
		return true
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: v.pathParams(rest), Route: v.route, Options: validationOptions}
	if err := openapi3filter.ValidateRequest(context.WithoutCancel(r.Context()), in); err != nil {
		c.errType = config.ErrorGateway
		problem.Write(w, http.StatusBadRequest, "Bad Request", "the request does not match the API definition: "+validationMessage(err))
		return false
	}
	return true
}

// pathParams reads the template's {name} segments from the called path.
func (v *opValidator) pathParams(rest string) map[string]string {
	params := map[string]string{}
	got := strings.Split(strings.Trim(rest, "/"), "/")
	for i, seg := range v.segments {
		if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' && i < len(got) {
			val, err := url.PathUnescape(got[i])
			if err != nil {
				val = got[i]
			}
			params[strings.TrimSuffix(seg[1:len(seg)-1], "*")] = val
		}
	}
	return params
}

// validationMessage is the first line of a validation error, bounded.
func validationMessage(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}
