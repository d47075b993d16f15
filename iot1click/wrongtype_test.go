package iot1click_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// A member's kind in an output shape.
const (
	kString = iota
	kNumber
	kBool
	kObject // a structure or a map
	kArray
)

// wrongValues are, for each kind, JSON values of every other kind.
var wrongValues = map[int][]string{
	kString: {`1`, `true`, `{}`, `[]`},
	kNumber: {`"1"`, `true`, `{}`, `[]`},
	kBool:   {`"true"`, `1`, `{}`, `[]`},
	kObject: {`"x"`, `1`, `false`, `[]`},
	kArray:  {`"x"`, `1`, `false`, `{}`},
}

// member is a member of an output shape: its name, its kind and, for a
// structure or list, the members of the structure it holds (or of its
// elements).
type member struct {
	name   string
	kind   int
	nested []member
	// elem is the kind of the values of a map or the elements of a list,
	// -1 when the values are not checked (an unmodelled structure).
	elem int
}

var (
	deviceDescriptionMembers = []member{
		{name: "arn", kind: kString},
		{name: "attributes", kind: kObject, elem: kString},
		{name: "deviceId", kind: kString},
		{name: "enabled", kind: kBool},
		{name: "remainingLife", kind: kNumber},
		{name: "tags", kind: kObject, elem: kString},
		{name: "type", kind: kString},
	}
	deviceEventMembers = []member{
		{name: "device", kind: kObject, elem: -1, nested: []member{
			{name: "attributes", kind: kObject, elem: -1},
			{name: "deviceId", kind: kString},
			{name: "type", kind: kString},
		}},
		{name: "stdEvent", kind: kString},
	}
	deviceMethodMembers = []member{
		{name: "deviceType", kind: kString},
		{name: "methodName", kind: kString},
	}
	stateMembers = []member{{name: "state", kind: kString}}
)

// outputMembers are the members of each operation's output.
var outputMembers = map[string][]member{
	"ClaimDevicesByClaimCode": {{name: "claimCode", kind: kString}, {name: "total", kind: kNumber}},
	"DescribeDevice":          {{name: "deviceDescription", kind: kObject, elem: -1, nested: deviceDescriptionMembers}},
	"FinalizeDeviceClaim":     stateMembers,
	"GetDeviceMethods":        {{name: "deviceMethods", kind: kArray, elem: kObject, nested: deviceMethodMembers}},
	"InitiateDeviceClaim":     stateMembers,
	"InvokeDeviceMethod":      {{name: "deviceMethodResponse", kind: kString}},
	"ListDeviceEvents":        {{name: "events", kind: kArray, elem: kObject, nested: deviceEventMembers}, {name: "nextToken", kind: kString}},
	"ListDevices":             {{name: "devices", kind: kArray, elem: kObject, nested: deviceDescriptionMembers}, {name: "nextToken", kind: kString}},
	"ListTagsForResource":     {{name: "tags", kind: kObject, elem: kString}},
	"TagResource":             nil,
	"UnclaimDevice":           stateMembers,
	"UntagResource":           nil,
	"UpdateDeviceState":       nil,
}

// wrongBodies returns documents of the members ms in which one member, at
// any depth, holds a value of the wrong kind, each with a description.
func wrongBodies(ms []member) map[string]string {
	docs := map[string]string{}
	for _, m := range ms {
		wrap := func(v string) string { return `{"` + m.name + `":` + v + `}` }
		for _, v := range wrongValues[m.kind] {
			docs[m.name+"="+v] = wrap(v)
		}
		if m.kind == kArray {
			for _, v := range wrongValues[m.elem] {
				docs[m.name+"[0]="+v] = wrap(`[` + v + `]`)
			}
		}
		if m.kind == kObject && m.elem >= 0 {
			for _, v := range wrongValues[m.elem] {
				docs[m.name+".k="+v] = wrap(`{"ok":"v","k":` + v + `}`)
			}
		}
		for path, doc := range wrongBodies(m.nested) {
			if m.kind == kArray {
				docs[m.name+"[1]."+path] = wrap(`[{},` + doc + `]`)
			} else {
				docs[m.name+"."+path] = wrap(doc)
			}
		}
	}
	return docs
}

// nullBody returns a document of the members ms, nested ones included, in
// which every member is null.
func nullBody(ms []member) string {
	s := "{"
	for i, m := range ms {
		if i > 0 {
			s += ","
		}
		s += `"` + m.name + `":null`
	}
	return s + "}"
}

// TestWrongMemberTypes checks that, for every operation, a member of the
// wrong kind anywhere in the output, a map value or list element of the
// wrong kind, or a body that is not an object, fails the call with a
// *smithy.DeserializationError, while null members read as absent.
func TestWrongMemberTypes(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			ctx := context.Background()
			for _, op := range operations {
				ms, ok := outputMembers[op.name]
				if !ok {
					t.Fatalf("no output members listed for %s", op.name)
				}
				bodies := wrongBodies(ms)
				for _, v := range []string{`"x"`, `1`, `true`, `[]`, `[{}]`} {
					bodies["body="+v] = v
				}
				for path, body := range bodies {
					c := newCannedClient(&cannedTransport{status: http.StatusOK, header: jsonHeader(), body: []byte(body)}, p.opt)
					out, err := op.call(ctx, c)
					var de *smithy.DeserializationError
					if !errors.As(err, &de) {
						t.Errorf("%s %s: %s: output %+v, error %v; want a *smithy.DeserializationError", op.name, path, body, out, err)
						continue
					}
					checkCallError(t, op.name, err)
				}

				// Every member null, and each nested member null: absent, no error.
				nulls := []string{`null`, `{}`, nullBody(ms)}
				for _, m := range ms {
					if m.nested == nil {
						continue
					}
					inner := nullBody(m.nested)
					if m.kind == kArray {
						inner = `[` + inner + `]`
					}
					nulls = append(nulls, `{"`+m.name+`":`+inner+`}`)
				}
				for _, body := range nulls {
					c := newCannedClient(&cannedTransport{status: http.StatusOK, header: jsonHeader(), body: []byte(body)}, p.opt)
					if _, err := op.call(ctx, c); err != nil {
						t.Errorf("%s: %s: %v, want null members read as absent", op.name, body, err)
					}
				}
			}
		})
	}
}

// TestWrongTypeDeviceDescription pins the case of the issue, and what a
// missing or null deviceDescription gives.
func TestWrongTypeDeviceDescription(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			ctx := context.Background()
			describe := func(body string) (*iot1click.DescribeDeviceOutput, error) {
				c := newCannedClient(&cannedTransport{status: http.StatusOK, header: jsonHeader(), body: []byte(body)}, p.opt)
				return c.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PM0123456789"})
			}
			_, err := describe(`{"deviceDescription":"oops"}`)
			var de *smithy.DeserializationError
			if !errors.As(err, &de) {
				t.Fatalf(`{"deviceDescription":"oops"}: %v, want a *smithy.DeserializationError`, err)
			}
			for _, body := range []string{`{}`, `{"deviceDescription":null}`, `{"other":1}`} {
				out, err := describe(body)
				if err != nil || out.DeviceDescription != nil {
					t.Errorf("%s: description %+v, error %v; want nil, nil", body, out.DeviceDescription, err)
				}
			}
			out, err := describe(`{"deviceDescription":{"deviceId":"G030PM0123456789","remainingLife":null,"attributes":{"a":null,"b":"c"},"tags":null}}`)
			if err != nil {
				t.Fatal(err)
			}
			want := &iot1click.DeviceDescription{DeviceId: "G030PM0123456789", Attributes: map[string]string{"b": "c"}}
			if diff := cmp.Diff(want, out.DeviceDescription); diff != "" {
				t.Errorf("description (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOperationsTable checks the operations the hostile-response tests
// call: there are the service's 13, and each succeeds on its own success
// body.
func TestOperationsTable(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			if len(operations) != 13 {
				t.Fatalf("%d operations, want 13", len(operations))
			}
			for _, op := range operations {
				c := newCannedClient(&cannedTransport{status: http.StatusOK, header: jsonHeader(), body: []byte(op.ok)}, p.opt)
				out, err := op.call(context.Background(), c)
				if err != nil || out == nil {
					t.Errorf("%s on %s: %v", op.name, op.ok, err)
				}
			}
		})
	}
}

// TestHugeValuesShortErrors sends answers of several MiB whose one value is
// out of range or of the wrong kind, and checks that the error quotes a
// short excerpt only.
func TestHugeValuesShortErrors(t *testing.T) {
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			digits := strings.Repeat("9", 4<<20)
			tests := []struct {
				op, body, want string
			}{
				{"ClaimDevicesByClaimCode", `{"total":` + digits + `}`, "overflows int64"},
				{"ClaimDevicesByClaimCode", `{"total":1.` + digits + `}`, "is not an integer"},
				{"ListDevices", `{"devices":[{"remainingLife":1e` + digits + `}]}`, "overflows float64"},
				{"DescribeDevice", `{"deviceDescription":"` + digits + `"}`, "expected object, found string"},
				{"ListTagsForResource", `{"tags":{"` + digits + `":1}}`, "expected string, found number"},
			}
			for _, tt := range tests {
				var op operation
				for _, o := range operations {
					if o.name == tt.op {
						op = o
					}
				}
				c := newCannedClient(&cannedTransport{status: http.StatusOK, header: jsonHeader(), body: []byte(tt.body)}, p.opt)
				_, err := op.call(context.Background(), c)
				var de *smithy.DeserializationError
				if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s of %d bytes: %.300v, want a *smithy.DeserializationError saying %q", tt.op, len(tt.body), err, tt.want)
					continue
				}
				if n := len(err.Error()); n > 1024 {
					t.Errorf("%s of %d bytes: error of %d bytes", tt.op, len(tt.body), n)
				}
			}
		})
	}
}
