package dataplane

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// clientCertPolicy is an API's mutual TLS setting, parsed once per
// snapshot.
type clientCertPolicy struct {
	pool           *x509.CertPool
	certMandatory  bool
	oauthMandatory bool
}

func newClientCertPolicy(m *config.MutualTLS) (*clientCertPolicy, error) {
	n, err := m.Validate()
	if err != nil {
		return nil, err
	}
	certs, err := config.ParseTrustedCAs(n.TrustedCAs)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	return &clientCertPolicy{pool: pool, certMandatory: n.ClientCert == config.SecurityMandatory,
		oauthMandatory: n.OAuth2 == config.SecurityMandatory}, nil
}

// verify checks the client certificate the TLS handshake received (the
// listener requests one but leaves judging it to each API). It returns
// the certificate's subject, "" when none was presented, and whether the
// certificate chains to one the API trusts.
func (p *clientCertPolicy) verify(cs *tls.ConnectionState) (subject string, trusted bool) {
	if cs == nil || len(cs.PeerCertificates) == 0 {
		return "", false
	}
	leaf := cs.PeerCertificates[0]
	opts := x509.VerifyOptions{Roots: p.pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	if len(cs.PeerCertificates) > 1 {
		opts.Intermediates = x509.NewCertPool()
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
	}
	_, err := leaf.Verify(opts)
	return leaf.Subject.String(), err == nil
}

// authenticateCall is the authentication step: the API's client
// certificate check (mutual TLS), then its token or API key as the API's
// modes say. It reports whether the call goes on and whether a token or
// API key was checked (then the principal's deny policies and quotas
// apply; a call let in by its certificate alone has no subscription to
// count against).
func (g *Gateway) authenticateCall(w http.ResponseWriter, r *http.Request, c *call) (ok, tokenChecked bool) {
	mt := c.route.mtls
	if mt == nil {
		return g.authenticate(w, r, c), true
	}
	subject, trusted := mt.verify(r.TLS)
	switch {
	case subject != "" && !trusted:
		g.refuseCert(w, c, "the client certificate is not trusted by this API")
		return false, false
	case subject == "" && mt.certMandatory:
		g.refuseCert(w, c, "this API requires a client certificate (mutual TLS over HTTPS)")
		return false, false
	}
	c.certSubject = subject
	if !mt.oauthMandatory && !hasCredentials(r) {
		return true, false // the certificate alone is enough
	}
	return g.authenticate(w, r, c), true
}

func (g *Gateway) refuseCert(w http.ResponseWriter, c *call, detail string) {
	c.errType = config.ErrorAuth
	c.route.metrics.unauthorized.Inc()
	problem.Write(w, http.StatusUnauthorized, "Unauthorized", detail)
}

// hasCredentials reports whether the call sends a token or an API key.
func hasCredentials(r *http.Request) bool {
	return r.Header.Get("Authorization") != "" || r.Header.Get("Apikey") != ""
}
