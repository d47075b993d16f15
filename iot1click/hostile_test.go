package iot1click_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// This file holds what the tests of hostile responses share: a transport
// that answers every request in memory with one canned response, a client
// over it, and a call to each of the service's operations.

// cannedTransport answers every request with the same response, in memory.
type cannedTransport struct {
	status int
	header http.Header
	body   []byte
}

func (t *cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode:    t.status,
		Status:        strconv.Itoa(t.status) + " " + http.StatusText(t.status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        t.header.Clone(),
		Body:          io.NopCloser(bytes.NewReader(t.body)),
		ContentLength: int64(len(t.body)),
		Request:       r,
	}, nil
}

// jsonHeader returns the headers of a JSON response.
func jsonHeader() http.Header {
	return http.Header{
		"Content-Type":     {"application/json"},
		"X-Amzn-Requestid": {"c0ffee00-0000-4000-8000-000000000000"},
	}
}

// newCannedClient returns a client, configured through the public API only,
// whose every attempt gets the response of t, and which does not retry;
// optFns apply last (the path, see paths).
func newCannedClient(t *cannedTransport, optFns ...func(*iot1click.Options)) *iot1click.Client {
	return iot1click.New(iot1click.Options{
		Region:           "us-west-2",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		BaseEndpoint:     aws.String("https://iot1click.example.test"),
		HTTPClient:       &http.Client{Transport: t},
		RetryMaxAttempts: 1,
	}, optFns...)
}

// paths are the two ways a call runs: the fast path, and the middleware
// stack that an APIOptions entry (here one that adds nothing) turns on.
// The hostile-answer tests run on both.
var paths = []struct {
	name string
	opt  func(*iot1click.Options)
}{
	{"fast", func(*iot1click.Options) {}},
	{"stack", func(o *iot1click.Options) {
		o.APIOptions = append(o.APIOptions, func(*middleware.Stack) error { return nil })
	}},
}

// errorChain returns the types of err and of the errors it wraps, in order
// (for a join, the types of its errors in brackets).
func errorChain(err error) []string {
	var chain []string
	for err != nil {
		chain = append(chain, fmt.Sprintf("%T", err))
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				chain = append(chain, "["+strings.Join(errorChain(e), " ")+"]")
			}
			break
		}
		err = errors.Unwrap(err)
	}
	return chain
}

// operation calls one operation with valid input and returns its output.
type operation struct {
	name string
	call func(context.Context, *iot1click.Client) (any, error)
	// ok is a well-formed success body.
	ok string
}

// operations calls every operation of the service.
var operations = []operation{
	{"ClaimDevicesByClaimCode", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.ClaimDevicesByClaimCode(ctx, &iot1click.ClaimDevicesByClaimCodeInput{ClaimCode: "C-123"})
	}, `{"claimCode":"C-123","total":2}`},
	{"DescribeDevice", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PM0123456789"})
	}, `{"deviceDescription":{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789","attributes":{"a":"b"},"deviceId":"G030PM0123456789","enabled":true,"remainingLife":99.5,"tags":{"t":"v"},"type":"button"}}`},
	{"FinalizeDeviceClaim", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: "G030PM0123456789"})
	}, `{"state":"CLAIMED"}`},
	{"GetDeviceMethods", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.GetDeviceMethods(ctx, &iot1click.GetDeviceMethodsInput{DeviceId: "G030PM0123456789"})
	}, `{"deviceMethods":[{"deviceType":"button","methodName":"getDeviceHealthParameters"}]}`},
	{"InitiateDeviceClaim", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: "G030PM0123456789"})
	}, `{"state":"CLAIM_INITIATED"}`},
	{"InvokeDeviceMethod", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.InvokeDeviceMethod(ctx, &iot1click.InvokeDeviceMethodInput{
			DeviceId:     "G030PM0123456789",
			DeviceMethod: &iot1click.DeviceMethod{DeviceType: "device", MethodName: "setDeviceHealthMonitorCallback"},
		})
	}, `{"deviceMethodResponse":"{}"}`},
	{"ListDeviceEvents", func(ctx context.Context, c *iot1click.Client) (any, error) {
		from := time.Date(2018, 3, 28, 0, 0, 0, 0, time.UTC)
		return c.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
			DeviceId: "G030PM0123456789", FromTimeStamp: from, ToTimeStamp: from.Add(time.Hour),
		})
	}, `{"events":[{"device":{"attributes":{},"deviceId":"G030PM0123456789","type":"button"},"stdEvent":"{\"clickType\":\"SINGLE\"}"}],"nextToken":"t2"}`},
	{"ListDevices", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.ListDevices(ctx, &iot1click.ListDevicesInput{})
	}, `{"devices":[{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789","deviceId":"G030PM0123456789","enabled":false,"type":"button"}],"nextToken":"t2"}`},
	{"ListTagsForResource", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789"})
	}, `{"tags":{"team":"facilities"}}`},
	{"TagResource", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.TagResource(ctx, &iot1click.TagResourceInput{
			ResourceArn: "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789",
			Tags:        map[string]string{"team": "facilities"},
		})
	}, `{}`},
	{"UnclaimDevice", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.UnclaimDevice(ctx, &iot1click.UnclaimDeviceInput{DeviceId: "G030PM0123456789"})
	}, `{"state":"UNCLAIMED"}`},
	{"UntagResource", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.UntagResource(ctx, &iot1click.UntagResourceInput{
			ResourceArn: "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789",
			TagKeys:     []string{"team"},
		})
	}, `{}`},
	{"UpdateDeviceState", func(ctx context.Context, c *iot1click.Client) (any, error) {
		return c.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: "G030PM0123456789", Enabled: true})
	}, `{}`},
}

// maxErrorLen bounds the message of any error a call returns, whatever the
// response.
const maxErrorLen = 4 << 10

// checkCallError checks the properties every failed call has: the error is
// a *smithy.OperationError naming the operation, wrapping one of the
// documented kinds of failure, and its message is short.
func checkCallError(t *testing.T, op string, err error) {
	t.Helper()
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.OperationName != op || oe.ServiceID != iot1click.ServiceID {
		t.Fatalf("%s: error %T %.300v, want a *smithy.OperationError for the operation", op, err, err)
	}
	var (
		de *smithy.DeserializationError
		re *smithyhttp.ResponseError
		ae smithy.APIError
		se *smithyhttp.RequestSendError
	)
	if !errors.As(err, &de) && !errors.As(err, &re) && !errors.As(err, &ae) && !errors.As(err, &se) {
		t.Fatalf("%s: error %T %.300v wraps no smithy error type", op, oe.Err, err)
	}
	if n := len(err.Error()); n > maxErrorLen {
		t.Fatalf("%s: error message of %d bytes: %.300s…", op, n, err.Error())
	}
}
