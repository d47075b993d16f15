package iot1click

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

const (
	headerInvocationID = "Amz-Sdk-Invocation-Id"
	headerSDKRequest   = "Amz-Sdk-Request"
	headerUserAgent    = "User-Agent"
	headerContentType  = "Content-Type"
)

// operationInput is implemented by every operation's input.
type operationInput interface {
	// validate adds every problem of the input to errs.
	validate(errs *smithy.InvalidParamsError)
	// serialize writes the request's path, query and body.
	serialize(b *requestBuilder)
}

// operationOutput is implemented by every operation's output.
type operationOutput interface {
	// deserialize reads a successful response body; d holds the whole body.
	deserialize(d *wire.Decoder) error
	// metadata returns the output's result metadata.
	metadata() *middleware.Metadata
}

// requestBuilder collects a request's path, query and body. Builders are
// pooled; their buffers are reused across calls.
type requestBuilder struct {
	method  string
	path    []byte // escaped
	rawPath []byte // unescaped, kept in step with path
	escaped bool   // path differs from rawPath
	query   []byte
	body    []byte
	hasBody bool
	scratch []byte
	perr    smithy.InvalidParamsError
	dec     wire.Decoder
	random  randomBatch
}

var builderPool = sync.Pool{New: func() any { return new(requestBuilder) }}

func getBuilder() *requestBuilder {
	return builderPool.Get().(*requestBuilder)
}

func putBuilder(b *requestBuilder) {
	if b.hasBody {
		// The transport may still read a request body after the response
		// arrived (it closes it when done, possibly later): never reuse it.
		b.body = nil
	}
	b.perr = smithy.InvalidParamsError{}
	b.dec = wire.Decoder{}
	b.method = ""
	b.path = b.path[:0]
	b.rawPath = b.rawPath[:0]
	b.escaped = false
	b.query = b.query[:0]
	b.body = b.body[:0]
	b.hasBody = false
	builderPool.Put(b)
}

// literal appends a literal path part, which must need no escaping.
func (b *requestBuilder) literal(s string) {
	b.path = append(b.path, s...)
	b.rawPath = append(b.rawPath, s...)
}

// label appends a path label, percent-encoding every byte but the
// unreserved ones so that the label stays one segment.
func (b *requestBuilder) label(s string) {
	n := len(b.path)
	b.path = wire.AppendEscapedPathLabel(b.path, s)
	if len(b.path)-n != len(s) {
		b.escaped = true
	}
	b.rawPath = append(b.rawPath, s...)
}

// queryParam appends key=value to the query.
func (b *requestBuilder) queryParam(key, value string) {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
	b.query = wire.AppendQueryEscaped(b.query, key)
	b.query = append(b.query, '=')
	b.query = wire.AppendQueryEscaped(b.query, value)
}

// queryInt appends key=n to the query.
func (b *requestBuilder) queryInt(key string, n int64) {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
	b.query = wire.AppendQueryEscaped(b.query, key)
	b.query = append(b.query, '=')
	b.query = strconv.AppendInt(b.query, n, 10)
}

// queryTime appends key=timestamp to the query, in the ISO-8601 form.
func (b *requestBuilder) queryTime(key string, t time.Time) {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
	b.query = wire.AppendQueryEscaped(b.query, key)
	b.query = append(b.query, '=')
	b.query = wire.AppendQueryEscaped(b.query, wire.FormatTimestamp(t))
}

// jsonBody starts a JSON object body.
func (b *requestBuilder) jsonBody() {
	b.hasBody = true
	b.body = append(b.body[:0], '{')
}

// member writes the key of a member of the JSON body.
func (b *requestBuilder) member(key string) {
	if len(b.body) > 1 {
		b.body = append(b.body, ',')
	}
	b.body = wire.AppendString(b.body, key)
	b.body = append(b.body, ':')
}

// endBody closes the JSON body object.
func (b *requestBuilder) endBody() {
	b.body = append(b.body, '}')
}

// httpRequest is what the attempts of one call share.
type httpRequest struct {
	body        []byte // nil for requests without a body
	values      [4]string
	payloadHash string
	maxAttempts int
	signer      *v4.Signer
	dec         *wire.Decoder // pooled with the request builder
	signSlots   *signSlots
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

// requestAlloc holds what newRequest allocates for one call, in one
// allocation.
type requestAlloc struct {
	hr        httpRequest
	url       url.URL
	signSlots signSlots
}

// newRequest builds the HTTP request of a call from the serialized input
// in b, ready for signing.
func (c *Client) newRequest(ctx context.Context, o *Options, ep resolvedEndpoint, b *requestBuilder) (*http.Request, *httpRequest, error) {
	if ctx == nil {
		return nil, nil, errors.New("nil context")
	}
	// Not pooled: the request's header values live here, and a user's
	// HTTPClient may keep the request after the call.
	a := &requestAlloc{}
	hr := &a.hr

	// One string holds the path, the query and the invocation ID.
	n := len(ep.basePath) + len(b.path)
	b.scratch = append(b.scratch[:0], ep.basePath...)
	b.scratch = append(b.scratch, b.path...)
	b.scratch = append(b.scratch, b.query...)
	q := len(b.scratch)
	b.scratch = appendInvocationID(b.scratch, &b.random)
	s := string(b.scratch)

	u := &a.url
	u.Scheme = ep.scheme
	u.Host = ep.host
	if b.escaped || ep.basePathRaw != ep.basePath {
		u.RawPath = s[:n]
		u.Path = ep.basePathRaw + string(b.rawPath)
	} else {
		u.Path = s[:n]
	}
	u.RawQuery = s[n:q]

	h := make(http.Header, 8)
	for k, v := range ep.headers {
		h[k] = slices.Clip(v) // an Add on one request must not write into another's
	}
	hr.values[0] = c.userAgent
	if o.AppID != c.options.AppID {
		hr.values[0] = buildUserAgent(o.AppID)
	}
	h[headerUserAgent] = hr.values[0:1:1]
	hr.values[1] = s[q:]
	h[headerInvocationID] = hr.values[1:2:2]
	// The request is built on the stack: WithContext makes the one copy on
	// the heap.
	req := http.Request{
		Method:     b.method,
		URL:        u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
		Host:       ep.host,
	}
	if b.hasBody {
		hr.values[2] = "application/json"
		h[headerContentType] = hr.values[2:3:3]
		hr.body = b.body
		req.ContentLength = int64(len(b.body))
	}
	hr.payloadHash = payloadHash(hr.body)
	hr.dec = &b.dec
	hr.signer = c.signerFor(o)
	hr.signSlots = &a.signSlots
	return req.WithContext(ctx), hr, nil
}

// randomBatch holds random bytes from crypto/rand for invocation IDs, read
// in batches: one read serves 32 calls. Each request builder has one.
type randomBatch struct {
	b     [512]byte
	avail int // unused bytes, at the end of b
}

// read fills u with random bytes not handed out before.
func (r *randomBatch) read(u []byte) {
	if r.avail < len(u) {
		_, _ = rand.Read(r.b[:])
		r.avail = len(r.b)
	}
	r.avail -= copy(u, r.b[len(r.b)-r.avail:])
}

// appendInvocationID appends a random UUID (version 4), drawn from r, to
// dst.
func appendInvocationID(dst []byte, r *randomBatch) []byte {
	var u [16]byte
	r.read(u[:])
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
	return append(dst, s[:]...)
}

// buildUserAgent returns the User-Agent header value, with app/appID when
// appID is set.
func buildUserAgent(appID string) string {
	var b strings.Builder
	b.WriteString("iot1click-go/")
	b.WriteString(Version)
	b.WriteString(" os/")
	b.WriteString(runtime.GOOS)
	b.WriteString(" lang/go#")
	b.WriteString(strings.TrimPrefix(runtime.Version(), "go"))
	b.WriteString(" md/GOARCH#")
	b.WriteString(runtime.GOARCH)
	if appID != "" {
		b.WriteString(" app/")
		b.WriteString(appID)
	}
	return b.String()
}

// validation helpers

func requireLabel(errs *smithy.InvalidParamsError, field, v string) {
	switch v {
	case "":
		errs.Add(smithy.NewErrParamRequired(field))
	case ".", "..":
		errs.Add(&paramError{field: field, reason: "path label must not be \".\" or \"..\""})
	}
}

func checkMaxResults(errs *smithy.InvalidParamsError, n int32) {
	if n != 0 && (n < 1 || n > 250) {
		errs.Add(&paramError{field: "MaxResults", reason: "must be between 1 and 250 (0 means the service default), got " + strconv.Itoa(int(n))})
	}
}
