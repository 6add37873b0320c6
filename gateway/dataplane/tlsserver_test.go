package dataplane

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/ratelimit"
)

// testCert is a certificate with its key, as PEM and ready for crypto/tls.
type testCert struct {
	cert            *x509.Certificate
	key             *ecdsa.PrivateKey
	certPEM, keyPEM []byte
	pair            tls.Certificate
}

var serial atomic.Int64

// issue makes a certificate for cn signed by parent (nil: self-signed).
// ca marks a CA; usage is the leaf's extended key usage.
func issue(t testing.TB, cn string, parent *testCert, ca bool, usage ...x509.ExtKeyUsage) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial.Add(1)), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: usage,
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	if ca {
		tmpl.IsCA, tmpl.BasicConstraintsValid, tmpl.KeyUsage = true, true, x509.KeyUsageCertSign|x509.KeyUsageDigitalSignature
		tmpl.DNSNames, tmpl.IPAddresses = nil, nil
	}
	signerCert, signerKey := tmpl, key
	if parent != nil {
		signerCert, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	c := &testCert{key: key}
	c.cert, _ = x509.ParseCertificate(der)
	c.certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	c.keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})
	if c.pair, err = tls.X509KeyPair(c.certPEM, c.keyPEM); err != nil {
		t.Fatal(err)
	}
	return c
}

// tlsGateway serves h over HTTPS with the gateway's TLS settings, on a
// certificate issued by ca; it returns the address and the reloader.
func tlsGateway(t *testing.T, h http.Handler, ca *testCert, cn string) (string, *CertReloader, string) {
	t.Helper()
	dir := t.TempDir()
	server := issue(t, cn, ca, false, x509.ExtKeyUsageServerAuth)
	certFile, keyFile := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	writeFiles(t, certFile, server.certPEM, keyFile, server.keyPEM)
	certs, err := NewCertReloader(certFile, keyFile, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(h, quietLog(), TLSConfig(certs))
	go func() { _ = srv.ServeTLS(ln, "", "") }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String(), certs, dir
}

func writeFiles(t *testing.T, kv ...any) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		if err := os.WriteFile(kv[i].(string), kv[i+1].([]byte), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// client trusts the given CAs and presents cert (nil: none).
func client(cas []*testCert, cert *testCert) *http.Client {
	pool := x509.NewCertPool()
	for _, c := range cas {
		pool.AddCert(c.cert)
	}
	cfg := &tls.Config{RootCAs: pool}
	if cert != nil {
		cfg.Certificates = []tls.Certificate{cert.pair}
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg, DisableKeepAlives: true}}
}

func TestCertReload(t *testing.T) {
	ca := issue(t, "Test CA", nil, true)
	addr, certs, dir := tlsGateway(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), ca, "first")
	servedCN := func() string {
		t.Helper()
		conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: poolOf(ca), ServerName: "localhost"})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		return conn.ConnectionState().PeerCertificates[0].Subject.CommonName
	}
	if cn := servedCN(); cn != "first" {
		t.Fatalf("served %q", cn)
	}
	steps := []struct {
		name        string
		write       func()
		wantChanged bool
		wantErr     bool
		wantCN      string
	}{
		{"unchanged files", func() {}, false, false, "first"},
		{"renewed certificate", func() {
			next := issue(t, "second", ca, false, x509.ExtKeyUsageServerAuth)
			writeFiles(t, filepath.Join(dir, "tls.crt"), next.certPEM, filepath.Join(dir, "tls.key"), next.keyPEM)
		}, true, false, "second"},
		{"half-written renewal keeps the old one", func() {
			next := issue(t, "third", ca, false, x509.ExtKeyUsageServerAuth)
			writeFiles(t, filepath.Join(dir, "tls.crt"), next.certPEM) // the key not yet
		}, false, true, "second"},
	}
	for _, st := range steps {
		st.write()
		changed, err := certs.Reload()
		if changed != st.wantChanged || (err != nil) != st.wantErr {
			t.Errorf("%s: changed %v, err %v", st.name, changed, err)
		}
		if cn := servedCN(); cn != st.wantCN {
			t.Errorf("%s: served %q, want %q", st.name, cn, st.wantCN)
		}
	}

	// Run notices a change by itself.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go certs.Run(ctx, 5*time.Millisecond)
	last := issue(t, "fourth", ca, false, x509.ExtKeyUsageServerAuth)
	writeFiles(t, filepath.Join(dir, "tls.crt"), last.certPEM, filepath.Join(dir, "tls.key"), last.keyPEM)
	waitFor(t, "the reloaded certificate", func() bool { return servedCN() == "fourth" })
}

func poolOf(cs ...*testCert) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range cs {
		p.AddCert(c.cert)
	}
	return p
}

func TestMutualTLS(t *testing.T) {
	serverCA := issue(t, "Server CA", nil, true)
	clientCA := issue(t, "Client CA", nil, true)
	otherCA := issue(t, "Other CA", nil, true)
	trusted := issue(t, "partner-a", clientCA, false, x509.ExtKeyUsageClientAuth)
	untrusted := issue(t, "stranger", otherCA, false, x509.ExtKeyUsageClientAuth)
	selfSigned := issue(t, "self", nil, false, x509.ExtKeyUsageClientAuth)
	serverOnly := issue(t, "wrong-usage", clientCA, false, x509.ExtKeyUsageServerAuth)

	type call struct {
		cert       *testCert
		token      bool
		wantStatus int
	}
	tests := []struct {
		name  string
		mtls  config.MutualTLS
		jwtOn bool
		calls []call
	}{
		{"certificate and token both mandatory", config.MutualTLS{ClientCert: "MANDATORY", OAuth2: "MANDATORY", TrustedCAs: string(clientCA.certPEM)}, false, []call{
			{trusted, true, 200}, {trusted, false, 401}, {nil, true, 401}, {untrusted, true, 401}, {serverOnly, true, 401},
		}},
		{"certificate alone", config.MutualTLS{ClientCert: "MANDATORY", OAuth2: "OPTIONAL", TrustedCAs: string(clientCA.certPEM)}, true, []call{
			{trusted, false, 200}, {trusted, true, 200}, {nil, true, 401}, {untrusted, false, 401},
		}},
		{"token, certificate optional", config.MutualTLS{ClientCert: "OPTIONAL", OAuth2: "MANDATORY", TrustedCAs: string(clientCA.certPEM)}, false, []call{
			{nil, true, 200}, {trusted, true, 200}, {nil, false, 401}, {untrusted, true, 401},
		}},
		{"self-signed client certificate trusted as itself", config.MutualTLS{ClientCert: "MANDATORY", OAuth2: "OPTIONAL", TrustedCAs: string(selfSigned.certPEM)}, false, []call{
			{selfSigned, false, 200}, {trusted, false, 401},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(s *config.Snapshot) {
				m := tt.mtls
				s.APIs[0].MutualTLS = &m
				if tt.jwtOn {
					s.APIs[0].BackendJWT = &config.BackendJWT{Enabled: true}
				}
			}
			pg := newPolicyGateway(t, ratelimit.NewMemory(), 100, edit)
			addr, _, _ := tlsGateway(t, pg.g, serverCA, "localhost")
			for i, c := range tt.calls {
				req, _ := http.NewRequest("GET", "https://"+addr+"/shop/v1/data", nil)
				if c.token {
					req.Header.Set("Authorization", "Bearer "+pg.token)
				}
				resp, err := client([]*testCert{serverCA}, c.cert).Do(req)
				if err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != c.wantStatus {
					t.Errorf("call %d (cert %v, token %v): %d %s, want %d", i, c.cert != nil, c.token, resp.StatusCode, body, c.wantStatus)
				}
				if c.wantStatus == 401 && !strings.Contains(string(body), `"code"`) {
					t.Errorf("call %d: refusal %s is not the gateway's error JSON", i, body)
				}
				if c.wantStatus == 200 {
					h := <-pg.seen
					if tt.jwtOn && !c.token && h.Get("X-Jwt-Assertion") == "" {
						t.Errorf("call %d: a call let in by its certificate carried no backend JWT", i)
					}
				}
			}
			// The plain HTTP listener has no certificate to offer.
			if w := pg.call("/shop/v1/data", pg.token); tt.mtls.ClientCert == "MANDATORY" && w.Code != 401 {
				t.Errorf("over plain HTTP: %d, want 401", w.Code)
			}
			if n := metricValue(t, pg.reg, "gatehouse_gateway_auth_failures_total", "shop/v1", "Default", "401"); n == 0 {
				t.Error("refused certificates are not counted as auth failures")
			}
		})
	}
}

// TestGracefulShutdown: a call in flight when shutdown starts is answered
// in full; new connections are refused at once.
func TestGracefulShutdown(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	be := newSlowBackend(t, arrived, release)
	g := New(quietLog(), nil, ratelimit.NewMemory())
	if _, err := g.Apply(snapshotFor(be, "slow")); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(g.Handler(http.NotFoundHandler()), quietLog(), nil)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow/v1/work")
		if err != nil {
			done <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		done <- result{status: resp.StatusCode, body: string(b)}
	}()
	<-arrived // the call is at the backend

	shutdown := make(chan error, 1)
	go func() { shutdown <- srv.Shutdown(context.Background()) }()
	waitFor(t, "the listener to close", func() bool {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err == nil {
			c.Close()
			return false
		}
		return true
	})
	select {
	case err := <-shutdown:
		t.Fatalf("shutdown returned (%v) while a call was in flight", err)
	default:
	}
	close(release)
	r := <-done
	if r.err != nil || r.status != 200 || r.body != "GET /base/work finished" {
		t.Fatalf("in-flight call: %d %q %v, want 200 with the backend's answer", r.status, r.body, r.err)
	}
	if err := <-shutdown; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("serve: %v", err)
	}
}

// newSlowBackend answers only after release, telling arrived when a call
// comes in; it returns its URL with the base path /base.
func newSlowBackend(t *testing.T, arrived, release chan struct{}) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		fmt.Fprintf(w, "%s %s finished", r.Method, r.URL.Path)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String() + "/base"
}

// BenchmarkClientCertVerify is the per-call cost of an API's mutual TLS
// check (a chain of one CA).
func BenchmarkClientCertVerify(b *testing.B) {
	ca := issue(b, "CA", nil, true)
	leaf := issue(b, "client", ca, false, x509.ExtKeyUsageClientAuth)
	p, err := newClientCertPolicy(&config.MutualTLS{ClientCert: "MANDATORY", TrustedCAs: string(ca.certPEM)})
	if err != nil {
		b.Fatal(err)
	}
	cs := &tls.ConnectionState{PeerCertificates: []*x509.Certificate{leaf.cert}}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := p.verify(cs); !ok {
			b.Fatal("not trusted")
		}
	}
}
