package gatewaysync

import (
	"context"
	"time"

	"github.com/gatehouse/gatehouse/ent/apikey"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// revokedAPIKeys adds the revoked API keys that have not expired to the
// snapshot's revocation list, with when each revocation takes effect.
func (s *Service) revokedAPIKeys(ctx context.Context, snap *config.Snapshot) error {
	keys, err := s.client.APIKey.Query().
		Where(apikey.RevokedAtNotNil(), apikey.ExpiresAtGT(time.Now().Add(-time.Minute))).All(ctx)
	if err != nil {
		return err
	}
	for _, k := range keys {
		snap.RevokedTokens = append(snap.RevokedTokens, config.RevokedToken{
			JTI: k.ID.String(), ExpiresAt: k.ExpiresAt.UTC(), From: k.RevokedAt.UTC(),
		})
	}
	return nil
}
