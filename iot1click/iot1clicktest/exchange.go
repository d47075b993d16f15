package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/uuid"
)

// apiError is an error answer.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

func invalid(format string, args ...any) *apiError {
	return &apiError{status: 400, code: "InvalidRequestException", msg: fmt.Sprintf(format, args...)}
}

func notFound(id string) *apiError {
	return &apiError{status: 404, code: "ResourceNotFoundException", msg: fmt.Sprintf("The requested device could not be found: %s", id)}
}

// exchange is one request being served.
type exchange struct {
	s       *Handler
	w       http.ResponseWriter
	r       *http.Request
	rec     Request
	label   string            // the operation's first path label, unescaped
	labels  [maxLabels]string // the operation's path labels, in order
	body    []byte
	account string
	fault   Fault
	faulted bool
	logged  bool
	start   time.Time // when serving began, for Request.Duration
}

// commit records the answer's status in the request log before the answer
// is written, so that a client that has read the answer finds its request
// in Requests.
func (x *exchange) commit(status int, code string) {
	x.rec.StatusCode, x.rec.ErrorCode = status, code
	x.rec.Duration = time.Since(x.start)
	x.logged = true
	x.s.log(&x.rec)
}

// access says whether an operation changes the server's state.
type access bool

const (
	// reads is an operation that only reads the state: it runs under the
	// read lock, alongside other reads.
	reads access = false
	// writes is an operation that may change the state: it runs under the
	// write lock.
	writes access = true
)

// answer runs fn under the server's lock (the read lock for reads), then
// answers with fn's error or, on success, with status and the JSON of fn's
// result (no body for 204). The result is encoded before the lock is
// released, so it may share maps and slices with the server's state.
func (x *exchange) answer(status int, acc access, fn func() (any, *apiError)) {
	lock, unlock := x.s.mu.RLock, x.s.mu.RUnlock
	if acc == writes {
		lock, unlock = x.s.mu.Lock, x.s.mu.Unlock
	}
	lock()
	out, e := fn()
	if e == nil && acc == writes {
		e = x.saveExchangeLocked() // durable before the answer
	}
	var buf *bytes.Buffer
	if e == nil && status != http.StatusNoContent {
		buf, e = encodeJSON(out)
	}
	unlock()
	switch {
	case e != nil:
		x.writeError(e)
	case status == http.StatusNoContent:
		x.writeNoContent()
	default:
		x.writeBody(status, buf.Bytes())
		putBuffer(buf)
	}
}

// duplicateTokenLocked returns the nextToken of a page under a
// DuplicatePageToken fault: the request's own token, or a fresh token of
// the first page when the request had none.
func (x *exchange) duplicateTokenLocked(op, digest, token string) (string, bool) {
	if !x.faulted || !x.fault.DuplicatePageToken {
		return "", false
	}
	if token == "" {
		token = x.s.issueTokenLocked(op, x.account, digest, "")
	}
	return token, true
}

// setHeaders sets the headers of an answer: X-Amzn-RequestId and Date,
// Content-Type and Content-Length unless contentLength is negative, and
// X-Amzn-ErrorType unless errorType is empty. The values share one
// allocation.
func (x *exchange) setHeaders(contentLength int, errorType string) {
	h := x.w.Header()
	vals := make([]string, 0, 5)
	add := func(key, val string) {
		vals = append(vals, val)
		h[key] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	add("X-Amzn-RequestId", x.rec.RequestID)
	add("Date", x.s.httpDate())
	if contentLength >= 0 {
		add("Content-Type", "application/json")
		add("Content-Length", strconv.Itoa(contentLength))
	}
	if errorType != "" {
		add("X-Amzn-ErrorType", errorType)
	}
}

// writeBody answers with status and the JSON body b.
func (x *exchange) writeBody(status int, b []byte) {
	x.setHeaders(len(b), "")
	x.commit(status, "")
	x.w.WriteHeader(status)
	_, _ = x.w.Write(b)
}

func (x *exchange) writeNoContent() {
	x.setHeaders(-1, "")
	x.commit(http.StatusNoContent, "")
	x.w.WriteHeader(http.StatusNoContent)
}

func (x *exchange) writeError(e *apiError) {
	b, _ := json.Marshal(struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}{e.code, e.msg})
	x.setHeaders(len(b), e.code)
	x.commit(e.status, e.code)
	x.w.WriteHeader(e.status)
	_, _ = x.w.Write(b)
}

// newExchange starts serving a request of the service.
func (s *Handler) newExchange(w http.ResponseWriter, r *http.Request) *exchange {
	x := &exchange{s: s, w: w, r: r, start: time.Now()}
	x.rec = Request{
		Method:    r.Method,
		Path:      r.URL.EscapedPath(),
		RawQuery:  r.URL.RawQuery,
		Header:    r.Header,
		RequestID: uuid.New(),
		Time:      s.Now(),
	}
	// The log keeps the request's own header map, which nothing changes
	// once the request arrived, unless it holds a token to redact; Requests
	// hands out copies.
	if x.rec.Header.Get("X-Amz-Security-Token") != "" {
		x.rec.Header = r.Header.Clone()
		x.rec.Header.Set("X-Amz-Security-Token", "REDACTED")
	}
	return x
}

// logUnanswered logs a request that got no answer: a dropped connection,
// or a client that went away.
func (x *exchange) logUnanswered() {
	if !x.logged {
		x.s.log(&x.rec)
	}
}

// serveOperation serves a request that matched op.
func (s *Handler) serveOperation(w http.ResponseWriter, r *http.Request, op operation) {
	x := s.newExchange(w, r)
	defer x.logUnanswered()
	x.rec.Operation = op.name
	for i := range op.labels {
		x.labels[i] = r.PathValue(labelNames[i])
	}
	x.label = x.labels[0]

	limit := s.cfg.maxBodyBytes
	tooLarge := func() *apiError {
		return &apiError{status: http.StatusRequestEntityTooLarge, code: "RequestEntityTooLargeException",
			msg: fmt.Sprintf("Request must be smaller than %d bytes for the %s operation", limit, op.name)}
	}
	if r.ContentLength > limit {
		x.writeError(tooLarge())
		return
	}
	var body []byte
	if r.Body != nil && r.Body != http.NoBody {
		// A body that stalls does not hold Server.Close: ServeHTTP armed
		// the cut of the connection (cutOnClose).
		var err error
		body, err = io.ReadAll(io.LimitReader(r.Body, limit+1))
		if err != nil {
			x.hangUp() // the client went away, or Server.Close cut a stalled body short
			return
		}
	}
	if int64(len(body)) > limit {
		x.writeError(tooLarge())
		return
	}
	x.body, x.rec.Body = body, body

	if e := s.verify(x); e != nil {
		x.writeError(e)
		return
	}

	if s.faultCount.Load() > 0 {
		s.mu.Lock()
		x.fault, x.faulted = s.pickFaultLocked(op.name)
		s.mu.Unlock()
	}
	x.rec.Fault = x.faulted
	if x.faulted {
		if d := x.fault.Latency; d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				// Close cuts the connection's reads, which ends the
				// request's context too, after it ended closing: the
				// request is then answered, as Close promises, not dropped.
				if s.closing.Err() == nil {
					return
				}
			case <-s.closing.Done():
				t.Stop()
			}
		}
		if x.fault.DropConnection {
			x.hangUp()
			return
		}
		if x.fault.failing() {
			x.writeError(x.fault.apiErr())
			return
		}
	}
	op.run(s, x)
}

// hangUp logs the request as unanswered (status 0), then closes its
// connection: a client whose call failed on the hang-up, and retried, finds
// the dropped request in Requests before its retry.
func (x *exchange) hangUp() {
	x.commit(0, "")
	hangUp(x.w)
}

// hangUp closes the connection of w without an answer.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
	}
}

// decode decodes the JSON object body into v (an empty body is an empty
// object) and checks that the required members are present and not null.
// It reports false after answering 400 InvalidRequestException.
func (x *exchange) decode(v any, required ...string) bool {
	e := decodeJSON(x.body, v)
	if e == nil && len(required) > 0 {
		var members map[string]json.RawMessage
		_ = decodeJSON(x.body, &members)
		for _, name := range required {
			if m, ok := members[name]; !ok || string(m) == "null" {
				e = invalid("The request body must contain %s.", name)
				break
			}
		}
	}
	if e != nil {
		x.writeError(e)
		return false
	}
	return true
}

// decodeJSON decodes a JSON object body into v; an empty body is an empty
// object.
func decodeJSON(body []byte, v any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return invalid("Could not parse request body into json: %v", err)
	}
	if dec.More() {
		return invalid("Could not parse request body into json: unexpected data after the object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid("Could not parse request body into json: unexpected data after the object")
	}
	return nil
}
