package apis

import (
	"context"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/backend/internal/audit"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/document"
)

// Document limits.
const (
	MaxDocumentNameLen    = 100
	MaxDocumentSummaryLen = 1000
	MaxDocumentContent    = 200_000
)

// Upload is a file sent by a client.
type Upload struct {
	Name string
	Data []byte
}

// DocumentInput is a document's content. On update, a FILE document
// without a new File keeps the one it has.
type DocumentInput struct {
	Name       string
	Summary    string
	DocType    document.DocType
	SourceType document.SourceType
	Content    string
	URL        string
	File       *Upload
}

func (in *DocumentInput) validate() (fileType string, err error) {
	in.Name, in.Summary, in.URL = strings.TrimSpace(in.Name), strings.TrimSpace(in.Summary), strings.TrimSpace(in.URL)
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		return "", errs.Field("name", "name is required")
	case n > MaxDocumentNameLen:
		return "", errs.Field("name", "name is longer than %d characters", MaxDocumentNameLen)
	}
	if utf8.RuneCountInString(in.Summary) > MaxDocumentSummaryLen {
		return "", errs.Field("summary", "summary is longer than %d characters", MaxDocumentSummaryLen)
	}
	if in.DocType == "" {
		in.DocType = document.DefaultDocType
	}
	if document.DocTypeValidator(in.DocType) != nil {
		return "", errs.Field("docType", "unknown document type %q", in.DocType)
	}
	switch in.SourceType {
	case document.SourceTypeINLINE:
		if utf8.RuneCountInString(in.Content) > MaxDocumentContent {
			return "", errs.Field("content", "content is longer than %d characters", MaxDocumentContent)
		}
		in.URL, in.File = "", nil
	case document.SourceTypeURL:
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.URL) > 2000 {
			return "", errs.Field("url", "the URL must be an absolute http(s) URL")
		}
		in.Content, in.File = "", nil
	case document.SourceTypeFILE:
		in.Content, in.URL = "", ""
		if in.File == nil {
			return "", nil
		}
		if len(in.File.Data) == 0 {
			return "", errs.Field("file", "the file is empty")
		}
		if len(in.File.Data) > MaxDocumentBytes {
			return "", errs.Field("file", "the file is larger than %d MiB", MaxDocumentBytes>>20)
		}
		ct := sniff(in.File.Data)
		if _, ok := documentTypes[ct]; !ok {
			return "", errs.Field("file", "files of type %s are not accepted (PDF, text, markdown, ZIP, PNG or JPEG)", ct)
		}
		return ct, nil
	default:
		return "", errs.Field("sourceType", "source must be INLINE, URL or FILE")
	}
	return "", nil
}

// Document returns a document of an API the viewer may see.
func (s *Service) Document(ctx context.Context, id uuid.UUID) (*ent.Document, error) {
	d, err := s.client.Document.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "document %s not found", id)
	} else if err != nil {
		return nil, err
	}
	if _, err := s.Get(ctx, d.APIID); err != nil {
		if errs.KindOf(err) == errs.NotFound {
			return nil, errs.E(errs.NotFound, "document %s not found", id)
		}
		return nil, err
	}
	return d, nil
}

// Documents lists an API's documents by name.
func (s *Service) Documents(ctx context.Context, a *ent.API) ([]*ent.Document, error) {
	return s.client.Document.Query().Where(document.APIID(a.ID)).Order(ent.Asc(document.FieldName)).All(ctx)
}

// CreateDocument adds a document to an API.
func (s *Service) CreateDocument(ctx context.Context, apiID uuid.UUID, in DocumentInput) (_ *ent.Document, err error) {
	defer errs.Wrap(&err, "create document of API %s", apiID)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	ct, err := in.validate()
	if err != nil {
		return nil, err
	}
	if in.SourceType == document.SourceTypeFILE && in.File == nil {
		return nil, errs.Field("file", "choose a file to upload")
	}
	var created *ent.Document
	err = s.tx(ctx, func(tx *ent.Tx) error {
		if _, err := ownedAPI(ctx, tx, v, apiID); err != nil {
			return err
		}
		if err := checkDocumentName(ctx, tx, apiID, in.Name, uuid.Nil); err != nil {
			return err
		}
		c := tx.Document.Create().SetAPIID(apiID).SetName(in.Name).SetSummary(in.Summary).SetDocType(in.DocType).
			SetSourceType(in.SourceType).SetContent(in.Content).SetURL(in.URL).SetCreatedBy(v.Username)
		if in.File != nil {
			name := cleanFileName(in.File.Name, "document"+documentTypes[ct])
			f, err := storeFile(ctx, tx, v.OrgID, name, ct, in.File.Data)
			if err != nil {
				return err
			}
			c.SetFileID(f.ID).SetFileName(name).SetFileSize(f.Size)
		}
		if created, err = c.Save(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.document.create", "API", apiID.String(), map[string]string{"document": in.Name})
	})
	if err != nil {
		return nil, err
	}
	return created.Unwrap(), nil
}

// UpdateDocument replaces a document's content.
func (s *Service) UpdateDocument(ctx context.Context, id uuid.UUID, in DocumentInput) (_ *ent.Document, err error) {
	defer errs.Wrap(&err, "update document %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return nil, err
	}
	ct, err := in.validate()
	if err != nil {
		return nil, err
	}
	var updated *ent.Document
	err = s.tx(ctx, func(tx *ent.Tx) error {
		d, err := ownedDocument(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if in.SourceType == document.SourceTypeFILE && in.File == nil && d.FileID == nil {
			return errs.Field("file", "choose a file to upload")
		}
		if err := checkDocumentName(ctx, tx, d.APIID, in.Name, d.ID); err != nil {
			return err
		}
		u := d.Update().SetName(in.Name).SetSummary(in.Summary).SetDocType(in.DocType).
			SetSourceType(in.SourceType).SetContent(in.Content).SetURL(in.URL)
		old := d.FileID
		keep := in.SourceType == document.SourceTypeFILE && in.File == nil
		if !keep && in.File == nil {
			// Set and clear in one UPDATE is refused by PostgreSQL.
			u.ClearFileID().SetFileName("").SetFileSize(0)
		}
		if in.File != nil {
			name := cleanFileName(in.File.Name, "document"+documentTypes[ct])
			f, err := storeFile(ctx, tx, v.OrgID, name, ct, in.File.Data)
			if err != nil {
				return err
			}
			u.SetFileID(f.ID).SetFileName(name).SetFileSize(f.Size)
		}
		if updated, err = u.Save(ctx); err != nil {
			return err
		}
		if !keep {
			if err := dropFileIfUnused(ctx, tx, old); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, v.OrgID, "api.document.update", "API", d.APIID.String(), map[string]string{"document": in.Name})
	})
	if err != nil {
		return nil, err
	}
	return updated.Unwrap(), nil
}

// DeleteDocument removes a document and its file.
func (s *Service) DeleteDocument(ctx context.Context, id uuid.UUID) (err error) {
	defer errs.Wrap(&err, "delete document %s", id)
	v, err := viewer.RequirePermission(ctx, viewer.APIManage)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *ent.Tx) error {
		d, err := ownedDocument(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if err := tx.Document.DeleteOne(d).Exec(ctx); err != nil {
			return err
		}
		if err := dropFileIfUnused(ctx, tx, d.FileID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, v.OrgID, "api.document.delete", "API", d.APIID.String(), map[string]string{"document": d.Name})
	})
}

// ownedDocument loads a document of an API of the viewer's organization.
func ownedDocument(ctx context.Context, tx *ent.Tx, v *viewer.Viewer, id uuid.UUID) (*ent.Document, error) {
	d, err := tx.Document.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "document %s not found", id)
	} else if err != nil {
		return nil, err
	}
	if _, err := ownedAPI(ctx, tx, v, d.APIID); err != nil {
		if errs.KindOf(err) == errs.NotFound {
			return nil, errs.E(errs.NotFound, "document %s not found", id)
		}
		return nil, err
	}
	return d, nil
}

func checkDocumentName(ctx context.Context, tx *ent.Tx, apiID uuid.UUID, name string, self uuid.UUID) error {
	taken, err := tx.Document.Query().Where(document.APIID(apiID), document.Name(name), document.IDNEQ(self)).Exist(ctx)
	if err != nil {
		return err
	}
	if taken {
		return &errs.Error{Kind: errs.Conflict, Field: "name", Message: "the API already has a document named " + name}
	}
	return nil
}
