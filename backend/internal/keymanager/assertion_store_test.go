package keymanager

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ory/fosite"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
	"github.com/gatehouse/gatehouse/ent/revocationrule"
)

// TestClientAssertionsShared: two replicas (two storages on one database)
// accept a private_key_jwt assertion id once between them; an expired id
// may be used again; purging drops expired ids and revocation rules.
func TestClientAssertionsShared(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			if kind == "postgres" && storetest.PostgresServer() == "" {
				t.Skip("PostgreSQL is not reachable")
			}
			ctx := context.Background()
			st := storetest.Open(t, kind)
			a, b := newStorage(st.Client, DefaultAudience), newStorage(st.Client, DefaultAudience)
			exp := time.Now().Add(time.Minute)

			if err := a.ClientAssertionJWTValid(ctx, "jti-1"); err != nil {
				t.Fatalf("unused id: %v", err)
			}
			if err := a.SetClientAssertionJWT(ctx, "jti-1", exp); err != nil {
				t.Fatal(err)
			}
			for name, err := range map[string]error{
				"valid on the other replica": b.ClientAssertionJWTValid(ctx, "jti-1"),
				"set on the other replica":   b.SetClientAssertionJWT(ctx, "jti-1", exp),
				"set again":                  a.SetClientAssertionJWT(ctx, "jti-1", exp),
			} {
				if !errors.Is(err, fosite.ErrJTIKnown) {
					t.Errorf("%s: %v, want ErrJTIKnown", name, err)
				}
			}

			// An expired id is free again.
			if err := a.SetClientAssertionJWT(ctx, "jti-old", time.Now().Add(-time.Second)); err != nil {
				t.Fatal(err)
			}
			if err := b.ClientAssertionJWTValid(ctx, "jti-old"); err != nil {
				t.Errorf("expired id: %v", err)
			}
			if err := b.SetClientAssertionJWT(ctx, "jti-old", exp); err != nil {
				t.Errorf("reusing an expired id: %v", err)
			}

			// Purging keeps what is live.
			if err := a.SetClientAssertionJWT(ctx, "jti-gone", time.Now().Add(-time.Second)); err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			st.Client.RevocationRule.Create().SetKind(revocationrule.KindSUBJECT).SetValue("old").
				SetRevokedBefore(now.Add(-2 * time.Hour)).SetExpiresAt(now.Add(-time.Hour)).ExecX(ctx)
			st.Client.RevocationRule.Create().SetKind(revocationrule.KindSUBJECT).SetValue("live").
				SetRevokedBefore(now).SetExpiresAt(now.Add(time.Hour)).ExecX(ctx)
			if _, err := a.PurgeExpired(ctx); err != nil {
				t.Fatal(err)
			}
			if n := st.Client.ClientAssertion.Query().CountX(ctx); n != 2 {
				t.Errorf("%d assertion ids after purging, want 2 (jti-1, jti-old)", n)
			}
			rules := st.Client.RevocationRule.Query().AllX(ctx)
			if len(rules) != 1 || rules[0].Value != "live" {
				t.Errorf("rules after purging: %v, want the live one", rules)
			}
			if covered, err := a.ruleRevoked(ctx, "", "", "live", now.Add(-time.Minute)); err != nil || !covered {
				t.Errorf("token issued before a live rule: covered=%v %v", covered, err)
			}
			if covered, err := a.ruleRevoked(ctx, "", "", "live", now.Add(2*time.Second)); err != nil || covered {
				t.Errorf("token issued after the rule: covered=%v %v", covered, err)
			}
		})
	}
}
