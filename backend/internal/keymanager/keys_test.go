package keymanager

import (
	"context"
	"testing"
	"time"

	"github.com/ory/fosite/token/jwt"

	"github.com/gatehouse/gatehouse/backend/internal/storetest"
)

// TestKeyRotation walks a rotation: a new key is published before it
// signs, the old one verifies until its tokens have expired, then goes.
func TestKeyRotation(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			if kind == "postgres" && storetest.PostgresServer() == "" {
				t.Skip("PostgreSQL is not reachable")
			}
			ctx := context.Background()
			st := storetest.Open(t, kind)
			master, err := LoadMasterKey("", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			ring, err := NewKeyRing(ctx, st.Client, master)
			if err != nil {
				t.Fatal(err)
			}
			signer := NewSigner(ring)
			t0 := time.Now()
			policy := RotationPolicy{Every: time.Hour, Publish: 10 * time.Minute, TokenLifetime: time.Hour}
			first := ring.ActiveKID()
			old, _, err := signer.Generate(ctx, jwt.MapClaims{"sub": "x", "exp": t0.Add(time.Hour).Unix()}, &jwt.Headers{})
			if err != nil {
				t.Fatal(err)
			}
			published := func() int { return len(ring.JWKS().Keys) }

			steps := []struct {
				name          string
				at            time.Duration
				wantChanged   bool
				wantActiveOld bool
				wantKeys      int
			}{
				{"young key stays", 30 * time.Minute, false, true, 1},
				{"due key: next one published, not signing", 61 * time.Minute, true, true, 2},
				{"next key not yet published long enough", 5 * time.Minute, false, true, 2},
				{"next key promoted, old one still verifies", 11 * time.Minute, true, false, 2},
				{"old key gone once its tokens expired", 11*time.Minute + time.Hour + time.Minute, true, false, 2}, // the new active is due again: a next key
			}
			for _, s := range steps {
				changed, err := ring.Rotate(ctx, t0.Add(s.at), policy)
				if err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				if changed != s.wantChanged || (ring.ActiveKID() == first) != s.wantActiveOld || published() != s.wantKeys {
					t.Errorf("%s: changed=%v activeOld=%v keys=%d, want %v %v %d", s.name,
						changed, ring.ActiveKID() == first, published(), s.wantChanged, s.wantActiveOld, s.wantKeys)
				}
				if s.at == 11*time.Minute {
					if _, err := signer.Decode(ctx, old); err != nil {
						t.Errorf("a token of the replaced key no longer verifies: %v", err)
					}
					tok, _, err := signer.Generate(ctx, jwt.MapClaims{"sub": "x", "exp": t0.Add(time.Hour).Unix()}, &jwt.Headers{})
					if err != nil {
						t.Fatal(err)
					}
					if h := decodeHeader(t, tok); h != ring.ActiveKID() {
						t.Errorf("signed with kid %s, want the promoted %s", h, ring.ActiveKID())
					}
				}
			}
			for _, k := range ring.JWKS().Keys {
				if k.KeyID == first {
					t.Error("the retired key is still published after its tokens expired")
				}
			}
		})
	}
}

func decodeHeader(t *testing.T, token string) string {
	t.Helper()
	tok, err := jwt.ParseWithClaims(token, jwt.MapClaims{}, nil)
	if tok == nil {
		t.Fatal(err)
	}
	kid, _ := tok.Header["kid"].(string)
	return kid
}
