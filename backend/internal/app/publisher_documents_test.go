package app_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
)

const createDocument = `mutation($api: ID!, $i: DocumentInput!) { createDocument(apiID: $api, input: $i) { id name sourceType content url fileName fileSize fileURL } }`

// TestDocuments adds inline, URL and file documents to an API, serves the
// file for download, and refuses bad input with the field at fault.
func TestDocuments(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
		"name": "Docs", "context": "docs", "version": "v1", "endpoint": "http://127.0.0.1:1/x"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["createAPI"].(map[string]any)["id"]
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

	data, errs = pub.do(t, createDocument, map[string]any{"api": id, "i": map[string]any{
		"name": "Getting started", "sourceType": "INLINE", "content": "# Hello\n\nOrder a pizza.", "url": "http://ignored"}})
	if len(errs) > 0 {
		t.Fatalf("inline: %+v", errs)
	}
	inline := data["createDocument"].(map[string]any)
	if inline["url"] != "" || !strings.HasPrefix(inline["content"].(string), "# Hello") {
		t.Errorf("inline document = %v", inline)
	}
	if _, errs := pub.do(t, createDocument, map[string]any{"api": id, "i": map[string]any{
		"name": "Forum", "sourceType": "URL", "url": "https://forum.example.com/docs"}}); len(errs) > 0 {
		t.Fatalf("url: %+v", errs)
	}
	data, errs = pub.do(t, createDocument, map[string]any{"api": id, "i": map[string]any{
		"name": "Guide", "sourceType": "FILE", "file": map[string]any{"name": `..\evil"/guide.pdf`, "contentBase64": b64("%PDF-1.4\n% a tiny pdf\n")}}})
	if len(errs) > 0 {
		t.Fatalf("file: %+v", errs)
	}
	file := data["createDocument"].(map[string]any)
	if file["fileName"] != "guide.pdf" {
		t.Errorf("fileName = %v, want guide.pdf", file["fileName"])
	}
	req, _ := http.NewRequest(http.MethodGet, inst.cp.URL+file["fileURL"].(string), nil)
	req.AddCookie(pub.cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") || !strings.HasPrefix(string(body), "%PDF") {
		t.Errorf("download: %s %v", resp.Status, resp.Header)
	}
	// The API is not published: a subscriber may not download its files.
	req.Header.Del("Cookie")
	req.AddCookie(sub.cookie)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("subscriber download of an unpublished API's file: %v %v, want 404", statusOf(resp), err)
	}

	refused := []struct {
		name        string
		input       map[string]any
		code, field string
	}{
		{"no name", map[string]any{"name": " ", "sourceType": "INLINE"}, "BAD_USER_INPUT", "name"},
		{"same name", map[string]any{"name": "Guide", "sourceType": "INLINE"}, "CONFLICT", "name"},
		{"relative URL", map[string]any{"name": "X", "sourceType": "URL", "url": "/docs"}, "BAD_USER_INPUT", "url"},
		{"javascript URL", map[string]any{"name": "X", "sourceType": "URL", "url": "javascript:alert(1)"}, "BAD_USER_INPUT", "url"},
		{"no file", map[string]any{"name": "X", "sourceType": "FILE"}, "BAD_USER_INPUT", "file"},
		{"executable", map[string]any{"name": "X", "sourceType": "FILE", "file": map[string]any{"name": "x.pdf", "contentBase64": b64("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")}}, "BAD_USER_INPUT", "file"},
		{"html", map[string]any{"name": "X", "sourceType": "FILE", "file": map[string]any{"name": "x.txt", "contentBase64": b64("<html><script>alert(1)</script>")}}, "BAD_USER_INPUT", "file"},
		{"too big", map[string]any{"name": "X", "sourceType": "FILE", "file": map[string]any{"name": "x.txt", "contentBase64": b64(strings.Repeat("a", 5<<20+1))}}, "BAD_USER_INPUT", "file"},
	}
	for _, r := range refused {
		_, errs := pub.do(t, createDocument, map[string]any{"api": id, "i": r.input})
		if len(errs) != 1 || errs[0].Extensions.Code != r.code || errs[0].Extensions.Field != r.field {
			t.Errorf("%s: errors %+v, want %s on %s", r.name, errs, r.code, r.field)
		}
	}
	if _, errs := sub.do(t, createDocument, map[string]any{"api": id, "i": map[string]any{"name": "S", "sourceType": "INLINE"}}); len(errs) == 0 {
		t.Errorf("a subscriber added a document")
	}

	// Editing a file document without a new file keeps the file; switching it to markdown drops it.
	upd := `mutation($id: ID!, $i: DocumentInput!) { updateDocument(id: $id, input: $i) { id sourceType fileName fileURL } }`
	data, errs = pub.do(t, upd, map[string]any{"id": file["id"], "i": map[string]any{"name": "Guide", "summary": "PDF", "sourceType": "FILE"}})
	if len(errs) > 0 || data["updateDocument"].(map[string]any)["fileName"] != "guide.pdf" {
		t.Errorf("update keeping the file: %v %+v", data, errs)
	}
	data, errs = pub.do(t, upd, map[string]any{"id": file["id"], "i": map[string]any{"name": "Guide", "sourceType": "INLINE", "content": "now inline"}})
	if len(errs) > 0 || data["updateDocument"].(map[string]any)["fileURL"] != nil {
		t.Errorf("update to inline: %v %+v", data, errs)
	}
	if _, errs := pub.do(t, `mutation($id: ID!) { deleteDocument(id: $id) }`, map[string]any{"id": inline["id"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, _ = pub.do(t, `query($id: ID!) { apis(where: {id: $id}) { edges { node { documents { name } } } } }`, map[string]any{"id": id})
	docs := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["documents"].([]any)
	if len(docs) != 2 {
		t.Errorf("documents after delete = %v, want Forum and Guide", docs)
	}

	// A new version brings the documents along.
	data, errs = pub.do(t, `mutation($id: ID!) { createNewVersion(input: {apiID: $id, version: "v2"}) { id documents { name } } }`, map[string]any{"id": id})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if docs := data["createNewVersion"].(map[string]any)["documents"].([]any); len(docs) != 2 {
		t.Errorf("documents of the new version = %v, want 2", docs)
	}
}
