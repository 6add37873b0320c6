package app_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"net/http"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

const updateBusiness = `mutation($id: ID!, $i: APIBusinessInput!) { updateAPIBusinessInfo(id: $id, input: $i) {
  id description tags categories { name } businessOwnerName businessOwnerEmail technicalOwnerEmail visibility visibleRoles subscriptionTiers } }`

const updateCORS = `mutation($id: ID!, $i: CORSInput!) { updateAPICORS(id: $id, input: $i) { id cors { enabled allowOrigins allowMethods maxAgeSeconds } } }`

const setThumbnail = `mutation($id: ID!, $f: FileUploadInput) { setAPIThumbnail(id: $id, file: $f) { id thumbnailURL } }`

// TestBusinessData edits an API's business data, refuses bad values with
// the field at fault, hides a restricted API from other roles, refuses a
// subscription with a tier the API does not offer, serves the thumbnail,
// and gets the CORS policy to the gateway.
func TestBusinessData(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			database, dir := storetest.Database(t, kind)
			inst := start(t, database, dir)
			pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
			sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
			be := echoBackend(t, "biz")
			data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
				"name": "Biz", "context": "biz", "version": "1.0.0", "endpoint": be.URL}})
			if len(errs) > 0 {
				t.Fatalf("createAPI: %+v", errs)
			}
			id := data["createAPI"].(map[string]any)["id"]
			openResources(t, pub, id)

			data, errs = pub.do(t, updateBusiness, map[string]any{"id": id, "i": map[string]any{
				"description": " Sells things ", "tags": []string{" Payments ", "payments", "EU Only"},
				"categories":     []string{"Finance", "finance", "Retail"},
				"businessOwner":  map[string]any{"name": "Bea", "email": "bea@example.com"},
				"technicalOwner": map[string]any{"name": "Ted", "email": "ted@example.com"},
				"visibility":     "RESTRICTED", "visibleRoles": []string{"Admin"}, "subscriptionTiers": []string{"Gold", "Gold"},
			}})
			if len(errs) > 0 {
				t.Fatalf("updateAPIBusinessInfo: %+v", errs)
			}
			got := data["updateAPIBusinessInfo"].(map[string]any)
			if d := got["description"]; d != "Sells things" {
				t.Errorf("description = %q", d)
			}
			if tags := got["tags"].([]any); len(tags) != 2 || tags[0] != "payments" || tags[1] != "eu-only" {
				t.Errorf("tags = %v, want [payments eu-only]", tags)
			}
			if cats := got["categories"].([]any); len(cats) != 2 {
				t.Errorf("categories = %v, want Finance and Retail", cats)
			}
			if tiers := got["subscriptionTiers"].([]any); len(tiers) != 1 || tiers[0] != "Gold" {
				t.Errorf("subscriptionTiers = %v, want [Gold]", tiers)
			}

			refused := []struct {
				name  string
				input map[string]any
				field string
			}{
				{"too many tags", map[string]any{"tags": []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u"}}, "tags"},
				{"long tag", map[string]any{"tags": []string{"abcdefghijabcdefghijabcdefghijx"}}, "tags"},
				{"bad email", map[string]any{"businessOwner": map[string]any{"name": "x", "email": "not-an-email"}}, "businessOwner.email"},
				{"unknown role", map[string]any{"visibleRoles": []string{"king"}}, "visibleRoles"},
				{"restricted to nobody", map[string]any{"visibility": "RESTRICTED", "visibleRoles": []string{}}, "visibleRoles"},
				{"unknown tier", map[string]any{"subscriptionTiers": []string{"Platinum"}}, "subscriptionTiers"},
				{"application tier", map[string]any{"subscriptionTiers": []string{"50PerMin"}}, "subscriptionTiers"},
			}
			for _, r := range refused {
				_, errs := pub.do(t, updateBusiness, map[string]any{"id": id, "i": r.input})
				if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != r.field {
					t.Errorf("%s: errors %+v, want BAD_USER_INPUT on %s", r.name, errs, r.field)
				}
			}
			if _, errs := sub.do(t, updateBusiness, map[string]any{"id": id, "i": map[string]any{"description": "x"}}); len(errs) == 0 {
				t.Errorf("a subscriber changed an API's business data")
			}

			// CORS reaches the gateway with the next deployment.
			_, errs = pub.do(t, updateCORS, map[string]any{"id": id, "i": map[string]any{
				"enabled": true, "allowOrigins": []string{"ftp://x"}, "allowMethods": []string{}, "allowHeaders": []string{}}})
			if len(errs) != 1 || errs[0].Extensions.Field != "cors.allowOrigins" {
				t.Errorf("bad origin: errors %+v, want BAD_USER_INPUT on cors.allowOrigins", errs)
			}
			data, errs = pub.do(t, updateCORS, map[string]any{"id": id, "i": map[string]any{
				"enabled": true, "allowOrigins": []string{"https://app.example/"}, "allowMethods": []string{"get"},
				"allowHeaders": []string{"Authorization"}, "maxAgeSeconds": 600}})
			if len(errs) > 0 {
				t.Fatalf("updateAPICORS: %+v", errs)
			}
			if c := data["updateAPICORS"].(map[string]any)["cors"].(map[string]any); c["allowOrigins"].([]any)[0] != "https://app.example" {
				t.Errorf("cors = %v, want the origin normalized", c)
			}
			if _, errs := pub.do(t, deployAPI, map[string]any{"id": id}); len(errs) > 0 {
				t.Fatalf("deployAPI: %+v", errs)
			}
			waitGateway(t, inst.gateway.URL, "/biz/1.0.0/x", http.StatusOK).Body.Close()
			req, _ := http.NewRequest(http.MethodOptions, inst.gateway.URL+"/biz/1.0.0/x", nil)
			req.Header.Set("Origin", "https://app.example")
			req.Header.Set("Access-Control-Request-Method", "GET")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "https://app.example" {
				t.Errorf("preflight: %s %v, want 204 allowing https://app.example", resp.Status, resp.Header)
			}

			// Restricted to admins: the subscriber does not see it once published.
			if _, errs := pub.do(t, `mutation($id: ID!) { changeAPILifecycle(id: $id, action: PUBLISH) { id } }`, map[string]any{"id": id}); len(errs) > 0 {
				t.Fatalf("publish: %+v", errs)
			}
			seen := func() float64 {
				data, _ := sub.do(t, `{ apis(first: 10, where: {context: "biz"}) { totalCount } }`, nil)
				return data["apis"].(map[string]any)["totalCount"].(float64)
			}
			if n := seen(); n != 0 {
				t.Errorf("subscriber sees %v restricted APIs, want 0", n)
			}
			if _, errs := pub.do(t, updateBusiness, map[string]any{"id": id, "i": map[string]any{"visibleRoles": []string{"admin", "subscriber"}}}); len(errs) > 0 {
				t.Fatal(errs)
			}
			if n := seen(); n != 1 {
				t.Errorf("subscriber sees %v APIs shared with subscribers, want 1", n)
			}
			_, errs = pub.do(t, updateBusiness, map[string]any{"id": id, "i": map[string]any{"subscriptionTiers": []string{}}})
			if len(errs) != 1 || errs[0].Extensions.Field != "subscriptionTiers" {
				t.Errorf("a published API without tiers: errors %+v, want BAD_USER_INPUT on subscriptionTiers", errs)
			}

			// The portal refuses a tier the API does not offer.
			data, errs = sub.do(t, `mutation { createApplication(input: {name: "BizApp"}) { id } }`, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			app := data["createApplication"].(map[string]any)["id"]
			subscribe := `mutation($a: ID!, $api: ID!, $t: String!) { subscribe(input: {applicationID: $a, apiID: $api, tier: $t}) { id } }`
			_, errs = sub.do(t, subscribe, map[string]any{"a": app, "api": id, "t": "Silver"})
			if len(errs) != 1 || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != "tier" {
				t.Errorf("subscribe with an unoffered tier: errors %+v, want BAD_USER_INPUT on tier", errs)
			}
			if _, errs := sub.do(t, subscribe, map[string]any{"a": app, "api": id, "t": "Gold"}); len(errs) > 0 {
				t.Errorf("subscribe with Gold: %+v", errs)
			}

			// Thumbnails: images only, served with their type and nosniff.
			var img bytes.Buffer
			_ = png.Encode(&img, image.NewRGBA(image.Rect(0, 0, 2, 2)))
			_, errs = pub.do(t, setThumbnail, map[string]any{"id": id, "f": map[string]any{"name": "logo.svg",
				"contentBase64": base64.StdEncoding.EncodeToString([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`))}})
			if len(errs) != 1 || errs[0].Extensions.Field != "thumbnail" {
				t.Errorf("SVG thumbnail: errors %+v, want BAD_USER_INPUT on thumbnail", errs)
			}
			_, errs = pub.do(t, setThumbnail, map[string]any{"id": id, "f": map[string]any{"name": "big.png",
				"contentBase64": base64.StdEncoding.EncodeToString(append(img.Bytes(), make([]byte, 1<<20)...))}})
			if len(errs) != 1 || errs[0].Extensions.Field != "thumbnail" {
				t.Errorf("thumbnail over 1 MiB: errors %+v, want BAD_USER_INPUT on thumbnail", errs)
			}
			data, errs = pub.do(t, setThumbnail, map[string]any{"id": id, "f": map[string]any{"name": "logo.png",
				"contentBase64": base64.StdEncoding.EncodeToString(img.Bytes())}})
			if len(errs) > 0 {
				t.Fatalf("setAPIThumbnail: %+v", errs)
			}
			url := data["setAPIThumbnail"].(map[string]any)["thumbnailURL"].(string)
			req, _ = http.NewRequest(http.MethodGet, inst.cp.URL+url, nil)
			req.AddCookie(sub.cookie)
			resp, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET thumbnail: %s %v, want 200 image/png nosniff", resp.Status, resp.Header)
			}
		})
	}
}
