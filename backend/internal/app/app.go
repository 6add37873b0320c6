// Package app wires the all-in-one `gatehouse serve`: configuration in,
// components built in dependency order, listeners out. Nothing here holds a
// rule; it only connects the packages that do.
package app

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/google/uuid"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/sync/errgroup"

	"github.com/gatehouse/gatehouse/backend/internal/analytics"
	"github.com/gatehouse/gatehouse/backend/internal/apis"
	"github.com/gatehouse/gatehouse/backend/internal/auth"
	"github.com/gatehouse/gatehouse/backend/internal/bootstrap"
	"github.com/gatehouse/gatehouse/backend/internal/bus"
	"github.com/gatehouse/gatehouse/backend/internal/federation"
	"github.com/gatehouse/gatehouse/backend/internal/gatewaysync"
	"github.com/gatehouse/gatehouse/backend/internal/graph"
	"github.com/gatehouse/gatehouse/backend/internal/httpapi"
	"github.com/gatehouse/gatehouse/backend/internal/keymanager"
	"github.com/gatehouse/gatehouse/backend/internal/keymanagers"
	"github.com/gatehouse/gatehouse/backend/internal/portal"
	"github.com/gatehouse/gatehouse/backend/internal/roles"
	"github.com/gatehouse/gatehouse/backend/internal/safehttp"
	"github.com/gatehouse/gatehouse/backend/internal/samples"
	"github.com/gatehouse/gatehouse/backend/internal/sealed"
	"github.com/gatehouse/gatehouse/backend/internal/servicecatalog"
	"github.com/gatehouse/gatehouse/backend/internal/signin"
	"github.com/gatehouse/gatehouse/backend/internal/store"
	"github.com/gatehouse/gatehouse/backend/internal/tenancy"
	"github.com/gatehouse/gatehouse/backend/internal/traffic"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/organization"
	"github.com/gatehouse/gatehouse/frontend"
	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

// App is a built all-in-one: every component wired, nothing listening yet.
type App struct {
	cfg   Config
	log   *slog.Logger
	store *store.Store
	bus   *bus.Bus
	auth  *auth.Service
	boot  *bootstrap.Result
	km    *keymanager.Server
	// keyManagers are the third-party key managers gateways trust.
	keyManagers *keymanagers.Service
	publicURL   string
	gatewayURL  string

	// Handler is the control plane's HTTP handler.
	Handler http.Handler
	// Gateway is the embedded data plane (nil with an empty --gateway-listen)
	// and GatewayHandler its HTTP handler.
	Gateway        *dataplane.Gateway
	GatewayHandler http.Handler
	syncer         *dataplane.Syncer
	emitter        *dataplane.NATSEmitter
	stopEmitter    context.CancelFunc
	ingestor       *analytics.Ingestor
	alerts         *analytics.Alerts
	started        bool
	closers        []func()
}

// New builds the all-in-one from cfg: database (migrated), bus, services,
// bootstrap data, HTTP handlers. Close releases what it opened.
func New(ctx context.Context, cfg Config, log *slog.Logger) (_ *App, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	// 0700 even when the directory exists: it holds the database, the
	// master key and credentials.
	if err := store.PrivateDir(cfg.DataDir); err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if a.store, err = store.Open(ctx, cfg.Database, cfg.DataDir); err != nil {
		return nil, err
	}
	if a.bus, err = bus.Open(ctx, bus.Options{URL: cfg.NATS, DataDir: cfg.DataDir, Listen: cfg.NATSListen, Names: config.BusNames{Prefix: cfg.NATSPrefix}, Log: log}); err != nil {
		return nil, err
	}
	token, err := gatewayToken(cfg)
	if err != nil {
		return nil, err
	}
	a.publicURL = cfg.PublicURL
	if a.publicURL == "" {
		a.publicURL = localURL(scheme(cfg), cfg.Listen, "localhost")
	}
	a.gatewayURL = cfg.GatewayURL
	if a.gatewayURL == "" && cfg.GatewayListen != "" {
		a.gatewayURL = localURL("http", cfg.GatewayListen, "localhost")
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	client := a.store.Client
	master, err := keymanager.LoadMasterKey(cfg.MasterKey, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	// Rows of releases that kept endpoint secrets in the clear are sealed
	// before anything reads them (idempotent).
	if err := sealed.SealStored(ctx, a.store.DB, a.store.Dialect, master); err != nil {
		return nil, err
	}
	// The Key Manager tells the sync service about revocations, and the sync
	// service asks the Key Manager for its keys: tokensChanged breaks the loop.
	var sync *gatewaysync.Service
	tokensChanged := tokensChangedFunc(func(ctx context.Context) { sync.TokensChanged(ctx) })
	a.auth = auth.NewService(client)
	km, err := keymanager.New(ctx, client, master, tokensChanged, log.With("component", "keymanager"), keymanager.Options{
		Issuer: a.publicURL, AccessTokenLifespan: cfg.TokenLifespan, Users: a.auth, Now: cfg.Now,
	})
	if err != nil {
		return nil, fmt.Errorf("key manager: %w", err)
	}
	a.km = km
	sync = gatewaysync.NewService(client, km, a.bus, a.bus.Conn, a.bus.Names, token, log)
	sync.WithSealer(master)
	allow, _ := safehttp.ParseAllowList(cfg.FetchAllowHosts) // validated
	apiService := apis.NewService(client, sync, log).WithMaxRevisions(cfg.MaxRevisions).WithSealer(master).
		WithFetchClient(safehttp.NewClient(safehttp.Options{Allow: allow}))
	a.keyManagers = keymanagers.NewService(client, apiService, log.With("component", "keymanagers"))
	a.keyManagers.Changed = sync.TokensChanged
	a.keyManagers.Sealer = master
	sync.WithExternalIssuers(a.keyManagers)
	sync.WithIntrospector(km)
	portalService := portal.NewService(client, apiService, km, sync, keymanager.NewSecret, keymanager.NewClientID, log).
		WithRevoker(bulkRevoker{km})
	if cfg.Now != nil {
		portalService.SetClock(cfg.Now)
	}
	catalog := servicecatalog.NewService(client, apiService, log)
	var geo *analytics.Geo
	if cfg.AnalyticsGeoIP != "" {
		if geo, err = analytics.LoadGeo(cfg.AnalyticsGeoIP); err != nil {
			return nil, err
		}
	}
	a.alerts = analytics.NewAlerts(a.store, analytics.NewWebhook(), log.With("component", "alerts"))
	fed := federation.NewService(client, master, a.auth, a.publicURL, log.With("component", "federation"))
	// The portal signs in through the Key Manager (signin: OIDC code +
	// PKCE, the control plane as the portal's client).
	kmRoutes := chi.NewRouter()
	km.Routes(kmRoutes)
	signIn := signin.New(signin.Options{
		Auth: a.auth, Issuer: a.publicURL,
		Origins:  portalOrigins(a.publicURL, localURL(scheme(cfg), cfg.Listen, "127.0.0.1"), localURL(scheme(cfg), cfg.Listen, "localhost")),
		Secret:   base64.RawURLEncoding.EncodeToString(master.Derive("portal-client-secret")),
		StateKey: master.Derive("portal-signin-state"), KeyManager: kmRoutes, Log: log.With("component", "signin"),
	})
	km.RegisterFirstParty(signIn.Client())
	km.SetLoginExtras(func(ctx context.Context) ([]keymanager.LoginProvider, bool, error) {
		buttons, err := fed.Buttons(ctx)
		if err != nil {
			return nil, false, err
		}
		out := make([]keymanager.LoginProvider, 0, len(buttons))
		for _, b := range buttons {
			out = append(out, keymanager.LoginProvider{Name: b.Name, URL: b.URL})
		}
		mode, err := portalService.SignUpMode(ctx)
		return out, err == nil && mode != organization.SignupModeDISABLED, err
	})
	resolver := graph.NewResolver(client, apiService, portalService, catalog, analytics.NewQueries(a.store), tenancy.New(client)).
		WithAlerts(a.alerts).WithTraffic(traffic.NewService(client, sync)).WithFederation(fed).WithKeyManagers(a.keyManagers).
		WithLimits(cfg.GraphQL).WithRoles(roles.NewService(client, roleRevoker{km}, sync))
	a.ingestor = analytics.NewIngestor(a.store, a.bus.JS, geo, log.With("component", "analytics"), reg)
	a.ingestor.Bus = a.bus.Names

	a.boot, err = bootstrap.Run(ctx, client, apiService, bootstrap.Options{
		DataDir: cfg.DataDir, GatewayURL: a.gatewayURL, Demo: cfg.Demo, DemoCatalogue: cfg.DemoCatalogue, HashSecret: km.HashSecret,
		SampleBaseURL: localURL("http", cfg.Listen, "127.0.0.1") + "/samples",
		PortalOrigins: portalOrigins(a.publicURL, localURL(scheme(cfg), cfg.Listen, "127.0.0.1"), localURL(scheme(cfg), cfg.Listen, "localhost")),
	})
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}

	extraSources, _ := parseOrigins(cfg.ConnectSources) // validated
	connect := &connectSourceCache{client: client, extra: extraSources}
	a.Handler = httpapi.NewRouter(httpapi.Deps{
		Log: log, Registry: reg, Auth: a.auth, GraphQL: graph.NewHandler(resolver), Sync: sync, KeyManager: km, Federation: fed, SignIn: signIn,
		ServiceCatalog: catalog.Handler(km, a.auth),
		Files:          apiService.FilesHandler(),
		Samples: map[string]http.Handler{
			"pizzashack": samples.NewPizzaShack().Handler(),
			"weather":    samples.Weather(),
			"pizzamenu":  samples.PizzaMenu(),
		},
		SPA:     frontend.Dist(),
		Cookies: cfg.cookiePolicy(),
		Headers: httpapi.HeaderOptions{
			HSTSMaxAge: cfg.HSTSMaxAge, ConnectSources: connect.get, KeyManager: a.publicURL,
		},
		Ready: func(ctx context.Context) error {
			if err := a.store.Ping(ctx); err != nil {
				return fmt.Errorf("database: %w", err)
			}
			if !a.bus.Healthy() {
				return errors.New("event bus disconnected")
			}
			return nil
		},
		AnalyticsIngest: a.ingestor.HTTPHandler(token),
		PublicURL:       a.publicURL,
	})

	if cfg.GatewayListen != "" {
		// The embedded gateway reads snapshots in process and events from
		// the bus: the same path a remote gateway with --nats takes.
		limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{
			RedisURL: cfg.Redis, RedisFailure: cfg.RedisFailure, Log: log.With("component", "gateway")})
		if err != nil {
			return nil, err
		}
		a.closers = append(a.closers, closeLimiter)
		a.Gateway = dataplane.New(log.With("component", "gateway"), reg, limiter)
		a.Gateway.ID = "embedded"
		a.Gateway.AnonymizeIP = cfg.AnalyticsAnonymizeIP
		a.Gateway.QuotaLocation, _ = dataplane.QuotaLocation(cfg.QuotaTimezone) // validated
		// The portals share the embedded gateway's host: their cookies
		// never go on to backends. The prefixes the operator names (or
		// dataplane.DefaultStripCookiePrefixes) plus whatever --cookie-prefix
		// makes of the control plane's own names, so renaming them cannot
		// reopen the leak.
		strip := dataplane.DefaultStripCookiePrefixes
		if cfg.GatewayStripCookiePrefix != "" {
			strip, _ = dataplane.ParseCookiePrefixes(cfg.GatewayStripCookiePrefix) // validated
		}
		strip = append(slices.Clone(strip), cfg.cookiePolicy().StripPrefixes()...)
		if err := a.Gateway.SetStripCookiePrefixes(strip); err != nil {
			return nil, err
		}
		if err := a.Gateway.SetHSTSMaxAge(cfg.GatewayHSTSMaxAge); err != nil {
			return nil, err
		}
		if err := a.Gateway.UseJWTKeyFile(cfg.GatewayJWTKey, cfg.DataDir); err != nil {
			return nil, fmt.Errorf("gateway JWT key: %w", err)
		}
		// Opaque tokens of the built-in key manager: asked in process.
		a.Gateway.UseIntrospection(dataplane.IntrospectionOptions{BuiltIn: km.Introspect, TTL: cfg.IntrospectionCacheTTL})
		if a.emitter, err = dataplane.NewNATSEmitter(a.bus.Conn, a.bus.Names, 100_000, log.With("component", "gateway"), reg); err != nil {
			return nil, err
		}
		a.Gateway.Emitter = a.emitter
		a.syncer = &dataplane.Syncer{
			Gateway: a.Gateway, Environment: gatewaysync.DefaultEnvironment,
			Snapshots: sync, Events: &dataplane.NATSEvents{Conn: a.bus.Conn, Names: a.bus.Names},
			Resync: 30 * time.Second,
		}
		a.GatewayHandler = a.Gateway.Handler(promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	}
	return a, nil
}

// StartSync starts the background work: the embedded gateway's sync loop
// and analytics emitter, and analytics ingestion. All of it but the
// emitter ends with ctx; the emitter runs until Close, so that calls still
// being answered while the servers shut down are recorded too.
func (a *App) StartSync(ctx context.Context) {
	a.started = true
	if a.syncer != nil {
		go a.syncer.Run(ctx)
	}
	if a.emitter != nil {
		ectx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		a.stopEmitter = cancel
		go a.emitter.Run(ectx)
	}
	go func() {
		if err := a.ingestor.Run(ctx); err != nil {
			a.log.Error("analytics ingestion stopped", "err", err)
		}
	}()
	purger := analytics.NewPurger(a.store.DB, a.store.Dialect, analytics.Retention{Raw: a.cfg.AnalyticsRetention}, a.log)
	go purger.Run(ctx, time.Hour)
	go a.alerts.Run(ctx, a.cfg.AlertInterval)
	go a.keyManagers.Refresh(ctx, 5*time.Minute)
}

// Close releases the bus and the database. The HTTP servers must have
// stopped, and the context given to StartSync ended, first.
func (a *App) Close() {
	if a.started {
		// The emitter flushes the last calls to the bus, and the ingestor
		// stores what it fetched; only then may the bus and the database
		// close. Whatever the ingestor did not fetch waits in the stream.
		if a.emitter != nil {
			a.stopEmitter()
			a.emitter.Wait()
		}
		a.ingestor.Wait()
	}
	for _, c := range a.closers {
		c()
	}
	if a.bus != nil {
		a.bus.Close()
	}
	if a.store != nil {
		_ = a.store.Close()
	}
}

// Serve builds the all-in-one and runs it until ctx ends, then shuts down
// gracefully. out receives the start banner.
func Serve(ctx context.Context, cfg Config, log *slog.Logger, out func(string)) error {
	a, err := New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	tlsConfig, err := loadTLS(ctx, cfg.TLSCert, cfg.TLSKey, log, false)
	if err != nil {
		return err
	}
	gwCert, gwKey := cfg.GatewayTLSCert, cfg.GatewayTLSKey
	if gwCert == "" {
		gwCert, gwKey = cfg.TLSCert, cfg.TLSKey
	}
	gatewayTLS, err := loadTLS(ctx, gwCert, gwKey, log, true)
	if err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	var servers []*http.Server
	listen := func(name, addr string, h http.Handler, tlsCfg *tls.Config) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		srv := newServer(h, log, tlsCfg)
		servers = append(servers, srv)
		g.Go(func() error {
			log.Info("listening", "server", name, "addr", ln.Addr().String(), "tls", tlsCfg != nil)
			var err error
			if tlsCfg != nil {
				err = srv.ServeTLS(ln, "", "")
			} else {
				err = srv.Serve(ln)
			}
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return fmt.Errorf("%s: %w", name, err)
		})
		return nil
	}
	if err := listen("control-plane", cfg.Listen, a.Handler, tlsConfig); err != nil {
		return err
	}
	a.StartSync(ctx)
	if a.GatewayHandler != nil {
		if err := listen("gateway", cfg.GatewayListen, a.GatewayHandler, nil); err != nil {
			return err
		}
		if gatewayTLS != nil && cfg.GatewayTLS != "" {
			if err := listen("gateway-tls", cfg.GatewayTLS, a.GatewayHandler, gatewayTLS); err != nil {
				return err
			}
		}
	}
	g.Go(func() error { purgeSessions(ctx, a.auth, a.km, log); return nil })
	g.Go(func() error { rotateKeys(ctx, a.km, log); return nil })

	out(banner(cfg, a.publicURL, a.gatewayURL, a.boot))

	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	for _, s := range servers {
		_ = s.Shutdown(shutdownCtx)
	}
	return g.Wait()
}

func newServer(h http.Handler, log *slog.Logger, tlsCfg *tls.Config) *http.Server {
	srv := dataplane.NewServer(h, log, tlsCfg)
	srv.ReadTimeout = 60 * time.Second
	return srv
}

// loadTLS is the HTTPS configuration for a certificate and key (nil when
// certFile is empty), reloaded from the files while ctx lasts. The
// gateway's asks for client certificates, for APIs with mutual TLS.
func loadTLS(ctx context.Context, certFile, keyFile string, log *slog.Logger, gateway bool) (*tls.Config, error) {
	if certFile == "" {
		return nil, nil
	}
	certs, err := dataplane.NewCertReloader(certFile, keyFile, log)
	if err != nil {
		return nil, err
	}
	go certs.Run(ctx, dataplane.CertReloadInterval)
	if gateway {
		return dataplane.TLSConfig(certs), nil
	}
	return &tls.Config{GetCertificate: certs.GetCertificate, MinVersion: tls.VersionTLS12}, nil
}

func scheme(cfg Config) string {
	if cfg.TLSCert != "" {
		return "https"
	}
	return "http"
}

// gatewayToken returns the configured token, or the one generated into the
// data directory on first start.
func gatewayToken(cfg Config) (string, error) {
	if cfg.GatewayToken != "" {
		return cfg.GatewayToken, nil
	}
	path := filepath.Join(cfg.DataDir, "gateway-token")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 { // #nosec G304 -- a fixed name in the operator's --data-dir
		return strings.TrimSpace(string(b)), nil
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	token := hex.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write gateway token: %w", err)
	}
	return token, nil
}

// rotateKeys steps signing key rotation every minute, so a new key is
// published well before it signs and every replica follows.
func rotateKeys(ctx context.Context, km *keymanager.Server, log *slog.Logger) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if err := km.RotateKeys(ctx, now); err != nil {
				log.Warn("rotate signing keys", "err", err)
			}
		}
	}
}

func purgeSessions(ctx context.Context, a *auth.Service, km *keymanager.Server, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := a.PurgeExpired(ctx); err != nil {
				log.Warn("purge sessions", "err", err)
			} else if n > 0 {
				log.Info("purged expired sessions", "count", n)
			}
			if n, err := km.PurgeExpired(ctx); err != nil {
				log.Warn("purge OAuth grant state", "err", err)
			} else if n > 0 {
				log.Info("purged expired OAuth grant state", "count", n)
			}
		}
	}
}

func banner(cfg Config, publicURL, gatewayURL string, boot *bootstrap.Result) string {
	var sb strings.Builder
	sb.WriteString("\nGatehouse is running.\n")
	fmt.Fprintf(&sb, "  Portals:      %s/publisher  %s/devportal  %s/catalog  %s/admin\n", publicURL, publicURL, publicURL, publicURL)
	fmt.Fprintf(&sb, "  GraphQL:      %s/graphql\n", publicURL)
	if gatewayURL != "" {
		fmt.Fprintf(&sb, "  Gateway:      %s\n", gatewayURL)
	}
	fmt.Fprintf(&sb, "  Data dir:     %s\n", cfg.DataDir)
	if boot.CredentialsFile != "" {
		if b, err := os.ReadFile(boot.CredentialsFile); err == nil {
			fmt.Fprintf(&sb, "  Sign-in details (%s):\n%s", boot.CredentialsFile, indent(string(b), "    "))
		}
	}
	if cfg.Demo && gatewayURL != "" {
		fmt.Fprintf(&sb, "  Try:          curl -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials %s/oauth2/token\n", publicURL)
		fmt.Fprintf(&sb, "                curl -H \"Authorization: Bearer ACCESS_TOKEN\" %s/pizzashack/1.0.0/menu\n", gatewayURL)
	}
	return sb.String()
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}

// CookiePrefixes are the name prefixes of every cookie the control plane
// sets (plain, __Host- and __Secure- forms of --cookie-prefix): a gateway
// sharing the portals' host strips cookies with these names before it
// proxies a call.
func (a *App) CookiePrefixes() []string { return a.cfg.cookiePolicy().StripPrefixes() }

// Client exposes the database client, for tests that set up data directly.
func Client(a *App) *ent.Client { return a.store.Client }

// HashClientSecret is the Key Manager's stored form of secret, for tests
// that create keys directly.
func HashClientSecret(a *App, secret string) string { return a.km.HashSecret(secret) }

type tokensChangedFunc func(context.Context)

func (f tokensChangedFunc) TokensChanged(ctx context.Context) { f(ctx) }

// Introspect is the Key Manager's introspection as gateways use it, for
// benchmarks.
func Introspect(a *App, ctx context.Context, token string) (map[string]any, error) {
	return a.km.Introspect(ctx, token)
}

// roleRevoker is the Key Manager's revocation of a user's tokens as the
// roles service sees it.
type roleRevoker struct{ km *keymanager.Server }

func (b roleRevoker) RevokeUserTokens(ctx context.Context, userID uuid.UUID, reason string) error {
	_, err := b.km.RevokeUserTokens(ctx, userID, reason)
	return err
}

// bulkRevoker is the Key Manager's bulk revocation as the portal sees it.
type bulkRevoker struct{ km *keymanager.Server }

func (b bulkRevoker) RevokeApplicationTokens(ctx context.Context, appID uuid.UUID, keyType, reason string) (*portal.TokenRevocation, error) {
	r, err := b.km.RevokeApplicationTokens(ctx, appID, keyType, reason)
	if err != nil {
		return nil, err
	}
	return &portal.TokenRevocation{RevokedBefore: r.RevokedBefore.Unix(), Grants: r.Grants}, nil
}

func (b bulkRevoker) RevokeUserTokens(ctx context.Context, userID uuid.UUID, reason string) (*portal.TokenRevocation, error) {
	r, err := b.km.RevokeUserTokens(ctx, userID, reason)
	if err != nil {
		return nil, err
	}
	return &portal.TokenRevocation{RevokedBefore: r.RevokedBefore.Unix(), Grants: r.Grants}, nil
}
