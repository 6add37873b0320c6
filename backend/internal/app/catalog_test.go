package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
)

const catalogPetsV1 = `openapi: 3.0.3
info: {title: Pet Service, version: 1.0.0}
paths:
  /pets:
    get: {responses: {"200": {description: ok}}}
    post: {responses: {"201": {description: ok}}}
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
`

// v2 drops POST /pets and adds DELETE /pets/{id}.
const catalogPetsV2 = `openapi: 3.0.3
info: {title: Pet Service, version: 1.0.0}
paths:
  /pets:
    get: {responses: {"200": {description: ok}}}
  /pets/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
    delete:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: gone}}
`

// catalogClient calls the REST API with a bearer token.
type catalogClient struct {
	t     *testing.T
	base  string
	token string
}

func (c *catalogClient) do(method, path string, body io.Reader, contentType string) (int, []byte) {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+"/api/service-catalog/v1"+path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// upload sends serviceMetadata and definitionFile as multipart.
func (c *catalogClient) upload(method, path string, meta map[string]any, def string) (int, map[string]any) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	m, _ := json.Marshal(meta)
	_ = mw.WriteField("serviceMetadata", string(m))
	fw, _ := mw.CreateFormFile("definitionFile", "openapi.yaml")
	_, _ = io.WriteString(fw, def)
	_ = mw.Close()
	status, b := c.do(method, path, &buf, mw.FormDataContentType())
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return status, out
}

// catalogToken makes an application for the signed-in user and returns a
// client credentials token with the catalog scopes.
func catalogToken(t *testing.T, inst *instance, s *session, name string) string {
	t.Helper()
	data, errs := s.do(t, `mutation($n: String!) { createApplication(input: {name: $n}) { id } }`, map[string]any{"n": name})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = s.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION}) { clientSecret key { clientID } } }`,
		map[string]any{"id": data["createApplication"].(map[string]any)["id"]})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	k := data["generateKeys"].(map[string]any)
	status, body := form(t, inst.cp.URL+keymanager.TokenPath, k["key"].(map[string]any)["clientID"].(string), k["clientSecret"].(string),
		url.Values{"grant_type": {"client_credentials"}, "scope": {"service_catalog:service_view service_catalog:service_write"}})
	if status != 200 {
		t.Fatalf("token: %d %v", status, body)
	}
	return body["access_token"].(string)
}

func TestServiceCatalog(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	cat := &catalogClient{t: t, base: inst.cp.URL, token: catalogToken(t, inst, pub, "CI pipeline")}
	meta := map[string]any{"name": "pets", "version": "1.0.0", "serviceUrl": "http://pets.internal:8080/v1", "definitionType": "OAS3"}

	// Refusals first: nothing may be stored by any of them.
	anon := &catalogClient{t: t, base: inst.cp.URL}
	if status, _ := anon.upload("POST", "/services", meta, catalogPetsV1); status != 401 {
		t.Errorf("no token: %d, want 401", status)
	}
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	subCat := &catalogClient{t: t, base: inst.cp.URL, token: catalogToken(t, inst, sub, "sub app")}
	if status, _ := subCat.upload("POST", "/services", meta, catalogPetsV1); status != 403 {
		t.Errorf("subscriber's token: %d, want 403", status)
	}
	noScope := &catalogClient{t: t, base: inst.cp.URL, token: inst.token(t)}
	if status, _ := noScope.do("GET", "/services", nil, ""); status != 403 {
		t.Errorf("token without the scope: %d, want 403", status)
	}
	for name, tc := range map[string]struct {
		meta  map[string]any
		def   string
		field string
	}{
		"broken definition": {meta, "openapi: 3.0.3\ninfo: {title: x, version: 1}\npaths:\n  /a:\n    get:\n      responses: {'200': {$ref: '#/nope'}}\n", "definition"},
		"junk definition":   {meta, "\x00\x01\x02junk", "definition"},
		"wrong type":        {map[string]any{"name": "pets", "version": "1.0.0", "serviceUrl": "http://x", "definitionType": "WSDL1"}, catalogPetsV1, "definitionType"},
		"bad URL":           {map[string]any{"name": "pets", "version": "1.0.0", "serviceUrl": "ftp://x"}, catalogPetsV1, "serviceUrl"},
		"no name":           {map[string]any{"version": "1.0.0", "serviceUrl": "http://x"}, catalogPetsV1, "name"},
		// Over the body cap: refused while reading, not spooled to disk.
		"huge definition": {meta, strings.Repeat("#", 12<<20), "definitionFile"},
	} {
		status, body := cat.upload("POST", "/services", tc.meta, tc.def)
		if status != 400 || body["field"] != tc.field {
			t.Errorf("%s: %d %v, want 400 on %s", name, status, body, tc.field)
		}
	}
	if _, b := cat.do("GET", "/services", nil, ""); !strings.Contains(string(b), `"total":0`) {
		t.Fatalf("refused uploads stored something: %s", b)
	}

	status, created := cat.upload("POST", "/services", meta, catalogPetsV1)
	if status != 201 || created["md5"] == "" || created["definitionType"] != "OAS3" {
		t.Fatalf("create: %d %v", status, created)
	}
	id := created["id"].(string)
	if status, body := cat.upload("POST", "/services", meta, catalogPetsV1); status != 409 {
		t.Errorf("duplicate: %d %v, want 409", status, body)
	}
	if status, b := cat.do("GET", "/services?query=pet&limit=10", nil, ""); status != 200 || !strings.Contains(string(b), `"total":1`) {
		t.Errorf("search: %d %s", status, b)
	}
	if status, b := cat.do("GET", "/services/"+id+"/definition", nil, ""); status != 200 || string(b) != catalogPetsV1 {
		t.Errorf("definition: %d %q", status, b)
	}
	if status, _ := cat.do("GET", "/services/not-an-id", nil, ""); status != 404 {
		t.Errorf("bad id: %d, want 404", status)
	}

	// Build an API from the service, change the service, see the drift.
	data, errs := pub.do(t, `mutation($id: ID!) { createAPIFromService(input: {serviceID: $id, context: "pets"}) { id name productionEndpoint operations { method target } drift { outOfDate } } }`, map[string]any{"id": id})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	a := data["createAPIFromService"].(map[string]any)
	if len(a["operations"].([]any)) != 3 || a["productionEndpoint"] != "http://pets.internal:8080/v1" || a["drift"].(map[string]any)["outOfDate"] != false {
		t.Errorf("API from service: %v", a)
	}
	if status, body := cat.do("DELETE", "/services/"+id, nil, ""); status != 409 || !strings.Contains(string(body), "pets") {
		t.Errorf("delete a used service: %d %s, want 409 naming the API", status, body)
	}
	if status, body := cat.upload("PUT", "/services/"+id, meta, catalogPetsV2); status != 200 {
		t.Fatalf("update: %d %v", status, body)
	}
	driftQ := `query($id: ID!) { apis(where: {id: $id}) { edges { node { drift { outOfDate added removed changed } operations { method target } } } } }`
	data, _ = pub.do(t, driftQ, map[string]any{"id": a["id"]})
	node := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	drift := node["drift"].(map[string]any)
	if drift["outOfDate"] != true || fmt.Sprint(drift["added"]) != "[DELETE /pets/{id}]" || fmt.Sprint(drift["removed"]) != "[POST /pets]" {
		t.Errorf("drift after the service changed: %v", drift)
	}
	if _, errs := pub.do(t, `mutation($id: ID!) { updateAPIFromService(apiID: $id) { id } }`, map[string]any{"id": a["id"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, _ = pub.do(t, driftQ, map[string]any{"id": a["id"]})
	node = data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	if node["drift"].(map[string]any)["outOfDate"] != false || len(node["operations"].([]any)) != 3 {
		t.Errorf("after update from service: %v", node)
	}

	// Export, then import: skipped without overwrite, updated with it.
	status, archive := cat.do("GET", "/services/export", nil, "")
	if status != 200 {
		t.Fatalf("export: %d %s", status, archive)
	}
	importZip := func(archive []byte, overwrite bool) (int, map[string]any) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "services.zip")
		_, _ = fw.Write(archive)
		_ = mw.Close()
		status, b := cat.do("POST", fmt.Sprintf("/services/import?overwrite=%v", overwrite), &buf, mw.FormDataContentType())
		var out map[string]any
		_ = json.Unmarshal(b, &out)
		return status, out
	}
	if status, out := importZip(archive, false); status != 200 || fmt.Sprint(out["skipped"]) != "[pets 1.0.0]" {
		t.Errorf("import without overwrite: %d %v", status, out)
	}
	if status, out := importZip(archive, true); status != 200 || fmt.Sprint(out["updated"]) != "[pets 1.0.0]" {
		t.Errorf("import with overwrite: %d %v", status, out)
	}
	for name, files := range map[string]map[string][]byte{
		"path traversal": {"../evil/metadata.json": []byte(`{}`)},
		"zip bomb":       {"big-1/metadata.json": []byte(`{"name":"big","version":"1","serviceUrl":"http://x"}`), "big-1/definition.yaml": bytes.Repeat([]byte{' '}, 11<<20)},
		"no services":    {"readme.txt": []byte("hi")},
	} {
		var zbuf bytes.Buffer
		zw := zip.NewWriter(&zbuf)
		for n, data := range files {
			w, _ := zw.Create(n)
			_, _ = w.Write(data)
		}
		_ = zw.Close()
		if status, out := importZip(zbuf.Bytes(), true); status != 400 || out["field"] != "file" {
			t.Errorf("%s: %d %v, want 400 on file", name, status, out)
		}
	}
	if status, _ := importZip([]byte("not a zip"), true); status != 400 {
		t.Errorf("not a zip: %d, want 400", status)
	}

	// The REST API describes itself, and the description is valid.
	status, doc := anon.do("GET", "/openapi.yaml", nil, "")
	def, err := definition.Parse(context.Background(), doc)
	if status != 200 || err != nil || !def.Valid() || len(def.Operations) != 9 {
		t.Errorf("openapi.yaml: %d valid=%v ops=%d problems=%v", status, def != nil && def.Valid(), len(def.Operations), def.Problems)
	}
}
