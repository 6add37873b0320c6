package app_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/app"
)

// serveOn starts h on addr (host:0), closed at the end of the test.
func serveOn(t *testing.T, addr string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("listen %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestHole8_ImportFromURLRefusesInternalAddresses: a publisher's
// definition URL reaches no loopback, private, link-local or metadata
// address, directly, through a numeric or IPv4-mapped spelling, or by a
// redirect from an allowed host; every failure answers the same message;
// a host the operator allows (--fetch-allow-hosts) works.
func TestHole8_ImportFromURLRefusesInternalAddresses(t *testing.T) {
	def := fmt.Sprintf(petstore31, "https://backend.example")
	definition := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		fmt.Fprint(w, def)
	})
	// The internal service: on 127.0.0.1, not allowed.
	internal := serveOn(t, "127.0.0.1:0", definition)
	_, port, _ := net.SplitHostPort(internal.Listener.Addr().String())
	// An allowed on-premise host (127.0.0.2 is loopback too, but listed):
	// it serves a definition, a redirect to the internal one, and a 404.
	mux := http.NewServeMux()
	mux.Handle("/openapi.yaml", definition)
	mux.HandleFunc("/to-internal", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL+"/openapi.yaml", http.StatusFound)
	})
	allowed := serveOn(t, "127.0.0.2:0", mux)

	inst := startWith(t, app.Config{DataDir: t.TempDir(), FetchAllowHosts: "127.0.0.2/32"})
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	const q = `query($s: DefinitionSourceInput!) { validateDefinition(source: $s) { valid } }`

	data, errs := pub.do(t, q, map[string]any{"s": map[string]any{"url": allowed.URL + "/openapi.yaml"}})
	if len(errs) > 0 || data["validateDefinition"].(map[string]any)["valid"] != true {
		t.Fatalf("allow-listed host: %v %+v, want a valid definition", data, errs)
	}

	for _, u := range []string{
		internal.URL + "/openapi.yaml",
		"http://localhost:" + port + "/openapi.yaml",
		"http://[::ffff:127.0.0.1]:" + port + "/openapi.yaml",
		"http://[::1]:" + port + "/openapi.yaml",
		"http://169.254.169.254/latest/meta-data/",
		"http://0x7f000001:" + port + "/openapi.yaml",
		"http://2130706433:" + port + "/openapi.yaml",
		"http://0.0.0.0:" + port + "/openapi.yaml",
		"http://10.0.0.1/openapi.yaml",
		allowed.URL + "/to-internal",
		allowed.URL + "/missing",
	} {
		_, errs := pub.do(t, q, map[string]any{"s": map[string]any{"url": u}})
		if len(errs) != 1 || errs[0].Message != apis.FetchFailed || errs[0].Extensions.Code != "BAD_USER_INPUT" || errs[0].Extensions.Field != "source" {
			t.Errorf("%s: errors %+v, want exactly %q on source", u, errs, apis.FetchFailed)
		}
	}
	if strings.Contains(apis.FetchFailed, "refused") {
		t.Error("the message must not say why")
	}
}
