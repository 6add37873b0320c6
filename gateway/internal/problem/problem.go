// Package problem writes the gateway's JSON error answers:
// {"code": ..., "message": ..., "description": ...}.
package problem

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Body is the JSON error shape every gateway error uses.
type Body struct {
	Code        int    `json:"code"`
	Message     string `json:"message"`
	Description string `json:"description"`
}

// Write sends status with a JSON body.
func Write(w http.ResponseWriter, status int, message, description string) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Body{Code: status, Message: message, Description: description})
}

// TooMany sends 429 with Retry-After in whole seconds.
func TooMany(w http.ResponseWriter, retryAfterSeconds int, description string) {
	w.Header().Set("Retry-After", strconv.Itoa(max(retryAfterSeconds, 1)))
	Write(w, http.StatusTooManyRequests, "Too Many Requests", description)
}
