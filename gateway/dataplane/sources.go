package dataplane

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/nats-io/nats.go"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Control-plane endpoints a remote gateway uses.
const (
	SnapshotPath = "/api/gateway/v1/snapshot"
	EventsPath   = "/api/gateway/v1/events"
)

// UnknownEnvironmentError: the control plane has no gateway environment of
// that name (an admin creates it under Admin > Environments).
type UnknownEnvironmentError struct{ Environment string }

func (e *UnknownEnvironmentError) Error() string {
	return fmt.Sprintf("the control plane has no gateway environment %q: create it (Admin > Environments) or start the gateway with --environment naming an existing one", e.Environment)
}

// ControlPlane reaches the control plane over HTTP: snapshots by GET and
// change events as a server-sent event stream, both with a bearer token.
type ControlPlane struct {
	BaseURL string
	Token   string
	Client  *http.Client // without a timeout: the event stream is long-lived
}

func (c *ControlPlane) get(ctx context.Context, path, env string) (*http.Response, error) {
	u := strings.TrimRight(c.BaseURL, "/") + path + "?environment=" + url.QueryEscape(env)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	client := c.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		// The control plane answers 404 only for an environment it does
		// not know (its gateway API paths are fixed).
		resp.Body.Close()
		return nil, &UnknownEnvironmentError{Environment: env}
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(b)))
	}
	return resp, nil
}

// Snapshot implements SnapshotSource.
func (c *ControlPlane) Snapshot(ctx context.Context, env string) (*config.Snapshot, error) {
	resp, err := c.get(ctx, SnapshotPath, env)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var s config.Snapshot
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&s); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	return &s, nil
}

// Follow implements EventSource over server-sent events.
func (c *ControlPlane) Follow(ctx context.Context, env string, fn func(config.Event)) error {
	resp, err := c.get(ctx, EventsPath, env)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data:")
		if !ok {
			continue // comments (keep-alives), event names, blank separators
		}
		var ev config.Event
		if err := json.Unmarshal([]byte(strings.TrimSpace(data)), &ev); err != nil {
			continue
		}
		fn(ev)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return errStreamClosed
}

// NATSEvents reads change events straight from the bus.
type NATSEvents struct {
	Conn *nats.Conn
}

// Follow implements EventSource. The NATS client reconnects by itself; the
// syncer's periodic resync covers events published while it was away.
func (n *NATSEvents) Follow(ctx context.Context, env string, fn func(config.Event)) error {
	ch := make(chan *nats.Msg, 64)
	sub, err := n.Conn.ChanSubscribe(config.Subject(env), ch)
	if err != nil {
		return fmt.Errorf("subscribe to config events: %w", err)
	}
	defer sub.Unsubscribe()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case m := <-ch:
			var ev config.Event
			if json.Unmarshal(m.Data, &ev) == nil {
				fn(ev)
			}
		}
	}
}
