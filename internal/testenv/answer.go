package testenv

import (
	"io"
	"net/http"
)

// RespDate is the Date header of the canned service answers in the clients'
// wire tests.
const RespDate = "Wed, 28 Mar 2018 15:45:13 GMT"

// WriteJSON answers as the services do: status, the request ID in
// X-Amzn-RequestId (when not empty), the Date RespDate, and body (JSON,
// when not empty).
func WriteJSON(w http.ResponseWriter, status int, requestID, body string) {
	h := w.Header()
	if body != "" {
		h.Set("Content-Type", "application/json")
	}
	if requestID != "" {
		h.Set("X-Amzn-RequestId", requestID)
	}
	h.Set("Date", RespDate)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
