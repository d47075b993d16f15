package iot1click

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// countingClient is an HTTPClient that counts the requests it sends.
type countingClient struct {
	HTTPClient
	n atomic.Int32
}

func (c *countingClient) Do(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.HTTPClient.Do(r)
}

// TestPerCallOptionsResolved checks that the option functions of one call
// are resolved as New resolves the client's: the endpoint follows a
// per-call BaseEndpoint, and fields a call clears get defaults (the
// client's HTTP client, the default retryer, a logger).
func TestPerCallOptionsResolved(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		answer := func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{"deviceId":"`+testDeviceID+`"}}`)
		}
		srv := newTestServer(t, answer)
		other := newTestServer(t, answer)
		hc := &countingClient{HTTPClient: srv.Client()}
		c := srv.client(func(o *Options) { o.RetryMaxAttempts = 2 }, func(o *Options) { o.HTTPClient = hc })
		ctx := context.Background()
		in := &DescribeDeviceInput{DeviceId: testDeviceID}

		out, err := c.DescribeDevice(ctx, in, func(o *Options) { o.BaseEndpoint = aws.String(other.URL) })
		if err != nil || out.DeviceDescription.DeviceId != testDeviceID {
			t.Fatalf("DescribeDevice via per-call endpoint: %+v, %v", out, err)
		}
		testHeader(t, other.onlyRequest(t), "Amz-Sdk-Request", "attempt=1; max=2")
		if n := len(srv.requests()); n != 0 {
			t.Errorf("client's endpoint saw %d requests, want 0", n)
		}

		out, err = c.DescribeDevice(ctx, in, func(o *Options) {
			o.HTTPClient, o.Retryer, o.Logger, o.RetryMaxAttempts = nil, nil, nil, 0
		})
		if err != nil || out.DeviceDescription.DeviceId != testDeviceID {
			t.Fatalf("DescribeDevice with cleared options: %+v, %v", out, err)
		}
		testHeader(t, srv.onlyRequest(t), "Amz-Sdk-Request", "attempt=1; max=3")
		if n := hc.n.Load(); n != 2 {
			t.Errorf("client's HTTPClient sent %d requests, want 2", n)
		}
	})
}
