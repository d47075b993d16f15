package iot1click

import (
	"strconv"
	"sync"
	"time"

	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
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
	metadata() *ResultMetadata
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
