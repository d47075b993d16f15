package transport

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// maxResponseBytes bounds how much of a response body is read.
const maxResponseBytes = 16 << 20

const (
	headerRequestID    = "X-Amzn-Requestid"
	headerRequestIDAlt = "X-Amz-Requestid"
	headerErrorType    = "X-Amzn-Errortype"
	headerDate         = "Date"
)

var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// readBody reads r into dst, at most max bytes.
func readBody(dst []byte, r io.Reader, max int) ([]byte, error) {
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := r.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		if len(dst) > max {
			return dst, fmt.Errorf("response body exceeds %d bytes", max)
		}
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}

// responseFacts are what one response's headers say that the metadata
// records and errors quote: its request ID and server time, read once.
type responseFacts struct {
	reqID  string
	server *boxedTime // nil when the response gave no time
}

// newResponseFacts reads the facts of resp's headers.
func newResponseFacts(resp *http.Response) responseFacts {
	return responseFacts{reqID: requestID(resp.Header), server: serverTime(resp.Header)}
}

// record records the facts in md, as the official RequestIDRetriever and
// RecordResponseTiming middleware do.
func (f *responseFacts) record(md *middleware.Metadata) {
	setResponseMetadata(md, f.reqID, f.server)
}

// readResponse reads and decodes one response to request sent, whose
// facts are f, into out. A response to another request than sent (an
// HTTPClient followed a redirect) is a redirect error, and a response whose
// reading the end of ctx cut short is a *smithy.CanceledError, as a send is.
func (c *Client) readResponse(ctx context.Context, o *Options, op operation, sent *http.Request, resp *http.Response,
	f *responseFacts, d *wire.Decoder, out any) error {
	if err := c.checkAnswer(sent, resp, f); err != nil {
		return err
	}
	bp := bodyPool.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= 1<<20 {
			*bp = (*bp)[:0]
			bodyPool.Put(bp)
		}
	}()
	body, rerr := readBody((*bp)[:0], resp.Body, maxResponseBytes)
	*bp = body
	resp.Body.Close()

	if o.ClientLogMode.IsResponse() || o.ClientLogMode.IsResponseWithBody() {
		logResponse(o, resp, body)
	}

	respErr := func(err error) error { return responseError(resp, f.reqID, err) }
	if rerr != nil {
		if ctx.Err() != nil {
			// The context ended while the response body was read.
			return &smithy.CanceledError{Err: ctx.Err()}
		}
		return respErr(&smithy.DeserializationError{Err: &readError{rerr}, Snapshot: snapshot(body)})
	}

	if isRedirect(resp.StatusCode) {
		return respErr(c.svc.NewRedirectError(redirectOf(resp)))
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return respErr(c.checkSkew(o, resp, c.parseError(resp, body), f.server.time()))
	}
	if len(body) == 0 {
		return nil
	}
	d.Reset(string(body))
	err := op.deserialize(out, d)
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return respErr(&smithy.DeserializationError{Err: err, Snapshot: snapshot(body)})
	}
	return nil
}

// readError is a failure to read a response body.
type readError struct{ err error }

func (e *readError) Error() string { return "failed to read response body: " + e.err.Error() }

func (e *readError) Unwrap() error { return e.err }

// snapshot returns a copy of the start of a body, for errors.
func snapshot(body []byte) []byte {
	const max = 256
	if len(body) > max {
		body = body[:max]
	}
	return bytes.Clone(body)
}

// responseError wraps the error of a response with the response and its
// request ID.
func responseError(resp *http.Response, reqID string, err error) error {
	return &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: err},
		RequestID:     reqID,
	}
}

// requestID returns the request ID of a response, cut short when it is
// longer than any the service sends.
func requestID(h http.Header) string {
	v := h[headerRequestID]
	if len(v) == 0 {
		v = h[headerRequestIDAlt]
	}
	if len(v) == 0 {
		return ""
	}
	if len(v[0]) > wire.MaxExcerpt {
		return cutShort(v[0], wire.MaxExcerpt)
	}
	return v[0]
}

// cutShort returns a copy of s, which shares no memory with it, cut to its
// first n bytes at a rune boundary and followed by "…" when longer. It
// bounds the response data an error keeps as text (codes, messages,
// request IDs, hosts); quoted excerpts come from wire.Excerpt.
func cutShort(s string, n int) string {
	if len(s) <= n {
		return strings.Clone(s)
	}
	return wire.Cut(s, n) + "…"
}

// maxSendErrorLen is the most bytes of an HTTPClient's error message that
// a send error shows; net/http's may quote a whole Location header.
const maxSendErrorLen = 300

// shortError is an error whose message is cut short; Unwrap returns the
// original.
type shortError struct{ err error }

func (e *shortError) Error() string { return cutShort(e.err.Error(), maxSendErrorLen) }

func (e *shortError) Unwrap() error { return e.err }

// shortenError returns err, or err wrapped in a *shortError when its
// message is too long to quote.
func shortenError(err error) error {
	if len(err.Error()) > maxSendErrorLen {
		return &shortError{err}
	}
	return err
}

// isRedirect reports the statuses of a redirect to the Location header.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// serverTime returns the server time of a response's Date header, nil
// when it has none.
func serverTime(h http.Header) *boxedTime {
	v := h[headerDate]
	if len(v) == 0 {
		return nil
	}
	return parseServerDate(v[0])
}

// parseError identifies the error of a failed response. The response is an
// error of the service when it has the service's error shape: an
// X-Amzn-ErrorType header, or a JSON object body with a code or __type
// member. The code comes from the header first, then the body's code, then
// its __type; a code that is a number or a status such as "404" names no
// type, and the HTTP status decides. Any other response, such as a proxy's
// HTML page, is a *smithy.GenericAPIError naming the status and the kind of
// body, with an excerpt of it. Codes and messages are cut short.
func (c *Client) parseError(resp *http.Response, body []byte) error {
	code := ""
	shaped := false
	if v := resp.Header[headerErrorType]; len(v) > 0 && v[0] != "" {
		code = wire.SanitizeErrorCode(v[0])
		shaped = true
	}
	var bodyCode, typ, msg string
	hasCode := false
	text := string(body)
	if len(text) > 0 {
		var d wire.Decoder
		d.Reset(text)
		err := d.Object(func(key string) error {
			switch key {
			case "code", "Code":
				v, _, err := d.Scalar()
				bodyCode, hasCode = v, true
				return err
			case "__type":
				v, err := d.String()
				typ = v
				return err
			case "message", "Message", "errorMessage":
				v, err := d.String()
				if msg == "" {
					msg = v
				}
				return err
			}
			return d.Skip()
		})
		if err == nil {
			err = d.End()
		}
		if err == nil && (hasCode || typ != "") {
			shaped = true
		}
	}
	if !shaped {
		return unshapedError(resp, text)
	}
	if code == "" && bodyCode != "" && !isNumeric(bodyCode) {
		code = wire.SanitizeErrorCode(bodyCode)
	}
	if code == "" && typ != "" {
		code = wire.SanitizeErrorCode(typ)
	}
	if code == "" {
		code = c.svc.exceptionFor(resp.StatusCode)
	}
	return c.newAPIError(cutShort(code, maxMessageLen), cutShort(bodyCode, maxMessageLen), cutShort(msg, maxMessageLen), resp.StatusCode)
}

// newAPIError returns the service's typed error for a sanitized error code,
// or a *smithy.GenericAPIError for codes its model does not know.
func (c *Client) newAPIError(code, bodyCode, msg string, status int) error {
	if e := c.svc.exception(code); e != nil {
		return e.New(msg, bodyCode)
	}
	fault := smithy.FaultClient
	if status >= 500 {
		fault = smithy.FaultServer
	}
	if code == "" {
		code = "UnknownError"
	}
	return &smithy.GenericAPIError{Code: code, Message: msg, Fault: fault}
}

// maxMessageLen is the most bytes of an error code or message of the
// service that an error keeps. It is more than wire.MaxExcerpt: AWS's signature
// time messages are over 100 bytes long, and clock skew correction reads
// the time at their end.
const maxMessageLen = 256

// unshapedError is the error of a failed response without the service's
// error shape.
func unshapedError(resp *http.Response, body string) error {
	fault := smithy.FaultClient
	if resp.StatusCode >= 500 {
		fault = smithy.FaultServer
	}
	var msg string
	status := strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
	if len(body) == 0 {
		msg = fmt.Sprintf("HTTP %s, not an error of the service: empty body", status)
	} else {
		msg = fmt.Sprintf("HTTP %s, not an error of the service: %s body %s",
			status, bodyKind(resp.Header, body), wire.Excerpt(body))
	}
	return &smithy.GenericAPIError{Code: "UnknownError", Message: msg, Fault: fault}
}

// bodyKind returns the media type of a body: its Content-Type without
// parameters (quoted when invalid) or, without one, the sniffed type
// followed by "(sniffed)".
func bodyKind(h http.Header, body string) string {
	if v := h["Content-Type"]; len(v) > 0 && v[0] != "" {
		mt, _, err := mime.ParseMediaType(v[0])
		if err != nil || len(mt) > wire.MaxExcerpt {
			return "Content-Type " + wire.Excerpt(v[0])
		}
		return mt
	}
	sniffed, _, _ := strings.Cut(http.DetectContentType([]byte(body[:min(len(body), 512)])), ";")
	return sniffed + " (sniffed)"
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != '-' {
			return false
		}
	}
	return true
}
