package apis

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/apioperation"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Source is where a definition comes from: its text, or a URL.
type Source struct {
	Content string
	URL     string
}

// ImportInput creates an API from a definition; empty fields default from
// the definition.
type ImportInput struct {
	Source   Source
	Name     string
	Context  string
	Version  string
	Endpoint string
	// ServiceEntryID and ServiceHash are set when importing from the
	// service catalog.
	ServiceEntryID *uuid.UUID
	ServiceHash    string
}

// fetchTimeout bounds a definition download.
const fetchTimeout = 15 * time.Second

// Validate parses and validates a definition without storing anything.
func (s *Service) Validate(ctx context.Context, src Source) (*definition.Definition, error) {
	if _, err := viewer.Require(ctx, viewer.Admin, viewer.Publisher); err != nil {
		return nil, err
	}
	data, err := s.read(ctx, src)
	if err != nil {
		return nil, err
	}
	def, err := definition.Parse(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("parse definition: %w", err)
	}
	return def, nil
}

// read returns the definition's bytes, downloading it when given a URL.
func (s *Service) read(ctx context.Context, src Source) ([]byte, error) {
	switch {
	case src.Content != "" && src.URL != "":
		return nil, errs.Field("source", "give the definition's content or its URL, not both")
	case src.Content != "":
		if len(src.Content) > definition.MaxSize {
			return nil, errs.Field("source", "the definition is larger than %d MiB", definition.MaxSize>>20)
		}
		return []byte(src.Content), nil
	case src.URL != "":
		return fetch(ctx, src.URL)
	}
	return nil, errs.Field("source", "give the definition's content or its URL")
}

func fetch(ctx context.Context, raw string) ([]byte, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errs.Field("source", "the definition URL must be an absolute http(s) URL")
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, errs.Field("source", "the definition URL is not usable: %v", err)
	}
	req.Header.Set("Accept", "application/json, application/yaml, text/yaml, */*")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, errs.Field("source", "could not download the definition: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errs.Field("source", "downloading the definition answered %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, definition.MaxSize+1))
	if err != nil {
		return nil, errs.Field("source", "could not download the definition: %v", err)
	}
	if len(data) > definition.MaxSize {
		return nil, errs.Field("source", "the definition is larger than %d MiB", definition.MaxSize>>20)
	}
	return data, nil
}

// Import creates an API, with its resources, from an OpenAPI definition.
// An invalid definition stores nothing.
func (s *Service) Import(ctx context.Context, in ImportInput) (*ent.API, error) {
	if _, err := viewer.Require(ctx, viewer.Admin, viewer.Publisher); err != nil {
		return nil, err
	}
	data, err := s.read(ctx, in.Source)
	if err != nil {
		return nil, err
	}
	def, err := definition.Parse(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("parse definition: %w", err)
	}
	if !def.Valid() {
		return nil, errs.Field("source", "the definition is invalid: %s", firstError(def))
	}
	apiType, defType, ops, err := kindOf(def)
	if err != nil {
		return nil, err
	}
	create := CreateInput{
		Name: firstNonEmpty(in.Name, def.Title), Context: in.Context,
		Version: firstNonEmpty(in.Version, def.Version), Endpoint: in.Endpoint,
		Description: def.Description, Definition: string(data), DefinitionType: defType, Type: apiType,
		ServiceEntryID: in.ServiceEntryID, ServiceHash: in.ServiceHash,
	}
	if create.Context == "" {
		create.Context = slug(create.Name)
	}
	if create.Endpoint == "" {
		for _, srv := range def.Servers {
			if config.ValidateEndpoint(srv) == nil {
				create.Endpoint = srv
				break
			}
		}
		if create.Endpoint == "" && apiType != api.TypeASYNC {
			return nil, errs.Field("endpoint", "the definition names no absolute http(s) server: give the backend endpoint")
		}
	}
	create.Operations = ops
	return s.Create(ctx, create)
}

func firstError(d *definition.Definition) string {
	for _, p := range d.Problems {
		if p.Severity != definition.SeverityError {
			continue
		}
		where := p.Pointer
		if p.Line > 0 {
			where = fmt.Sprintf("line %d", p.Line)
		}
		if where != "" {
			return p.Message + " (" + where + ")"
		}
		return p.Message
	}
	return "unknown problem"
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a context from a name: "Swagger Petstore" -> "swagger-petstore".
func slug(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}

// OperationsOf turns a definition's operations into API resources. They
// require authentication unless a publisher opens them, as in WSO2; the
// definition's scopes are kept.
func OperationsOf(def *definition.Definition) []OperationInput {
	var ops []OperationInput
	for _, op := range def.Operations {
		if apiOperationMethod(op.Method).String() == "TRACE" {
			continue // not routed by the gateway
		}
		ops = append(ops, OperationInput{Method: op.Method, Target: op.Target, AuthRequired: true, Scopes: op.Scopes})
	}
	return ops
}

// ReplaceFromDefinition makes an API's working copy follow a new version
// of its definition: the definition text, its resources and the service
// hash it came from. Deployed revisions keep serving what they froze until
// the API is deployed again.
func (s *Service) ReplaceFromDefinition(ctx context.Context, id uuid.UUID, data []byte, hash string) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "update API %s from its definition", id)
	v, err := viewer.Require(ctx, viewer.Admin, viewer.Publisher)
	if err != nil {
		return nil, err
	}
	def, err := definition.Parse(ctx, data)
	if err != nil {
		return nil, err
	}
	if !def.Valid() {
		return nil, errs.Field("source", "the definition is invalid: %s", firstError(def))
	}
	ops := OperationsOf(def)
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if _, err := tx.APIOperation.Delete().Where(apioperation.APIID(id)).Exec(ctx); err != nil {
			return err
		}
		for _, op := range ops {
			if err := tx.APIOperation.Create().SetAPIID(id).SetMethod(apiOperationMethod(op.Method)).
				SetTarget(op.Target).SetAuthRequired(op.AuthRequired).SetScopes(op.Scopes).Exec(ctx); err != nil {
				return err
			}
			if err := ensureScopes(ctx, tx, id, op.Scopes); err != nil {
				return err
			}
		}
		if updated, err = a.Update().SetDefinition(string(data)).SetServiceDefinitionHash(hash).Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.update_from_definition", "API", id.String(), map[string]string{"hash": hash})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}
