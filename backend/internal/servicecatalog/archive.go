package servicecatalog

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/viewer"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/serviceentry"
)

// Limits on an imported archive, so a hostile zip cannot exhaust memory:
// entry count, each file's and the whole archive's uncompressed size.
const (
	MaxArchiveBytes   = 32 << 20
	maxArchiveEntries = 400
	maxEntryBytes     = 10 << 20
	maxTotalBytes     = 100 << 20
)

// Export writes the named services (all of the organization's when
// names is empty) as a zip: one folder per service holding metadata.json
// and the definition.
func (s *Service) Export(ctx context.Context, name, version string) ([]byte, error) {
	list, _, err := s.List(ctx, ListOptions{Name: name, Version: version, Limit: 100})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.E(errs.NotFound, "no service matches")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range list {
		dir := e.Name + "-" + e.Version + "/"
		meta, _ := json.MarshalIndent(EntryInput{
			Name: e.Name, Version: e.Version, DisplayName: e.DisplayName, Description: e.Description,
			ServiceURL: e.ServiceURL, DefinitionType: e.DefinitionType.String(), SecurityType: e.SecurityType.String(),
			MutualTLS: e.MutualTLS,
		}, "", "  ")
		for _, f := range []struct {
			name string
			data []byte
		}{{dir + "metadata.json", meta}, {dir + "definition" + extension(e.DefinitionType), []byte(e.Definition)}} {
			w, err := zw.Create(f.name)
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(f.data); err != nil {
				return nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func extension(t serviceentry.DefinitionType) string {
	switch t {
	case serviceentry.DefinitionTypeGRAPHQL_SDL:
		return ".graphql"
	case serviceentry.DefinitionTypeWSDL1:
		return ".wsdl"
	default:
		return ".yaml"
	}
}

// ImportResult says what an import did, by "name version".
type ImportResult struct {
	Created, Updated, Skipped []string
}

// Import registers the services of an exported zip. Existing ones (same
// name and version) are replaced when overwrite is set, skipped otherwise.
// The archive is checked whole before anything is stored.
func (s *Service) Import(ctx context.Context, archive []byte, overwrite bool) (*ImportResult, error) {
	v, err := viewer.RequirePermission(ctx, viewer.ServiceManage)
	if err != nil {
		return nil, err
	}
	entries, err := readArchive(archive)
	if err != nil {
		return nil, err
	}
	checkedEntries := make([]*checked, 0, len(entries))
	for dir, in := range entries {
		c, err := s.check(ctx, in)
		if err != nil {
			e := errs.As(err)
			return nil, errs.Field("file", "%s: %s", dir, e.Message)
		}
		checkedEntries = append(checkedEntries, c)
	}
	sort.Slice(checkedEntries, func(i, j int) bool {
		return checkedEntries[i].Name+checkedEntries[i].Version < checkedEntries[j].Name+checkedEntries[j].Version
	})
	res := &ImportResult{}
	err = store.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		for _, c := range checkedEntries {
			key := c.Name + " " + c.Version
			e, err := tx.ServiceEntry.Query().Where(serviceentry.OrganizationID(v.OrgID),
				serviceentry.Name(c.Name), serviceentry.Version(c.Version)).Only(ctx)
			switch {
			case ent.IsNotFound(err):
				create := tx.ServiceEntry.Create().SetOrganizationID(v.OrgID).SetName(c.Name).SetVersion(c.Version).SetCreatedBy(v.Username)
				c.apply(create.Mutation(), v.Username)
				err = create.Exec(ctx)
				res.Created = append(res.Created, key)
			case err != nil:
			case overwrite:
				update := e.Update()
				c.apply(update.Mutation(), v.Username)
				err = update.Exec(ctx)
				res.Updated = append(res.Updated, key)
			default:
				res.Skipped = append(res.Skipped, key)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// readArchive reads metadata.json and the definition of every folder,
// refusing unsafe names and anything too large.
func readArchive(archive []byte) (map[string]EntryInput, error) {
	if len(archive) > MaxArchiveBytes {
		return nil, errs.Field("file", "the archive is larger than %d MiB", MaxArchiveBytes>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return nil, errs.Field("file", "the file is not a zip archive")
	}
	if len(zr.File) > maxArchiveEntries {
		return nil, errs.Field("file", "the archive has more than %d entries", maxArchiveEntries)
	}
	metas := map[string]EntryInput{}
	defs := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		name := f.Name
		if strings.HasSuffix(name, "/") {
			continue
		}
		if !safeName(name) {
			return nil, errs.Field("file", "the archive entry %q has an unsafe path", name)
		}
		dir, base := path.Split(name)
		if dir == "" || strings.Count(dir, "/") != 1 {
			return nil, errs.Field("file", "the archive entry %q is not inside a service folder", name)
		}
		data, err := readEntry(f, &total)
		if err != nil {
			return nil, err
		}
		switch {
		case base == "metadata.json":
			var in EntryInput
			if err := json.Unmarshal(data, &in); err != nil {
				return nil, errs.Field("file", "%s is not valid JSON: %v", name, err)
			}
			metas[dir] = in
		case strings.HasPrefix(base, "definition."):
			defs[dir] = data
		}
	}
	if len(metas) == 0 {
		return nil, errs.Field("file", "the archive holds no service (folders with metadata.json and a definition)")
	}
	out := map[string]EntryInput{}
	for dir, in := range metas {
		def, ok := defs[dir]
		if !ok {
			return nil, errs.Field("file", "%s has metadata.json but no definition", dir)
		}
		in.Definition = def
		out[dir] = in
	}
	return out, nil
}

// readEntry reads one file, stopping at the per-file and total limits
// whatever the archive claims the sizes are (a zip bomb lies).
func readEntry(f *zip.File, total *int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errs.Field("file", "cannot read %s: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxEntryBytes+1))
	if err != nil {
		return nil, errs.Field("file", "cannot read %s: %v", f.Name, err)
	}
	if len(data) > maxEntryBytes {
		return nil, errs.Field("file", "%s is larger than %d MiB uncompressed", f.Name, maxEntryBytes>>20)
	}
	*total += int64(len(data))
	if *total > maxTotalBytes {
		return nil, errs.Field("file", "the archive is larger than %d MiB uncompressed", maxTotalBytes>>20)
	}
	return data, nil
}

func safeName(name string) bool {
	if strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." || seg == "." {
			return false
		}
	}
	return path.Clean(name) == strings.TrimSuffix(name, "/")
}
