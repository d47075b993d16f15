package transport

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// RequestID returns the request ID of the response an output's
// ResultMetadata describes, "" when the response carried none: what
// awsmiddleware.GetRequestIDMetadata reads.
func RequestID(md middleware.Metadata) string {
	id, _ := awsmiddleware.GetRequestIDMetadata(md)
	return id
}

// Attempts returns the number of attempts the call that produced an output
// took, 1 when it succeeded at once, and 0 when no request was sent (an
// output answered by a middleware): on the fast path the count it
// recorded, on the stack path the attempts retry.GetAttemptResults reads.
func Attempts(md middleware.Metadata) int {
	if n, ok := md.Get(attemptsKey{}).(int); ok {
		return n
	}
	if r, ok := retry.GetAttemptResults(md); ok {
		return len(r.Results)
	}
	return 0
}

// attemptsKey is the metadata key of the attempt count of a call that did
// not go through a middleware stack.
type attemptsKey struct{}

// setAttempts records the attempt count of a call.
func setAttempts(md *middleware.Metadata, n int) {
	md.Set(attemptsKey{}, n)
}

// setResponseMetadata records the request ID and the server time of a
// response as the official middleware does (RequestIDRetriever and
// RecordResponseTiming), so that awsmiddleware.GetRequestIDMetadata and
// awsmiddleware.GetServerTime read them. server is nil when the response
// gave no time.
func setResponseMetadata(md *middleware.Metadata, requestID string, server *boxedTime) {
	if requestID != "" {
		awsmiddleware.SetRequestIDMetadata(md, requestID)
	}
	if server != nil {
		if k := serverTimeKey(); k != nil {
			md.Set(k, server.v)
		}
	}
}

// boxedTime is the server time a Date header gives, with its boxed
// (interface) value for ResultMetadata. Boxes are immutable and shared.
type boxedTime struct {
	date string
	t    time.Time
	v    any
}

// time returns the server time, or the zero time for nil.
func (b *boxedTime) time() time.Time {
	if b == nil {
		return time.Time{}
	}
	return b.t
}

// lastServerTime is the last server time parsed. Date headers change once a
// second, so most responses share it.
var lastServerTime atomic.Pointer[boxedTime]

// parseServerDate returns the time of a Date header value, as
// http.ParseTime reads it, or nil when it reads none. A value equal to the
// previous response's is neither parsed nor boxed again.
func parseServerDate(date string) *boxedTime {
	if b := lastServerTime.Load(); b != nil && b.date == date && date != "" {
		return b
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return nil
	}
	b := &boxedTime{date: strings.Clone(date), t: t, v: t}
	lastServerTime.Store(b)
	return b
}

// serverTimeKey returns the metadata key under which
// awsmiddleware.RecordResponseTiming stores the server time, which
// awsmiddleware.GetServerTime reads. The key's type is unexported and
// Metadata lists no keys, so it is learned once: RecordResponseTiming runs on
// a response with a known Date header, and of the keys it set (found by
// reflection) the one whose value is that date is taken. It is nil if a
// later version stops recording the time that way; TestResultMetadata
// catches that.
var serverTimeKey = sync.OnceValue(func() any {
	const date = "Sat, 01 Jan 2000 00:00:00 GMT"
	want := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	resp := &smithyhttp.Response{Response: &http.Response{Header: http.Header{"Date": {date}}}}
	next := middleware.DeserializeHandlerFunc(func(context.Context, middleware.DeserializeInput) (
		middleware.DeserializeOutput, middleware.Metadata, error,
	) {
		return middleware.DeserializeOutput{RawResponse: resp}, middleware.Metadata{}, nil
	})
	rrt := awsmiddleware.RecordResponseTiming{DisableClockSkewCorrection: true}
	_, md, _ := rrt.HandleDeserialize(context.Background(), middleware.DeserializeInput{}, next)
	values := reflect.ValueOf(md)
	if values.Kind() != reflect.Struct || values.NumField() != 1 || values.Field(0).Kind() != reflect.Map {
		return nil
	}
	for _, k := range values.Field(0).MapKeys() {
		if k.Kind() != reflect.Interface || k.IsNil() || k.Elem().Type().Size() != 0 {
			continue
		}
		// The keys are empty structs: a fresh zero value equals the key.
		key := reflect.Zero(k.Elem().Type()).Interface()
		if t, ok := md.Get(key).(time.Time); ok && t.Equal(want) {
			return key
		}
	}
	return nil
})
