package graph

import (
	"encoding/base64"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/ent/document"
	"github.com/gatehouse/gatehouse/gateway/config"
)

func optStrings(s []string) *[]string {
	if s == nil {
		return nil
	}
	return &s
}

func ownerOf(o *model.OwnerInput) *apis.Owner {
	if o == nil {
		return nil
	}
	return &apis.Owner{Name: o.Name, Email: o.Email}
}

func businessOf(in model.APIBusinessInput) apis.BusinessInput {
	return apis.BusinessInput{
		Description: in.Description, Tags: optStrings(in.Tags), Categories: optStrings(in.Categories),
		BusinessOwner: ownerOf(in.BusinessOwner), TechnicalOwner: ownerOf(in.TechnicalOwner),
		Visibility: in.Visibility, VisibleRoles: optStrings(in.VisibleRoles), SubscriptionTiers: optStrings(in.SubscriptionTiers),
	}
}

func corsInputOf(in model.CORSInput) config.CORS {
	return config.CORS{
		Enabled: in.Enabled, AllowOrigins: in.AllowOrigins, AllowMethods: in.AllowMethods, AllowHeaders: in.AllowHeaders,
		ExposeHeaders: in.ExposeHeaders, AllowCredentials: deref(in.AllowCredentials), MaxAgeSeconds: deref(in.MaxAgeSeconds),
	}
}

func corsOf(c config.CORS) *model.CORSConfig {
	return &model.CORSConfig{
		Enabled: c.Enabled, AllowOrigins: nonNilStrings(c.AllowOrigins), AllowMethods: nonNilStrings(c.AllowMethods),
		AllowHeaders: nonNilStrings(c.AllowHeaders), ExposeHeaders: nonNilStrings(c.ExposeHeaders),
		AllowCredentials: c.AllowCredentials, MaxAgeSeconds: c.MaxAgeSeconds,
	}
}

// uploadOf decodes an inline file; field names the input at fault.
func uploadOf(field string, f *model.FileUploadInput, limit int) (*apis.Upload, error) {
	if f == nil {
		return nil, nil
	}
	// Refuse before decoding what would be too large anyway.
	if base64.StdEncoding.DecodedLen(len(f.ContentBase64)) > limit+3 {
		return nil, errs.Field(field, "the file is larger than %d KiB", limit>>10)
	}
	data, err := base64.StdEncoding.DecodeString(f.ContentBase64)
	if err != nil {
		return nil, errs.Field(field, "the file is not valid base64")
	}
	return &apis.Upload{Name: f.Name, Data: data}, nil
}

func documentOf(in model.DocumentInput) (apis.DocumentInput, error) {
	d := apis.DocumentInput{
		Name: in.Name, Summary: deref(in.Summary), SourceType: in.SourceType,
		Content: deref(in.Content), URL: deref(in.URL),
	}
	if in.DocType != nil {
		d.DocType = *in.DocType
	} else {
		d.DocType = document.DefaultDocType
	}
	f, err := uploadOf("file", in.File, apis.MaxDocumentBytes)
	d.File = f
	return d, err
}
