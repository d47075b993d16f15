package iot1clicktest_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// Issue 10's goal 1: DescribeDevice through the emulator, with full SigV4
// verification and the request log on and full, reaches at least 0.7x the
// throughput of a bare net/http handler serving the same canned body, both
// driven by the same client with 8 concurrent callers in the same run:
//
//	go test -run '^$' -bench DescribeDeviceThroughput -benchmem ./iot1click/iot1clicktest/
//
// BenchmarkDescribeDeviceThroughput/emulator and /bare give each side's
// time per request; BenchmarkDescribeDeviceThroughputRatio alternates
// blocks of requests between the two and reports x-bare-throughput, the
// emulator's throughput as a multiple of the bare handler's.

const (
	// throughputCallers is the number of concurrent callers.
	throughputCallers = 8
	// emulatorRequestLog is the request log's default capacity
	// (WithMaxRequestLog); the benchmarks fill it before timing.
	emulatorRequestLog = 10000
)

// recordingTransport keeps the last response body it carried.
type recordingTransport struct {
	base   http.RoundTripper
	mu     sync.Mutex
	header http.Header
	body   []byte
}

func (t *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.header, t.body = resp.Header.Clone(), body
	t.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// throughputSides are the emulator and the bare handler, each with a client
// configured alike and the input of the DescribeDevice call to make.
type throughputSides struct {
	emulator, bare *iot1click.Client
	in             *iot1click.DescribeDeviceInput
}

// newThroughputSides starts an emulator with one device, records its
// DescribeDevice answer, starts a bare handler that serves that answer,
// and fills the emulator's request log.
func newThroughputSides(b *testing.B) *throughputSides {
	b.Helper()
	srv, emu := benchServer(b, iot1clicktest.WithFleet(1))
	ctx := context.Background()
	page, err := emu.ListDevices(ctx, &iot1click.ListDevicesInput{MaxResults: 1})
	if err != nil {
		b.Fatal(err)
	}
	if len(page.Devices) != 1 {
		b.Fatalf("emulator lists %d devices, want 1", len(page.Devices))
	}
	in := &iot1click.DescribeDeviceInput{DeviceId: page.Devices[0].DeviceId}

	rec := &recordingTransport{base: benchTransport()}
	recClient := srv.Client(func(o *iot1click.Options) { o.HTTPClient = &http.Client{Transport: rec} })
	if _, err := recClient.DescribeDevice(ctx, in); err != nil {
		b.Fatal(err)
	}
	rec.base.(*http.Transport).CloseIdleConnections()
	body, contentType, requestID := rec.body, rec.header.Get("Content-Type"), rec.header.Get("X-Amzn-RequestId")

	bareSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("X-Amzn-RequestId", requestID)
		_, _ = w.Write(body)
	}))
	b.Cleanup(bareSrv.Close)
	bareTr := benchTransport()
	b.Cleanup(bareTr.CloseIdleConnections)
	bare := srv.Client(func(o *iot1click.Options) {
		o.HTTPClient = &http.Client{Transport: bareTr}
		o.BaseEndpoint = aws.String(bareSrv.URL)
	})

	sides := &throughputSides{emulator: emu, bare: bare, in: in}
	// Fill the request log, and warm both sides' connection pools.
	benchDrive(b, emulatorRequestLog+1000, throughputCallers, sides.call(emu))
	benchDrive(b, 1000, throughputCallers, sides.call(bare))
	if n := len(srv.Requests()); n != emulatorRequestLog {
		b.Fatalf("the request log holds %d requests, want it full at %d", n, emulatorRequestLog)
	}
	return sides
}

// call returns one DescribeDevice call through c, checked.
func (s *throughputSides) call(c *iot1click.Client) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		out, err := c.DescribeDevice(ctx, s.in)
		if err != nil {
			return err
		}
		if out.DeviceDescription == nil || out.DeviceDescription.DeviceId != s.in.DeviceId {
			return fmt.Errorf("DescribeDevice answered %+v, want device %s", out.DeviceDescription, s.in.DeviceId)
		}
		return nil
	}
}

// BenchmarkDescribeDeviceThroughput measures DescribeDevice with 8
// concurrent callers against the emulator, its request log full, and
// against a bare net/http handler serving the emulator's answer. ns/op is
// wall time per request: the inverse of throughput.
func BenchmarkDescribeDeviceThroughput(b *testing.B) {
	sides := newThroughputSides(b)
	for _, side := range []struct {
		name string
		c    *iot1click.Client
	}{{"emulator", sides.emulator}, {"bare", sides.bare}} {
		b.Run(side.name, func(b *testing.B) {
			call := sides.call(side.c)
			b.ReportAllocs()
			b.ResetTimer()
			benchDrive(b, b.N, throughputCallers, call)
		})
	}
}

// BenchmarkDescribeDeviceThroughputRatio alternates blocks of DescribeDevice
// requests, 8 callers at once, between the emulator and the bare handler,
// and reports each side's time per request and x-bare-throughput, the
// emulator's throughput as a multiple of the bare handler's (goal: at least
// 0.7).
func BenchmarkDescribeDeviceThroughputRatio(b *testing.B) {
	sides := newThroughputSides(b)
	emu, bare := sides.call(sides.emulator), sides.call(sides.bare)
	const block = 500
	var emuNS, bareNS float64
	b.ResetTimer()
	for done := 0; done < b.N; done += block {
		n := min(block, b.N-done)
		emuNS += float64(benchDrive(b, n, throughputCallers, emu))
		bareNS += float64(benchDrive(b, n, throughputCallers, bare))
	}
	b.ReportMetric(emuNS/float64(b.N), "emulator-ns/op")
	b.ReportMetric(bareNS/float64(b.N), "bare-ns/op")
	b.ReportMetric(bareNS/emuNS, "x-bare-throughput")
}
