package iot1click_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// Issue 10's goal 3: a walk of 4,000 devices in pages of 100, with 20 ms of
// latency injected into every page and 0.1 ms of caller work per device,
// takes at most 0.6x the time of the same walk without prefetch:
//
//	go test -run '^$' -bench ListDevicesWalk -benchtime 3x ./iot1click/
//
// A page's token comes in the previous page, so pages are fetched one after
// another even with prefetch: the best a prefetching walk can do is
// max(latency, work) a page, 40 x 20 ms, against 40 x (20 ms + 10 ms)
// without, a ratio of about 0.67.

const (
	benchWalkDevices  = 4000
	benchWalkPageSize = 100
	benchWalkLatency  = 20 * time.Millisecond
	benchWalkWork     = 100 * time.Microsecond
)

// benchWalkPrefetch configures the prefetching side of the walk benchmarks:
// one page ahead is enough while the caller's work on a page (10 ms) is
// shorter than the page's latency (20 ms).
func benchWalkPrefetch(o *iot1click.ListDevicesPaginatorOptions) { o.Prefetch = 1 }

// benchLatencyTransport delays every request by d before sending it, or fails
// it when its context ends first.
type benchLatencyTransport struct {
	base http.RoundTripper
	d    time.Duration
}

func (t *benchLatencyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	timer := time.NewTimer(t.d)
	select {
	case <-timer.C:
	case <-req.Context().Done():
		timer.Stop()
		return nil, req.Context().Err()
	}
	return t.base.RoundTrip(req)
}

// benchCallerWork keeps the calling goroutine busy for d, as a caller handling a
// device would: it spins, where a sleep would overshoot by the timer's
// granularity and would not hold a CPU.
func benchCallerWork(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// benchWalkServer starts an emulator of 4,000 devices, closed at the end of the
// benchmark, and a client of it whose requests take 20 ms more.
func benchWalkServer(b *testing.B) *iot1click.Client {
	b.Helper()
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(benchWalkDevices))
	b.Cleanup(srv.Close)
	tr := &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 16}
	b.Cleanup(tr.CloseIdleConnections)
	return srv.Client(func(o *iot1click.Options) {
		o.HTTPClient = &http.Client{Transport: &benchLatencyTransport{base: tr, d: benchWalkLatency}}
	})
}

// benchWalk walks every device with the paginator configured by optFns,
// doing the caller's work for each device, fails b unless it saw them all,
// and returns how long the walk waited in NextPage and how long it worked.
func benchWalk(b *testing.B, c *iot1click.Client, optFns ...func(*iot1click.ListDevicesPaginatorOptions)) (wait, work time.Duration) {
	ctx := context.Background()
	p := iot1click.NewListDevicesPaginator(c, &iot1click.ListDevicesInput{MaxResults: benchWalkPageSize}, optFns...)
	seen := 0
	for p.HasMorePages() {
		t0 := time.Now()
		out, err := p.NextPage(ctx)
		t1 := time.Now()
		wait += t1.Sub(t0)
		if err != nil {
			b.Fatal(err)
		}
		for range out.Devices {
			benchCallerWork(benchWalkWork)
		}
		work += time.Since(t1)
		seen += len(out.Devices)
	}
	if seen != benchWalkDevices {
		b.Fatalf("walk saw %d devices, want %d", seen, benchWalkDevices)
	}
	return wait, work
}

// benchWalkSides are the walks compared: plain, and prefetching.
var benchWalkSides = []struct {
	name string
	opts []func(*iot1click.ListDevicesPaginatorOptions)
}{
	{name: "plain"},
	{name: "prefetch", opts: []func(*iot1click.ListDevicesPaginatorOptions){benchWalkPrefetch}},
}

// BenchmarkListDevicesWalk measures a walk of 4,000 devices in pages of 100,
// with 20 ms of latency a page and 0.1 ms of caller work a device: /plain
// without prefetch, /prefetch with benchWalkPrefetch. Besides the time of a
// walk it reports the time spent waiting in NextPage and working on the
// devices; prefetch shows as less waiting.
func BenchmarkListDevicesWalk(b *testing.B) {
	c := benchWalkServer(b)
	for _, side := range benchWalkSides {
		b.Run(side.name, func(b *testing.B) {
			var wait, work time.Duration
			for i := 0; i < b.N; i++ {
				dWait, dWork := benchWalk(b, c, side.opts...)
				wait, work = wait+dWait, work+dWork
			}
			n := float64(b.N)
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/n, "ms/walk")
			b.ReportMetric(float64(wait.Milliseconds())/n, "wait-ms/walk")
			b.ReportMetric(float64(work.Milliseconds())/n, "work-ms/walk")
		})
	}
}

// BenchmarkListDevicesWalkPrefetchRatio alternates the plain and the
// prefetching walk and reports x-plain-time, the prefetching walk's time as
// a multiple of the plain one's (goal: at most 0.6; bound: about 0.67).
func BenchmarkListDevicesWalkPrefetchRatio(b *testing.B) {
	sides := benchWalkSides
	c := benchWalkServer(b)
	var ns [2]float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for s, side := range sides {
			t0 := time.Now()
			benchWalk(b, c, side.opts...)
			ns[s] += float64(time.Since(t0))
		}
	}
	b.ReportMetric(ns[0]/float64(b.N)/1e6, "plain-ms/walk")
	b.ReportMetric(ns[1]/float64(b.N)/1e6, "prefetch-ms/walk")
	b.ReportMetric(ns[1]/ns[0], "x-plain-time")
}
