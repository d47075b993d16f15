package iot1click

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

const (
	// emptyPayloadHash is the SHA-256 of an empty payload.
	emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

	// maxResponseBytes bounds how much of a response body is read.
	maxResponseBytes = 16 << 20

	// skewThreshold is how far the service's clock may be from the signing
	// clock before a signature error is put down to clock skew.
	skewThreshold = 4 * time.Minute

	headerInvocationID = "Amz-Sdk-Invocation-Id"
	headerSDKRequest   = "Amz-Sdk-Request"
	headerUserAgent    = "User-Agent"
	headerContentType  = "Content-Type"
	headerRequestID    = "X-Amzn-Requestid"
	headerRequestIDAlt = "X-Amz-Requestid"
	headerErrorType    = "X-Amzn-Errortype"
	headerDate         = "Date"
)

// callOptions returns the options and endpoint of one call. The endpoint
// of the client's options is resolved once, in New, unless the caller set an
// EndpointResolverV2, which is asked on every call with the call's context.
func (c *Client) callOptions(ctx context.Context, optFns []func(*Options)) (*Options, resolvedEndpoint, error) {
	if len(optFns) == 0 {
		if c.options.EndpointResolverV2 != nil {
			ep, err := resolveEndpoint(ctx, &c.options)
			return &c.options, ep, err
		}
		return &c.options, c.ep, c.epErr
	}
	o := c.options.Copy()
	for _, fn := range optFns {
		fn(&o)
	}
	if o.Retryer == nil {
		o.Retryer = newDefaultRetryer(o.RetryMode)
	}
	if o.RetryMaxAttempts != 0 && o.RetryMaxAttempts != o.Retryer.MaxAttempts() {
		o.Retryer = retry.AddWithMaxAttempts(o.Retryer, o.RetryMaxAttempts)
	}
	if o.HTTPClient == nil {
		o.HTTPClient = c.options.HTTPClient
	}
	o.Credentials = cacheCredentials(o.Credentials)
	if o.Logger == nil {
		o.Logger = logging.Nop{}
	}
	ep, epErr := c.ep, c.epErr
	if o.EndpointResolverV2 != nil || o.Region != c.options.Region ||
		aws.ToString(o.BaseEndpoint) != aws.ToString(c.options.BaseEndpoint) ||
		(o.BaseEndpoint == nil) != (c.options.BaseEndpoint == nil) ||
		o.UseFIPSEndpoint != c.options.UseFIPSEndpoint ||
		o.UseDualStackEndpoint != c.options.UseDualStackEndpoint {
		ep, epErr = resolveEndpoint(ctx, &o)
	}
	return &o, ep, epErr
}

// invoke runs one operation: validation, serialization, then attempts until
// success, a final failure or the retryer gives up.
func (c *Client) invoke(ctx context.Context, op string, in operationInput, out operationOutput, optFns []func(*Options)) error {
	if ctx == nil {
		ctx = context.Background()
	}
	o, ep, err := c.callOptions(ctx, optFns)
	b := getBuilder()
	defer putBuilder(b)
	if err == nil {
		// The context is set first: Add stamps it on each error.
		b.perr.Context = op + "Input"
		in.validate(&b.perr)
		if b.perr.Len() > 0 {
			perr := b.perr
			err = &perr
		}
	}
	if err != nil {
		return &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	in.serialize(b)

	if err := c.roundTrips(ctx, o, ep, op, b, out); err != nil {
		return &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	return nil
}

// httpRequest is what the attempts of one call share.
type httpRequest struct {
	body        []byte // nil for requests without a body
	values      [4]string
	payloadHash string
	maxAttempts int
	signer      *v4.Signer
	dec         *wire.Decoder // pooled with the request builder
}

// bodyReader is a rewindable request body.
type bodyReader struct {
	b   []byte
	off int
}

func (r *bodyReader) Read(p []byte) (int, error) {
	if r.off >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.off:])
	r.off += n
	return n, nil
}

func (r *bodyReader) Close() error { return nil }

// newRequest builds the HTTP request of a call.
func (c *Client) newRequest(ctx context.Context, ep resolvedEndpoint, b *requestBuilder, userAgent string) (*http.Request, *httpRequest, error) {
	req, err := http.NewRequestWithContext(ctx, b.method, "", nil)
	if err != nil {
		return nil, nil, err
	}
	// Not pooled: the request's header values live here, and a user's
	// HTTPClient may keep the request after the call.
	hr := &httpRequest{}

	// One string holds the path and the query.
	n := len(ep.basePath) + len(b.path)
	b.scratch = append(b.scratch[:0], ep.basePath...)
	b.scratch = append(b.scratch, b.path...)
	b.scratch = append(b.scratch, b.query...)
	s := string(b.scratch)

	u := req.URL
	u.Scheme = ep.scheme
	u.Host = ep.host
	if b.escaped || ep.basePathRaw != ep.basePath {
		u.RawPath = s[:n]
		u.Path = ep.basePathRaw + string(b.rawPath)
	} else {
		u.Path = s[:n]
	}
	u.RawQuery = s[n:]
	req.Host = ep.host

	h := make(http.Header, 8)
	for k, v := range ep.headers {
		h[k] = v
	}
	hr.values[0] = userAgent
	h[headerUserAgent] = hr.values[0:1:1]
	hr.values[1] = newInvocationID()
	h[headerInvocationID] = hr.values[1:2:2]
	if b.hasBody {
		hr.values[2] = "application/json"
		h[headerContentType] = hr.values[2:3:3]
		hr.body = b.body
		req.ContentLength = int64(len(b.body))
	}
	req.Header = h
	return req, hr, nil
}

// newInvocationID returns a random UUID (version 4).
func newInvocationID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}

// roundTrips sends the request until it succeeds or may not be retried.
func (c *Client) roundTrips(ctx context.Context, o *Options, ep resolvedEndpoint, op string, b *requestBuilder, out operationOutput) error {
	userAgent := c.userAgent
	if o.AppID != c.options.AppID {
		userAgent = buildUserAgent(o.AppID)
	}
	req, hr, err := c.newRequest(ctx, ep, b, userAgent)
	if err != nil {
		return err
	}
	hr.payloadHash = emptyPayloadHash
	if b.hasBody {
		sum := sha256.Sum256(b.body)
		hr.payloadHash = hex.EncodeToString(sum[:])
	}
	hr.dec = &b.dec
	hr.signer = c.signer
	if o != &c.options && (o.ClientLogMode.IsSigning() || c.options.ClientLogMode.IsSigning()) {
		// Per-call options may change what the signer logs.
		hr.signer = newSigner(o)
	}

	retryer := o.Retryer
	maxAttempts := retryer.MaxAttempts()
	hr.maxAttempts = maxAttempts
	var releaseRetry func(error) error
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return &aws.RequestCanceledError{Err: fmt.Errorf("before attempt %d of %d: %w", attempt, maxAttempts, err)}
		}
		// Every attempt asks for a token, so that adaptive retry mode can
		// rate-limit retries and learn from their throttles.
		var releaseAttempt func(error) error
		if r2, ok := retryer.(aws.RetryerV2); ok {
			if releaseAttempt, err = r2.GetAttemptToken(ctx); err != nil {
				return fmt.Errorf("failed to get retry attempt token: %w", err)
			}
		} else if attempt == 1 {
			releaseAttempt = retryer.GetInitialToken()
		}
		if attempt > 1 {
			// A new request for each retry: the HTTPClient may still hold
			// the previous one.
			req = req.Clone(ctx)
		}

		err = c.attempt(ctx, o, req, hr, attempt, out)
		if releaseRetry != nil {
			_ = releaseRetry(err)
			releaseRetry = nil
		}
		if releaseAttempt != nil {
			_ = releaseAttempt(err)
		}
		if err == nil {
			out.metadata().Attempts = attempt
			return nil
		}
		if !retryer.IsErrorRetryable(err) {
			return err
		}
		if maxAttempts > 0 && attempt >= maxAttempts {
			return &retry.MaxAttemptsError{Attempt: attempt, Err: err}
		}
		rel, terr := retryer.GetRetryToken(ctx, err)
		if terr != nil {
			return errors.Join(err, fmt.Errorf("no retry after attempt %d of %d: %w", attempt, maxAttempts, terr))
		}
		releaseRetry = rel
		delay, derr := retryer.RetryDelay(attempt, err)
		if derr != nil {
			return errors.Join(err, derr)
		}
		if o.ClientLogMode.IsRetries() {
			o.Logger.Logf(logging.Debug, "%s: attempt %d of %d failed, retrying in %v: %v", op, attempt, maxAttempts, delay, err)
		}
		if werr := sleep(ctx, delay); werr != nil {
			_ = releaseRetry(werr)
			return &aws.RequestCanceledError{Err: fmt.Errorf(
				"canceled while waiting to retry after attempt %d of %d: %w (last error: %w)", attempt, maxAttempts, werr, err)}
		}
	}
}

// sdkRequestValues holds the common values of the amz-sdk-request header,
// indexed by max attempts and attempt.
var sdkRequestValues = func() [][]string {
	t := make([][]string, 11)
	for m := 1; m < len(t); m++ {
		t[m] = make([]string, m+1)
		for a := 1; a <= m; a++ {
			t[m][a] = "attempt=" + strconv.Itoa(a) + "; max=" + strconv.Itoa(m)
		}
	}
	return t
}()

// sdkRequestHeader returns the amz-sdk-request header value of an attempt.
func sdkRequestHeader(attempt, maxAttempts int) string {
	if maxAttempts > 0 && maxAttempts < len(sdkRequestValues) && attempt <= maxAttempts {
		return sdkRequestValues[maxAttempts][attempt]
	}
	if maxAttempts <= 0 {
		return "attempt=" + strconv.Itoa(attempt)
	}
	return "attempt=" + strconv.Itoa(attempt) + "; max=" + strconv.Itoa(maxAttempts)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// attempt signs and sends the request once and reads its response.
func (c *Client) attempt(ctx context.Context, o *Options, req *http.Request, hr *httpRequest, attempt int, out operationOutput) error {
	maxAttempts := hr.maxAttempts
	if attempt == 1 {
		hr.values[3] = sdkRequestHeader(attempt, maxAttempts)
		req.Header[headerSDKRequest] = hr.values[3:4:4]
	} else {
		req.Header[headerSDKRequest] = []string{sdkRequestHeader(attempt, maxAttempts)}
	}
	if hr.body != nil {
		// A fresh reader each attempt: the transport may close the previous
		// one after its response arrived.
		req.Body = &bodyReader{b: hr.body}
	}

	if o.Credentials != nil && !isAnonymous(o.Credentials) {
		creds, err := o.Credentials.Retrieve(ctx)
		if err != nil {
			return fmt.Errorf("failed to retrieve credentials: %w", err)
		}
		signAt := time.Now()
		if !o.DisableClockSkewCorrection {
			signAt = signAt.Add(time.Duration(c.skew.Load()))
		}
		if err := hr.signer.SignHTTP(ctx, creds, req, hr.payloadHash, SigningName, o.Region, signAt); err != nil {
			return fmt.Errorf("failed to sign request: %w", err)
		}
	}
	if o.ClientLogMode.IsRequest() || o.ClientLogMode.IsRequestWithBody() {
		logRequest(o, req, hr.body)
	}

	resp, err := o.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return &aws.RequestCanceledError{Err: fmt.Errorf("attempt %d of %d: %w", attempt, maxAttempts, err)}
		}
		return &smithyhttp.RequestSendError{Err: err}
	}
	err = c.handleResponse(o, resp, hr.dec, out)
	if err != nil && ctx.Err() != nil && isReadError(err) {
		// The context ended while the response body was read.
		return &aws.RequestCanceledError{Err: fmt.Errorf("attempt %d of %d: reading the response: %w", attempt, maxAttempts, ctx.Err())}
	}
	return err
}

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

	md := out.metadata()
	md.RequestID = requestID(resp.Header)
	md.ServerTime = serverTime(resp.Header)

	if o.ClientLogMode.IsResponse() || o.ClientLogMode.IsResponseWithBody() {
		logResponse(o, resp, body)
	}

	respErr := func(err error) error {
		return &awshttp.ResponseError{
			ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: err},
			RequestID:     md.RequestID,
		}
	}
	if rerr != nil {
		return respErr(&smithy.DeserializationError{Err: &readError{rerr}, Snapshot: snapshot(body)})
	}

	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return respErr(c.checkSkew(o, resp, parseError(resp, body), md.ServerTime))
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

// clockSkewError marks a signature error caused by clock skew: the signing
// clock has been corrected, and the call is retried.
type clockSkewError struct {
	Err  error
	Skew time.Duration
}

func (e *clockSkewError) Error() string {
	return fmt.Sprintf("clock skew of %v corrected: %v", e.Skew.Round(time.Second), e.Err)
}

func (e *clockSkewError) Unwrap() error { return e.Err }

// RetryableError reports that the call may be retried with the corrected
// clock.
func (e *clockSkewError) RetryableError() bool { return true }

var clockSkewCodes = map[string]bool{
	"InvalidSignatureException": true,
	"SignatureDoesNotMatch":     true,
	"AuthFailure":               true,
	"RequestTimeTooSkewed":      true,
	"RequestExpired":            true,
	"RequestInTheFuture":        true,
}

// checkSkew corrects the signing clock when err is a signature error and
// the service's clock is over skewThreshold from the signing clock. The
// service's time is its Date header or, without one, the time an AWS
// "Signature expired" message quotes.
func (c *Client) checkSkew(o *Options, resp *http.Response, err error, server time.Time) error {
	if o.DisableClockSkewCorrection {
		return err
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) || !clockSkewCodes[ae.ErrorCode()] {
		return err
	}
	if server.IsZero() {
		server = serverTimeInMessage(ae.ErrorMessage())
		if server.IsZero() {
			return err
		}
	}
	skew := time.Until(server)
	current := time.Duration(c.skew.Load())
	diff := skew - current
	if diff < 0 {
		diff = -diff
	}
	if diff <= skewThreshold {
		return err
	}
	c.skew.Store(int64(skew))
	return &clockSkewError{Err: err, Skew: skew}
}

// skewMessage matches the server time in AWS's signature time errors:
// "Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z
// (20150830T125100Z - 5 min.)" and "Signature not yet current: … is still
// later than … (20150830T125100Z + 5 min.)".
var skewMessage = regexp.MustCompile(`\((\d{8}T\d{6}Z) [-+] \d+ min\.\)`)

// serverTimeInMessage returns the server time an error message quotes, or
// the zero time.
func serverTimeInMessage(msg string) time.Time {
	m := skewMessage.FindStringSubmatch(msg)
	if m == nil {
		return time.Time{}
	}
	t, err := time.Parse("20060102T150405Z", m[1])
	if err != nil {
		return time.Time{}
	}
	return t
}

// logRequest logs a request with its secrets redacted.
func logRequest(o *Options, req *http.Request, body []byte) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Request\n%s %s HTTP/1.1\nHost: %s\n", req.Method, req.URL.RequestURI(), req.Host)
	writeHeaders(&sb, req.Header)
	if o.ClientLogMode.IsRequestWithBody() && len(body) > 0 {
		sb.WriteString("\n")
		sb.Write(body)
	}
	o.Logger.Logf(logging.Debug, "%s", sb.String())
}

// logResponse logs a response.
func logResponse(o *Options, resp *http.Response, body []byte) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Response\nHTTP/%d.%d %s\n", resp.ProtoMajor, resp.ProtoMinor, resp.Status)
	writeHeaders(&sb, resp.Header)
	if o.ClientLogMode.IsResponseWithBody() && len(body) > 0 {
		sb.WriteString("\n")
		sb.Write(body)
	}
	o.Logger.Logf(logging.Debug, "%s", sb.String())
}

func writeHeaders(sb *strings.Builder, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(sb, "%s: %s\n", k, redactHeader(k, v))
		}
	}
}

// redactingLogger hides the session token in the signer's log of the
// canonical request.
type redactingLogger struct{ logging.Logger }

func (l redactingLogger) Logf(c logging.Classification, format string, v ...interface{}) {
	s := fmt.Sprintf(format, v...)
	const key = "x-amz-security-token:"
	if i := strings.Index(s, key); i >= 0 {
		i += len(key)
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			end = len(s) - i
		}
		s = s[:i] + "[REDACTED]" + s[i+end:]
	}
	l.Logger.Logf(c, "%s", s)
}

// WithContext passes the context on to the wrapped logger.
func (l redactingLogger) WithContext(ctx context.Context) logging.Logger {
	return redactingLogger{logging.WithContext(ctx, l.Logger)}
}

// redactHeader hides the secrets a header may carry: the signature of the
// Authorization header and the session token.
func redactHeader(key, value string) string {
	switch http.CanonicalHeaderKey(key) {
	case "Authorization":
		if i := strings.Index(value, "Signature="); i >= 0 {
			return value[:i] + "Signature=[REDACTED]"
		}
		return "[REDACTED]"
	case "X-Amz-Security-Token", "Cookie", "Set-Cookie", "Proxy-Authorization":
		return "[REDACTED]"
	}
	return value
}
