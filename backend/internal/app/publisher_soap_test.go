package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSOAPActionRouting imports the corpus's StockQuote WSDL with a second
// operation added, gives each SOAPAction its own settings, and sees the
// gateway apply them by the SOAPAction header (SOAP 1.1) and by the action
// parameter of Content-Type (SOAP 1.2); an action the WSDL does not name
// is not routed. USDA's WSDL, whose operations name no action, keeps one
// resource for all of them.
func TestSOAPActionRouting(t *testing.T) {
	inst := start(t, "", t.TempDir())
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "backend saw "+r.Header.Get("SOAPAction")+r.Header.Get("Content-Type"))
	}))
	t.Cleanup(backend.Close)
	stock, err := os.ReadFile(filepath.Join(specsDir, "gowsdl__stock.wsdl"))
	if err != nil {
		t.Fatal(err)
	}
	wsdl := strings.Replace(string(stock), `	</portType>`, `		<operation name="GetTradeHistory">
			<input message="tns:GetLastTradePriceInput"/>
			<output message="tns:GetLastTradePriceOutput"/>
		</operation>
	</portType>`, 1)
	wsdl = strings.Replace(wsdl, `	</binding>`, `		<operation name="GetTradeHistory">
			<soap:operation soapAction="http://example.com/GetTradeHistory"/>
		</operation>
	</binding>`, 1)
	const importSOAP = `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id operations { id method target soapAction } } }`
	imported := mustDo(t, pub, "importAPI", importSOAP, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": wsdl}, "context": "stockq", "version": "v1", "endpoint": backend.URL}})
	byAction := map[string]string{}
	for _, o := range imported["operations"].([]any) {
		m := o.(map[string]any)
		if m["method"] != "POST" || m["target"] != "/*" {
			t.Errorf("SOAP resource %v, want POST /*", m)
		}
		byAction[m["soapAction"].(string)] = m["id"].(string)
	}
	price, history := byAction["http://example.com/GetLastTradePrice"], byAction["http://example.com/GetTradeHistory"]
	if len(byAction) != 2 || price == "" || history == "" {
		t.Fatalf("resources by SOAPAction: %v", byAction)
	}
	// GetLastTradePrice is open; GetTradeHistory keeps needing a token.
	mustDo(t, pub, "updateAPIOperation", updateOperation, map[string]any{"id": price, "i": map[string]any{"authRequired": false}})
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": imported["id"]}); len(errs) > 0 {
		t.Fatalf("deployAPI: %+v", errs)
	}
	call := func(header, value string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, inst.gateway.URL+"/stockq/v1/", strings.NewReader("<soap:Envelope/>"))
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		if header != "" {
			req.Header.Set(header, value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for i := 0; ; i++ { // the gateway picks the deployment up asynchronously
		if code, _ := call("SOAPAction", `"http://example.com/GetLastTradePrice"`); code == http.StatusOK {
			break
		}
		if i == 300 {
			t.Fatal("the SOAP API never answered")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, tc := range []struct {
		name, header, value string
		want                int
		body                string
	}{
		{"SOAP 1.1 open action", "SOAPAction", `"http://example.com/GetLastTradePrice"`, http.StatusOK, "backend saw \"http://example.com/GetLastTradePrice\""},
		{"SOAP 1.2 open action", "Content-Type", `application/soap+xml; charset=utf-8; action="http://example.com/GetLastTradePrice"`, http.StatusOK, "backend saw application/soap+xml"},
		{"SOAP 1.1 secured action", "SOAPAction", "http://example.com/GetTradeHistory", http.StatusUnauthorized, ""},
		{"SOAP 1.2 secured action", "Content-Type", `application/soap+xml;action="http://example.com/GetTradeHistory"`, http.StatusUnauthorized, ""},
		{"unknown action", "SOAPAction", "http://example.com/Nope", http.StatusNotFound, "no operation for SOAPAction"},
		{"no action", "", "", http.StatusNotFound, "no operation for SOAPAction"},
	} {
		code, body := call(tc.header, tc.value)
		if code != tc.want || !strings.Contains(body, tc.body) {
			t.Errorf("%s: %d %s, want %d containing %q", tc.name, code, body, tc.want, tc.body)
		}
	}

	usda, err := os.ReadFile(filepath.Join(specsDir, "gowsdl__usda-awdb.wsdl"))
	if err != nil {
		t.Fatal(err)
	}
	got := mustDo(t, pub, "importAPI", importSOAP, map[string]any{"i": map[string]any{
		"source": map[string]any{"content": string(usda)}, "context": "usda", "version": "v1", "endpoint": backend.URL}})
	if ops := got["operations"].([]any); len(ops) != 1 || ops[0].(map[string]any)["soapAction"] != "" {
		t.Errorf("USDA resources: %v, want one without an action", ops)
	}
}
