package iot1clicktest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
)

// ControlPrefix is the path prefix of the server's unsigned control
// endpoints.
const ControlPrefix = "/_iot1click/"

// maxSkew is how far a request's signing time may be off the server clock.
const maxSkew = 5 * time.Minute

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
	label   string // the operation's path label, unescaped
	body    []byte
	account string
	fault   Fault
	faulted bool
	logged  bool
}

// commit records the answer's status in the request log before the answer
// is written, so that a client that has read the answer finds its request
// in Requests.
func (x *exchange) commit(status int, code string) {
	x.rec.StatusCode, x.rec.ErrorCode = status, code
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

// operation is an operation of the service: its name, its ServeMux pattern
// (with at most one path label, read with PathValue, so unescaped: an ARN's
// "%2F" stays inside its one segment) and its implementation, which runs after
// the body size, the signature and the faults were checked.
type operation struct {
	name    string
	pattern string
	run     func(*Handler, *exchange)
}

// label returns the name of the operation's path label, "" for none.
func (op operation) label() string {
	_, rest, ok := strings.Cut(op.pattern, "{")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "}")
	return name
}

// operations are the service's operations.
var operations = []operation{
	{OpClaimDevicesByClaimCode, "PUT /claims/{claimCode}", (*Handler).claimDevicesByClaimCode},
	{OpDescribeDevice, "GET /devices/{deviceId}", (*Handler).describeDevice},
	{OpFinalizeDeviceClaim, "PUT /devices/{deviceId}/finalize-claim", (*Handler).finalizeDeviceClaim},
	{OpGetDeviceMethods, "GET /devices/{deviceId}/methods", (*Handler).getDeviceMethods},
	{OpInitiateDeviceClaim, "PUT /devices/{deviceId}/initiate-claim", (*Handler).initiateDeviceClaim},
	{OpInvokeDeviceMethod, "POST /devices/{deviceId}/methods", (*Handler).invokeDeviceMethod},
	{OpListDeviceEvents, "GET /devices/{deviceId}/events", (*Handler).listDeviceEvents},
	{OpListDevices, "GET /devices", (*Handler).listDevices},
	{OpListTagsForResource, "GET /tags/{resourceArn}", (*Handler).listTagsForResource},
	{OpTagResource, "POST /tags/{resourceArn}", (*Handler).tagResource},
	{OpUnclaimDevice, "PUT /devices/{deviceId}/unclaim", (*Handler).unclaimDevice},
	{OpUntagResource, "DELETE /tags/{resourceArn}", (*Handler).untagResource},
	{OpUpdateDeviceState, "PUT /devices/{deviceId}/state", (*Handler).updateDeviceState},
}

// newMux routes the operations, the control API and, for anything else,
// UnknownOperationException.
func (s *Handler) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, op := range operations {
		mux.HandleFunc(op.pattern, func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(op.pattern, r.Method+" ") {
				s.serveUnknown(w, r) // HEAD, which a GET pattern matches too
				return
			}
			s.serveOperation(w, r, op)
		})
	}
	mux.HandleFunc(ControlPrefix, s.serveControl)
	mux.HandleFunc(strings.TrimSuffix(ControlPrefix, "/"), s.serveControl)
	mux.HandleFunc("/", s.serveUnknown)
	return mux
}

// newVerifier returns the verifier of the server's signatures.
func (s *Handler) newVerifier() *sigv4.Verifier {
	return &sigv4.Verifier{
		Service: model.SigningName,
		Region:  s.cfg.region,
		Lookup: func(accessKeyID string) (string, bool) {
			a, ok := s.accountFor(accessKeyID)
			return a.secret, ok
		},
		MaxSkew: maxSkew,
		Now:     s.Now,
	}
}

// ServeHTTP serves the service's operations and the control API.
func (s *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !cleanPath(r.URL.EscapedPath()) {
		// ServeMux would redirect to the clean path; the service does not.
		s.serveUnknown(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// cleanPath reports whether an escaped path is absolute and has no empty,
// "." or ".." segment.
func cleanPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	if p == "/" {
		return true
	}
	for rest := p[1:]; ; {
		seg, tail, more := strings.Cut(rest, "/")
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		if !more {
			return true
		}
		rest = tail
	}
}

// serveUnknown answers a request that matches no operation.
func (s *Handler) serveUnknown(w http.ResponseWriter, r *http.Request) {
	x := s.newExchange(w, r)
	defer x.logUnanswered()
	path := x.rec.Path
	msg := "Unknown operation: " + r.Method + " " + path
	if cleanPath(path) && s.matchesOtherMethod(r) {
		msg = "Method " + r.Method + " is not allowed on " + path
	}
	x.writeError(&apiError{status: 404, code: "UnknownOperationException", msg: msg})
}

// matchesOtherMethod reports whether r's path is an operation's for another
// method.
func (s *Handler) matchesOtherMethod(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := &http.Request{Method: m, URL: r.URL, Host: r.Host}
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			return true
		}
	}
	return false
}

// newExchange starts serving a request of the service.
func (s *Handler) newExchange(w http.ResponseWriter, r *http.Request) *exchange {
	x := &exchange{s: s, w: w, r: r}
	x.rec = Request{
		Method:    r.Method,
		Path:      r.URL.EscapedPath(),
		RawQuery:  r.URL.RawQuery,
		Header:    r.Header,
		RequestID: newRequestID(),
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
	x.rec.Operation, x.label = op.name, r.PathValue(op.label())

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
		stop := func() bool { return false }
		if r.ContentLength != 0 {
			// Server.Close waits for the requests in flight: a body that
			// stalls must not hold it.
			stop = context.AfterFunc(s.closing, func() { _ = http.NewResponseController(w).SetReadDeadline(time.Now()) })
		}
		var err error
		body, err = io.ReadAll(io.LimitReader(r.Body, limit+1))
		stop()
		if err != nil {
			hangUp(w) // the client went away, or Server.Close cut a stalled body short
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
				return
			case <-s.closing.Done():
				t.Stop()
			}
		}
		if x.fault.DropConnection {
			hangUp(w)
			return
		}
		if x.fault.failing() {
			x.writeError(x.fault.apiErr())
			return
		}
	}
	op.run(s, x)
}

// hangUp closes the connection of w without an answer.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
	}
}

// verify checks the request's signature and sets the account it acts for.
func (s *Handler) verify(x *exchange) *apiError {
	keyID, err := s.verifier.VerifyKey(x.r, x.body)
	x.rec.AccessKeyID = keyID
	if err != nil {
		var se *sigv4.Error
		if errors.As(err, &se) {
			status := se.StatusCode
			if status == 0 {
				status = http.StatusForbidden
			}
			code := se.Code
			if code == "" {
				code = "InvalidSignatureException"
			}
			return &apiError{status: status, code: code, msg: se.Message}
		}
		return &apiError{status: http.StatusForbidden, code: "InvalidSignatureException", msg: err.Error()}
	}
	a, _ := s.accountFor(keyID)
	x.account = a.accountID
	x.rec.AccountID = a.accountID
	return nil
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
