package apis

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/document"
	"github.com/gatehouse/gatehouse/ent/storedfile"
)

// Upload limits.
const (
	MaxThumbnailBytes = 1 << 20
	MaxDocumentBytes  = 5 << 20
)

// thumbnailTypes are the images a thumbnail may be. SVG is refused: it can
// carry script.
var thumbnailTypes = []string{"image/png", "image/jpeg", "image/webp"}

// documentTypes are the files a document may be, by sniffed content type
// (http.DetectContentType), with the extension it is served under.
var documentTypes = map[string]string{
	"application/pdf":           ".pdf",
	"text/plain; charset=utf-8": ".txt",
	"application/zip":           ".zip",
	"image/png":                 ".png",
	"image/jpeg":                ".jpg",
}

// sniff is the content type of data as the server sees it, never as the
// client claims.
func sniff(data []byte) string {
	ct := http.DetectContentType(data)
	if ct == "application/octet-stream" && len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")) {
		return "image/webp"
	}
	return ct
}

// cleanFileName keeps the base name of a client's file name, printable and
// short, for the Content-Disposition header.
func cleanFileName(name, fallback string) string {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == "/" {
		return fallback
	}
	for utf8.RuneCountInString(name) > 100 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

func storeFile(ctx context.Context, tx *ent.Tx, org uuid.UUID, name, contentType string, data []byte) (*ent.StoredFile, error) {
	sum := sha256.Sum256(data)
	return tx.StoredFile.Create().SetOrganizationID(org).SetName(name).SetContentType(contentType).
		SetSize(int64(len(data))).SetSha256(hex.EncodeToString(sum[:])).SetData(data).Save(ctx)
}

// dropFileIfUnused deletes a stored file no API or document refers to any
// more (versions of an API share their thumbnail).
func dropFileIfUnused(ctx context.Context, tx *ent.Tx, id *uuid.UUID) error {
	if id == nil {
		return nil
	}
	used, err := tx.API.Query().Where(api.ThumbnailID(*id)).Exist(ctx)
	if err != nil || used {
		return err
	}
	if used, err = tx.Document.Query().Where(document.FileID(*id)).Exist(ctx); err != nil || used {
		return err
	}
	_, err = tx.StoredFile.Delete().Where(storedfile.ID(*id)).Exec(ctx)
	return err
}

// SetThumbnail stores image as the API's thumbnail, replacing any earlier
// one; nil data removes it.
func (s *Service) SetThumbnail(ctx context.Context, id uuid.UUID, name string, data []byte) (_ *ent.API, err error) {
	defer errs.Wrap(&err, "set thumbnail of API %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	var ct string
	if data != nil {
		if len(data) == 0 {
			return nil, errs.Field("thumbnail", "the file is empty")
		}
		if len(data) > MaxThumbnailBytes {
			return nil, errs.Field("thumbnail", "the image is larger than %d KiB", MaxThumbnailBytes>>10)
		}
		if ct = sniff(data); !slices.Contains(thumbnailTypes, ct) {
			return nil, errs.Field("thumbnail", "the image must be PNG, JPEG or WebP (this file looks like %s)", ct)
		}
	}
	var updated *ent.API
	err = s.tx(ctx, func(tx *ent.Tx) error {
		a, err := ownedAPI(ctx, tx, v, id)
		if err != nil {
			return err
		}
		u := a.Update()
		if data == nil {
			u.ClearThumbnailID()
		} else {
			f, err := storeFile(ctx, tx, v.OrgID, cleanFileName(name, "thumbnail"), ct, data)
			if err != nil {
				return err
			}
			u.SetThumbnailID(f.ID)
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		if err := dropFileIfUnused(ctx, tx, a.ThumbnailID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.update_thumbnail", "API", id.String(), nil)
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// ThumbnailURL is where a's thumbnail is served, or "" without one. The
// file id in the query makes a new image a new URL, so it may be cached.
func ThumbnailURL(a *ent.API) string {
	if a.ThumbnailID == nil {
		return ""
	}
	return fmt.Sprintf("%s/apis/%s/thumbnail?v=%s", FilesBasePath, a.ID, a.ThumbnailID)
}

// DocumentFileURL is where an uploaded document is downloaded, or "".
func DocumentFileURL(d *ent.Document) string {
	if d.FileID == nil {
		return ""
	}
	return fmt.Sprintf("%s/documents/%s/file", FilesBasePath, d.ID)
}

// FilesBasePath is where FilesHandler is mounted.
const FilesBasePath = "/api/publisher/v1"

// FilesHandler serves thumbnails and uploaded documents to whoever may see
// their API. It expects the session middleware in front of it.
func (s *Service) FilesHandler() http.Handler {
	r := chi.NewRouter()
	r.Method(http.MethodGet, "/apis/{id}/thumbnail", httpx.HandlerFunc(s.serveThumbnail))
	r.Method(http.MethodGet, "/documents/{id}/file", httpx.HandlerFunc(s.serveDocumentFile))
	r.Method(http.MethodGet, "/apis/{id}/definition", httpx.HandlerFunc(s.serveDefinition))
	return r
}

func (s *Service) serveThumbnail(w http.ResponseWriter, r *http.Request) error {
	id, err := uuid.Parse(chi.URLParam(r, "id"))
	if err != nil {
		return errs.E(errs.NotFound, "API not found")
	}
	a, err := s.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if a.ThumbnailID == nil {
		return errs.E(errs.NotFound, "API %s has no thumbnail", a.Name)
	}
	return s.serveFile(w, r, *a.ThumbnailID, false, "")
}

func (s *Service) serveDocumentFile(w http.ResponseWriter, r *http.Request) error {
	id, err := uuid.Parse(chi.URLParam(r, "id"))
	if err != nil {
		return errs.E(errs.NotFound, "document not found")
	}
	d, err := s.Document(r.Context(), id)
	if err != nil {
		return err
	}
	if d.FileID == nil {
		return errs.E(errs.NotFound, "document %s has no file", d.Name)
	}
	return s.serveFile(w, r, *d.FileID, true, d.FileName)
}

// serveFile writes a stored file with its sniffed content type; nosniff
// keeps browsers from reading it as anything else, and attachments are
// downloaded rather than shown.
func (s *Service) serveFile(w http.ResponseWriter, r *http.Request, id uuid.UUID, attachment bool, name string) error {
	f, err := s.client.StoredFile.Get(r.Context(), id)
	if ent.IsNotFound(err) {
		return errs.E(errs.NotFound, "file not found")
	} else if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("ETag", `"`+f.Sha256+`"`)
	if attachment {
		if name == "" {
			name = f.Name
		}
		h.Set("Content-Disposition", mimeAttachment(name))
	}
	http.ServeContent(w, r, "", f.UpdatedAt, bytes.NewReader(f.Data))
	return nil
}

func mimeAttachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r > 0x7e || r < 0x20 || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, pathEscape(name))
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
