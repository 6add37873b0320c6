package graph

import (
	"time"

	"github.com/gatehouse/gatehouse/backend/internal/graph/model"
	"github.com/gatehouse/gatehouse/backend/internal/portal"
)

// revocation is a bulk revocation as the schema shows it.
func revocation(out *portal.TokenRevocation, err error) (*model.TokenRevocation, error) {
	if err != nil {
		return nil, err
	}
	return &model.TokenRevocation{RevokedBefore: time.Unix(out.RevokedBefore, 0).UTC(), Grants: out.Grants}, nil
}
