package app_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/app"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
)

var (
	gatewayBinOnce sync.Once
	gatewayBin     string
	gatewayBinErr  error
)

// buildGateway builds gatehouse-gateway once per test binary run.
func buildGateway(t *testing.T) string {
	t.Helper()
	gatewayBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gatehouse-gateway-bin")
		if err != nil {
			gatewayBinErr = err
			return
		}
		gatewayBin = filepath.Join(dir, "gatehouse-gateway")
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..", "..")
		cmd := exec.Command("go", "build", "-o", gatewayBin, "./gateway/cmd/gatehouse-gateway")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			gatewayBinErr = err
			gatewayBin = string(out)
		}
	})
	if gatewayBinErr != nil {
		t.Fatalf("build gatehouse-gateway: %v\n%s", gatewayBinErr, gatewayBin)
	}
	return gatewayBin
}

// gatewayProcess is a running gatehouse-gateway.
type gatewayProcess struct {
	cmd *exec.Cmd
	url string
}

// startGateway runs gatehouse-gateway against the control plane at cp with
// its data in dataDir, plus extra flags, and waits until it is ready.
func startGateway(t *testing.T, cp, token, dataDir string, extra ...string) *gatewayProcess {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	args := append([]string{"--control-plane", cp, "--gateway-token", token, "--data-dir", dataDir,
		"--listen", addr, "--log-level", "warn"}, extra...)
	cmd := exec.Command(buildGateway(t), args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &gatewayProcess{cmd: cmd, url: "http://" + addr}
	t.Cleanup(p.stop)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(p.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("gatehouse-gateway at %s never became ready", addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *gatewayProcess) stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

func gatewayToken(t *testing.T, dataDir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dataDir, "gateway-token"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// TestStandaloneGatewayServesFromItsSnapshot: a gatehouse-gateway keeps
// the last snapshot on disk; with the control plane stopped, a restarted
// gateway serves from it (tokens included: the keys are in the snapshot).
func TestStandaloneGatewayServesFromItsSnapshot(t *testing.T) {
	dir := t.TempDir()
	inst := startWith(t, app.Config{DataDir: dir})
	// The demo API's backend lives in the control plane; this one does not.
	backend := echoBackend(t, "survivor")
	pub := inst.login(t, "publisher", inst.creds.Users["publisher"].Password)
	data, errs := pub.do(t, createAPI, map[string]any{"i": map[string]any{
		"name": "Survivor", "context": "survivor", "version": "v1", "endpoint": backend.URL}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	openResources(t, pub, data["createAPI"].(map[string]any)["id"])
	if _, errs := pub.do(t, deployAPI, map[string]any{"id": data["createAPI"].(map[string]any)["id"]}); len(errs) > 0 {
		t.Fatal(errs)
	}
	gwData := t.TempDir()
	gw := startGateway(t, inst.cp.URL, gatewayToken(t, dir), gwData)
	waitGateway(t, gw.url, "/survivor/v1/hello", http.StatusOK).Body.Close()
	gw.stop()
	inst.stop()
	if resp, err := http.Get(inst.cp.URL + "/readyz"); err == nil {
		resp.Body.Close()
		t.Fatal("the control plane still answers after stop")
	}

	again := startGateway(t, inst.cp.URL, "any", gwData)
	waitGateway(t, again.url, "/survivor/v1/hello", http.StatusOK).Body.Close()
	// The demo API's policies came back too: its resource still wants a token.
	waitGateway(t, again.url, "/pizzashack/1.0.0/menu", http.StatusUnauthorized).Body.Close()
}

// TestGatewaysShareARedisQuota: two gatehouse-gateway processes counting
// in one Redis admit, together, the tier's quota (within 1%) however the
// calls are spread between them.
func TestGatewaysShareARedisQuota(t *testing.T) {
	addr := "127.0.0.1:6379"
	if c, err := net.Dial("tcp", addr); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Redis at %s is required under CI=true: %v", addr, err)
		}
		t.Skipf("Redis at %s is not reachable (%v); skipping", addr, err)
	} else {
		c.Close()
	}
	dir := t.TempDir()
	inst := startWith(t, app.Config{DataDir: dir})
	ctx := context.Background()
	client := entClient(t, inst)
	org := client.Organization.Query().OnlyX(ctx)
	const quota = 300
	// A day-long window: the run does not cross a window boundary (which
	// could only lower the total, never raise it).
	client.ThrottlingTier.Create().SetOrganizationID(org.ID).SetLevel(throttlingtier.LevelSUBSCRIPTION).
		SetName("Shared300").SetRequestCount(quota).SetUnitSeconds(86400).ExecX(ctx)
	pizza := client.API.Query().Where(api.Context("pizzashack")).OnlyX(ctx)
	// Subscriptions may use only the tiers an API offers.
	pizza = pizza.Update().AppendSubscriptionTiers([]string{"Shared300"}).SaveX(ctx)
	sub := inst.login(t, "subscriber", inst.creds.Users["subscriber"].Password)
	data, errs := sub.do(t, `mutation { createApplication(input: {name: "Shared quota"}) { id } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	appID := data["createApplication"].(map[string]any)["id"]
	if _, errs := sub.do(t, `mutation($app: ID!, $api: ID!) { subscribe(input: {applicationID: $app, apiID: $api, tier: "Shared300"}) { id } }`,
		map[string]any{"app": appID, "api": pizza.ID.String()}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := sub.do(t, `mutation($id: ID!) { generateKeys(input: {applicationID: $id, keyType: PRODUCTION}) { clientSecret } }`, map[string]any{"id": appID}); len(errs) > 0 {
		t.Fatal(errs)
	}
	data, errs = sub.do(t, `mutation($id: ID!) { generateAccessToken(input: {applicationID: $id, keyType: PRODUCTION}) { accessToken } }`, map[string]any{"id": appID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	token := data["generateAccessToken"].(map[string]any)["accessToken"].(string)

	gwToken := gatewayToken(t, dir)
	redisURL := "redis://" + addr + "/0"
	gws := []*gatewayProcess{
		startGateway(t, inst.cp.URL, gwToken, t.TempDir(), "--redis", redisURL),
		startGateway(t, inst.cp.URL, gwToken, t.TempDir(), "--redis", redisURL),
	}
	// Both learn the subscription; the calls that show it count too.
	admitted := int64(0)
	for _, gw := range gws {
		waitGatewayWith(t, gw.url, "/pizzashack/1.0.0/menu", token, http.StatusOK).Body.Close()
		admitted++
	}
	const calls = 3 * quota
	var ok, refused, other atomic.Int64
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > calls {
					return
				}
				req, _ := http.NewRequest(http.MethodGet, gws[i%2].url+"/pizzashack/1.0.0/menu", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					other.Add(1)
					continue
				}
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusOK:
					ok.Add(1)
				case http.StatusTooManyRequests:
					refused.Add(1)
				default:
					other.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	admitted += ok.Load()
	t.Logf("admitted %d of %d calls across two gateways (quota %d), refused %d, other %d", admitted, calls+2, quota, refused.Load(), other.Load())
	if diff := admitted - quota; diff > quota/100 || -diff > quota/100 {
		t.Errorf("admitted %d, want %d within 1%%", admitted, quota)
	}
	if other.Load() != 0 {
		t.Errorf("%d calls failed otherwise", other.Load())
	}
}
