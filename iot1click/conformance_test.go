package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
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

// This file holds a conformance test of the paginators and iterators, in
// the spirit of google.golang.org/api/iterator/testing: for fleets (and
// event logs) of many sizes and for page sizes 1, 2, n and n+10 (capped at
// the service's 250), every item comes exactly once and in order, the page
// count is as expected, and the end is reported repeatedly without further
// requests. It also holds the helpers the other tests of this package's
// paginators, iterators and claim helper share.

// conformanceSizes are the fleet and event-log sizes checked.
var conformanceSizes = []int{0, 1, 99, 100, 101, 250, 251, 1000}

// pageSizesFor returns the page sizes checked for n items: 1, 2, n and
// n+10, capped at 250 and without repeats.
func pageSizesFor(n int) []int32 {
	var out []int32
	for _, s := range []int{1, 2, max(n, 1), n + 10} {
		s = min(s, 250)
		if !slices.Contains(out, int32(s)) {
			out = append(out, int32(s))
		}
	}
	return out
}

// wantPages is the number of pages a walk of n items in pages of size
// takes: at least one, since an empty listing is one empty page.
func wantPages(n int, size int32) int {
	return max(1, (n+int(size)-1)/int(size))
}

// fastRetryer is the client's retry policy with millisecond back-off and no
// retry quota, so that tests of absorbed faults run quickly.
func fastRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Millisecond, nil })
		o.RateLimiter = ratelimit.None
		o.Retryables = append(o.Retryables, retry.RetryableHTTPStatusCode{Codes: map[int]struct{}{429: {}}})
	})
}

// newPagingServer starts an emulator closed at the end of the test and
// returns it with a client using fastRetryer.
func newPagingServer(t testing.TB, opts ...iot1clicktest.Option) (*iot1clicktest.Server, *iot1click.Client) {
	t.Helper()
	srv := iot1clicktest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv, srv.Client(func(o *iot1click.Options) { o.Retryer = fastRetryer() })
}

// countRequests returns how many requests of op the server logged.
func countRequests(srv *iot1clicktest.Server, op string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Operation == op {
			n++
		}
	}
	return n
}

// checkRequests checks that the server logged exactly want requests of op.
// The emulator logs each request before writing its answer, so the log is
// complete as soon as the client has the response: there is nothing to wait
// for.
func checkRequests(t testing.TB, srv *iot1clicktest.Server, op string, want int) {
	t.Helper()
	if got := countRequests(srv, op); got != want {
		t.Errorf("server logged %d %s requests, want %d", got, op, want)
	}
}

// collectSeq ranges over seq and returns the items before the first error,
// the error, and the number of items yielded after it (which must be 0).
//
//lint:ignore ST1008 the count after the error is a check on the error, so it comes last.
func collectSeq[T any](seq iter.Seq2[T, error]) (items []T, err error, afterErr int) {
	for v, e := range seq {
		if err != nil {
			afterErr++
			continue
		}
		if e != nil {
			err = e
			continue
		}
		items = append(items, v)
	}
	return items, err, afterErr
}

// checkEnd checks that a finished paginator reports its end repeatedly:
// HasMorePages stays false and NextPage fails with wantErr.
func checkEnd(t testing.TB, hasMore func() bool, next func() error, wantErr error) {
	t.Helper()
	for i := 0; i < 3; i++ {
		if hasMore() {
			t.Fatalf("HasMorePages() = true after the end (check %d)", i)
		}
		if err := next(); !errors.Is(err, wantErr) {
			t.Fatalf("NextPage after the end = %v, want %v", err, wantErr)
		}
	}
}

func TestListDevicesConformance(t *testing.T) {
	checkLeaks(t)
	ctx := context.Background()
	for _, n := range conformanceSizes {
		t.Run(fmt.Sprintf("devices=%d", n), func(t *testing.T) {
			t.Parallel()
			srv, client := newPagingServer(t, iot1clicktest.WithSeed(int64(n+1)))
			want := srv.AddFleet(n)
			slices.Sort(want)
			if len(want) == 0 {
				want = nil
			}
			for _, size := range pageSizesFor(n) {
				t.Run(fmt.Sprintf("page=%d", size), func(t *testing.T) {
					pages := wantPages(n, size)

					srv.ResetRequests()
					p := iot1click.NewListDevicesPaginator(client, nil, func(o *iot1click.ListDevicesPaginatorOptions) { o.Limit = size })
					var got []string
					gotPages := 0
					for p.HasMorePages() {
						out, err := p.NextPage(ctx)
						if err != nil {
							t.Fatalf("page %d: %v", gotPages+1, err)
						}
						gotPages++
						if len(out.Devices) > int(size) {
							t.Fatalf("page %d has %d devices, more than the page size", gotPages, len(out.Devices))
						}
						for _, d := range out.Devices {
							got = append(got, d.DeviceId)
						}
						if gotPages > pages {
							t.Fatalf("more than %d pages", pages)
						}
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("paginator devices (-want +got):\n%s", diff)
					}
					if gotPages != pages {
						t.Errorf("paginator took %d pages, want %d", gotPages, pages)
					}
					checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(ctx); return err }, iot1click.ErrNoMorePages)
					checkRequests(t, srv, iot1clicktest.OpListDevices, pages)

					srv.ResetRequests()
					devices, err, after := collectSeq(client.AllDevices(ctx, &iot1click.ListDevicesInput{MaxResults: size}))
					if err != nil || after != 0 {
						t.Fatalf("AllDevices: err %v, %d items after it", err, after)
					}
					got = nil
					for _, d := range devices {
						got = append(got, d.DeviceId)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("iterator devices (-want +got):\n%s", diff)
					}
					checkRequests(t, srv, iot1clicktest.OpListDevices, pages)
				})
			}
		})
	}
}

// eventBase is the time of the first event of the generated event logs.
var eventBase = time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)

// addClickedDevice adds a claimed button with n single clicks one second
// apart from eventBase and returns its ID and the stdEvent of each click,
// oldest first.
func addClickedDevice(t testing.TB, srv *iot1clicktest.Server, id string, n int) []string {
	t.Helper()
	d := iot1clicktest.DeviceRecord{DeviceId: id, State: iot1clicktest.StateClaimed, Enabled: true, RemainingLife: 80}
	for i := 0; i < n; i++ {
		clickType := []string{iot1click.ClickTypeSingle, iot1click.ClickTypeDouble, iot1click.ClickTypeLong}[i%3]
		d.Events = append(d.Events, iot1clicktest.EventRecord{ClickType: clickType, Time: eventBase.Add(time.Duration(i) * time.Second)})
	}
	if err := srv.AddDevices(d); err != nil {
		t.Fatal(err)
	}
	got, _ := srv.Device(id)
	var std []string
	for _, e := range got.Events {
		std = append(std, e.StdEvent)
	}
	return std
}

// eventWindow is a ListDeviceEvents input covering every generated event.
func eventWindow(id string, size int32) *iot1click.ListDeviceEventsInput {
	return &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: eventBase.Add(-time.Hour),
		ToTimeStamp:   eventBase.Add(2 * time.Hour),
		MaxResults:    size,
	}
}

func TestListDeviceEventsConformance(t *testing.T) {
	checkLeaks(t)
	ctx := context.Background()
	for _, n := range conformanceSizes {
		t.Run(fmt.Sprintf("events=%d", n), func(t *testing.T) {
			t.Parallel()
			srv, client := newPagingServer(t)
			id := fmt.Sprintf("G030PM%010d", n)
			want := addClickedDevice(t, srv, id, n)
			for _, size := range pageSizesFor(n) {
				t.Run(fmt.Sprintf("page=%d", size), func(t *testing.T) {
					pages := wantPages(n, size)

					srv.ResetRequests()
					p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 0), func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.Limit = size })
					var got []string
					gotPages := 0
					for p.HasMorePages() {
						out, err := p.NextPage(ctx)
						if err != nil {
							t.Fatalf("page %d: %v", gotPages+1, err)
						}
						gotPages++
						for _, e := range out.Events {
							if e.Device.DeviceId != id {
								t.Fatalf("event of device %q, want %q", e.Device.DeviceId, id)
							}
							got = append(got, e.StdEvent)
						}
						if gotPages > pages {
							t.Fatalf("more than %d pages", pages)
						}
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("paginator events (-want +got):\n%s", diff)
					}
					if gotPages != pages {
						t.Errorf("paginator took %d pages, want %d", gotPages, pages)
					}
					checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(ctx); return err }, iot1click.ErrNoMorePages)
					checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, pages)

					srv.ResetRequests()
					events, err, after := collectSeq(client.AllDeviceEvents(ctx, eventWindow(id, size)))
					if err != nil || after != 0 {
						t.Fatalf("AllDeviceEvents: err %v, %d items after it", err, after)
					}
					got = nil
					for _, e := range events {
						got = append(got, e.StdEvent)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("iterator events (-want +got):\n%s", diff)
					}
					checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, pages)
				})
			}
		})
	}
}

// walkEventPages walks p and returns the stdEvent of each event, the
// attempts of each page read, and the error that ended the walk, if any.
func walkEventPages(t *testing.T, p *iot1click.ListDeviceEventsPaginator, optFns ...func(*iot1click.Options)) (events []string, attempts []int, err error) {
	t.Helper()
	for p.HasMorePages() {
		if len(attempts) > 100 {
			t.Fatal("paginator is looping")
		}
		out, err := p.NextPage(context.Background(), optFns...)
		if err != nil {
			return events, attempts, err
		}
		attempts = append(attempts, iot1click.Attempts(out.ResultMetadata))
		for _, e := range out.Events {
			events = append(events, e.StdEvent)
		}
	}
	return events, attempts, nil
}

// TestListDeviceEventsMidWalkFaults is TestListDevicesPaginatorMidWalkFaults
// for ListDeviceEvents, with the paginator and the iterator: 10 events in
// pages of 3, a fault on page 3.
func TestListDeviceEventsMidWalkFaults(t *testing.T) {
	checkLeaks(t)
	const id = "G030PM0000000310"
	ctx := context.Background()
	limit3 := func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.Limit = 3 }
	noRetry := func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }
	fail3 := iot1clicktest.Fault{StatusCode: 500, After: 2, Times: 1}
	throttle3 := iot1clicktest.Fault{Throttle: true, After: 2, Times: 2}

	t.Run("500 on page 3, retries off", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := addClickedDevice(t, srv, id, 10)
		var ife *iot1click.InternalFailureException

		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, fail3))
		p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 0), limit3)
		got, attempts, err := walkEventPages(t, p, noRetry)
		if !errors.As(err, &ife) || len(attempts) != 2 {
			t.Fatalf("walk ended after %d pages with %v, want an InternalFailureException after 2", len(attempts), err)
		}
		// The paginator stays on the failed page: calling NextPage again
		// retries it and the walk completes.
		more, _, err := walkEventPages(t, p, noRetry)
		if err != nil {
			t.Fatalf("resumed walk: %v", err)
		}
		if diff := cmp.Diff(all, append(got, more...)); diff != "" {
			t.Errorf("paginator events (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 5)

		// The iterator yields the events of pages 1 and 2, then the error
		// once, and ends the loop without a further request.
		srv.ClearFaults()
		srv.ResetRequests()
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, fail3))
		events, err, after := collectSeq(client.AllDeviceEvents(ctx, eventWindow(id, 3), noRetry))
		if !errors.As(err, &ife) || after != 0 {
			t.Fatalf("AllDeviceEvents: err %v, %d yields after it; want an InternalFailureException yielded once", err, after)
		}
		got = nil
		for _, e := range events {
			got = append(got, e.StdEvent)
		}
		if diff := cmp.Diff(all[:6], got); diff != "" {
			t.Errorf("iterator events before the error (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 3)
	})

	t.Run("throttle absorbed by the retryer", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := addClickedDevice(t, srv, id, 10)

		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, throttle3))
		p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 0), limit3)
		got, attempts, err := walkEventPages(t, p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(all, got); diff != "" {
			t.Errorf("paginator events (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]int{1, 1, 3, 1}, attempts); diff != "" {
			t.Errorf("attempts per page (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 6)

		srv.ClearFaults()
		srv.ResetRequests()
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, throttle3))
		events, err, after := collectSeq(client.AllDeviceEvents(ctx, eventWindow(id, 3)))
		if err != nil || after != 0 {
			t.Fatalf("AllDeviceEvents: err %v, %d items after it", err, after)
		}
		got = nil
		for _, e := range events {
			got = append(got, e.StdEvent)
		}
		if diff := cmp.Diff(all, got); diff != "" {
			t.Errorf("iterator events (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 6)
	})
}
