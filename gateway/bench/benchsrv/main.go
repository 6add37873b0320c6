// Command benchsrv runs one server of the gateway benchmark (run.sh): the
// 1 KiB JSON backend, a plain httputil.ReverseProxy, or the Gatehouse
// gateway with or without its policy chain. Every server listens on
// loopback only and stops on SIGTERM or after -max-run.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/gatehouse/gatehouse/gateway/config"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

func main() {
	mode := flag.String("mode", "backend", "backend, httputil, gateway or gateway-full")
	listen := flag.String("listen", "127.0.0.1:0", "listen address (loopback)")
	target := flag.String("target", "", "backend URL for the proxies")
	redisURL := flag.String("redis", "", "gateway-full: Redis for the rate-limit counters")
	tokenFile := flag.String("token-file", "", "gateway-full: write the bearer token here")
	maxRun := flag.Duration("max-run", 10*time.Minute, "stop by itself after this long")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile here until the server stops")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *maxRun)
	defer cancel()

	var h http.Handler
	switch *mode {
	case "backend":
		h = backend()
	case "httputil":
		u, err := url.Parse(*target)
		if err != nil {
			log.Fatal(err)
		}
		// As plain as it comes: the default Transport and nothing tuned.
		h = httputil.NewSingleHostReverseProxy(u)
	case "gateway", "gateway-full":
		var err error
		h, err = gateway(ctx, *mode == "gateway-full", *target, *redisURL, *tokenFile)
		if err != nil {
			log.Fatal(err)
		}
	default:
		log.Fatalf("unknown -mode %q", *mode)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	if !ln.Addr().(*net.TCPAddr).IP.IsLoopback() {
		log.Fatal("benchsrv listens on loopback only")
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second,
		ErrorLog: log.New(io.Discard, "", 0)}
	go func() {
		<-ctx.Done()
		sctx, c := context.WithTimeout(context.Background(), 2*time.Second)
		defer c()
		_ = srv.Shutdown(sctx)
	}()
	fmt.Println(ln.Addr().String()) // run.sh reads the address
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		log.Print(err)
	}
}

// backend answers every request with the same 1 KiB JSON document.
func backend() http.Handler {
	type item struct {
		ID    int    `json:"id"`
		Name  string `json:"name"`
		Price string `json:"price"`
	}
	var items []item
	for i := 0; i < 20; i++ {
		items = append(items, item{ID: i, Name: fmt.Sprintf("Pizza number %d", i), Price: "12.50"})
	}
	// Padding in a string field makes the document exactly 1 KiB and valid.
	body, _ := json.Marshal(map[string]any{"items": items, "pad": ""})
	body, _ = json.Marshal(map[string]any{"items": items, "pad": strings.Repeat("x", max(0, 1024-len(body)))})
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		_, _ = w.Write(body)
	})
}

// gateway runs the Gatehouse data plane on a one-API snapshot. With full
// on, the resource needs a JWT (ES256, verified locally), the application
// must be subscribed, its tier is counted (a quota far above what the run
// reaches, so every call is counted and none refused) and every call emits
// an analytics event.
func gateway(ctx context.Context, full bool, target, redisURL, tokenFile string) (http.Handler, error) {
	lg := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{RedisURL: redisURL, Log: lg})
	if err != nil {
		return nil, err
	}
	go func() { <-ctx.Done(); closeLimiter() }()
	reg := prometheus.NewRegistry()
	gw := dataplane.New(lg, reg, limiter)
	api := config.API{ID: "api-bench", OrganizationID: "org", Name: "Bench", Context: "bench", Version: "v1",
		ProductionEndpoint: target}
	snap := &config.Snapshot{Environment: "Default"}
	if full {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		jwks, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "bench", Algorithm: "ES256", Use: "sig"}}})
		snap.Issuers = []config.Issuer{{Issuer: "https://km.bench", Audience: "gatehouse-gateway", JWKS: jwks}}
		snap.Subscriptions = []config.Subscription{{ApplicationID: "app-bench", APIID: api.ID, Tier: "Bench", Status: "UNBLOCKED"}}
		snap.Tiers = []config.Tier{{OrganizationID: "org", Level: "SUBSCRIPTION", Name: "Bench", RequestCount: 1 << 40, UnitSeconds: 60}}
		api.Operations = []config.Operation{{Method: "GET", Target: "/data", AuthRequired: true}}
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key},
			(&jose.SignerOptions{}).WithType("at+jwt").WithHeader("kid", "bench"))
		if err != nil {
			return nil, err
		}
		now := time.Now()
		tok, err := jwt.Signed(signer).Claims(map[string]any{
			"iss": "https://km.bench", "aud": []string{"gatehouse-gateway"}, "sub": "client-bench", "client_id": "client-bench",
			"application_id": "app-bench", "application": "Bench app", "subscriber": "bench", "key_type": "PRODUCTION",
			"scope": "default", "iat": now.Unix(), "exp": now.Add(24 * time.Hour).Unix(), "jti": "bench-token",
		}).Serialize()
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(tokenFile, []byte(tok), 0o600); err != nil {
			return nil, err
		}
		gw.Emitter = newDiscardEmitter(ctx)
	}
	snap.APIs = []config.API{api}
	snap.Seal()
	if _, err := gw.Apply(snap); err != nil {
		return nil, err
	}
	return gw.Handler(http.NotFoundHandler()), nil
}

// discardEmitter does the gateway's share of analytics as NATSEmitter
// does it (events appended under a short lock, batches of 500 serialised
// to JSON by a background sender woken when a batch fills or every 500 ms)
// and drops the bytes: the bus's own work is not the gateway's.
type discardEmitter struct {
	mu     sync.Mutex
	events []config.AnalyticsEvent
	wake   chan struct{}
}

func newDiscardEmitter(ctx context.Context) *discardEmitter {
	e := &discardEmitter{wake: make(chan struct{}, 1)}
	go func() {
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		var spare []config.AnalyticsEvent
		for {
			select {
			case <-ctx.Done():
				return
			case <-e.wake:
			case <-tick.C:
			}
			e.mu.Lock()
			got := e.events
			e.events = spare[:0]
			e.mu.Unlock()
			for len(got) > 0 {
				n := min(len(got), 500)
				_, _ = json.Marshal(got[:n])
				got = got[n:]
			}
			spare = got[:0:0]
		}
	}()
	return e
}

func (e *discardEmitter) Emit(ev config.AnalyticsEvent) {
	e.mu.Lock()
	if len(e.events) >= 100_000 {
		e.mu.Unlock()
		return
	}
	e.events = append(e.events, ev)
	full := len(e.events) == 500
	e.mu.Unlock()
	if full {
		select {
		case e.wake <- struct{}{}:
		default:
		}
	}
}
