package dataplane

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/internal/problem"
)

// clientCertPolicy is an API's mutual TLS setting, parsed once per
// snapshot.
type clientCertPolicy struct {
	pool           *x509.CertPool
	certMandatory  bool
	oauthMandatory bool
	// trusted remembers leaf certificates (by SHA-256) that chained to
	// pool, until the chain's first expiry: verifying a chain costs
	// signature checks (about 0.1 ms), and a client sends the same
	// certificate on every call. It lives as long as the snapshot.
	trusted *lru.Cache[[sha256.Size]byte, trustedLeaf]
}

type trustedLeaf struct {
	until   time.Time
	subject string
}

// maxTrustedLeaves bounds each API's cache of verified client certificates.
const maxTrustedLeaves = 10_000

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
	trusted, _ := lru.New[[sha256.Size]byte, trustedLeaf](maxTrustedLeaves) // only fails for size <= 0
	return &clientCertPolicy{pool: pool, certMandatory: n.ClientCert == config.SecurityMandatory,
		oauthMandatory: n.OAuth2 == config.SecurityMandatory, trusted: trusted}, nil
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
	now := time.Now()
	sum := sha256.Sum256(leaf.Raw)
	if t, ok := p.trusted.Get(sum); ok && now.Before(t.until) && now.After(leaf.NotBefore) {
		return t.subject, true
	}
	opts := x509.VerifyOptions{Roots: p.pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, CurrentTime: now}
	if len(cs.PeerCertificates) > 1 {
		opts.Intermediates = x509.NewCertPool()
		for _, c := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
	}
	chains, err := leaf.Verify(opts)
	if err != nil {
		return leaf.Subject.String(), false
	}
	// Trusted until a certificate of the chain found expires (any chain
	// will do: each proves the leaf).
	until := leaf.NotAfter
	for _, c := range chains[0] {
		if c.NotAfter.Before(until) {
			until = c.NotAfter
		}
	}
	subject = leaf.Subject.String()
	p.trusted.Add(sum, trustedLeaf{until: until, subject: subject})
	return subject, true
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
