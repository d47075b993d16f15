package transport

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/uuid"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

const (
	headerInvocationID = "Amz-Sdk-Invocation-Id"
	headerSDKRequest   = "Amz-Sdk-Request"
	headerUserAgent    = "User-Agent"
	headerContentType  = "Content-Type"
)

// Request is the serialized request of an operation: its method, path,
// query and JSON body, written by the operation's Serialize function.
// Requests are pooled; their buffers are reused across calls.
type Request struct {
	// Body is the JSON body being written, after JSONBody and Member:
	// append a member's value to it with the wire package's Append
	// functions.
	Body []byte

	method  string
	path    []byte // escaped
	rawPath []byte // unescaped, kept in step with path
	escaped bool   // path differs from rawPath
	query   []byte
	hasBody bool
	scratch []byte
	perr    smithy.InvalidParamsError
	dec     wire.Decoder
	random  uuid.Batch
}

var builderPool = sync.Pool{New: func() any { return new(Request) }}

func getBuilder() *Request {
	return builderPool.Get().(*Request)
}

func putBuilder(b *Request) {
	if b.hasBody {
		// The transport may still read a request body after the response
		// arrived (it closes it when done, possibly later): never reuse it.
		b.Body = nil
	}
	b.perr = smithy.InvalidParamsError{}
	b.dec = wire.Decoder{}
	b.method = ""
	b.path = b.path[:0]
	b.rawPath = b.rawPath[:0]
	b.escaped = false
	b.query = b.query[:0]
	b.Body = b.Body[:0]
	b.hasBody = false
	builderPool.Put(b)
}

// Method sets the HTTP method.
func (b *Request) Method(m string) { b.method = m }

// Literal appends a literal path part, which must need no escaping.
func (b *Request) Literal(s string) {
	b.path = append(b.path, s...)
	b.rawPath = append(b.rawPath, s...)
}

// Label appends a path label, percent-encoding every byte but the
// unreserved ones so that the label stays one segment.
func (b *Request) Label(s string) {
	n := len(b.path)
	b.path = wire.AppendEscapedPathLabel(b.path, s)
	if len(b.path)-n != len(s) {
		b.escaped = true
	}
	b.rawPath = append(b.rawPath, s...)
}

// Query appends key=value to the query.
func (b *Request) Query(key, value string) {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
	b.query = wire.AppendQueryEscaped(b.query, key)
	b.query = append(b.query, '=')
	b.query = wire.AppendQueryEscaped(b.query, value)
}

// QueryInt appends key=n to the query.
func (b *Request) QueryInt(key string, n int64) {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
	b.query = wire.AppendQueryEscaped(b.query, key)
	b.query = append(b.query, '=')
	b.query = strconv.AppendInt(b.query, n, 10)
}

// QueryTime appends key=timestamp to the query, in the ISO-8601 form.
func (b *Request) QueryTime(key string, t time.Time) {
	if len(b.query) > 0 {
		b.query = append(b.query, '&')
	}
	b.query = wire.AppendQueryEscaped(b.query, key)
	b.query = append(b.query, '=')
	b.query = wire.AppendQueryEscaped(b.query, wire.FormatTimestamp(t))
}

// JSONBody starts a JSON object body.
func (b *Request) JSONBody() {
	b.hasBody = true
	b.Body = append(b.Body[:0], '{')
}

// Member writes the key of a member of the JSON body.
func (b *Request) Member(key string) {
	if len(b.Body) > 1 {
		b.Body = append(b.Body, ',')
	}
	b.Body = wire.AppendString(b.Body, key)
	b.Body = append(b.Body, ':')
}

// EndBody closes the JSON body object.
func (b *Request) EndBody() {
	b.Body = append(b.Body, '}')
}

// httpRequest is what the attempts of one call share.
type httpRequest struct {
	body        []byte // nil for requests without a body
	values      [4]string
	payloadHash string
	maxAttempts int
	signer      *requestSigner
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

// requestAlloc holds what newRequest allocates for one call, in one
// allocation.
type requestAlloc struct {
	hr  httpRequest
	url url.URL
}

// newRequest builds the HTTP request of a call from the serialized input
// in b, ready for signing. With withID it carries a new invocation ID; the
// stack path's ClientRequestID middleware sets one instead.
func (c *Client) newRequest(ctx context.Context, o *Options, ep resolvedEndpoint, b *Request, withID bool) (*http.Request, *httpRequest) {
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
	if withID {
		b.scratch = b.random.Append(b.scratch)
	}
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
	if withID {
		hr.values[1] = s[q:]
		h[headerInvocationID] = hr.values[1:2:2]
	}
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
		hr.body = b.Body
		req.ContentLength = int64(len(b.Body))
	}
	hr.payloadHash = payloadHash(hr.body)
	hr.dec = &b.dec
	hr.signer = c.signerFor(o)
	return req.WithContext(ctx), hr
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

// RequireLabel adds to errs the problem of a required path label v named
// field: missing, or "." or "..", which would change the path.
func RequireLabel(errs *smithy.InvalidParamsError, field, v string) {
	switch v {
	case "":
		errs.Add(smithy.NewErrParamRequired(field))
	case ".", "..":
		errs.Add(ParamError(field, "path label must not be \".\" or \"..\""))
	}
}

// CheckMaxResults adds to errs the problem of a MaxResults outside the
// services' page sizes; 0 means the service default and is valid.
func CheckMaxResults(errs *smithy.InvalidParamsError, n int32) {
	if n != 0 && (n < model.MinMaxResults || n > model.MaxMaxResults) {
		errs.Add(ParamError("MaxResults", "must be between "+strconv.Itoa(model.MinMaxResults)+" and "+
			strconv.Itoa(model.MaxMaxResults)+" (0 means the service default), got "+strconv.Itoa(int(n))))
	}
}
