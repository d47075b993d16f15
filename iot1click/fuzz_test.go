package iot1click_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/textproto"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// maxExpansion bounds how many bytes FuzzResponses inserts into a body;
// anything well over maxErrorLen finds an error that quotes its input whole.
const maxExpansion = 64 << 10

// fuzzResponse turns the fuzzer's arguments into a response: a status from
// 100 to 599, headers from "Key: value" lines, and the body with its byte
// at index at repeated n more times (n < maxExpansion), so that a short
// input can stand for a huge number, string or key.
func fuzzResponse(status uint16, header string, body []byte, at, n uint32) *cannedTransport {
	h := http.Header{}
	for _, line := range strings.Split(header, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || k == "" {
			continue
		}
		h.Add(textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k)), strings.TrimSpace(v))
	}
	if n %= maxExpansion; n > 0 && len(body) > 0 {
		i := int(at % uint32(len(body)))
		grown := make([]byte, 0, len(body)+int(n))
		grown = append(grown, body[:i]...)
		grown = append(grown, bytes.Repeat(body[i:i+1], int(n))...)
		body = append(grown, body[i:]...)
	}
	return &cannedTransport{status: 100 + int(status)%500, header: h, body: body}
}

// FuzzResponses sends one call of each operation (op picks it) to a client
// whose transport answers with a fuzzed status, headers and body. Whatever
// the answer, the call must not panic and must return either an output of
// the operation's type or an error that checkCallError accepts: a
// *smithy.OperationError wrapping a smithy error type, with a message
// under maxErrorLen bytes. go test runs the seeds below and those in
// testdata/fuzz/FuzzResponses; fuzz longer with
//
//	go test -run '^$' -fuzz FuzzResponses -fuzztime 5m ./iot1click/
func FuzzResponses(f *testing.F) {
	const (
		jsonCT  = "Content-Type: application/json\nX-Amzn-RequestId: req-1"
		errType = "\nX-Amzn-ErrorType: "
	)
	for i := range operations {
		op := uint8(i)
		ok := []byte(operations[i].ok)
		f.Add(op, uint16(100), jsonCT, ok, uint32(0), uint32(0))                             // 200
		f.Add(op, uint16(100), jsonCT, ok[:len(ok)/2], uint32(0), uint32(0))                 // truncated
		f.Add(op, uint16(100), jsonCT, []byte(nil), uint32(0), uint32(0))                    // empty
		f.Add(op, uint16(104), jsonCT, []byte(nil), uint32(0), uint32(0))                    // 204
		f.Add(op, uint16(100), jsonCT, []byte(`{"a":1}`), uint32(5), uint32(maxExpansion-1)) // huge number
		f.Add(op, uint16(304), jsonCT+errType+"ResourceNotFoundException",
			[]byte(`{"code":"ResourceNotFoundException","message":"no such device"}`), uint32(0), uint32(0))
		f.Add(op, uint16(400), jsonCT, []byte(`{"code":500,"message":"internal"}`), uint32(0), uint32(0))
		f.Add(op, uint16(304), "Content-Type: text/html", []byte("<html><body><h1>404 Not Found</h1></body></html>"), uint32(0), uint32(0))
		f.Add(op, uint16(202), "Location: https://elsewhere.example/\nContent-Length: 0", []byte(nil), uint32(0), uint32(0))
		f.Add(op, uint16(303), jsonCT+errType+"InvalidSignatureException\nDate: Fri, 31 Dec 9999 23:59:59 GMT",
			[]byte(`{"message":"Signature expired"}`), uint32(0), uint32(0))
	}
	f.Fuzz(func(t *testing.T, op uint8, status uint16, header string, body []byte, at, n uint32) {
		o := operations[int(op)%len(operations)]
		c := newCannedClient(fuzzResponse(status, header, body, at, n))
		out, err := o.call(context.Background(), c)
		// The stack path answers alike: the same output, or the same error
		// chain and message.
		sc := newCannedClient(fuzzResponse(status, header, body, at, n), paths[1].opt)
		sout, serr := o.call(context.Background(), sc)
		if diff := cmp.Diff(errorChain(err), errorChain(serr)); diff != "" || fmt.Sprint(err) != fmt.Sprint(serr) {
			t.Fatalf("%s: the paths disagree: fast %v, stack %v; chains (-fast +stack):\n%s", o.name, err, serr, diff)
		}
		if err != nil {
			checkCallError(t, o.name, err)
			return
		}
		if v := reflect.ValueOf(out); v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Type().Name() != o.name+"Output" {
			t.Fatalf("%s: output %T %v with no error", o.name, out, out)
		}
		if diff := cmp.Diff(out, sout, cmpopts.IgnoreTypes(middleware.Metadata{}), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s: the paths' outputs differ (-fast +stack):\n%s", o.name, diff)
		}
	})
}
