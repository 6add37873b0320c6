// Command gatehouse-gateway is a standalone Gatehouse data plane. It holds
// no database: it pulls its environment's snapshot from the control plane,
// follows change events (the control plane's event stream, or NATS with
// --nats), and keeps serving from a disk copy of the last snapshot when the
// control plane is away.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	gwconfig "github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
	"github.com/gatehouse/gatehouse/internal/flagenv"
	"github.com/gatehouse/gatehouse/internal/logx"
)

type config struct {
	controlPlane                     string
	token                            string
	environment                      string
	listen                           string
	tlsListen                        string
	tlsCert                          string
	tlsKey                           string
	jwtKey                           string
	natsURL                          string
	natsPrefix                       string
	redisURL                         string
	redisFailure                     string
	redisTimeout                     time.Duration
	quotaTZ                          string
	dataDir                          string
	logLevel                         string
	anonymizeIP                      bool
	stripCookies                     string
	hstsMaxAge                       int
	introspectTTL, introspectTimeout time.Duration
}

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gatehouse-gateway:", err)
		}
		os.Exit(2)
	}
}

func run(args []string, getenv func(string) string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("gatehouse-gateway", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.controlPlane, "control-plane", "", "control plane URL, e.g. http://cp.internal:9080 (required)")
	fs.StringVar(&c.token, "gateway-token", "", "token the control plane expects from gateways (its --data-dir/gateway-token)")
	fs.StringVar(&c.environment, "environment", "Default", "gateway environment to serve")
	fs.StringVar(&c.listen, "listen", ":8280", "HTTP address for API traffic, /healthz, /readyz and /metrics")
	fs.StringVar(&c.tlsListen, "tls-listen", ":8243", "HTTPS address, used when --tls-cert is set")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "PEM certificate for HTTPS; reloaded when the file changes")
	fs.StringVar(&c.tlsKey, "tls-key", "", "PEM private key for --tls-cert")
	fs.StringVar(&c.jwtKey, "jwt-key", "", "PEM ECDSA P-256 key signing the JWTs sent to backends (default --data-dir/gateway-jwt.pem, created when missing); give gateways behind one load balancer the same file")
	fs.StringVar(&c.natsPrefix, "nats-prefix", gwconfig.DefaultBusPrefix, "the control plane's --nats-prefix: start of the NATS stream and subject names of the installation this gateway belongs to")
	fs.StringVar(&c.natsURL, "nats", "", "read change events from, and send analytics to, this NATS (nats://host:4222); without it the gateway follows the control plane's event stream and posts analytics to the control plane")
	fs.StringVar(&c.redisURL, "redis", "", "share rate-limit counters with other gateways in this Redis (redis://host:6379/0); in memory when empty")
	fs.StringVar(&c.redisFailure, "redis-failure", "open", "when --redis is unreachable: open (enforce quotas with this gateway's own counters) or closed (throttled APIs answer 503)")
	fs.DurationVar(&c.redisTimeout, "redis-timeout", dataplane.DefaultRedisTimeout, "how long a throttled call waits for --redis before --redis-failure decides it (Redis is then left alone for a backoff period)")
	fs.StringVar(&c.quotaTZ, "quota-timezone", "UTC", "IANA time zone in which daily and monthly quotas reset (at local midnight, on the 1st); give every gateway sharing a Redis the same")
	fs.StringVar(&c.dataDir, "data-dir", "./gateway-data", "where the last snapshot is kept")
	fs.StringVar(&c.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.DurationVar(&c.introspectTTL, "introspection-cache-ttl", 30*time.Second, "how long an opaque token's active introspection answer is cached (never past the token's expiry)")
	fs.DurationVar(&c.introspectTimeout, "introspection-timeout", 2*time.Second, "time limit of one token introspection")
	fs.StringVar(&c.stripCookies, "strip-cookie-prefix", strings.Join(dataplane.DefaultStripCookiePrefixes, ","),
		"comma-separated name prefixes of the cookies removed before calling backends (the control plane's session and sign-in cookies; case-sensitive)")
	fs.IntVar(&c.hstsMaxAge, "hsts-max-age", dataplane.DefaultHSTSMaxAge,
		"max-age in seconds of the Strict-Transport-Security header on HTTPS answers (never on plain HTTP); 0 sends none")
	fs.BoolVar(&c.anonymizeIP, "analytics-anonymize-ip", false, "zero the last octet (IPv4) or last 80 bits (IPv6) of client IPs in analytics")
	if err := flagenv.Parse(fs, args, getenv); err != nil {
		return err
	}
	u, err := url.Parse(c.controlPlane)
	if c.controlPlane == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("--control-plane must be the control plane's http(s) URL")
	}
	if c.token == "" {
		return errors.New("--gateway-token is required")
	}
	if (c.tlsCert == "") != (c.tlsKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	quotaLoc, err := dataplane.QuotaLocation(c.quotaTZ)
	if err != nil {
		return err
	}
	stripCookies, err := dataplane.ParseCookiePrefixes(c.stripCookies)
	if err != nil {
		return fmt.Errorf("--strip-cookie-prefix: %w", err)
	}
	if c.hstsMaxAge < 0 {
		return errors.New("--hsts-max-age cannot be negative (0 sends no Strict-Transport-Security)")
	}
	if err := gwconfig.ValidateBusPrefix(c.natsPrefix); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	log := logx.New(stderr, "json", level)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{RedisURL: c.redisURL, RedisFailure: c.redisFailure, RedisTimeout: c.redisTimeout, Log: log})
	if err != nil {
		return err
	}
	defer closeLimiter()
	gw := dataplane.New(log, reg, limiter)
	gw.ID, _ = os.Hostname()
	gw.AnonymizeIP = c.anonymizeIP
	gw.QuotaLocation = quotaLoc
	if err := gw.SetStripCookiePrefixes(stripCookies); err != nil {
		return err
	}
	if err := gw.SetHSTSMaxAge(c.hstsMaxAge); err != nil {
		return err
	}
	if err := gw.UseJWTKeyFile(c.jwtKey, c.dataDir); err != nil {
		return fmt.Errorf("--jwt-key: %w", err)
	}
	// Opaque tokens of the built-in key manager are introspected through
	// the control plane's gateway API with the gateway token.
	gw.UseIntrospection(dataplane.IntrospectionOptions{
		BuiltIn: dataplane.RemoteIntrospector(&http.Client{Timeout: 10 * time.Second}, c.controlPlane, c.token),
		TTL:     c.introspectTTL, Timeout: c.introspectTimeout,
	})
	cp := &dataplane.ControlPlane{BaseURL: c.controlPlane, Token: c.token, Client: &http.Client{}}
	syncer := &dataplane.Syncer{
		Gateway: gw, Environment: c.environment, Snapshots: cp, Events: cp,
		Resync: 30 * time.Second, CacheFile: filepath.Join(c.dataDir, "snapshot-"+c.environment+".json"),
	}
	if c.natsURL != "" {
		nc, err := nats.Connect(c.natsURL, dataplane.NATSOptions()...)
		if err != nil {
			return fmt.Errorf("connect to NATS: %w", err)
		}
		defer nc.Close()
		names := gwconfig.BusNames{Prefix: c.natsPrefix}
		syncer.Events = &dataplane.NATSEvents{Conn: nc, Names: names}
		emitter, err := dataplane.NewNATSEmitter(nc, names, 100_000, log, reg)
		if err != nil {
			return err
		}
		gw.Emitter = emitter
		// The emitter outlives the servers' shutdown, so calls answered
		// while draining are recorded; it flushes before NATS closes.
		ectx, stopEmitter := context.WithCancel(context.Background())
		go emitter.Run(ectx)
		defer func() { stopEmitter(); emitter.Wait() }()
	} else {
		// Without a bus, analytics go to the control plane over HTTP.
		emitter := dataplane.NewHTTPEmitter(cp, 100_000, log, reg)
		gw.Emitter = emitter
		ectx, stopEmitter := context.WithCancel(context.Background())
		go emitter.Run(ectx)
		defer func() { stopEmitter(); emitter.Wait() }()
	}
	go syncer.Run(ctx)

	handler := gw.Handler(promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	errc := make(chan error, 2)
	var servers []*http.Server
	serve := func(addr string, tlsCfg *tls.Config) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		srv := dataplane.NewServer(handler, log, tlsCfg)
		servers = append(servers, srv)
		log.Info("gateway listening", "addr", ln.Addr().String(), "tls", tlsCfg != nil, "environment", c.environment)
		go func() {
			if tlsCfg != nil {
				errc <- srv.ServeTLS(ln, "", "")
			} else {
				errc <- srv.Serve(ln)
			}
		}()
		return nil
	}
	if err := serve(c.listen, nil); err != nil {
		return err
	}
	if c.tlsCert != "" {
		certs, err := dataplane.NewCertReloader(c.tlsCert, c.tlsKey, log)
		if err != nil {
			return err
		}
		go certs.Run(ctx, dataplane.CertReloadInterval)
		if err := serve(c.tlsListen, dataplane.TLSConfig(certs)); err != nil {
			return err
		}
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for _, s := range servers {
		_ = s.Shutdown(shutdown)
	}
	return nil
}
