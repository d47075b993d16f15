package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// DefaultMaxRequestLogBytes is how many bytes of requests (bodies, headers,
// paths and queries) Requests keeps at most, 32 MiB: the oldest records go
// first when a new one would exceed it, whatever their number.
const DefaultMaxRequestLogBytes = 32 << 20

// requestLog is the log of the requests a Handler received: a ring of at
// most max records and maxBytes bytes (DefaultMaxRequestLogBytes when
// zero), so that logging a request costs O(1) however full the log is and a
// client sending large requests cannot grow it without bound. It has its
// own lock, so that logging does not wait for the emulated state.
//
// A request that was refused before its signature was found valid (no
// AccountId) keeps no body: only signed requests are worth replaying, and
// anyone can send unsigned ones.
type requestLog struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	recs     []Request // the ring; grows up to max
	head     int       // index of the oldest record
	n        int       // number of records held
	bytes    int       // recordBytes of the records held
}

// recordBytes is the memory a record holds that its sender chose: body,
// headers, path and query.
func recordBytes(r *Request) int {
	n := len(r.Body) + len(r.Path) + len(r.RawQuery)
	for k, vs := range r.Header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// add appends rec, dropping the oldest records when the log is full in
// number or in bytes. A record larger than the whole budget is kept without
// its body and headers.
func (l *requestLog) add(rec *Request) {
	if l.max <= 0 {
		return
	}
	r := *rec
	if r.AccountId == "" {
		r.Body = nil
	}
	budget := l.maxBytes
	if budget <= 0 {
		budget = DefaultMaxRequestLogBytes
	}
	size := recordBytes(&r)
	if size > budget {
		r.Body, r.Header = nil, nil
		size = recordBytes(&r)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.n > 0 && (l.n >= l.max || l.bytes+size > budget) {
		old := &l.recs[l.head]
		l.bytes -= recordBytes(old)
		*old = Request{} // let its header and body go
		l.head++
		if l.head == len(l.recs) {
			l.head = 0
		}
		l.n--
	}
	if l.n == len(l.recs) {
		// Full ring below max: straighten it and grow.
		l.recs = append(append(make([]Request, 0, min(max(2*l.n, 16), l.max)), l.recs[l.head:]...), l.recs[:l.head]...)
		l.head = 0
		l.recs = append(l.recs, r)
	} else {
		l.recs[(l.head+l.n)%len(l.recs)] = r
	}
	l.n++
	l.bytes += size
}

// snapshot returns deep copies of the records, oldest first.
func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Request, 0, l.n)
	for i := range l.n {
		out = append(out, l.recs[(l.head+i)%len(l.recs)])
	}
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
	l.recs, l.head, l.n, l.bytes = l.recs[:0], 0, 0, 0
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
	// AccountId is the account the request acted for, when its signature
	// was valid.
	AccountId string `json:"accountId,omitempty"`
	// Fault reports whether an injected fault hit the request.
	Fault bool `json:"fault,omitempty"`
	// Time is the server time the request arrived at.
	Time time.Time `json:"time"`
	// Duration is how long the request was served, from its arrival to
	// its answer (or hang-up), by the wall clock.
	Duration time.Duration `json:"duration"`
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
	if s.cfg.product.accessLog != nil {
		s.accessLog(rec)
	}
	s.reqs.add(rec)
}
