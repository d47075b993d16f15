package projects_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// Issue 14's goal 6: a Projects call of the same shape as the Devices
// client's empty ListDevices page (an empty ListProjects page, MaxResults
// set, answered in memory) makes no more allocations. Both sides run in one
// benchmark:
//
//	go test -run '^$' -bench EmptyPage -benchmem ./iot1click/projects/
//
// (BenchmarkEmptyPageRatio reports the ratio of the two sides' times),
// and TestEmptyPageAllocs holds the allocation budget deterministically.

// memoryTransport answers every request with a canned 200, in memory.
type memoryTransport struct {
	header http.Header
	body   []byte
}

func (t *memoryTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: t.header,
		Body:   io.NopCloser(bytes.NewReader(t.body)),
	}, nil
}

func memoryClient(body string) *http.Client {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-RequestId", "c0ffee00-0000-4000-8000-000000000000")
	h.Set("Date", "Wed, 25 Nov 2026 12:00:00 GMT")
	return &http.Client{Transport: &memoryTransport{header: h, body: []byte(body)}}
}

// emptyPageCalls returns one empty-page call of each client.
func emptyPageCalls() (devices, projectsCall func(ctx context.Context) error) {
	creds := credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "")
	dc := iot1click.New(iot1click.Options{
		Region: "us-west-2", Credentials: creds, HTTPClient: memoryClient(`{"devices":[]}`),
		BaseEndpoint: aws.String("https://devices.iot1click.us-west-2.amazonaws.com"),
	})
	pc := projects.New(projects.Options{
		Region: "us-west-2", Credentials: creds, HTTPClient: memoryClient(`{"projects":[]}`),
		BaseEndpoint: aws.String("https://projects.iot1click.us-west-2.amazonaws.com"),
	})
	din := &iot1click.ListDevicesInput{MaxResults: 100}
	pin := &projects.ListProjectsInput{MaxResults: 100}
	devices = func(ctx context.Context) error {
		out, err := dc.ListDevices(ctx, din)
		if err == nil && len(out.Devices) != 0 {
			panic("devices in an empty page")
		}
		return err
	}
	projectsCall = func(ctx context.Context) error {
		out, err := pc.ListProjects(ctx, pin)
		if err == nil && len(out.Projects) != 0 {
			panic("projects in an empty page")
		}
		return err
	}
	return devices, projectsCall
}

// BenchmarkEmptyPage compares an empty ListProjects page with the Devices
// client's empty ListDevices page, in one run.
func BenchmarkEmptyPage(b *testing.B) {
	devices, projectsCall := emptyPageCalls()
	for _, bc := range []struct {
		name string
		call func(context.Context) error
	}{{"ListDevices", devices}, {"ListProjects", projectsCall}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.call(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEmptyPageRatio runs both sides alternately, in blocks, and
// reports the ListProjects call's time and allocations as a multiple of
// the ListDevices call's, which holds on a noisy machine.
func BenchmarkEmptyPageRatio(b *testing.B) {
	devices, projectsCall := emptyPageCalls()
	sides := [2]func(context.Context) error{projectsCall, devices}
	var ns, mallocs [2]float64
	var ms runtime.MemStats
	ctx := context.Background()
	const block = 64
	b.ResetTimer()
	for done := 0; done < b.N; done += block {
		n := min(block, b.N-done)
		for s, call := range sides {
			runtime.ReadMemStats(&ms)
			m0 := ms.Mallocs
			t0 := time.Now()
			for range n {
				if err := call(ctx); err != nil {
					b.Fatal(err)
				}
			}
			ns[s] += float64(time.Since(t0))
			runtime.ReadMemStats(&ms)
			mallocs[s] += float64(ms.Mallocs - m0)
		}
	}
	n := float64(b.N)
	b.ReportMetric(ns[0]/n, "projects-ns/op")
	b.ReportMetric(ns[1]/n, "devices-ns/op")
	b.ReportMetric(ns[0]/ns[1], "x-devices-time")
	b.ReportMetric(mallocs[0]/n, "projects-allocs/op")
	b.ReportMetric(mallocs[1]/n, "devices-allocs/op")
}

// TestEmptyPageAllocs holds the goal: an empty ListProjects page allocates
// no more than an empty ListDevices page.
func TestEmptyPageAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts (sync.Pool drops items at random); the goal holds without it")
	}
	devices, projectsCall := emptyPageCalls()
	ctx := context.Background()
	count := func(call func(context.Context) error) float64 {
		if err := call(ctx); err != nil { // warm the pools and caches
			t.Fatal(err)
		}
		return testing.AllocsPerRun(200, func() {
			if err := call(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	d, p := count(devices), count(projectsCall)
	t.Logf("empty page: ListDevices %.0f allocations, ListProjects %.0f", d, p)
	if p > d {
		t.Errorf("an empty ListProjects page makes %.0f allocations, more than ListDevices' %.0f", p, d)
	}
}
