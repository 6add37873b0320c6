// Package gatewaysync serves gateways their configuration: the snapshot of
// an environment's deployments, and change events on the bus (and, for
// gateways that cannot reach the bus, as a server-sent event stream).
package gatewaysync

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/nats-io/nats.go"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/sealed"
	"github.com/gatehouse/gatehouse/ent"
	"github.com/gatehouse/gatehouse/ent/api"
	"github.com/gatehouse/gatehouse/ent/deployment"
	"github.com/gatehouse/gatehouse/ent/environment"
	"github.com/gatehouse/gatehouse/ent/subscription"
	"github.com/gatehouse/gatehouse/ent/throttlingtier"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// Publisher puts an event on the bus.
type Publisher interface {
	Publish(ctx context.Context, subject string, data []byte) error
}

// Tokens is what the Key Manager tells gateways: its keys and the tokens
// it revoked.
type Tokens interface {
	GatewayIssuer() (config.Issuer, error)
	RevokedTokens(ctx context.Context) ([]config.RevokedToken, error)
	// RevocationRules are the bulk revocations (an application's or a
	// user's tokens) that can still cover an unexpired token.
	RevocationRules(ctx context.Context) ([]config.RevocationRule, error)
}

// Service builds snapshots and announces their changes.
type Service struct {
	client *ent.Client
	tokens Tokens
	bus    Publisher
	conn   *nats.Conn // for relaying events to SSE clients
	names  config.BusNames
	token  string // what remote gateways present
	log    *slog.Logger
	// external adds third-party key managers to snapshots (optional).
	external interface {
		AddIssuers(ctx context.Context, snap *config.Snapshot) error
	}
	// introspector verifies opaque tokens for remote gateways (optional).
	introspector Introspector
	// sealer opens the endpoint secrets sealed in revision snapshots.
	sealer sealed.Sealer
}

// WithSealer makes snapshots carry endpoint secrets opened with the master
// key. Gateways need them in the clear to authenticate to backends; they
// only ever get them in process (the embedded gateway) or from the
// snapshot endpoint, which requires the gateway token.
func (s *Service) WithSealer(sealer sealed.Sealer) {
	s.sealer = sealer
}

// WithExternalIssuers makes snapshots carry the third-party key managers
// their APIs accept.
func (s *Service) WithExternalIssuers(e interface {
	AddIssuers(ctx context.Context, snap *config.Snapshot) error
}) {
	s.external = e
}

// NewService returns the sync service. token authenticates remote gateways.
func NewService(client *ent.Client, tokens Tokens, bus Publisher, conn *nats.Conn, names config.BusNames, token string, log *slog.Logger) *Service {
	return &Service{client: client, tokens: tokens, bus: bus, conn: conn, names: names, token: token, log: log}
}

// Snapshot builds the sealed snapshot of an environment from the revisions
// deployed to it.
func (s *Service) Snapshot(ctx context.Context, envName string) (*config.Snapshot, error) {
	env, err := s.client.Environment.Query().Where(environment.Name(envName)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "gateway environment %q does not exist", envName)
	} else if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", envName, err)
	}
	deps, err := s.client.Deployment.Query().
		Where(deployment.EnvironmentID(env.ID)).WithRevision().WithAPI().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", envName, err)
	}
	snap := &config.Snapshot{Environment: env.Name, SandboxOnly: env.Type == environment.TypeSANDBOX,
		APIs: make([]config.API, 0, len(deps))}
	orgs := map[uuid.UUID]bool{}
	for _, d := range deps {
		var a config.API
		if err := json.Unmarshal([]byte(d.Edges.Revision.Snapshot), &a); err != nil {
			return nil, fmt.Errorf("snapshot %s: revision %s: %w", envName, d.RevisionID, err)
		}
		if s.sealer != nil {
			if err := sealed.OpenAPI(s.sealer, &a); err != nil {
				return nil, fmt.Errorf("snapshot %s: revision %s: %w", envName, d.RevisionID, err)
			}
		}
		a.Status = d.Edges.API.LifecycleStatus.String()
		a.VirtualHost = d.VirtualHost
		a.OrganizationID = d.Edges.API.OrganizationID.String()
		orgs[d.Edges.API.OrganizationID] = true
		snap.APIs = append(snap.APIs, a)
	}
	subs, err := s.client.Subscription.Query().
		Where(subscription.HasAPIWith(api.HasDeploymentsWith(deployment.EnvironmentID(env.ID)))).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: subscriptions: %w", envName, err)
	}
	appIDs := make([]uuid.UUID, 0, len(subs))
	for _, sub := range subs {
		appIDs = append(appIDs, sub.ApplicationID)
		snap.Subscriptions = append(snap.Subscriptions, config.Subscription{
			ApplicationID: sub.ApplicationID.String(), APIID: sub.APIID.String(),
			Tier: sub.ThrottlingTier, Status: sub.Status.String(),
		})
	}
	orgIDs := make([]uuid.UUID, 0, len(orgs))
	for id := range orgs {
		orgIDs = append(orgIDs, id)
	}
	tiers, err := s.client.ThrottlingTier.Query().Where(throttlingtier.OrganizationIDIn(orgIDs...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: tiers: %w", envName, err)
	}
	for _, t := range tiers {
		snap.Tiers = append(snap.Tiers, tierConfig(t))
	}
	if err := s.addPolicies(ctx, snap, orgIDs, appIDs); err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", envName, err)
	}
	iss, err := s.tokens.GatewayIssuer()
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: issuer: %w", envName, err)
	}
	snap.Issuers = []config.Issuer{iss}
	if s.external != nil {
		if err := s.external.AddIssuers(ctx, snap); err != nil {
			return nil, fmt.Errorf("snapshot %s: key managers: %w", envName, err)
		}
	}
	if snap.RevokedTokens, err = s.tokens.RevokedTokens(ctx); err != nil {
		return nil, fmt.Errorf("snapshot %s: revoked tokens: %w", envName, err)
	}
	if snap.RevocationRules, err = s.tokens.RevocationRules(ctx); err != nil {
		return nil, fmt.Errorf("snapshot %s: revocation rules: %w", envName, err)
	}
	if err := s.revokedAPIKeys(ctx, snap); err != nil {
		return nil, fmt.Errorf("snapshot %s: revoked API keys: %w", envName, err)
	}
	snap.Seal()
	return snap, nil
}

// TokensChanged pushes new snapshots to every environment (a token was
// revoked).
func (s *Service) TokensChanged(ctx context.Context) {
	names, err := s.client.Environment.Query().Select(environment.FieldName).Strings(ctx)
	if err != nil {
		s.log.Error("config event: list environments", "err", err)
		return
	}
	for _, n := range names {
		s.EnvironmentChanged(ctx, n, "revocation")
	}
}

// EnvironmentChanged publishes the environment's new snapshot version. A
// failure is logged, not returned: the change is committed, and gateways
// pick it up on their periodic resync.
func (s *Service) EnvironmentChanged(ctx context.Context, envName, reason string) {
	ctx = context.WithoutCancel(ctx)
	snap, err := s.Snapshot(ctx, envName)
	if err != nil {
		s.log.Error("config event: build snapshot", "environment", envName, "err", err)
		return
	}
	b, _ := json.Marshal(config.Event{Environment: envName, Version: snap.Version, Reason: reason})
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.bus.Publish(pctx, s.names.ConfigSubject(envName), b); err != nil {
		s.log.Error("config event: publish", "environment", envName, "err", err)
	}
}

// authorized checks a remote gateway's bearer token in constant time.
func (s *Service) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && s.token != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) == 1
}

// SnapshotHandler serves GET /api/gateway/v1/snapshot?environment=NAME.
func (s *Service) SnapshotHandler(w http.ResponseWriter, r *http.Request) error {
	if !s.authorized(r) {
		return errs.E(errs.Unauthenticated, "a valid gateway token is required")
	}
	snap, err := s.Snapshot(r.Context(), envParam(r))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+snap.Version+`"`)
	return json.NewEncoder(w).Encode(snap)
}

// EventsHandler serves GET /api/gateway/v1/events?environment=NAME as
// server-sent events: the current version first, then every change.
func (s *Service) EventsHandler(w http.ResponseWriter, r *http.Request) error {
	if !s.authorized(r) {
		return errs.E(errs.Unauthenticated, "a valid gateway token is required")
	}
	env := envParam(r)
	snap, err := s.Snapshot(r.Context(), env)
	if err != nil {
		return err
	}
	rc := http.NewResponseController(w)
	// The stream outlives the server's write timeout.
	_ = rc.SetWriteDeadline(time.Time{})
	ch := make(chan *nats.Msg, 64)
	sub, err := s.conn.ChanSubscribe(s.names.ConfigSubject(env), ch)
	if err != nil {
		return fmt.Errorf("subscribe: %w", err)
	}
	defer sub.Unsubscribe()

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	first, _ := json.Marshal(config.Event{Environment: env, Version: snap.Version, Reason: "hello"})
	if _, err := fmt.Fprintf(w, "event: config\ndata: %s\n\n", first); err != nil {
		return nil
	}
	_ = rc.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case m := <-ch:
			if _, err := fmt.Fprintf(w, "event: config\ndata: %s\n\n", m.Data); err != nil {
				return nil
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return nil
			}
		}
		_ = rc.Flush()
	}
}

func envParam(r *http.Request) string {
	if e := r.URL.Query().Get("environment"); e != "" {
		return e
	}
	return DefaultEnvironment
}

// DefaultEnvironment is the environment every installation starts with.
const DefaultEnvironment = "Default"
