package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// This file tests ListDevicesPaginatorOptions.Prefetch and its
// ListDeviceEvents twin: a walk with prefetch returns what a plain walk
// returns, in the same order, sends the same requests, and leaves no
// goroutine behind however it ends.

// prefetch returns a paginator option setting Prefetch to n.
func prefetch(n int) func(*iot1click.ListDevicesPaginatorOptions) {
	return func(o *iot1click.ListDevicesPaginatorOptions) { o.Prefetch = n }
}

// errClass names an error for a trace: its kind, without the request IDs
// that differ from one run to the next.
func errClass(err error) string {
	var (
		ife *iot1click.InternalFailureException
		dup *iot1click.DuplicateTokenError
		lim *iot1click.WalkLimitError
	)
	switch {
	case errors.As(err, &dup):
		return fmt.Sprintf("duplicate token on page %d", dup.Page)
	case errors.As(err, &lim):
		return lim.Error()
	case errors.As(err, &ife):
		return "InternalFailureException"
	case errors.Is(err, context.Canceled):
		return "context canceled"
	case errors.Is(err, iot1click.ErrNoMorePages):
		return "no more pages"
	}
	return err.Error()
}

// traceWalk walks p to its end, calling NextPage again after a failure (at
// most 5 times in a row), and returns what each call returned, in order:
// the IDs of a page's devices, or the kind of error.
func traceWalk(t *testing.T, p *iot1click.ListDevicesPaginator, optFns ...func(*iot1click.Options)) []string {
	t.Helper()
	var trace []string
	fails := 0
	for p.HasMorePages() {
		if len(trace) > 1000 {
			t.Fatal("paginator is looping")
		}
		out, err := p.NextPage(context.Background(), optFns...)
		if err != nil {
			trace = append(trace, "error: "+errClass(err))
			if fails++; fails > 5 {
				break
			}
			continue
		}
		fails = 0
		trace = append(trace, "page: "+strings.Join(idsOf(out.Devices), ","))
	}
	return trace
}

// traceSeq ranges over seq and returns what it yielded: each device ID,
// and the kind of error.
func traceSeq(seq func(func(iot1click.DeviceDescription, error) bool)) []string {
	var trace []string
	for d, err := range seq {
		if err != nil {
			trace = append(trace, "error: "+errClass(err))
			continue
		}
		trace = append(trace, d.DeviceId)
	}
	return trace
}

func TestPrefetchConformance(t *testing.T) {
	checkLeaks(t)
	ctx := context.Background()
	for _, n := range []int{0, 1, 99, 251} {
		t.Run(fmt.Sprintf("devices=%d", n), func(t *testing.T) {
			srv, client := newPagingServer(t, iot1clicktest.WithSeed(int64(n+1)))
			want := srv.AddFleet(n)
			slices.Sort(want)
			for _, size := range pageSizesFor(n) {
				for _, ahead := range []int{1, 3} {
					t.Run(fmt.Sprintf("page=%d/prefetch=%d", size, ahead), func(t *testing.T) {
						limit := func(o *iot1click.ListDevicesPaginatorOptions) { o.Limit = size }
						pages := wantPages(n, size)

						srv.ResetRequests()
						plain := traceWalk(t, iot1click.NewListDevicesPaginator(client, nil, limit))
						checkRequests(t, srv, iot1clicktest.OpListDevices, pages)

						srv.ResetRequests()
						p := iot1click.NewListDevicesPaginator(client, nil, limit, prefetch(ahead))
						if diff := cmp.Diff(plain, traceWalk(t, p)); diff != "" {
							t.Errorf("pages with prefetch (-plain +prefetch):\n%s", diff)
						}
						checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(ctx); return err }, iot1click.ErrNoMorePages)
						checkRequests(t, srv, iot1clicktest.OpListDevices, pages)

						srv.ResetRequests()
						p = iot1click.NewListDevicesPaginator(client, nil, limit, prefetch(ahead))
						got := traceSeq(p.Devices(ctx))
						if diff := cmp.Diff(want, got, cmpEmpty); diff != "" {
							t.Errorf("iterator with prefetch (-want +got):\n%s", diff)
						}
						checkRequests(t, srv, iot1clicktest.OpListDevices, pages)
					})
				}
			}
		})
	}
}

// cmpEmpty makes cmp.Diff treat a nil and an empty slice alike.
var cmpEmpty = cmp.Transformer("nonNil", func(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
})

func TestListDeviceEventsPrefetchConformance(t *testing.T) {
	checkLeaks(t)
	ctx := context.Background()
	for _, n := range []int{0, 5, 101} {
		t.Run(fmt.Sprintf("events=%d", n), func(t *testing.T) {
			srv, client := newPagingServer(t)
			id := fmt.Sprintf("G030PM%010d", n)
			want := addClickedDevice(t, srv, id, n)
			for _, size := range pageSizesFor(n) {
				t.Run(fmt.Sprintf("page=%d", size), func(t *testing.T) {
					srv.ResetRequests()
					p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, size), func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.Prefetch = 2 })
					got, _, err := walkEventPages(t, p)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("paginator events (-want +got):\n%s", diff)
					}
					checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, wantPages(n, size))

					srv.ResetRequests()
					p = iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, size), func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.Prefetch = 2 })
					events, err, after := collectSeq(p.Events(ctx))
					if err != nil || after != 0 {
						t.Fatalf("Events: err %v, %d items after it", err, after)
					}
					got = nil
					for _, e := range events {
						got = append(got, e.StdEvent)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("iterator events (-want +got):\n%s", diff)
					}
					checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, wantPages(n, size))
				})
			}
		})
	}
}

// TestPrefetchFaults checks that a walk with prefetch meets failures, and
// ends, exactly as a plain walk does: the same pages and errors in the same
// order, from the same requests.
func TestPrefetchFaults(t *testing.T) {
	checkLeaks(t)
	ctx := context.Background()
	noRetry := func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }
	tests := []struct {
		name   string
		fault  iot1clicktest.Fault
		opts   []func(*iot1click.ListDevicesPaginatorOptions)
		retry  []func(*iot1click.Options)
		errors int // errors in the trace
	}{
		{name: "500 on page 3, retries off", fault: iot1clicktest.Fault{StatusCode: 500, After: 2, Times: 1}, retry: []func(*iot1click.Options){noRetry}, errors: 1},
		{name: "500 on pages 2 to 4, retries off", fault: iot1clicktest.Fault{StatusCode: 500, After: 1, Times: 3}, retry: []func(*iot1click.Options){noRetry}, errors: 3},
		{name: "throttles absorbed", fault: iot1clicktest.Fault{Throttle: true, After: 2, Times: 2}},
		{name: "dropped connection absorbed", fault: iot1clicktest.Fault{DropConnection: true, After: 1, Times: 1}},
		{name: "duplicate token", fault: iot1clicktest.Fault{DuplicatePageToken: true, After: 2, Times: 1}, errors: 1},
		{name: "duplicate token, quiet", fault: iot1clicktest.Fault{DuplicatePageToken: true, After: 2, Times: 1},
			opts: []func(*iot1click.ListDevicesPaginatorOptions){func(o *iot1click.ListDevicesPaginatorOptions) { o.StopOnDuplicateToken = true }}},
		{name: "MaxPages", opts: []func(*iot1click.ListDevicesPaginatorOptions){func(o *iot1click.ListDevicesPaginatorOptions) { o.MaxPages = 2 }}, errors: 1},
		{name: "MaxItems", opts: []func(*iot1click.ListDevicesPaginatorOptions){func(o *iot1click.ListDevicesPaginatorOptions) { o.MaxItems = 7 }}, errors: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, client := newPagingServer(t)
			srv.AddFleet(10)
			opts := append([]func(*iot1click.ListDevicesPaginatorOptions){func(o *iot1click.ListDevicesPaginatorOptions) { o.Limit = 3 }}, tt.opts...)
			run := func(ahead int, walk func(*iot1click.ListDevicesPaginator) []string) ([]string, []iot1clicktest.Request) {
				srv.ClearFaults()
				srv.ResetRequests()
				if tt.fault != (iot1clicktest.Fault{}) {
					testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, tt.fault))
				}
				trace := walk(iot1click.NewListDevicesPaginator(client, nil, append(opts, prefetch(ahead))...))
				return trace, srv.Requests()
			}
			pages := func(p *iot1click.ListDevicesPaginator) []string { return traceWalk(t, p, tt.retry...) }
			items := func(p *iot1click.ListDevicesPaginator) []string { return traceSeq(p.Devices(ctx, tt.retry...)) }

			plain, plainReqs := run(0, pages)
			if got := strings.Count(strings.Join(plain, "\n"), "error: "); got != tt.errors {
				t.Fatalf("plain walk met %d errors, want %d:\n%s", got, tt.errors, strings.Join(plain, "\n"))
			}
			plainItems, _ := run(0, items)
			for _, ahead := range []int{1, 2, 5} {
				got, reqs := run(ahead, pages)
				if diff := cmp.Diff(plain, got); diff != "" {
					t.Errorf("prefetch %d: pages (-plain +prefetch):\n%s", ahead, diff)
				}
				if diff := cmp.Diff(queries(plainReqs), queries(reqs)); diff != "" {
					t.Errorf("prefetch %d: requests (-plain +prefetch):\n%s", ahead, diff)
				}
				gotItems, _ := run(ahead, items)
				if diff := cmp.Diff(plainItems, gotItems); diff != "" {
					t.Errorf("prefetch %d: iterator (-plain +prefetch):\n%s", ahead, diff)
				}
			}
		})
	}
}

// queries returns the page size, the page token (numbered in the order
// first seen, as tokens hold times) and the status of each answered
// request, sorted.
func queries(reqs []iot1clicktest.Request) []string {
	var out []string
	tokens := map[string]int{}
	for _, r := range reqs {
		if r.StatusCode == 0 {
			// A dropped connection's entry may be logged after the
			// client has moved on: leave it out.
			continue
		}
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			return []string{err.Error()}
		}
		tok := q.Get("nextToken")
		if _, ok := tokens[tok]; !ok {
			tokens[tok] = len(tokens)
		}
		out = append(out, fmt.Sprintf("maxResults=%s token#%d -> %d", q.Get("maxResults"), tokens[tok], r.StatusCode))
	}
	// Faults make the log's order differ from the requests'; the traces
	// check the order.
	slices.Sort(out)
	return out
}

func TestPrefetchBreak(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	all := srv.AddFleet(10)
	slices.Sort(all)
	for _, k := range []int{1, 3, 4, 9} {
		srv.ResetRequests()
		p := iot1click.NewListDevicesPaginator(client, &iot1click.ListDevicesInput{MaxResults: 3}, prefetch(2))
		var got []string
		for d, err := range p.Devices(context.Background()) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, d.DeviceId)
			if len(got) == k {
				break
			}
		}
		if diff := cmp.Diff(all[:k], got); diff != "" {
			t.Errorf("break after %d: devices (-want +got):\n%s", k, diff)
		}
		// The k-th device is on page (k+2)/3, and at most 2 pages after it
		// were requested, ahead, before the break stopped them.
		page := (k + 2) / 3
		if n := countRequests(srv, iot1clicktest.OpListDevices); n < page || n > min(page+2, 4) {
			t.Errorf("break after %d: %d requests, want %d to %d", k, n, page, min(page+2, 4))
		}
		// The paginator goes on from the page after the last device's.
		rest := traceSeq(p.Devices(context.Background()))
		if diff := cmp.Diff(all[min(page*3, 10):], rest, cmpEmpty); diff != "" {
			t.Errorf("break after %d: devices after the break (-want +got):\n%s", k, diff)
		}
	}
}

// TestAllDevicesBreakNoLeak checks that breaking out of the iterators,
// with prefetch or without, leaves no goroutine behind.
func TestAllDevicesBreakNoLeak(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	srv.AddFleet(10)
	id := "G030PM0000000777"
	addClickedDevice(t, srv, id, 10)
	for d, err := range client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 3}) {
		if err != nil || d.DeviceId == "" {
			t.Fatal(d, err)
		}
		break
	}
	for e, err := range client.AllDeviceEvents(context.Background(), eventWindow(id, 3)) {
		if err != nil || e.StdEvent == "" {
			t.Fatal(e, err)
		}
		break
	}
	// Paginators with prefetch, abandoned after a break: the break stopped
	// their fetching ahead.
	p := iot1click.NewListDevicesPaginator(client, &iot1click.ListDevicesInput{MaxResults: 3}, prefetch(2))
	for d, err := range p.Devices(context.Background()) {
		if err != nil || d.DeviceId == "" {
			t.Fatal(d, err)
		}
		break
	}
	pe := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 3), func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.Prefetch = 2 })
	for e, err := range pe.Events(context.Background()) {
		if err != nil || e.StdEvent == "" {
			t.Fatal(e, err)
		}
		break
	}
}

// syncFake is a ListDevicesAPIClient, safe for concurrent use, serving a
// chain of pages "" -> "t1" -> "t2"..., each with the devices "<token>-0",
// "<token>-1"... It records the token and the Region option of each
// request, can announce each request on a channel before answering it, and
// can hold the request of a token until its context ends.
type syncFake struct {
	pages, perPage int

	mu        sync.Mutex
	tokens    []string
	regions   map[string]string
	announce  chan string     // when not nil, receives the token of each request
	hold      map[string]bool // tokens whose first request waits for its context to end
	panicOn   string          // a token whose request panics
	returned  int             // requests answered
	heldCalls int             // held requests that returned
}

func (f *syncFake) ListDevices(ctx context.Context, in *iot1click.ListDevicesInput, optFns ...func(*iot1click.Options)) (*iot1click.ListDevicesOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var o iot1click.Options
	for _, fn := range optFns {
		fn(&o)
	}
	f.mu.Lock()
	f.tokens = append(f.tokens, in.NextToken)
	if f.regions == nil {
		f.regions = map[string]string{}
	}
	f.regions[in.NextToken] = o.Region
	hold := f.hold[in.NextToken]
	delete(f.hold, in.NextToken)
	announce := f.announce
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.returned++
		if hold {
			f.heldCalls++
		}
		f.mu.Unlock()
	}()
	if announce != nil {
		select {
		case announce <- in.NextToken:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if hold {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if f.panicOn != "" && in.NextToken == f.panicOn {
		panic("fake: " + f.panicOn)
	}
	i := 0
	if in.NextToken != "" {
		if _, err := fmt.Sscanf(in.NextToken, "t%d", &i); err != nil {
			return nil, fmt.Errorf("fake: bad token %q", in.NextToken)
		}
	}
	out := &iot1click.ListDevicesOutput{}
	if i+1 < f.pages {
		out.NextToken = fmt.Sprintf("t%d", i+1)
	}
	for j := 0; j < f.perPage; j++ {
		out.Devices = append(out.Devices, iot1click.DeviceDescription{DeviceId: fmt.Sprintf("%s-%d", in.NextToken, j)})
	}
	return out, nil
}

func (f *syncFake) requested() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.tokens)
}

// TestPrefetchAhead checks that a paginator with Prefetch n requests the
// next n pages while the caller holds a page, and no more.
func TestPrefetchAhead(t *testing.T) {
	checkLeaks(t)
	ctx := context.Background()
	announce := make(chan string)
	f := &syncFake{pages: 10, perPage: 1, announce: announce}
	p := iot1click.NewListDevicesPaginator(f, nil, prefetch(2))
	defer p.Stop()

	// Page 1: its request is announced, then NextPage returns it.
	var first *iot1click.ListDevicesOutput
	done := make(chan error, 1)
	go func() {
		var err error
		first, err = p.NextPage(ctx)
		done <- err
	}()
	if tok := <-announce; tok != "" {
		t.Fatalf("first request for %q", tok)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := first.Devices[0].DeviceId; got != "-0" {
		t.Fatalf("page 1 holds %q", got)
	}
	expectRequests := func(want ...string) {
		t.Helper()
		for _, w := range want {
			if got := <-announce; got != w {
				t.Fatalf("request for %q, want %q", got, w)
			}
		}
		// No further request comes while the caller holds its page. (The
		// wait can only miss an extra request, never invent one.)
		select {
		case got := <-announce:
			t.Fatalf("request for %q: more than 2 pages ahead", got)
		case <-time.After(50 * time.Millisecond):
		}
	}
	expectRequests("t1", "t2")
	out, err := p.NextPage(ctx) // fetched ahead: no request of its own
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Devices[0].DeviceId; got != "t1-0" {
		t.Fatalf("page 2 holds %q", got)
	}
	expectRequests("t3")
	if diff := cmp.Diff([]string{"", "t1", "t2", "t3"}, f.requested()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestPrefetchCancel checks that cancelling the context stops the request
// sent ahead at once, that the walk then ends as a plain one would, and
// that a new context resumes it where it was.
func TestPrefetchCancel(t *testing.T) {
	checkLeaks(t)
	f := &syncFake{pages: 3, perPage: 2, hold: map[string]bool{"t1": true}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := iot1click.NewListDevicesPaginator(f, nil, prefetch(1))
	var got []string
	for d, err := range p.Devices(ctx) {
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("walk ended with %v, want context.Canceled", err)
			}
			got = append(got, "canceled")
			continue
		}
		got = append(got, d.DeviceId)
		if len(got) == 1 {
			// Page 2 is being fetched ahead, held by the fake until its
			// context ends: the cancellation must end it.
			for slices.Index(f.requested(), "t1") < 0 {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}
	}
	if diff := cmp.Diff([]string{"-0", "-1", "canceled"}, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}
	f.mu.Lock()
	held := f.heldCalls
	f.mu.Unlock()
	if held != 1 {
		t.Errorf("%d held requests returned, want 1", held)
	}
	// The walk is still on page 2: a live context resumes it.
	rest := traceSeq(p.Devices(context.Background()))
	if diff := cmp.Diff([]string{"t1-0", "t1-1", "t2-0", "t2-1"}, rest); diff != "" {
		t.Errorf("resumed walk (-want +got):\n%s", diff)
	}
}

// TestPrefetchContextOfStartingCall checks the documented rule for option
// functions and contexts: the pages fetched ahead are requested with those
// of the NextPage call that started the fetching, and a context that ended
// after its call returned does not fail the next call.
func TestPrefetchContextOfStartingCall(t *testing.T) {
	checkLeaks(t)
	region := func(r string) func(*iot1click.Options) { return func(o *iot1click.Options) { o.Region = r } }
	f := &syncFake{pages: 4, perPage: 1}
	p := iot1click.NewListDevicesPaginator(f, nil, prefetch(1))

	ctx1, cancel1 := context.WithCancel(context.Background())
	defer cancel1()
	if _, err := p.NextPage(ctx1, region("a")); err != nil {
		t.Fatal(err)
	}
	for slices.Index(f.requested(), "t1") < 0 {
		time.Sleep(time.Millisecond)
	}
	// Page 2, fetched ahead under the first call, is returned to the
	// second; page 3 is being fetched under the first call too.
	if _, err := p.NextPage(context.Background(), region("b")); err != nil {
		t.Fatal(err)
	}
	for slices.Index(f.requested(), "t2") < 0 {
		time.Sleep(time.Millisecond)
	}
	f.mu.Lock()
	if f.regions[""] != "a" || f.regions["t1"] != "a" || f.regions["t2"] != "a" {
		t.Errorf("pages 1 to 3 requested in regions %q, %q and %q, want those of the first call, a", f.regions[""], f.regions["t1"], f.regions["t2"])
	}
	f.mu.Unlock()

	// The first call's context ends: the fetching ahead stops, and the
	// next call, whose context is live, starts it again under its own.
	cancel1()
	var ids []string
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background(), region("c"))
		if err != nil {
			t.Fatalf("NextPage after the first call's context ended: %v", err)
		}
		ids = append(ids, out.Devices[0].DeviceId)
	}
	if diff := cmp.Diff([]string{"t2-0", "t3-0"}, ids); diff != "" {
		t.Errorf("devices (-want +got):\n%s", diff)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.regions["t3"] != "c" {
		t.Errorf("page 4 requested in region %q, want c: the fetching started again under the later call", f.regions["t3"])
	}
}

// TestPrefetchStop checks that Stop ends the fetching ahead of an
// abandoned walk, and that the walk can go on afterwards.
func TestPrefetchStop(t *testing.T) {
	checkLeaks(t)
	f := &syncFake{pages: 3, perPage: 1}
	p := iot1click.NewListDevicesPaginator(f, nil, prefetch(2))
	if _, err := p.NextPage(context.Background()); err != nil {
		t.Fatal(err)
	}
	p.Stop()
	p.Stop() // twice is harmless
	ids := traceSeq(p.Devices(context.Background()))
	if diff := cmp.Diff([]string{"t1-0", "t2-0"}, ids); diff != "" {
		t.Errorf("devices after Stop (-want +got):\n%s", diff)
	}
}

func TestPaginatorOptionsNegative(t *testing.T) {
	f := &syncFake{pages: 1, perPage: 1}
	p := iot1click.NewListDevicesPaginator(f, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
		o.MaxPages, o.MaxItems, o.Prefetch = -1, -2, -3
	})
	if !p.HasMorePages() {
		t.Fatal("HasMorePages() = false before the first NextPage")
	}
	_, err := p.NextPage(context.Background())
	for _, field := range []string{"MaxPages", "MaxItems", "Prefetch"} {
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("NextPage = %v, want an error naming %s", err, field)
		}
	}
	if n := len(f.requested()); n != 0 {
		t.Errorf("%d requests sent with invalid options", n)
	}
	if p.HasMorePages() {
		t.Error("HasMorePages() = true after the error")
	}
	e := iot1click.NewListDeviceEventsPaginator(nil, nil, func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.MaxPages = -1 })
	if _, err := e.NextPage(context.Background()); err == nil || !strings.Contains(err.Error(), "MaxPages") {
		t.Errorf("events NextPage = %v, want an error naming MaxPages", err)
	}
}

// TestPrefetchPanic checks that a request panicking in the background
// panics in the NextPage that reaches its page, as it would without
// prefetch, instead of crashing the program from another goroutine.
func TestPrefetchPanic(t *testing.T) {
	checkLeaks(t)
	for _, ahead := range []int{0, 1, 3} {
		f := &syncFake{pages: 4, perPage: 1, panicOn: "t2"}
		p := iot1click.NewListDevicesPaginator(f, nil, prefetch(ahead))
		var got []string
		var panicked any
		func() {
			defer func() { panicked = recover() }()
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, out.Devices[0].DeviceId)
			}
		}()
		if panicked != "fake: t2" {
			t.Errorf("prefetch %d: NextPage panicked with %v, want the request's panic", ahead, panicked)
		}
		if diff := cmp.Diff([]string{"-0", "t1-0"}, got); diff != "" {
			t.Errorf("prefetch %d: pages before the panic (-want +got):\n%s", ahead, diff)
		}
	}
}

// TestPrefetchBreakWaitsForRequest checks that breaking out of a
// prefetching walk returns only once the request sent ahead has ended, at
// the server too (it is in the request log, and nothing arrives later), and
// that no goroutine outlives the loop: goleak.VerifyNone right after the
// loop passes.
func TestPrefetchBreakWaitsForRequest(t *testing.T) {
	srv, client := newPagingServer(t)
	srv.AddFleet(10)
	// The pages after the first are slow, so that one is in flight at the
	// break.
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Latency: 100 * time.Millisecond, After: 1}))
	before := goleak.IgnoreCurrent()
	p := iot1click.NewListDevicesPaginator(client, &iot1click.ListDevicesInput{MaxResults: 3}, prefetch(2))
	for _, err := range p.Devices(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond) // the request ahead is sent
		break
	}
	n := countRequests(srv, iot1clicktest.OpListDevices)
	if n < 2 {
		t.Fatalf("%d requests at the break, want the first page's and one ahead", n)
	}
	for _, r := range srv.Requests() {
		if r.StatusCode != 200 {
			t.Errorf("request %s answered %d, want 200: the request ahead is let finish", r.Operation, r.StatusCode)
		}
	}
	// Kept-alive connections are the HTTP client's, not the walk's.
	client.Options().HTTPClient.(interface{ CloseIdleConnections() }).CloseIdleConnections()
	goleak.VerifyNone(t, before)
	time.Sleep(150 * time.Millisecond)
	if later := countRequests(srv, iot1clicktest.OpListDevices); later != n {
		t.Errorf("%d requests at the break, %d later: a request of the walk outlived it", n, later)
	}
}
