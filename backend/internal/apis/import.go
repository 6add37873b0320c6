package apis

import (
	"bytes"
	"context"
	"encoding/json"
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
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
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
	if _, err := viewer.RequirePermission(ctx, viewer.APICreate); err != nil {
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
		return s.fetch(ctx, src.URL)
	}
	return nil, errs.Field("source", "give the definition's content or its URL")
}

// FetchFailed is the one answer to every failed definition download:
// refused address, DNS failure, timeout, status or size alike, so that the
// import cannot tell a publisher what lives at an address (the details go
// to the server log at DEBUG).
const FetchFailed = "the definition could not be fetched from that URL"

// WithFetchClient sets the client definition URLs are downloaded with
// (default: safehttp's, which reaches public addresses only).
func (s *Service) WithFetchClient(c *http.Client) *Service {
	s.fetcher = c
	return s
}

func (s *Service) fetch(ctx context.Context, raw string) (_ []byte, err error) {
	u, perr := url.Parse(strings.TrimSpace(raw))
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errs.Field("source", "the definition URL must be an absolute http(s) URL")
	}
	defer func() {
		if err != nil {
			s.log.DebugContext(ctx, "definition download failed", "url", u.Redacted(), "error", err)
			err = errs.Field("source", FetchFailed)
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json, application/yaml, text/yaml, */*")
	resp, err := s.fetcher.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("answered %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, definition.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > definition.MaxSize {
		return nil, fmt.Errorf("larger than %d bytes", definition.MaxSize)
	}
	return data, nil
}

// Import creates an API, with its resources, from an OpenAPI definition.
// An invalid definition stores nothing.
func (s *Service) Import(ctx context.Context, in ImportInput) (*ent.API, error) {
	if _, err := viewer.RequirePermission(ctx, viewer.APICreate); err != nil {
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
// definition's scopes are kept. The x-gatehouse extensions of an exported
// definition override both, and carry the tier, request validation and
// policies, so export -> edit -> import loses nothing; resolveSettings
// checks them before they are stored.
func OperationsOf(def *definition.Definition) []OperationInput {
	var ops []OperationInput
	for _, op := range def.Operations {
		if apiOperationMethod(op.Method).String() == "TRACE" {
			continue // not routed by the gateway
		}
		in := OperationInput{Method: op.Method, Target: op.Target, AuthRequired: true, Scopes: op.Scopes, ext: op.Gateway}
		if g := op.Gateway; g != nil {
			if g.AuthRequired != nil {
				in.AuthRequired = *g.AuthRequired
			}
			if g.Scopes != nil {
				in.Scopes = *g.Scopes
			}
			if g.ThrottlingTier != nil {
				in.Tier = strings.TrimSpace(*g.ThrottlingTier)
			}
			if g.RequestValidation != nil {
				in.RequestValidation = *g.RequestValidation
			}
		}
		ops = append(ops, in)
	}
	return ops
}

// syncOperations makes the API's resources the given ones, by method and
// target: missing ones are created, extra ones deleted, and the ones kept
// are updated in place so their IDs (which API products link to) survive.
// A kept resource whose input carries no settings (ext == nil: a
// definition without x-gatehouse extensions) keeps its own settings and
// takes only the input's scopes.
func syncOperations(ctx context.Context, tx *ent.Tx, apiID uuid.UUID, ops []OperationInput) error {
	existing, err := tx.APIOperation.Query().Where(apioperation.APIID(apiID)).All(ctx)
	if err != nil {
		return err
	}
	have := map[string]*ent.APIOperation{}
	for _, op := range existing {
		have[op.Method.String()+" "+op.Target+" "+op.SoapAction] = op
	}
	if err := ensureScopes(ctx, tx, apiID, scopesOf(ops)); err != nil {
		return err
	}
	keep := map[uuid.UUID]bool{}
	for _, op := range ops {
		method := apiOperationMethod(op.Method)
		old := have[method.String()+" "+op.Target+" "+op.SOAPAction]
		if old == nil || keep[old.ID] {
			if err := tx.APIOperation.Create().SetAPIID(apiID).SetMethod(method).SetTarget(op.Target).
				SetAuthRequired(op.AuthRequired).SetScopes(op.Scopes).SetThrottlingTier(op.Tier).
				SetRequestValidation(op.RequestValidation).SetPolicies(storedPolicies(op.Policies)).
				SetSoapAction(op.SOAPAction).SetNillableSourceOperationID(op.source).Exec(ctx); err != nil {
				return err
			}
			continue
		}
		keep[old.ID] = true
		u := old.Update().SetScopes(op.Scopes)
		if op.ext != nil {
			u.SetAuthRequired(op.AuthRequired).SetThrottlingTier(op.Tier).SetRequestValidation(op.RequestValidation)
			if p := storedPolicies(op.Policies); p != nil {
				u.SetPolicies(p)
			} else {
				u.ClearPolicies()
			}
		}
		if err := u.Exec(ctx); err != nil {
			return err
		}
	}
	var gone []uuid.UUID
	for _, op := range existing {
		if !keep[op.ID] {
			gone = append(gone, op.ID)
		}
	}
	if len(gone) > 0 {
		_, err = tx.APIOperation.Delete().Where(apioperation.IDIn(gone...)).Exec(ctx)
	}
	return err
}

// resolveSettings checks what the definition's extensions ask of each
// resource, as UpdateOperation checks the same settings from the editor:
// valid scopes, a tier the organization has, valid policies. field names
// the input the definition came in.
func resolveSettings(ctx context.Context, tx *ent.Tx, orgID uuid.UUID, field string, ops []OperationInput) error {
	tiers := map[string]bool{}
	for i := range ops {
		op := &ops[i]
		if op.ext == nil {
			continue
		}
		where := op.Method + " " + op.Target
		scopes, err := cleanScopes(op.Scopes)
		if err != nil {
			return errs.Field(field, "%s: %s: %v", where, definition.ExtScopes, err)
		}
		op.Scopes = scopes
		if op.Tier != "" && !tiers[op.Tier] {
			ok, err := tx.ThrottlingTier.Query().Where(throttlingtier.OrganizationID(orgID), throttlingtier.Name(op.Tier),
				throttlingtier.LevelIn(throttlingtier.LevelAPI, throttlingtier.LevelSUBSCRIPTION)).Exist(ctx)
			if err != nil {
				return err
			}
			if !ok {
				return errs.Field(field, "%s: %s: the organization has no API or subscription tier named %q", where, definition.ExtThrottlingTier, op.Tier)
			}
			tiers[op.Tier] = true
		}
		if len(op.ext.Policies) > 0 {
			var p config.OperationPolicies
			dec := json.NewDecoder(bytes.NewReader(op.ext.Policies))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&p); err != nil {
				return errs.Field(field, "%s: %s: %v", where, definition.ExtPolicies, err)
			}
			p, err := p.Validate()
			if err != nil {
				return errs.Field(field, "%s: %s: %v", where, definition.ExtPolicies, err)
			}
			if !p.Empty() {
				op.Policies = &p
			}
		}
	}
	return nil
}

// ReplaceFromDefinition makes an API's working copy follow a new version
// of its definition: the definition text, its resources and the service
// hash it came from. Deployed revisions keep serving what they froze until
// the API is deployed again.
func (s *Service) ReplaceFromDefinition(ctx context.Context, id uuid.UUID, data []byte, hash string) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "update API %s from its definition", id)
	return s.replaceDefinition(ctx, id, data, &hash, "source", "api.update_from_definition")
}

// UpdateDefinition replaces an API's definition with text a publisher
// edited (typically an export with its x-gatehouse extensions changed):
// the resources follow it, and their settings follow its extensions.
func (s *Service) UpdateDefinition(ctx context.Context, id uuid.UUID, content string) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "update the definition of API %s", id)
	if len(content) > definition.MaxSize {
		return nil, errs.Field("definition", "the definition is larger than %d MiB", definition.MaxSize>>20)
	}
	return s.replaceDefinition(ctx, id, []byte(content), nil, "definition", "api.update_definition")
}

// replaceDefinition stores data as the API's definition and brings its
// resources in line: resources the definition no longer has go, new ones
// come, and the ones it keeps are updated in place (so API products that
// link to them keep working). A kept resource whose operation carries no
// x-gatehouse extensions (a service's own definition, say) keeps the
// settings the publisher gave it and takes only the definition's scopes.
func (s *Service) replaceDefinition(ctx context.Context, id uuid.UUID, data []byte, hash *string, field, action string) (*ent.API, error) {
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	def, err := definition.Parse(ctx, data)
	if err != nil {
		return nil, err
	}
	if !def.Valid() {
		return nil, errs.Field(field, "the definition is invalid: %s", firstError(def))
	}
	apiType, defType, ops, err := kindOf(def)
	if err != nil {
		return nil, errs.Field(field, "%s", strings.TrimPrefix(err.Error(), "source: "))
	}
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if a.Type != apiType {
			return errs.Field(field, "this is a definition of a %s API; %s is a %s API", apiType, a.Name, a.Type)
		}
		if err := resolveSettings(ctx, tx, v.OrgID, field, ops); err != nil {
			return err
		}
		if err := syncOperations(ctx, tx, id, ops); err != nil {
			return err
		}
		au := a.Update().SetDefinition(string(data)).SetDefinitionType(defType)
		details := map[string]string{}
		if hash != nil {
			au.SetServiceDefinitionHash(*hash)
			details["hash"] = *hash
		}
		if updated, err = au.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, action, "API", id.String(), details)
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}
