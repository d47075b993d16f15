package iot1clicktest_test

import (
	"context"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// benchTransport returns a loopback transport shared by the clients of one
// benchmark, so that every side of a comparison uses the same settings.
func benchTransport() *http.Transport {
	return &http.Transport{
		Proxy:               nil,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     30 * time.Second,
	}
}

// benchServer starts an emulator with opts, closed at the end of the
// benchmark, and a client of it that sends through its own transport.
func benchServer(b *testing.B, opts ...iot1clicktest.Option) (*iot1clicktest.Server, *iot1click.Client) {
	b.Helper()
	srv := iot1clicktest.NewServer(opts...)
	b.Cleanup(srv.Close)
	tr := benchTransport()
	b.Cleanup(tr.CloseIdleConnections)
	c := srv.Client(func(o *iot1click.Options) { o.HTTPClient = &http.Client{Transport: tr} })
	return srv, c
}

// benchDrive makes n calls of call from callers goroutines at once and
// returns how long they took. The first error fails the benchmark.
func benchDrive(b *testing.B, n, callers int, call func(ctx context.Context) error) time.Duration {
	b.Helper()
	ctx := context.Background()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	start := time.Now()
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := call(ctx); err != nil {
					errOnce.Do(func() { firstErr = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	d := time.Since(start)
	if firstErr != nil {
		b.Fatal(firstErr)
	}
	return d
}

// benchHeapRetained returns the bytes of heap that the value made by build
// keeps alive, measured after a garbage collection on each side.
func benchHeapRetained(build func() any) (any, uint64) {
	var m0, m1 runtime.MemStats
	// A server closed just before may still be reachable from connection
	// goroutines on their way out: collect until the heap stops shrinking,
	// or it would count against this measurement.
	runtime.GC()
	runtime.ReadMemStats(&m0)
	for range 100 {
		prev := m0.HeapAlloc
		time.Sleep(5 * time.Millisecond)
		runtime.GC()
		runtime.ReadMemStats(&m0)
		if m0.HeapAlloc+m0.HeapAlloc/100 >= prev {
			break
		}
	}
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(v)
	if m1.HeapAlloc < m0.HeapAlloc {
		return v, 0
	}
	return v, m1.HeapAlloc - m0.HeapAlloc
}
