package iot1click

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
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

// handleResponse reads and decodes one response.
func (c *Client) handleResponse(o *Options, resp *http.Response, d *wire.Decoder, out operationOutput) error {
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

	reqID, server := requestID(resp.Header), serverTime(resp.Header)
	setResponseMetadata(out.metadata(), reqID, server)

	if o.ClientLogMode.IsResponse() || o.ClientLogMode.IsResponseWithBody() {
		logResponse(o, resp, body)
	}

	respErr := func(err error) error {
		return &awshttp.ResponseError{
			ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: err},
			RequestID:     reqID,
		}
	}
	if rerr != nil {
		return respErr(&smithy.DeserializationError{Err: &readError{rerr}, Snapshot: snapshot(body)})
	}

	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return respErr(c.checkSkew(o, resp, parseError(resp, body), server))
	}
	if len(body) == 0 {
		return nil
	}
	d.Reset(string(body))
	err := out.deserialize(d)
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

func isReadError(err error) bool {
	var re *readError
	return errors.As(err, &re)
}

// snapshot returns a copy of the start of a body, for errors.
func snapshot(body []byte) []byte {
	const max = 256
	if len(body) > max {
		body = body[:max]
	}
	return bytes.Clone(body)
}

func requestID(h http.Header) string {
	if v := h[headerRequestID]; len(v) > 0 {
		return v[0]
	}
	if v := h[headerRequestIDAlt]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func serverTime(h http.Header) time.Time {
	v := h[headerDate]
	if len(v) == 0 {
		return time.Time{}
	}
	t, err := http.ParseTime(v[0])
	if err != nil {
		return time.Time{}
	}
	return t
}

// parseError identifies the error of a failed response: the code from the
// X-Amzn-ErrorType header first, then the body's code and __type members.
// A body code that is a number or a status such as "404" names no type.
func parseError(resp *http.Response, body []byte) error {
	code := ""
	if v := resp.Header[headerErrorType]; len(v) > 0 {
		code = wire.SanitizeErrorCode(v[0])
	}
	var bodyCode, typ, msg string
	if len(body) > 0 {
		var d wire.Decoder
		d.Reset(string(body))
		_ = d.Object(func(key string) error {
			switch key {
			case "code", "Code":
				v, _, err := d.Scalar()
				bodyCode = v
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
	}
	if code == "" && bodyCode != "" && !isNumeric(bodyCode) {
		code = wire.SanitizeErrorCode(bodyCode)
	}
	if code == "" && typ != "" {
		code = wire.SanitizeErrorCode(typ)
	}
	if code == "" {
		status := resp.StatusCode
		if isNumeric(bodyCode) {
			if n, err := strconv.Atoi(bodyCode); err == nil {
				status = n
			}
		}
		code = model.ExceptionFor(status)
	}
	return newAPIError(code, bodyCode, msg, resp.StatusCode)
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
