package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// requestLog is the log of the requests a Handler received: a ring of at
// most max records, so that logging a request costs O(1) however full the
// log is. It has its own lock, so that logging does not wait for the
// emulated state.
type requestLog struct {
	mu   sync.Mutex
	max  int
	recs []Request // grows up to max, then is overwritten in place
	head int       // index of the oldest record once recs is full
}

// add appends rec, dropping the oldest record when the log is full.
func (l *requestLog) add(rec *Request) {
	if l.max <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.recs) < l.max {
		l.recs = append(l.recs, *rec)
		return
	}
	l.recs[l.head] = *rec
	l.head++
	if l.head == len(l.recs) {
		l.head = 0
	}
}

// snapshot returns deep copies of the records, oldest first.
func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Request, 0, len(l.recs))
	out = append(out, l.recs[l.head:]...)
	out = append(out, l.recs[:l.head]...)
	for i := range out {
		out[i].Header = out[i].Header.Clone()
		out[i].Body = bytes.Clone(out[i].Body)
	}
	return out
}

// reset empties the log.
func (l *requestLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.recs) // let the records' headers and bodies go
	l.recs, l.head = l.recs[:0], 0
}

// Request is a request the server received, as Requests returns it.
type Request struct {
	// Operation is the operation name, empty when the request matched
	// none.
	Operation string `json:"operation,omitempty"`
	// Method is the HTTP method.
	Method string `json:"method"`
	// Path is the path as sent, still percent-encoded.
	Path string `json:"path"`
	// RawQuery is the query string as sent.
	RawQuery string `json:"rawQuery,omitempty"`
	// Header holds the request headers, X-Amz-Security-Token redacted.
	Header http.Header `json:"header,omitempty"`
	// Body is the request body (empty when over the size limit).
	Body []byte `json:"-"`
	// StatusCode is the status answered, 0 when the connection was dropped
	// or the client went away.
	StatusCode int `json:"statusCode"`
	// ErrorCode is the error type answered, empty on success.
	ErrorCode string `json:"errorCode,omitempty"`
	// RequestID is the X-Amzn-RequestId answered.
	RequestID string `json:"requestId"`
	// AccessKeyID is the access key the request was signed with, when the
	// key is known.
	AccessKeyID string `json:"accessKeyId,omitempty"`
	// AccountID is the account the request acted for, when its signature
	// was valid.
	AccountID string `json:"accountId,omitempty"`
	// Fault reports whether an injected fault hit the request.
	Fault bool `json:"fault,omitempty"`
	// Time is the server time the request arrived at.
	Time time.Time `json:"time"`
}

// MarshalJSON encodes the request with its body as a string.
func (r Request) MarshalJSON() ([]byte, error) {
	type plain Request
	return json.Marshal(struct {
		plain
		Body string `json:"body,omitempty"`
	}{plain(r), string(r.Body)})
}

// Requests returns the requests the server received since it started, or
// since ResetRequests or Reset, oldest first. Control requests under
// ControlPrefix are not included.
func (s *Handler) Requests() []Request {
	return s.reqs.snapshot()
}

// ResetRequests empties the request log.
func (s *Handler) ResetRequests() {
	s.reqs.reset()
}

// log appends a request to the log.
func (s *Handler) log(rec *Request) {
	if s.cfg.logf != nil {
		code := rec.ErrorCode
		if code == "" {
			code = "OK"
		}
		s.cfg.logf("iot1clicktest: %s %s %s -> %d %s", rec.Operation, rec.Method, rec.Path, rec.StatusCode, code)
	}
	s.reqs.add(rec)
}
