package iot1click

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
)

// memoryTransport answers every request with a canned response, in memory.
type memoryTransport struct {
	header http.Header
	body   []byte
}

func (t *memoryTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK,
		Status:     "200 OK",
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     t.header,
		Body:       io.NopCloser(bytes.NewReader(t.body)),
	}, nil
}

// devicePage returns a ListDevices body of n realistic devices.
func devicePage(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`{"devices":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		id := fmt.Sprintf("G030PM%010d", i)
		fmt.Fprintf(&sb, `{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/%s",`+
			`"attributes":{"projectRegion":"us-west-2","projectName":"office","placementName":"room-%d","deviceTemplateName":"button"},`+
			`"deviceId":"%s","enabled":true,"remainingLife":%.2f,"tags":{"team":"facilities","floor":"%d"},"type":"button"}`,
			id, i, id, 99.85-float64(i%50), i%7)
	}
	sb.WriteString(`],"nextToken":"eyJvIjoxMDB9"}`)
	return []byte(sb.String())
}

func newBenchClient(body []byte, optFns ...func(*Options)) *Client {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-RequestId", "c0ffee00-0000-4000-8000-000000000000")
	h.Set("Date", "Wed, 25 Nov 2026 12:00:00 GMT")
	return New(Options{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		HTTPClient:   &http.Client{Transport: &memoryTransport{header: h, body: body}},
		BaseEndpoint: aws.String("https://devices.iot1click.us-west-2.amazonaws.com"),
	}, optFns...)
}

func benchmarkListDevices(b *testing.B, body []byte, want int, optFns ...func(*Options)) {
	c := newBenchClient(body, optFns...)
	ctx := context.Background()
	in := &ListDevicesInput{MaxResults: 100}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := c.ListDevices(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Devices) != want {
			b.Fatalf("got %d devices, want %d", len(out.Devices), want)
		}
	}
}

// BenchmarkListDevicesEmptyPage measures one ListDevices call answered by
// an empty page, through an in-memory RoundTripper.
func BenchmarkListDevicesEmptyPage(b *testing.B) {
	benchmarkListDevices(b, []byte(`{"devices":[]}`), 0)
}

// BenchmarkListDevices100 measures one ListDevices call answered by a page
// of 100 devices.
func BenchmarkListDevices100(b *testing.B) {
	benchmarkListDevices(b, devicePage(100), 100)
}

// withEmptyAPIOption sends calls through the middleware stack, with no
// middleware of the caller's.
func withEmptyAPIOption(o *Options) {
	o.APIOptions = append(o.APIOptions, func(*middleware.Stack) error { return nil })
}

// BenchmarkListDevicesEmptyPageStack measures BenchmarkListDevicesEmptyPage
// through the middleware stack that APIOptions turn on.
func BenchmarkListDevicesEmptyPageStack(b *testing.B) {
	benchmarkListDevices(b, []byte(`{"devices":[]}`), 0, withEmptyAPIOption)
}

// BenchmarkListDevices100Stack measures BenchmarkListDevices100 through the
// middleware stack.
func BenchmarkListDevices100Stack(b *testing.B) {
	benchmarkListDevices(b, devicePage(100), 100, withEmptyAPIOption)
}
