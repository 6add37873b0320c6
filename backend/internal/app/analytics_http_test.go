package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gatehouse/gatehouse/ent/analyticsevent"
	"github.com/gatehouse/gatehouse/gateway/dataplane"
)

// TestStandaloneGatewaySendsAnalyticsOverHTTP: a gateway without a bus
// posts its analytics to the control plane, which stores them once however
// often a batch arrives, and only from a gateway with the token.
func TestStandaloneGatewaySendsAnalyticsOverHTTP(t *testing.T) {
	dir := t.TempDir()
	inst := start(t, "", dir)
	token, err := os.ReadFile(filepath.Join(dir, "gateway-token"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	limiter, closeLimiter, err := dataplane.NewLimiter(ctx, dataplane.LimiterConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeLimiter()
	gw := dataplane.New(log, nil, limiter)
	cp := &dataplane.ControlPlane{BaseURL: inst.cp.URL, Token: strings.TrimSpace(string(token))}
	emitter := dataplane.NewHTTPEmitter(cp, 1000, log, nil)
	gw.Emitter = emitter
	ectx, stopEmitter := context.WithCancel(context.Background())
	go emitter.Run(ectx)
	go (&dataplane.Syncer{Gateway: gw, Environment: "Default", Snapshots: cp, Events: cp, Resync: time.Hour}).Run(ctx)
	remote := httptest.NewServer(gw)
	defer remote.Close()
	accessToken := inst.token(t)
	waitGatewayWith(t, remote.URL, "/pizzashack/1.0.0/menu", accessToken, http.StatusOK).Body.Close()

	prefix := "http-" + uuid.NewString()[:8] + "-"
	for i := range 10 {
		req, _ := http.NewRequest(http.MethodGet, remote.URL+"/pizzashack/1.0.0/menu", nil)
		req.Header.Set("X-Request-ID", fmt.Sprintf("%s%02d", prefix, i))
		req.Header.Set("Authorization", "Bearer "+accessToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	remote.Close() // the calls' handlers have emitted their events
	stopEmitter()
	emitter.Wait() // flushed

	client := entClient(t, inst)
	count := func() int {
		n, err := client.AnalyticsEvent.Query().Where(analyticsevent.RequestIDHasPrefix(prefix)).Count(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 10 {
		t.Fatalf("stored %d of the 10 calls", n)
	}

	// A batch sent again (its answer lost) is not counted twice: events
	// are stored by their event id. (It reuses a call's request id, which
	// hides nothing: that is the caller's to choose.)
	batch := fmt.Sprintf(`[{"eventId":"%s","requestId":"%s00","time":"%s","method":"GET","status":200,"requestBytes":0,"responseBytes":0,"latencyMs":1,"backendLatencyMs":1}]`,
		uuid.NewString(), prefix, time.Now().UTC().Format(time.RFC3339))
	post := func(tok string) int {
		req, _ := http.NewRequest(http.MethodPost, inst.cp.URL+dataplane.AnalyticsPath, bytes.NewBufferString(batch))
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for range 2 {
		if code := post(cp.Token); code != http.StatusOK {
			t.Errorf("batch: %d", code)
		}
	}
	if n := count(); n != 11 {
		t.Errorf("%d events after a batch of one sent twice, want 11", n)
	}
	if code := post("wrong"); code != http.StatusUnauthorized {
		t.Errorf("batch with a wrong token: %d, want 401", code)
	}
}
