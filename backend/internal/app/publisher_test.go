package app_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/apis/definition"
)

const specsDir = "../apis/definition/testdata/specs"

const importAPI = `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id name context version definitionType operations { method target authRequired } } }`

// TestImportManifestSpecs imports every OpenAPI document of the shared
// specs through GraphQL: valid ones become APIs with the manifest's
// operation count, broken ones are refused naming the problem and leave
// nothing stored.
func TestImportManifestSpecs(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	manifest, err := os.ReadFile(filepath.Join(specsDir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	count := func() float64 {
		data, _ := pub.do(t, `{ apis(first: 1) { totalCount } }`, nil)
		return data["apis"].(map[string]any)["totalCount"].(float64)
	}
	imported := 0
	for i, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n")[1:] {
		cols := strings.Split(line, "\t")
		file, format, ops, broken := cols[0], cols[5], cols[7], cols[9]
		if !strings.HasPrefix(format, "openapi") && !strings.HasPrefix(format, "swagger") && format != "broken" {
			continue
		}
		// OpenAPI 3.2 is newer than the importer: refused with advice.
		refuse := broken != "-" || format == "openapi-3.2"
		if testing.Short() && strings.HasPrefix(file, "openai") {
			continue
		}
		t.Run(file, func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join(specsDir, file))
			if err != nil {
				t.Fatal(err)
			}
			def, err := definition.Parse(context.Background(), content)
			if err != nil {
				t.Fatal(err)
			}
			if refuse == def.Valid() {
				t.Fatalf("the parser calls %s valid=%v, want %v", file, def.Valid(), !refuse)
			}
			before := count()
			data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{
				"source":  map[string]any{"content": string(content)},
				"context": fmt.Sprintf("spec%d", i), "version": "v1", "endpoint": "http://127.0.0.1:1/backend",
			}})
			if refuse {
				if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != "source" {
					t.Fatalf("import of a broken or invalid document: errors %+v, want BAD_USER_INPUT on source", errs)
				}
				if !strings.Contains(errs[0].Message, "invalid") {
					t.Errorf("message %q does not say the definition is invalid", errs[0].Message)
				}
				if after := count(); after != before {
					t.Errorf("refused import stored something: %v APIs, was %v", after, before)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("import: %+v", errs)
			}
			want, _ := strconv.Atoi(ops)
			got := data["importAPI"].(map[string]any)
			if n := len(got["operations"].([]any)); n != want {
				t.Errorf("imported %d resources, want %d (manifest)", n, want)
			}
			if got["name"] != def.Title {
				t.Errorf("name = %v, want the title %q", got["name"], def.Title)
			}
			imported++
		})
	}
	if want := map[bool]int{true: 13, false: 14}[testing.Short()]; imported != want {
		t.Errorf("%d specs imported, want %d (every real OpenAPI 2.0-3.1 document of the manifest)", imported, want)
	}
}

func TestValidateDefinitionReportsLocations(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	content, err := os.ReadFile(filepath.Join(specsDir, "broken__unresolved-ref.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, errs := pub.do(t, `query($s: DefinitionSourceInput!) { validateDefinition(source: $s) { valid kind problems { severity message line pointer } } }`,
		map[string]any{"s": map[string]any{"content": string(content)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r := data["validateDefinition"].(map[string]any)
	if r["valid"] != false {
		t.Fatalf("report = %v, want invalid", r)
	}
	located := false
	for _, p := range r["problems"].([]any) {
		p := p.(map[string]any)
		if p["severity"] == "error" && p["line"].(float64) > 0 {
			located = true
		}
	}
	if !located {
		t.Errorf("no error with a line number in %v", r["problems"])
	}
	// A subscriber may not use the publisher's tools.
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	if _, errs := sub.do(t, `query { validateDefinition(source: {content: "openapi: 3.0.0"}) { valid } }`, nil); len(errs) == 0 || errs[0].Extensions.Code != "FORBIDDEN" {
		t.Errorf("subscriber validateDefinition errors = %+v, want FORBIDDEN", errs)
	}
	// Neither content nor URL.
	if _, errs := pub.do(t, `query { validateDefinition(source: {}) { valid } }`, nil); len(errs) == 0 || errs[0].Extensions.Field != "source" {
		t.Errorf("empty source errors = %+v, want a source field error", errs)
	}
}

const petstore31 = `openapi: 3.1.0
info: {title: Lifecycle Pets, version: 1.0.0}
servers: [{url: "%s"}]
paths:
  /pets:
    get: {operationId: listPets, responses: {"200": {description: ok}}}
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
`

func TestLifecycle(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := echoBackend(t, "life")
	data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": fmt.Sprintf(petstore31, backend.URL)}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	api := data["importAPI"].(map[string]any)
	if api["context"] != "lifecycle-pets" || api["version"] != "1.0.0" || api["definitionType"] != "OAS3" {
		t.Errorf("defaults from the definition: %v", api)
	}
	id := api["id"]
	change := func(action string) (map[string]any, []gqlError) {
		data, errs := pub.do(t, `mutation($id: ID!, $a: LifecycleAction!) { changeAPILifecycle(id: $id, action: $a, reason: "test") { lifecycleStatus lifecycleActions lifecycleHistory { from to actor reason } } }`,
			map[string]any{"id": id, "a": action})
		if data == nil || data["changeAPILifecycle"] == nil {
			return nil, errs
		}
		return data["changeAPILifecycle"].(map[string]any), errs
	}
	if _, errs := change("PUBLISH"); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" || !strings.Contains(errs[0].Message, "deploy") {
		t.Fatalf("publish before deploy: %+v, want CONFLICT asking to deploy", errs)
	}
	if _, errs := change("RETIRE"); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" {
		t.Fatalf("retire a created API: %+v, want CONFLICT", errs)
	}
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
		t.Fatal(errs)
	}
	got, errs := change("PUBLISH")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	hist := got["lifecycleHistory"].([]any)
	if got["lifecycleStatus"] != "PUBLISHED" || len(hist) != 1 ||
		hist[0].(map[string]any)["from"] != "CREATED" || hist[0].(map[string]any)["actor"] != "publisher" {
		t.Errorf("after publish: %v", got)
	}
	gw := inst.gateway.URL
	waitGateway(t, gw, "/lifecycle-pets/1.0.0/pets", http.StatusUnauthorized).Body.Close()
	if _, errs := change("BLOCK"); len(errs) > 0 {
		t.Fatal(errs)
	}
	waitGateway(t, gw, "/lifecycle-pets/1.0.0/pets", http.StatusServiceUnavailable).Body.Close()
	if _, errs := change("DEPRECATE"); len(errs) > 0 {
		t.Fatal(errs)
	}
	got, errs = change("RETIRE")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got["lifecycleStatus"] != "RETIRED" || len(got["lifecycleActions"].([]any)) != 0 || len(got["lifecycleHistory"].([]any)) != 4 {
		t.Errorf("after retire: %v", got)
	}
	// Retired APIs vanish from the gateway.
	waitGateway(t, gw, "/lifecycle-pets/1.0.0/pets", http.StatusNotFound).Body.Close()
}

func TestOversizedDefinitions(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	const q = `query($s: DefinitionSourceInput!) { validateDefinition(source: $s) { valid } }`
	tests := []struct {
		name      string
		size      int
		wantField string
	}{
		{"over the definition limit", definition.MaxSize + 1, "source"},
		{"over the request limit", 40 << 20, ""},
	}
	for _, tt := range tests {
		_, errs := pub.do(t, q, map[string]any{"s": map[string]any{"content": strings.Repeat("a", tt.size)}})
		if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != tt.wantField {
			t.Errorf("%s: errors %+v, want BAD_USER_INPUT on %q", tt.name, errs, tt.wantField)
		}
	}
}

func TestNewVersion(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	data, errs := pub.do(t, importAPI, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": fmt.Sprintf(petstore31, "http://127.0.0.1:1")}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["importAPI"].(map[string]any)["id"]
	newVersion := `mutation($id: ID!, $v: String!) { createNewVersion(input: {apiID: $id, version: $v, isDefaultVersion: true}) { id version context lifecycleStatus isDefaultVersion operations { method target } removedSincePreviousVersion } }`
	data, errs = pub.do(t, newVersion, map[string]any{"id": id, "v": "2.0.0"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	v2 := data["createNewVersion"].(map[string]any)
	if v2["version"] != "2.0.0" || v2["context"] != "lifecycle-pets" || v2["lifecycleStatus"] != "CREATED" ||
		v2["isDefaultVersion"] != true || len(v2["operations"].([]any)) != 2 || len(v2["removedSincePreviousVersion"].([]any)) != 0 {
		t.Errorf("new version: %v", v2)
	}
	if _, errs := pub.do(t, newVersion, map[string]any{"id": id, "v": "2.0.0"}); len(errs) == 0 || errs[0].Extensions.Code != "CONFLICT" {
		t.Errorf("same version twice: %+v, want CONFLICT", errs)
	}
	if _, errs := pub.do(t, newVersion, map[string]any{"id": id, "v": "bad version"}); len(errs) == 0 || errs[0].Extensions.Field != "version" {
		t.Errorf("bad version: %+v, want a version field error", errs)
	}
}
