package iot1click_test

import (
	"context"
	"iter"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// countingTransport counts the requests the client sends (its attempts)
// and how they ended: a response of each status, or a transport error.
type countingTransport struct {
	base http.RoundTripper

	mu       sync.Mutex
	attempts int
	statuses map[int]int // 0 for a transport error
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.attempts++
	if c.statuses == nil {
		c.statuses = map[int]int{}
	}
	if err != nil {
		c.statuses[0]++
	} else {
		c.statuses[resp.StatusCode]++
	}
	return resp, err
}

// reset returns the counts so far and starts again from zero.
func (c *countingTransport) reset() (attempts int, statuses map[int]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	attempts, statuses = c.attempts, c.statuses
	c.attempts, c.statuses = 0, nil
	return attempts, statuses
}

// soakRetryer retries every fault the soak injects, at once: no back-off,
// no retry quota, and attempts enough for a page to outlast a run of
// faults.
func soakRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 20
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		o.RateLimiter = ratelimit.None
		o.Retryables = append(o.Retryables, retry.RetryableHTTPStatusCode{Codes: map[int]struct{}{429: {}}})
	})
}

// TestFaultSoak walks 5,000 devices and 5,000 events through the iterators
// while about 20% of the requests meet an injected 500, 429 or dropped
// connection, drawn from the emulator's seeded random numbers. Every item
// must come exactly once and in order, and the client's retries must match
// the faults the emulator injected, one for one. It runs each walk plainly
// and with prefetch, under -race in CI. It takes about 2 s (6 s under
// -race), so -short runs it too.
func TestFaultSoak(t *testing.T) {
	checkLeaks(t)
	const (
		n        = 5000
		pageSize = 25
		pages    = n / pageSize
	)
	srv := iot1clicktest.NewServer(iot1clicktest.WithSeed(9))
	t.Cleanup(srv.Close)
	// The fleet is 4,999 buttons and one with 5,000 clicks.
	const id = "G030PM0000005000"
	wantEvents := addClickedDevice(t, srv, id, n)
	wantDevices := append(srv.AddFleet(n-1), id)
	slices.Sort(wantDevices)

	// No keep-alive: net/http would resend, unseen, a request whose reused
	// connection was dropped, and the retries would not add up.
	tr := &http.Transport{DisableKeepAlives: true, Proxy: nil}
	t.Cleanup(tr.CloseIdleConnections)
	counter := &countingTransport{base: tr}
	client := srv.Client(func(o *iot1click.Options) {
		o.HTTPClient = &http.Client{Transport: counter}
		o.Retryer = soakRetryer()
	})
	for _, op := range []string{iot1clicktest.OpListDevices, iot1clicktest.OpListDeviceEvents} {
		// Each fault is drawn in turn: 1-(1-0.072)^3 is about 20%.
		testenv.Must(t, srv.InjectFault(op, iot1clicktest.Fault{StatusCode: 500, Probability: 0.072}))
		testenv.Must(t, srv.InjectFault(op, iot1clicktest.Fault{Throttle: true, Probability: 0.072}))
		testenv.Must(t, srv.InjectFault(op, iot1clicktest.Fault{DropConnection: true, Probability: 0.072}))
	}

	ctx := context.Background()
	devIn := &iot1click.ListDevicesInput{MaxResults: pageSize}
	evIn := eventWindow(id, pageSize)
	ahead := func(o *iot1click.ListDevicesPaginatorOptions) { o.Prefetch = 3 }
	evAhead := func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.Prefetch = 3 }
	walks := []struct {
		name string
		op   string
		want []string
		seq  func() iter.Seq2[string, error]
	}{
		{"AllDevices", iot1clicktest.OpListDevices, wantDevices, func() iter.Seq2[string, error] {
			return mapSeq(client.AllDevices(ctx, devIn), func(d iot1click.DeviceDescription) string { return d.DeviceId })
		}},
		{"AllDeviceEvents", iot1clicktest.OpListDeviceEvents, wantEvents, func() iter.Seq2[string, error] {
			return mapSeq(client.AllDeviceEvents(ctx, evIn), func(e iot1click.DeviceEvent) string { return e.StdEvent })
		}},
		{"Devices with prefetch", iot1clicktest.OpListDevices, wantDevices, func() iter.Seq2[string, error] {
			p := iot1click.NewListDevicesPaginator(client, devIn, ahead)
			return mapSeq(p.Devices(ctx), func(d iot1click.DeviceDescription) string { return d.DeviceId })
		}},
		{"Events with prefetch", iot1clicktest.OpListDeviceEvents, wantEvents, func() iter.Seq2[string, error] {
			p := iot1click.NewListDeviceEventsPaginator(client, evIn, evAhead)
			return mapSeq(p.Events(ctx), func(e iot1click.DeviceEvent) string { return e.StdEvent })
		}},
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			srv.ResetRequests()
			counter.reset()
			var got []string
			for item, err := range w.seq() {
				if err != nil {
					t.Fatalf("after %d items: %v", len(got), err)
				}
				got = append(got, item)
			}
			if diff := cmp.Diff(w.want, got); diff != "" {
				t.Fatalf("items (-want +got):\n%s", diff)
			}
			attempts, statuses := counter.reset()
			retries := attempts - pages

			// The emulator may log a dropped connection just after the
			// client has moved on: wait for the log to catch up.
			log := srv.Requests()
			for deadline := time.Now().Add(10 * time.Second); len(log) < attempts && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
				log = srv.Requests()
			}
			injected := map[int]int{}
			served := 0
			for _, r := range log {
				if r.Operation != w.op {
					t.Fatalf("request of %s during a walk of %s", r.Operation, w.op)
				}
				if r.Fault {
					injected[r.StatusCode]++
				} else {
					served++
				}
			}
			faults := injected[0] + injected[500] + injected[429]
			t.Logf("%d pages, %d attempts: %d faults injected (500: %d, 429: %d, dropped: %d), %d retries",
				pages, attempts, faults, injected[500], injected[429], injected[0], retries)
			if len(log) != attempts {
				t.Errorf("emulator logged %d requests, client sent %d", len(log), attempts)
			}
			if served != pages {
				t.Errorf("emulator served %d pages, want %d", served, pages)
			}
			if faults != retries {
				t.Errorf("%d faults injected, %d retries: they must match", faults, retries)
			}
			// What the client saw is what the emulator injected.
			if diff := cmp.Diff(map[int]int{200: pages, 500: injected[500], 429: injected[429], 0: injected[0]}, statuses); diff != "" {
				t.Errorf("answers seen by the client (-injected +seen):\n%s", diff)
			}
			if injected[500] == 0 || injected[429] == 0 || injected[0] == 0 {
				t.Errorf("faults injected %v: want some of each kind", injected)
			}
			if rate := float64(faults) / float64(attempts); rate < 0.12 || rate > 0.28 {
				t.Errorf("%.0f%% of requests faulted, want about 20%%", rate*100)
			}
		})
	}
}

// mapSeq returns seq with f applied to its items.
func mapSeq[T, U any](seq iter.Seq2[T, error], f func(T) U) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		for v, err := range seq {
			var u U
			if err == nil {
				u = f(v)
			}
			if !yield(u, err) {
				return
			}
		}
	}
}
