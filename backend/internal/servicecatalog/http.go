package servicecatalog

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
)

// BasePath is where the REST API lives.
const BasePath = "/api/service-catalog/v1"

// The scopes a token needs, as in WSO2's service catalog API.
const (
	ScopeView  = "service_catalog:service_view"
	ScopeWrite = "service_catalog:service_write"
)

//go:embed openapi.yaml
var openAPIDocument []byte

// OpenAPIDocument is the REST API's own description.
func OpenAPIDocument() []byte { return openAPIDocument }

// Tokens verifies bearer tokens: who they speak for and their scopes.
type Tokens interface {
	VerifyAccessToken(ctx context.Context, token string) (subscriber string, scopes []string, err error)
}

// Viewers turns a token's user into a viewer.
type Viewers interface {
	ViewerFor(ctx context.Context, username string) (*viewer.Viewer, error)
}

// entryJSON is a service as the REST API shows it (WSO2's field names).
type entryJSON struct {
	ID               string    `json:"id"`
	Name             string    `json:"name"`
	Version          string    `json:"version"`
	DisplayName      string    `json:"displayName"`
	Description      string    `json:"description"`
	ServiceURL       string    `json:"serviceUrl"`
	DefinitionType   string    `json:"definitionType"`
	SecurityType     string    `json:"securityType"`
	MutualSSLEnabled bool      `json:"mutualSSLEnabled"`
	MD5              string    `json:"md5"`
	DefinitionHash   string    `json:"definitionHash"`
	CreatedTime      time.Time `json:"createdTime"`
	LastUpdatedTime  time.Time `json:"lastUpdatedTime"`
	CreatedBy        string    `json:"createdBy"`
	UpdatedBy        string    `json:"updatedBy"`
	UsageCount       int       `json:"usage"`
}

func toJSON(e *ent.ServiceEntry, usage int) entryJSON {
	return entryJSON{
		ID: e.ID.String(), Name: e.Name, Version: e.Version, DisplayName: e.DisplayName,
		Description: e.Description, ServiceURL: e.ServiceURL, DefinitionType: e.DefinitionType.String(),
		SecurityType: e.SecurityType.String(), MutualSSLEnabled: e.MutualTLS,
		// md5 is kept for WSO2 clients that read it; it carries the SHA-256.
		MD5: e.DefinitionHash, DefinitionHash: e.DefinitionHash,
		CreatedTime: e.CreatedAt.UTC(), LastUpdatedTime: e.UpdatedAt.UTC(),
		CreatedBy: e.CreatedBy, UpdatedBy: e.UpdatedBy, UsageCount: usage,
	}
}

// Handler is the REST API, to mount at BasePath.
func (s *Service) Handler(tokens Tokens, viewers Viewers) http.Handler {
	r := chi.NewRouter()
	r.Get("/openapi.yaml", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write(openAPIDocument)
	})
	r.Group(func(r chi.Router) {
		r.Use(bearer(tokens, viewers))
		r.Method(http.MethodGet, "/services", httpx.HandlerFunc(s.handleList))
		r.Method(http.MethodPost, "/services", httpx.HandlerFunc(s.handleCreate))
		r.Method(http.MethodGet, "/services/export", httpx.HandlerFunc(s.handleExport))
		r.Method(http.MethodPost, "/services/import", httpx.HandlerFunc(s.handleImport))
		r.Method(http.MethodGet, "/services/{id}", httpx.HandlerFunc(s.handleGet))
		r.Method(http.MethodPut, "/services/{id}", httpx.HandlerFunc(s.handleUpdate))
		r.Method(http.MethodDelete, "/services/{id}", httpx.HandlerFunc(s.handleDelete))
		r.Method(http.MethodGet, "/services/{id}/definition", httpx.HandlerFunc(s.handleDefinition))
		r.Method(http.MethodGet, "/services/{id}/usage", httpx.HandlerFunc(s.handleUsage))
	})
	return r
}

// bearer authenticates a request by its access token and requires the
// view scope for reads and the write scope for changes.
func bearer(tokens Tokens, viewers Viewers) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := r.Header.Get("Authorization")
			if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
				w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse"`)
				httpx.WriteError(w, r, errs.E(errs.Unauthenticated, "an OAuth2 bearer token is required"))
				return
			}
			subscriber, scopes, err := tokens.VerifyAccessToken(r.Context(), strings.TrimSpace(h[7:]))
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse", error="invalid_token"`)
				httpx.WriteError(w, r, err)
				return
			}
			need := ScopeWrite
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				need = ScopeView
			}
			if !slices.Contains(scopes, need) && !slices.Contains(scopes, ScopeWrite) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="gatehouse", error="insufficient_scope", scope="`+need+`"`)
				httpx.WriteError(w, r, errs.E(errs.Forbidden, "the token lacks the %s scope", need))
				return
			}
			v, err := viewers.ViewerFor(r.Context(), subscriber)
			if err != nil {
				httpx.WriteError(w, r, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
		})
	}
}

func (s *Service) handleList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	offset, err := intParam(q.Get("offset"), 0, "offset")
	if err != nil {
		return err
	}
	limit, err := intParam(q.Get("limit"), 25, "limit")
	if err != nil {
		return err
	}
	list, total, err := s.List(r.Context(), ListOptions{Name: q.Get("name"), Version: q.Get("version"),
		Query: q.Get("query"), Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := make([]entryJSON, len(list))
	for i, e := range list {
		n, err := s.client.API.Query().Where(apiServicePredicate(e)).Count(r.Context())
		if err != nil {
			return err
		}
		out[i] = toJSON(e, n)
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{
		"count": len(out), "list": out,
		"pagination": map[string]int{"offset": offset, "limit": limit, "total": total},
	})
	return nil
}

func intParam(v string, def int, name string) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errs.Field(name, "%s must be a non-negative integer", name)
	}
	return n, nil
}

// maxEntryBody caps a create/update body: the 10 MiB definition plus 1 MiB
// for serviceMetadata and the multipart framing. Without it
// ParseMultipartForm would spool a body of any size to temporary files.
const maxEntryBody = maxEntryBytes + 1<<20

// readMultipart reads serviceMetadata (JSON) and definitionFile.
func readMultipart(w http.ResponseWriter, r *http.Request) (EntryInput, error) {
	var in EntryInput
	r.Body = http.MaxBytesReader(w, r.Body, maxEntryBody)
	if err := r.ParseMultipartForm(4 << 20); err != nil { // #nosec G120 -- the body is capped by MaxBytesReader on the line above
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return in, errs.Field("definitionFile", "the definition is larger than %d MiB", maxEntryBytes>>20)
		}
		return in, errs.E(errs.Invalid, "the body must be multipart/form-data with serviceMetadata and definitionFile")
	}
	meta := r.FormValue("serviceMetadata")
	if meta == "" {
		return in, errs.Field("serviceMetadata", "the serviceMetadata part (JSON) is required")
	}
	if err := json.Unmarshal([]byte(meta), &in); err != nil {
		return in, errs.Field("serviceMetadata", "serviceMetadata is not valid JSON: %v", err)
	}
	f, _, err := r.FormFile("definitionFile")
	if err != nil {
		return in, errs.Field("definitionFile", "the definitionFile part is required")
	}
	defer f.Close()
	if in.Definition, err = io.ReadAll(io.LimitReader(f, maxEntryBytes+1)); err != nil {
		return in, errs.Field("definitionFile", "cannot read the definition: %v", err)
	}
	if len(in.Definition) > maxEntryBytes {
		return in, errs.Field("definitionFile", "the definition is larger than %d MiB", maxEntryBytes>>20)
	}
	return in, nil
}

func (s *Service) handleCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := readMultipart(w, r)
	if err != nil {
		return err
	}
	e, err := s.Create(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", BasePath+"/services/"+e.ID.String())
	httpx.WriteJSON(w, http.StatusCreated, toJSON(e, 0))
	return nil
}

func pathID(r *http.Request) (uuid.UUID, error) {
	id, err := uuid.Parse(chi.URLParam(r, "id"))
	if err != nil {
		return uuid.Nil, errs.E(errs.NotFound, "no service with id %q", chi.URLParam(r, "id"))
	}
	return id, nil
}

func (s *Service) handleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.Get(r.Context(), id)
	if err != nil {
		return err
	}
	users, err := s.Usage(r.Context(), e)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, toJSON(e, len(users)))
	return nil
}

func (s *Service) handleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := readMultipart(w, r)
	if err != nil {
		return err
	}
	e, err := s.Update(r.Context(), id, in)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, toJSON(e, 0))
	return nil
}

func (s *Service) handleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.Delete(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Service) handleDefinition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.Get(r.Context(), id)
	if err != nil {
		return err
	}
	ct := "application/yaml"
	if strings.HasPrefix(strings.TrimSpace(e.Definition), "{") {
		ct = "application/json"
	} else if ext := extension(e.DefinitionType); ext != ".yaml" {
		ct = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	_, _ = io.WriteString(w, e.Definition)
	return nil
}

func (s *Service) handleUsage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.Get(r.Context(), id)
	if err != nil {
		return err
	}
	users, err := s.Usage(r.Context(), e)
	if err != nil {
		return err
	}
	list := make([]map[string]string, len(users))
	for i, a := range users {
		list[i] = map[string]string{"id": a.ID.String(), "name": a.Name, "version": a.Version, "context": "/" + a.Context}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"count": len(list), "list": list})
	return nil
}

func (s *Service) handleExport(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	data, err := s.Export(r.Context(), q.Get("name"), q.Get("version"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="services.zip"`)
	_, _ = w.Write(data) // #nosec G705 -- a zip archive served as application/zip attachment (nosniff is set by the server), never rendered as HTML
	return nil
}

func (s *Service) handleImport(w http.ResponseWriter, r *http.Request) error {
	overwrite := r.URL.Query().Get("overwrite") == "true"
	r.Body = http.MaxBytesReader(w, r.Body, MaxArchiveBytes+1<<20)
	if err := r.ParseMultipartForm(4 << 20); err != nil { // #nosec G120 -- the body is capped by MaxBytesReader on the line above
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return errs.Field("file", "the archive is larger than %d MiB", MaxArchiveBytes>>20)
		}
		return errs.E(errs.Invalid, "the body must be multipart/form-data with a file part")
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return errs.Field("file", "the file part (a zip) is required")
	}
	defer f.Close()
	archive, err := io.ReadAll(io.LimitReader(f, MaxArchiveBytes+1))
	if err != nil {
		return errs.Field("file", "cannot read the archive: %v", err)
	}
	res, err := s.Import(r.Context(), archive, overwrite)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{
		"created": nonNil(res.Created), "updated": nonNil(res.Updated), "skipped": nonNil(res.Skipped),
	})
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
