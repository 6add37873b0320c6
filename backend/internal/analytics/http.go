package analytics

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/gatehouse/gatehouse/backend/internal/errs"
	"github.com/gatehouse/gatehouse/backend/internal/httpx"
	"github.com/gatehouse/gatehouse/gateway/config"
)

// MaxHTTPBatchBytes bounds one POSTed batch (a gateway sends at most 500
// events, a few hundred kilobytes).
const MaxHTTPBatchBytes = 8 << 20

// HTTPHandler serves POST /api/gateway/v1/analytics for gateways without a
// bus: a JSON array of events, authenticated with the gateway token, stored
// through Store, so a batch retried after a lost answer is counted once.
func (i *Ingestor) HTTPHandler(token string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			return errs.E(errs.Unauthenticated, "a valid gateway token is required")
		}
		var events []config.AnalyticsEvent
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxHTTPBatchBytes))
		if err := dec.Decode(&events); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return errs.E(errs.Invalid, "the batch is larger than %d bytes", MaxHTTPBatchBytes)
			}
			return errs.E(errs.Invalid, "the body must be a JSON array of analytics events: %v", err)
		}
		if err := i.Store(r.Context(), events); err != nil {
			return err
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]int{"received": len(events)})
		return nil
	}
}
