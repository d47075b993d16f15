package iot1clicktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest/internal/sigv4"
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
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
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
	s       *Server
	w       http.ResponseWriter
	r       *http.Request
	rec     Request
	labels  []string
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

// answer runs fn under the server's lock, then answers with fn's error or,
// on success, with status and the JSON of fn's result (no body for 204).
// The result is encoded after the lock is released, so it must not share
// maps or slices with the server's state.
func (x *exchange) answer(status int, fn func() (any, *apiError)) {
	x.s.mu.Lock()
	out, e := fn()
	x.s.mu.Unlock()
	switch {
	case e != nil:
		x.writeError(e)
	case status == http.StatusNoContent:
		x.writeNoContent()
	default:
		x.writeJSON(status, out)
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

// setCommonHeaders sets the headers of every answer.
func (x *exchange) setCommonHeaders() {
	h := x.w.Header()
	h["X-Amzn-RequestId"] = []string{x.rec.RequestID}
	h.Set("Date", x.s.Now().UTC().Format(http.TimeFormat))
}

func (x *exchange) writeJSON(status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		x.writeError(&apiError{status: 500, code: "InternalFailureException", msg: err.Error()})
		return
	}
	x.setCommonHeaders()
	x.w.Header().Set("Content-Type", "application/json")
	x.w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	x.commit(status, "")
	x.w.WriteHeader(status)
	_, _ = x.w.Write(b)
}

func (x *exchange) writeNoContent() {
	x.setCommonHeaders()
	x.commit(http.StatusNoContent, "")
	x.w.WriteHeader(http.StatusNoContent)
}

func (x *exchange) writeError(e *apiError) {
	b, _ := json.Marshal(struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}{e.code, e.msg})
	x.setCommonHeaders()
	h := x.w.Header()
	h["X-Amzn-ErrorType"] = []string{e.code}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	x.commit(e.status, e.code)
	x.w.WriteHeader(e.status)
	_, _ = x.w.Write(b)
}

// serveHTTP is the server's handler.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, ControlPrefix) || r.URL.Path == strings.TrimSuffix(ControlPrefix, "/") {
		s.serveControl(w, r)
		return
	}
	x := &exchange{s: s, w: w, r: r}
	x.rec = Request{
		Method:    r.Method,
		Path:      r.URL.EscapedPath(),
		RawQuery:  r.URL.RawQuery,
		Header:    r.Header.Clone(),
		RequestID: newRequestID(),
		Time:      s.Now(),
	}
	if x.rec.Header.Get("X-Amz-Security-Token") != "" {
		x.rec.Header.Set("X-Amz-Security-Token", "REDACTED")
	}
	defer func() {
		if !x.logged { // no answer: dropped connection, or the client went away
			s.log(&x.rec)
		}
	}()

	op, labels, known := route(r.Method, x.rec.Path)
	x.rec.Operation, x.labels = op, labels
	if op == "" {
		msg := "Unknown operation: " + r.Method + " " + x.rec.Path
		if known {
			msg = "Method " + r.Method + " is not allowed on " + x.rec.Path
		}
		x.writeError(&apiError{status: 404, code: "UnknownOperationException", msg: msg})
		return
	}

	limit := s.cfg.maxBodyBytes
	tooLarge := &apiError{status: http.StatusRequestEntityTooLarge, code: "RequestEntityTooLargeException",
		msg: fmt.Sprintf("Request must be smaller than %d bytes for the %s operation", limit, op)}
	if r.ContentLength > limit {
		x.writeError(tooLarge)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return // the client went away
	}
	if int64(len(body)) > limit {
		x.writeError(tooLarge)
		return
	}
	x.body, x.rec.Body = body, body

	if e := s.verify(x); e != nil {
		x.writeError(e)
		return
	}

	s.mu.Lock()
	x.fault, x.faulted = s.pickFaultLocked(op)
	s.mu.Unlock()
	x.rec.Fault = x.faulted
	if x.faulted {
		if d := x.fault.Latency; d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			case <-s.closing:
				t.Stop()
			}
		}
		if x.fault.DropConnection {
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		if x.fault.failing() {
			x.writeError(x.fault.apiErr())
			return
		}
	}
	operations[op](s, x)
}

// verify checks the request's signature and sets the account it acts for.
func (s *Server) verify(x *exchange) *apiError {
	var keyID string
	v := &sigv4.Verifier{
		Service: model.SigningName,
		Region:  s.cfg.region,
		Lookup: func(accessKeyID string) (string, bool) {
			a, ok := s.accountFor(accessKeyID)
			if ok {
				keyID = accessKeyID
			}
			return a.secret, ok
		},
		MaxSkew: maxSkew,
		Now:     s.Now,
	}
	err := v.Verify(x.r, x.body)
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
func (s *Server) log(rec *Request) {
	if s.cfg.logf != nil {
		code := rec.ErrorCode
		if code == "" {
			code = "OK"
		}
		s.cfg.logf("iot1clicktest: %s %s %s -> %d %s", rec.Operation, rec.Method, rec.Path, rec.StatusCode, code)
	}
	if s.cfg.maxLog <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) >= s.cfg.maxLog {
		n := copy(s.requests, s.requests[len(s.requests)-s.cfg.maxLog+1:])
		s.requests = s.requests[:n]
	}
	s.requests = append(s.requests, *rec)
}

// route maps a method and an escaped path to an operation and its decoded
// path labels. known reports a path that matches an operation for another
// method.
func route(method, escapedPath string) (op string, labels []string, known bool) {
	if !strings.HasPrefix(escapedPath, "/") {
		return "", nil, false
	}
	segs := strings.Split(escapedPath[1:], "/")
	for _, seg := range segs {
		if seg == "" {
			return "", nil, false
		}
	}
	label := func(i int) (string, bool) {
		v, err := url.PathUnescape(segs[i])
		return v, err == nil && v != ""
	}
	byMethod := func(ops map[string]string, idx ...int) (string, []string, bool) {
		for _, i := range idx {
			v, ok := label(i)
			if !ok {
				return "", nil, false
			}
			labels = append(labels, v)
		}
		if o, ok := ops[method]; ok {
			return o, labels, true
		}
		return "", nil, true
	}
	switch {
	case len(segs) == 1 && segs[0] == "devices":
		return byMethod(map[string]string{"GET": OpListDevices})
	case len(segs) == 2 && segs[0] == "devices":
		return byMethod(map[string]string{"GET": OpDescribeDevice}, 1)
	case len(segs) == 3 && segs[0] == "devices":
		var ops map[string]string
		switch segs[2] {
		case "initiate-claim":
			ops = map[string]string{"PUT": OpInitiateDeviceClaim}
		case "finalize-claim":
			ops = map[string]string{"PUT": OpFinalizeDeviceClaim}
		case "events":
			ops = map[string]string{"GET": OpListDeviceEvents}
		case "methods":
			ops = map[string]string{"GET": OpGetDeviceMethods, "POST": OpInvokeDeviceMethod}
		case "state":
			ops = map[string]string{"PUT": OpUpdateDeviceState}
		case "unclaim":
			ops = map[string]string{"PUT": OpUnclaimDevice}
		default:
			return "", nil, false
		}
		return byMethod(ops, 1)
	case len(segs) == 2 && segs[0] == "claims":
		return byMethod(map[string]string{"PUT": OpClaimDevicesByClaimCode}, 1)
	case len(segs) == 2 && segs[0] == "tags":
		return byMethod(map[string]string{"GET": OpListTagsForResource, "POST": OpTagResource, "DELETE": OpUntagResource}, 1)
	}
	return "", nil, false
}

// decodeBody decodes a JSON object body into v; an empty body is an empty
// object.
func (x *exchange) decodeBody(v any) *apiError {
	if len(bytes.TrimSpace(x.body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(x.body))
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
