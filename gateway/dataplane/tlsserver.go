package dataplane

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// CertReloader serves a PEM certificate and key from files and picks up
// new ones without a restart (a renewed certificate, a rotated Kubernetes
// secret): Reload, called by Run every interval, reads both files and
// swaps the certificate in when they changed. A pair that does not load
// is logged and the previous certificate kept, so a half-written renewal
// never takes the listener down.
type CertReloader struct {
	certFile, keyFile string
	log               *slog.Logger
	cert              atomic.Pointer[tls.Certificate]

	mu                sync.Mutex // serializes Reload
	lastCert, lastKey []byte
}

// NewCertReloader loads the pair once; it fails when that first load does.
func NewCertReloader(certFile, keyFile string, log *slog.Logger) (*CertReloader, error) {
	c := &CertReloader{certFile: certFile, keyFile: keyFile, log: log}
	if _, err := c.Reload(); err != nil {
		return nil, err
	}
	return c, nil
}

// Reload reads the files and swaps the certificate in when they changed;
// it reports whether it did.
func (c *CertReloader) Reload() (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	certPEM, err := os.ReadFile(c.certFile)
	if err != nil {
		return false, fmt.Errorf("read TLS certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(c.keyFile)
	if err != nil {
		return false, fmt.Errorf("read TLS key: %w", err)
	}
	if bytes.Equal(certPEM, c.lastCert) && bytes.Equal(keyPEM, c.lastKey) {
		return false, nil
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return false, fmt.Errorf("load TLS certificate %s: %w", c.certFile, err)
	}
	c.cert.Store(&cert)
	c.lastCert, c.lastKey = certPEM, keyPEM
	return true, nil
}

// GetCertificate is the tls.Config hook.
func (c *CertReloader) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	return c.cert.Load(), nil
}

// Run checks the files every interval until ctx ends.
func (c *CertReloader) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			switch changed, err := c.Reload(); {
			case err != nil:
				c.log.Warn("TLS certificate not reloaded; the previous one stays in use", "err", err)
			case changed:
				c.log.Info("TLS certificate reloaded", "cert", c.certFile)
			}
		}
	}
}

// CertReloadInterval is how often listeners look for a new certificate.
const CertReloadInterval = 10 * time.Second

// TLSConfig is the gateway's HTTPS listener configuration. It requests,
// but does not require or verify, a client certificate: each API that
// asks for mutual TLS checks it against its own trusted certificates
// (authenticateCall), and other APIs ignore it.
func TLSConfig(certs *CertReloader) *tls.Config {
	return &tls.Config{
		GetCertificate: certs.GetCertificate,
		ClientAuth:     tls.RequestClientCert,
		MinVersion:     tls.VersionTLS12,
	}
}

// NewServer is the http.Server the gateway binaries serve API traffic
// with. Shutdown on it stops accepting at once and lets calls in flight
// finish (slow backends included, up to the caller's deadline).
func NewServer(h http.Handler, log *slog.Logger, tlsCfg *tls.Config) *http.Server {
	return &http.Server{
		Handler:           h,
		TLSConfig:         tlsCfg,
		ReadHeaderTimeout: 10 * time.Second,
		// No WriteTimeout: event streams and slow backends are bounded by
		// their own deadlines instead.
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: 1 << 20,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// DefaultHSTSMaxAge is the max-age (one year, in seconds) of the
// Strict-Transport-Security header on the gateway's HTTPS answers.
const DefaultHSTSMaxAge = 31536000

const hstsHeader = "Strict-Transport-Security"

// SetHSTSMaxAge sets the max-age of the Strict-Transport-Security header
// the gateway puts on every answer it gives over HTTPS (never over plain
// HTTP, where browsers ignore it); 0 sends none. Without includeSubDomains:
// the gateway cannot know what else runs under its domain. Call it before
// serving.
func (g *Gateway) SetHSTSMaxAge(seconds int) error {
	switch {
	case seconds < 0:
		return fmt.Errorf("the HSTS max-age cannot be negative (0 sends no Strict-Transport-Security)")
	case seconds == 0:
		g.hsts = nil
	default:
		g.hsts = []string{"max-age=" + strconv.Itoa(seconds)}
	}
	return nil
}
