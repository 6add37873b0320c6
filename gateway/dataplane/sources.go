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
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

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

// NATSOptions are a gateway's connection options for --nats: reconnect
// for ever, and soon (a quarter second, plus up to as much at random), so a
// NATS restart costs a gateway well under a second of events.
func NATSOptions() []nats.Option {
	return []nats.Option{
		nats.Name("gatehouse-gateway"), nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond), nats.ReconnectJitter(250*time.Millisecond, 250*time.Millisecond),
	}
}

// NATSEvents reads change events straight from the bus, through an
// ordered JetStream consumer of the config stream: when the connection
// comes back after an outage the consumer resumes after the last event it
// delivered, so a change published meanwhile still arrives (a plain
// subscription would have lost it until the periodic resync).
type NATSEvents struct {
	Conn  *nats.Conn
	Names config.BusNames
}

// Follow implements EventSource.
func (n *NATSEvents) Follow(ctx context.Context, env string, fn func(config.Event)) error {
	js, err := jetstream.New(n.Conn)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	cons, err := js.OrderedConsumer(ctx, n.Names.ConfigStream(), jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{n.Names.ConfigSubject(env)},
		DeliverPolicy:  jetstream.DeliverNewPolicy,
	})
	if err != nil {
		return fmt.Errorf("config events consumer: %w", err)
	}
	// Only the newest event matters (fn fetches the whole snapshot), and
	// fn may take seconds: the consumer's callback must not wait on it.
	latest := make(chan config.Event, 1)
	cc, err := cons.Consume(func(m jetstream.Msg) {
		var ev config.Event
		if json.Unmarshal(m.Data(), &ev) != nil {
			return
		}
		select {
		case <-latest:
		default:
		}
		latest <- ev
	})
	if err != nil {
		return fmt.Errorf("consume config events: %w", err)
	}
	defer cc.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-cc.Closed():
			return errStreamClosed
		case ev := <-latest:
			fn(ev)
		}
	}
}
