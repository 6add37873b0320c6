package analytics

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Webhook posts JSON to alert receivers, retrying failures with
// exponential backoff (Base, 2·Base, 4·Base, ...) up to Attempts tries.
type Webhook struct {
	Client   *http.Client
	Attempts int
	Base     time.Duration
}

// NewWebhook returns a webhook sender with 5 attempts over about 15 seconds.
func NewWebhook() *Webhook {
	return &Webhook{Client: &http.Client{Timeout: 10 * time.Second}, Attempts: 5, Base: time.Second}
}

// Send posts body to url until a 2xx answer or the attempts run out; it
// returns how many attempts it made. The delivery id goes in a header so a
// receiver can drop a retried delivery it already handled.
func (w *Webhook) Send(ctx context.Context, url, deliveryID string, body any) (int, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	var last error
	delay := w.Base
	for attempt := 1; attempt <= w.Attempts; attempt++ {
		if last = w.post(ctx, url, deliveryID, data); last == nil {
			return attempt, nil
		}
		if attempt == w.Attempts {
			return attempt, last
		}
		select {
		case <-ctx.Done():
			return attempt, ctx.Err()
		case <-time.After(delay):
		}
		delay *= 2
	}
	return w.Attempts, last
}

func (w *Webhook) post(ctx context.Context, url, deliveryID string, data []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Gatehouse-Alerts/1")
	req.Header.Set("X-Gatehouse-Delivery", deliveryID)
	resp, err := w.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}
