// Package bus connects the control plane to the event bus: an embedded NATS
// server with JetStream by default, or an external NATS when configured.
// Either way callers get a *nats.Conn and the same streams.
package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// Bus is a connection to NATS and, when embedded, the server itself.
type Bus struct {
	Conn   *nats.Conn
	JS     jetstream.JetStream
	Names  config.BusNames
	server *server.Server
}

// Options says which bus to use.
type Options struct {
	URL     string // external NATS; empty for embedded
	DataDir string // JetStream storage of the embedded server
	// Listen, when set, opens the embedded server on a TCP address so
	// standalone gateways can read events straight from it.
	Listen string
	// Names are this installation's streams and subjects (--nats-prefix).
	Names config.BusNames
	Log   *slog.Logger
}

// Open starts or connects to the bus and makes sure the streams exist.
func Open(ctx context.Context, o Options) (*Bus, error) {
	b := &Bus{Names: o.Names}
	var opts []nats.Option
	opts = append(opts,
		nats.Name("gatehouse-control-plane"),
		nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				o.Log.Warn("event bus disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(*nats.Conn) { o.Log.Info("event bus reconnected") }),
	)
	url := o.URL
	if url == "" {
		ns, err := startEmbedded(o)
		if err != nil {
			return nil, err
		}
		b.server = ns
		opts = append(opts, nats.InProcessServer(ns))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("connect to event bus: %w", err)
	}
	b.Conn = nc
	js, err := jetstream.New(nc)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	b.JS = js
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err = js.CreateOrUpdateStream(sctx, jetstream.StreamConfig{
		Name:     o.Names.ConfigStream(),
		Subjects: []string{o.Names.ConfigSubjects()},
		// Gateways fetch the full snapshot on any event, so only the newest
		// event per environment matters.
		MaxMsgsPerSubject: 16,
		MaxAge:            7 * 24 * time.Hour,
		Storage:           jetstream.FileStorage,
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("create stream %s: %w", o.Names.ConfigStream(), err)
	}
	_, err = js.CreateOrUpdateStream(sctx, jetstream.StreamConfig{
		Name:     o.Names.AnalyticsStream(),
		Subjects: []string{o.Names.AnalyticsSubject()},
		// The control plane acks what it stored; what it has not yet read
		// waits here (bounded) through a control plane restart.
		MaxAge:     7 * 24 * time.Hour,
		MaxBytes:   1 << 30,
		Storage:    jetstream.FileStorage,
		Duplicates: 10 * time.Minute, // batches carry a message id
	})
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("create stream %s: %w", o.Names.AnalyticsStream(), err)
	}
	return b, nil
}

func startEmbedded(o Options) (*server.Server, error) {
	sopts := &server.Options{
		ServerName: "gatehouse-embedded",
		JetStream:  true,
		StoreDir:   filepath.Join(o.DataDir, "nats"),
		DontListen: o.Listen == "",
		NoSigs:     true,
		NoLog:      true,
	}
	if o.Listen != "" {
		host, port, err := net.SplitHostPort(o.Listen)
		if err != nil {
			return nil, fmt.Errorf("--nats-listen %q: %w", o.Listen, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("--nats-listen %q: bad port", o.Listen)
		}
		sopts.Host, sopts.Port = host, p
	}
	ns, err := server.NewServer(sopts)
	if err != nil {
		return nil, fmt.Errorf("embedded NATS: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(15 * time.Second) {
		ns.Shutdown()
		return nil, errors.New("embedded NATS did not start within 15s")
	}
	return ns, nil
}

// Publish sends a config event through JetStream, waiting for the ack so
// a deploy is only reported done once the event is stored.
func (b *Bus) Publish(ctx context.Context, subject string, data []byte) error {
	_, err := b.JS.Publish(ctx, subject, data)
	return err
}

// Healthy reports whether the connection is up.
func (b *Bus) Healthy() bool { return b.Conn != nil && b.Conn.IsConnected() }

// Close drains the connection and stops an embedded server.
func (b *Bus) Close() {
	if b.Conn != nil {
		_ = b.Conn.Drain()
	}
	if b.server != nil {
		b.server.Shutdown()
		b.server.WaitForShutdown()
	}
}
