package app_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/app"
)

type pki struct {
	cert    *x509.Certificate
	key     *ecdsa.PrivateKey
	certPEM []byte
	keyPEM  []byte
}

// newCert issues a certificate for cn from parent (nil: self-signed CA).
func newCert(t *testing.T, cn string, parent *pki, usage x509.ExtKeyUsage) *pki {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	signer, signerKey := tmpl, key
	if parent == nil {
		tmpl.IsCA, tmpl.BasicConstraintsValid, tmpl.KeyUsage = true, true, x509.KeyUsageCertSign
	} else {
		signer, signerKey = parent.cert, parent.key
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{usage}
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1)}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	p := &pki{key: key}
	p.cert, _ = x509.ParseCertificate(der)
	p.certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	p.keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})
	return p
}

func freeLoopback(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestStandaloneGatewayTLS runs gatehouse-gateway with an HTTPS listener:
// an API requiring a client certificate (alone) lets in a caller with a
// certificate of its trusted CA and sends the backend a JWT about it,
// refuses one without; then SIGTERM while a slow call is in flight: the
// listener closes at once, the call still gets its 200, and the process
// exits cleanly.
func TestStandaloneGatewayTLS(t *testing.T) {
	dir := t.TempDir()
	inst := startWith(t, app.Config{DataDir: dir})
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	be := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/order/slow" {
			arrived <- struct{}{}
			<-release
		}
		w.Write([]byte(r.Header.Get("X-JWT-Assertion")))
	}))
	t.Cleanup(be.Close)

	ca, clientCA := newCert(t, "Server CA", nil, 0), newCert(t, "Partner CA", nil, 0)
	server := newCert(t, "gateway", ca, x509.ExtKeyUsageServerAuth)
	partner := newCert(t, "partner", clientCA, x509.ExtKeyUsageClientAuth)
	certFile, keyFile := filepath.Join(dir, "gw.crt"), filepath.Join(dir, "gw.key")
	for f, b := range map[string][]byte{certFile: server.certPEM, keyFile: server.keyPEM} {
		if err := os.WriteFile(f, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	data, errs := pub.do(t, `{ apis(first: 1, where: {context: "pizzashack"}) { edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := data["apis"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
	for _, step := range []struct {
		q    string
		vars map[string]any
	}{
		{`mutation($id: ID!, $e: String!) { updateAPI(id: $id, input: {endpoint: $e}) { id } }`, map[string]any{"id": id, "e": be.URL}},
		{updateSecurity, map[string]any{"id": id, "i": map[string]any{
			"mutualTLS":  map[string]any{"clientCert": "MANDATORY", "oauth2": "OPTIONAL", "trustedCAs": string(clientCA.certPEM)},
			"backendJWT": map[string]any{"enabled": true}}}},
		{deployAPI, map[string]any{"id": id}},
	} {
		if _, errs := pub.do(t, step.q, step.vars); len(errs) > 0 {
			t.Fatalf("%s: %+v", step.q, errs)
		}
	}

	tlsAddr := freeLoopback(t)
	gw := startGateway(t, inst.cp.URL, gatewayToken(t, dir), t.TempDir(), "--tls-cert", certFile, "--tls-key", keyFile, "--tls-listen", tlsAddr)
	roots := x509.NewCertPool()
	roots.AddCert(ca.cert)
	pair, err := tls.X509KeyPair(partner.certPEM, partner.keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	withCert := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: []tls.Certificate{pair}}}}
	withoutCert := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	base := "https://" + tlsAddr + "/pizzashack/1.0.0"

	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := withCert.Get(base + "/menu")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && len(b) > 0 {
				break // the backend JWT came through
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the HTTPS gateway never let the partner's certificate in (last: %v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := withoutCert.Get(base + "/menu")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no client certificate: %d, want 401", resp.StatusCode)
	}
	if resp, err := http.Get(gw.url + "/.well-known/gateway-jwks.json"); err != nil || resp.StatusCode != 200 {
		t.Errorf("JWKS on the gateway: %v %v", statusOf(resp), err)
	} else {
		resp.Body.Close()
	}

	// Graceful shutdown.
	type result struct {
		status int
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := withCert.Get(base + "/order/slow")
		if err != nil {
			done <- result{err: err}
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		done <- result{status: resp.StatusCode}
	}()
	<-arrived
	if err := gw.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", tlsAddr)
		if err != nil {
			break // new connections are refused
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the HTTPS listener kept accepting after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(release)
	if r := <-done; r.err != nil || r.status != http.StatusOK {
		t.Errorf("the call in flight at SIGTERM: %d %v, want 200", r.status, r.err)
	}
	if err := gw.cmd.Wait(); err != nil {
		t.Errorf("gatehouse-gateway exited with %v", err)
	}
}
