package dataplane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/gatehouse/gatehouse/gateway/config"
)

// SnapshotSource hands out the current snapshot of an environment.
type SnapshotSource interface {
	Snapshot(ctx context.Context, environment string) (*config.Snapshot, error)
}

// EventSource delivers an environment's change events to fn until ctx ends
// or the stream breaks (then it returns the error and the caller resyncs).
type EventSource interface {
	Follow(ctx context.Context, environment string, fn func(config.Event)) error
}

// Syncer keeps a gateway in step with the control plane: a full snapshot
// at start, then one after every change event, and a periodic resync as a
// safety net for events lost while disconnected.
type Syncer struct {
	Gateway     *Gateway
	Environment string
	Snapshots   SnapshotSource
	Events      EventSource // nil: periodic resync only
	Resync      time.Duration
	// CacheFile, when set, keeps the last applied snapshot on disk so that a
	// restart while the control plane is away still serves traffic.
	CacheFile string

	// wait and now are time.Sleep and time.Now but for tests.
	wait func(context.Context, time.Duration) bool
	now  func() time.Time
}

// healthyStream is how long an event stream must have run for its end to
// be a clean break (a control-plane restart) rather than a failure to
// connect: the next reconnect starts again from the shortest wait.
const healthyStream = 10 * time.Second

// reconnectBackoff is the wait between attempts: from 500ms, ×1.5 per
// failed attempt up to 30 s, each ±50% at random so that the gateways of
// a restarted control plane do not all come back in the same instant.
func reconnectBackoff() *backoff.ExponentialBackOff {
	b := backoff.NewExponentialBackOff()
	b.MaxInterval = 30 * time.Second
	b.Reset()
	return b
}

// Run syncs until ctx ends.
func (s *Syncer) Run(ctx context.Context) {
	log := s.Gateway.log.With("environment", s.Environment)
	if s.Resync <= 0 {
		s.Resync = 30 * time.Second
	}
	if s.wait == nil {
		s.wait = sleep
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.CacheFile != "" && !s.Gateway.Ready() {
		if snap, err := readCache(s.CacheFile); err == nil {
			if _, err := s.Gateway.Apply(snap); err == nil {
				log.Info("serving cached snapshot until the control plane answers", "version", snap.Version)
			}
		}
	}
	retry := reconnectBackoff()
	for ctx.Err() == nil {
		if err := s.SyncOnce(ctx); err != nil {
			var unknown *UnknownEnvironmentError
			if errors.As(err, &unknown) {
				// Not a transient failure: say so loudly, and keep asking
				// (slowly) so that creating the environment is enough.
				log.Error("unknown gateway environment; serving nothing until it exists", "err", err, "in", 30*time.Second)
				s.Gateway.setSyncProblem(err.Error())
				if !s.wait(ctx, 30*time.Second) {
					return
				}
				continue
			}
			d := retry.NextBackOff()
			log.Warn("snapshot fetch failed; retrying", "err", err, "in", d)
			if !s.wait(ctx, d) {
				return
			}
			continue
		}
		break
	}
	retry.Reset()
	go s.resyncLoop(ctx)
	for s.Events != nil && ctx.Err() == nil {
		started := s.now()
		err := s.Events.Follow(ctx, s.Environment, func(ev config.Event) {
			if cur := s.Gateway.Snapshot(); cur != nil && cur.Version == ev.Version {
				return
			}
			if err := s.SyncOnce(ctx); err != nil {
				log.Warn("snapshot fetch after event failed", "err", err)
			}
		})
		if ctx.Err() != nil {
			return
		}
		if s.now().Sub(started) >= healthyStream {
			retry.Reset()
		}
		d := retry.NextBackOff()
		log.Warn("event stream ended; resyncing and reconnecting", "err", err, "in", d)
		if !s.wait(ctx, d) {
			return
		}
		_ = s.SyncOnce(ctx)
	}
}

func (s *Syncer) resyncLoop(ctx context.Context) {
	t := time.NewTicker(s.Resync)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = s.SyncOnce(ctx)
		}
	}
}

// SyncOnce fetches the snapshot and applies it when it changed.
func (s *Syncer) SyncOnce(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	snap, err := s.Snapshots.Snapshot(ctx, s.Environment)
	if err != nil {
		s.Gateway.metrics.syncs.WithLabelValues("error").Inc()
		return err
	}
	changed, err := s.Gateway.Apply(snap)
	if err != nil {
		s.Gateway.metrics.syncs.WithLabelValues("invalid").Inc()
		return err
	}
	s.Gateway.metrics.syncs.WithLabelValues("ok").Inc()
	if changed && s.CacheFile != "" {
		if err := writeCache(s.CacheFile, snap); err != nil {
			s.Gateway.log.Warn("could not cache snapshot", "err", err)
		}
	}
	return nil
}

func readCache(path string) (*config.Snapshot, error) {
	b, err := os.ReadFile(path) // #nosec G304 -- the operator's --cache-file, not request input
	if err != nil {
		return nil, err
	}
	var s config.Snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("read snapshot cache: %w", err)
	}
	return &s, nil
}

// writeCache replaces the cache file atomically.
func writeCache(path string, s *config.Snapshot) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	// WriteFile keeps the mode of a stale temporary file.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

var errStreamClosed = errors.New("event stream closed")
