package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// fakeDevicePages is a ListDevicesAPIClient that serves scripted pages:
// the page for token "" and then one per token, each naming its next token.
type fakeDevicePages struct {
	pages map[string]fakePage
	calls []iot1click.ListDevicesInput
	err   error // returned (once) instead of a page when set
}

type fakePage struct {
	ids  []string
	next string
}

func (f *fakeDevicePages) ListDevices(_ context.Context, in *iot1click.ListDevicesInput, _ ...func(*iot1click.Options)) (*iot1click.ListDevicesOutput, error) {
	f.calls = append(f.calls, *in)
	if f.err != nil {
		err := f.err
		f.err = nil
		return nil, err
	}
	p, ok := f.pages[in.NextToken]
	if !ok {
		return nil, fmt.Errorf("fake: unknown token %q", in.NextToken)
	}
	out := &iot1click.ListDevicesOutput{NextToken: p.next}
	for _, id := range p.ids {
		out.Devices = append(out.Devices, iot1click.DeviceDescription{DeviceId: id})
	}
	return out, nil
}

// walkDevices runs a paginator to its end and returns the device IDs, the
// number of pages returned and the error that ended the walk, if any. It
// gives up after 100 pages, so that a looping paginator fails the test
// instead of hanging it.
func walkDevices(t *testing.T, p *iot1click.ListDevicesPaginator, optFns ...func(*iot1click.Options)) ([]string, int, error) {
	t.Helper()
	var ids []string
	pages := 0
	for p.HasMorePages() {
		if pages > 100 {
			t.Fatal("paginator is looping")
		}
		out, err := p.NextPage(context.Background(), optFns...)
		if err != nil {
			return ids, pages, err
		}
		pages++
		for _, d := range out.Devices {
			ids = append(ids, d.DeviceId)
		}
	}
	return ids, pages, nil
}

func TestListDevicesPaginatorFake(t *testing.T) {
	checkLeaks(t)
	tests := []struct {
		name      string
		pages     map[string]fakePage
		quiet     bool // StopOnDuplicateToken
		wantIDs   []string
		wantPages int
		wantDup   *iot1click.DuplicateTokenError
	}{
		{
			name:      "three pages",
			pages:     map[string]fakePage{"": {[]string{"a", "b"}, "t1"}, "t1": {[]string{"c"}, "t2"}, "t2": {[]string{"d"}, ""}},
			wantIDs:   []string{"a", "b", "c", "d"},
			wantPages: 3,
		},
		{
			name:      "service returns the token it was given",
			pages:     map[string]fakePage{"": {[]string{"a"}, "t1"}, "t1": {[]string{"b"}, "t1"}},
			wantIDs:   []string{"a", "b"},
			wantPages: 2,
			wantDup:   &iot1click.DuplicateTokenError{Operation: "ListDevices", Page: 2, Token: "t1"},
		},
		{
			name:      "token cycle",
			pages:     map[string]fakePage{"": {[]string{"a"}, "t1"}, "t1": {[]string{"b"}, "t2"}, "t2": {[]string{"c"}, "t1"}},
			wantIDs:   []string{"a", "b", "c"},
			wantPages: 3,
			wantDup:   &iot1click.DuplicateTokenError{Operation: "ListDevices", Page: 3, Token: "t1"},
		},
		{
			name:      "quiet stop",
			pages:     map[string]fakePage{"": {[]string{"a"}, "t1"}, "t1": {[]string{"b"}, "t2"}, "t2": {[]string{"c"}, "t1"}},
			quiet:     true,
			wantIDs:   []string{"a", "b", "c"},
			wantPages: 3,
		},
		{
			name:      "empty first page",
			pages:     map[string]fakePage{"": {nil, ""}},
			wantPages: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeDevicePages{pages: tt.pages}
			p := iot1click.NewListDevicesPaginator(f, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
				if o.StopOnDuplicateToken {
					t.Error("StopOnDuplicateToken is true by default")
				}
				o.StopOnDuplicateToken = tt.quiet
			})
			ids, pages, err := walkDevices(t, p)
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("devices (-want +got):\n%s", diff)
			}
			if pages != tt.wantPages || len(f.calls) != tt.wantPages {
				t.Errorf("%d pages in %d calls, want %d", pages, len(f.calls), tt.wantPages)
			}
			wantEnd := iot1click.ErrNoMorePages
			if tt.wantDup != nil {
				var dup *iot1click.DuplicateTokenError
				if !errors.As(err, &dup) || !errors.Is(err, iot1click.ErrDuplicateToken) {
					t.Fatalf("walk ended with %v, want a *DuplicateTokenError", err)
				}
				if diff := cmp.Diff(tt.wantDup, dup); diff != "" {
					t.Errorf("DuplicateTokenError (-want +got):\n%s", diff)
				}
				wantEnd = iot1click.ErrDuplicateToken // latched
			} else if err != nil {
				t.Fatalf("walk ended with %v", err)
			}
			checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, wantEnd)
			if len(f.calls) != tt.wantPages {
				t.Errorf("%d calls after the end, want %d", len(f.calls), tt.wantPages)
			}
		})
	}
}

func TestListDevicesPaginatorInput(t *testing.T) {
	checkLeaks(t)
	f := &fakeDevicePages{pages: map[string]fakePage{"start": {[]string{"a"}, "t1"}, "t1": {[]string{"b"}, ""}}}
	in := &iot1click.ListDevicesInput{DeviceType: "button", MaxResults: 10, NextToken: "start"}
	p := iot1click.NewListDevicesPaginator(f, in)
	in.DeviceType, in.NextToken = "changed", "changed" // the paginator copied the input
	if _, _, err := walkDevices(t, p); err != nil {
		t.Fatal(err)
	}
	want := []iot1click.ListDevicesInput{
		{DeviceType: "button", MaxResults: 10, NextToken: "start"},
		{DeviceType: "button", MaxResults: 10, NextToken: "t1"},
	}
	if diff := cmp.Diff(want, f.calls); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}

	// Limit overrides MaxResults.
	f.calls = nil
	in.NextToken = "start"
	p = iot1click.NewListDevicesPaginator(f, in, func(o *iot1click.ListDevicesPaginatorOptions) { o.Limit = 3 })
	if _, _, err := walkDevices(t, p); err != nil {
		t.Fatal(err)
	}
	for _, c := range f.calls {
		if c.MaxResults != 3 {
			t.Errorf("MaxResults = %d, want the Limit 3", c.MaxResults)
		}
	}

	// A nil input is an empty input.
	f = &fakeDevicePages{pages: map[string]fakePage{"": {[]string{"a"}, ""}}}
	if ids, _, err := walkDevices(t, iot1click.NewListDevicesPaginator(f, nil)); err != nil || len(ids) != 1 {
		t.Fatalf("nil input: %v, %v", ids, err)
	}
}

func TestListDevicesPaginatorRetryAfterError(t *testing.T) {
	checkLeaks(t)
	boom := errors.New("boom")
	f := &fakeDevicePages{pages: map[string]fakePage{"": {[]string{"a"}, "t1"}, "t1": {[]string{"b"}, ""}}}
	p := iot1click.NewListDevicesPaginator(f, nil)
	if _, err := p.NextPage(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.err = boom
	if _, err := p.NextPage(context.Background()); !errors.Is(err, boom) {
		t.Fatalf("NextPage = %v, want boom", err)
	}
	if !p.HasMorePages() {
		t.Fatal("HasMorePages() = false after a failed page")
	}
	out, err := p.NextPage(context.Background())
	if err != nil || len(out.Devices) != 1 || out.Devices[0].DeviceId != "b" {
		t.Fatalf("retried NextPage = %+v, %v; want device b", out, err)
	}
	if got := f.calls[2].NextToken; got != "t1" {
		t.Errorf("retry sent token %q, want t1", got)
	}
	if p.HasMorePages() {
		t.Error("HasMorePages() = true after the last page")
	}
}

func TestDuplicateTokenErrorMessage(t *testing.T) {
	checkLeaks(t)
	long := strings.Repeat("x", 300)
	err := &iot1click.DuplicateTokenError{Operation: "ListDevices", Page: 4, Token: long}
	msg := err.Error()
	if strings.Contains(msg, long) || len(msg) > 200 {
		t.Errorf("message carries the long token: %q", msg)
	}
	for _, s := range []string{"ListDevices", "page 4"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message %q lacks %q", msg, s)
		}
	}
}

// Against the emulator: its DuplicatePageToken fault answers with the
// request's own token (or, for a first page, a token of the first page).

func TestListDevicesPaginatorDuplicateTokenEmulator(t *testing.T) {
	checkLeaks(t)
	limit2 := func(o *iot1click.ListDevicesPaginatorOptions) { o.Limit = 2 }
	t.Run("mid-walk", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true, After: 2, Times: 1}))
		p := iot1click.NewListDevicesPaginator(client, nil, limit2)
		ids, pages, err := walkDevices(t, p)
		if !errors.Is(err, iot1click.ErrDuplicateToken) {
			t.Fatalf("walk ended with %v, want ErrDuplicateToken", err)
		}
		var dup *iot1click.DuplicateTokenError
		if errors.As(err, &dup); dup.Page != 3 || dup.Operation != "ListDevices" {
			t.Errorf("DuplicateTokenError = %+v, want page 3 of ListDevices", dup)
		}
		if diff := cmp.Diff(all[:6], ids); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
		if pages != 3 {
			t.Errorf("%d pages, want 3", pages)
		}
		checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, iot1click.ErrDuplicateToken)
		checkRequests(t, srv, iot1clicktest.OpListDevices, 3)
	})
	t.Run("every page", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true}))
		ids, pages, err := walkDevices(t, iot1click.NewListDevicesPaginator(client, nil, limit2))
		if !errors.Is(err, iot1click.ErrDuplicateToken) {
			t.Fatalf("walk ended with %v, want ErrDuplicateToken", err)
		}
		// The first page's token leads back to the first page, which then
		// repeats the token it was given: two pages, the second a repeat.
		if diff := cmp.Diff(slices.Concat(all[:2], all[:2]), ids); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
		if pages != 2 {
			t.Errorf("%d pages, want 2", pages)
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 2)
	})
	t.Run("quiet stop", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true, After: 2, Times: 1}))
		p := iot1click.NewListDevicesPaginator(client, nil, limit2, func(o *iot1click.ListDevicesPaginatorOptions) { o.StopOnDuplicateToken = true })
		ids, _, err := walkDevices(t, p)
		if err != nil {
			t.Fatalf("walk ended with %v, want a quiet end", err)
		}
		if diff := cmp.Diff(all[:6], ids); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
		checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, iot1click.ErrNoMorePages)
		checkRequests(t, srv, iot1clicktest.OpListDevices, 3)
	})
	t.Run("iterator", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true, After: 2, Times: 1}))
		devices, err, after := collectSeq(client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 2}))
		if !errors.Is(err, iot1click.ErrDuplicateToken) || after != 0 {
			t.Fatalf("iterator ended with %v and %d items after it, want ErrDuplicateToken once", err, after)
		}
		if len(devices) != 6 {
			t.Errorf("%d devices before the error, want 6", len(devices))
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 3)
	})
}

func TestListDeviceEventsPaginatorDuplicateTokenEmulator(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	const id = "G030PM0000000042"
	want := addClickedDevice(t, srv, id, 20)
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, iot1clicktest.Fault{DuplicatePageToken: true, After: 3, Times: 1}))
	p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 3))
	var got []string
	var err error
	for pages := 0; p.HasMorePages(); pages++ {
		if pages > 100 {
			t.Fatal("paginator is looping")
		}
		var out *iot1click.ListDeviceEventsOutput
		if out, err = p.NextPage(context.Background()); err != nil {
			break
		}
		for _, e := range out.Events {
			got = append(got, e.StdEvent)
		}
	}
	var dup *iot1click.DuplicateTokenError
	if !errors.As(err, &dup) || dup.Operation != "ListDeviceEvents" || dup.Page != 4 {
		t.Fatalf("walk ended with %v, want a DuplicateTokenError on page 4 of ListDeviceEvents", err)
	}
	if diff := cmp.Diff(want[:12], got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, iot1click.ErrDuplicateToken)
	checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 4)
}

func TestListDevicesPaginatorMidWalkFaults(t *testing.T) {
	checkLeaks(t)
	limit3 := func(o *iot1click.ListDevicesPaginatorOptions) { o.Limit = 3 }
	t.Run("500 on page 3, retries off", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 500, After: 2, Times: 1}))
		p := iot1click.NewListDevicesPaginator(client, nil, limit3)
		noRetry := func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }
		ids, pages, err := walkDevices(t, p, noRetry)
		var ife *iot1click.InternalFailureException
		if !errors.As(err, &ife) || pages != 2 {
			t.Fatalf("walk ended after %d pages with %v, want an InternalFailureException after 2", pages, err)
		}
		// The paginator stays on the failed page: calling NextPage again
		// retries it and the walk completes.
		more, _, err := walkDevices(t, p, noRetry)
		if err != nil {
			t.Fatalf("resumed walk: %v", err)
		}
		if diff := cmp.Diff(all, append(ids, more...)); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 5)
	})
	t.Run("throttle absorbed by the retryer", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Throttle: true, After: 2, Times: 2}))
		p := iot1click.NewListDevicesPaginator(client, nil, limit3)
		var ids []string
		var attempts []int
		for p.HasMorePages() {
			out, err := p.NextPage(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			attempts = append(attempts, iot1click.Attempts(out.ResultMetadata))
			for _, d := range out.Devices {
				ids = append(ids, d.DeviceId)
			}
		}
		if diff := cmp.Diff(all, ids); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]int{1, 1, 3, 1}, attempts); diff != "" {
			t.Errorf("attempts per page (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 6)
	})
}

// fakeEventPages is a ListDeviceEventsAPIClient serving scripted pages, as
// fakeDevicePages does; each page holds one event per name.
type fakeEventPages struct {
	pages map[string]fakePage
	calls []iot1click.ListDeviceEventsInput
}

func (f *fakeEventPages) ListDeviceEvents(_ context.Context, in *iot1click.ListDeviceEventsInput, _ ...func(*iot1click.Options)) (*iot1click.ListDeviceEventsOutput, error) {
	f.calls = append(f.calls, *in)
	p, ok := f.pages[in.NextToken]
	if !ok {
		return nil, fmt.Errorf("fake: unknown token %q", in.NextToken)
	}
	out := &iot1click.ListDeviceEventsOutput{NextToken: p.next}
	for _, id := range p.ids {
		out.Events = append(out.Events, iot1click.DeviceEvent{StdEvent: id})
	}
	return out, nil
}

// TestPaginatorStopOnDuplicateToken checks the meaning of
// StopOnDuplicateToken for both paginators: true ends the walk quietly, as
// in aws-sdk-go-v2; false, the default (no option at all), ends it with a
// *DuplicateTokenError instead of following the token. Neither sends the
// repeated token.
func TestPaginatorStopOnDuplicateToken(t *testing.T) {
	checkLeaks(t)
	pages := map[string]fakePage{"": {[]string{"a"}, "t1"}, "t1": {[]string{"b"}, "t1"}}
	in := &iot1click.ListDeviceEventsInput{DeviceId: "G030PM0000000001"}
	tests := []struct {
		name     string
		devOpts  []func(*iot1click.ListDevicesPaginatorOptions)
		evOpts   []func(*iot1click.ListDeviceEventsPaginatorOptions)
		wantDup  bool
		wantLast error // what NextPage returns after the end
	}{
		{"default", nil, nil, true, iot1click.ErrDuplicateToken},
		{
			"false",
			[]func(*iot1click.ListDevicesPaginatorOptions){func(o *iot1click.ListDevicesPaginatorOptions) { o.StopOnDuplicateToken = false }},
			[]func(*iot1click.ListDeviceEventsPaginatorOptions){func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.StopOnDuplicateToken = false }},
			true, iot1click.ErrDuplicateToken,
		},
		{
			"true",
			[]func(*iot1click.ListDevicesPaginatorOptions){func(o *iot1click.ListDevicesPaginatorOptions) { o.StopOnDuplicateToken = true }},
			[]func(*iot1click.ListDeviceEventsPaginatorOptions){func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.StopOnDuplicateToken = true }},
			false, iot1click.ErrNoMorePages,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/ListDevices", func(t *testing.T) {
			f := &fakeDevicePages{pages: pages}
			p := iot1click.NewListDevicesPaginator(f, nil, tt.devOpts...)
			ids, n, err := walkDevices(t, p)
			checkDupEnd(t, err, tt.wantDup, "ListDevices")
			if diff := cmp.Diff([]string{"a", "b"}, ids); diff != "" || n != 2 {
				t.Errorf("%d pages, devices (-want +got):\n%s", n, diff)
			}
			checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, tt.wantLast)
			if len(f.calls) != 2 {
				t.Errorf("%d calls, want 2 (the repeated token is never sent)", len(f.calls))
			}
		})
		t.Run(tt.name+"/ListDeviceEvents", func(t *testing.T) {
			f := &fakeEventPages{pages: pages}
			p := iot1click.NewListDeviceEventsPaginator(f, in, tt.evOpts...)
			var got []string
			var err error
			for p.HasMorePages() && len(f.calls) < 100 {
				var out *iot1click.ListDeviceEventsOutput
				if out, err = p.NextPage(context.Background()); err != nil {
					break
				}
				for _, e := range out.Events {
					got = append(got, e.StdEvent)
				}
			}
			checkDupEnd(t, err, tt.wantDup, "ListDeviceEvents")
			if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, tt.wantLast)
			if len(f.calls) != 2 {
				t.Errorf("%d calls, want 2 (the repeated token is never sent)", len(f.calls))
			}
		})
	}
}

// checkDupEnd checks how a walk over a repeated token on page 2 ended.
func checkDupEnd(t *testing.T, err error, wantDup bool, op string) {
	t.Helper()
	if !wantDup {
		if err != nil {
			t.Fatalf("walk ended with %v, want a quiet end", err)
		}
		return
	}
	var dup *iot1click.DuplicateTokenError
	if !errors.As(err, &dup) || !errors.Is(err, iot1click.ErrDuplicateToken) {
		t.Fatalf("walk ended with %v, want a *DuplicateTokenError", err)
	}
	if want := (&iot1click.DuplicateTokenError{Operation: op, Page: 2, Token: "t1"}); !cmp.Equal(want, dup) {
		t.Errorf("DuplicateTokenError %+v, want %+v", dup, want)
	}
}

// maxResultsSent returns the maxResults query parameter of every logged
// request of op, "-" for a request without one.
func maxResultsSent(t *testing.T, srv *iot1clicktest.Server, op string) []string {
	t.Helper()
	var got []string
	for _, r := range srv.Requests() {
		if r.Operation != op {
			continue
		}
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			t.Fatalf("bad query %q: %v", r.RawQuery, err)
		}
		if v, ok := q["maxResults"]; ok {
			got = append(got, v[0])
		} else {
			got = append(got, "-")
		}
	}
	return got
}

// TestPaginatorLimitOnTheWire checks what page size a paginator sends:
// Limit starts as the input's MaxResults, an option may change it, and 0
// sends no maxResults, so that the service's default (100) applies.
func TestPaginatorLimitOnTheWire(t *testing.T) {
	checkLeaks(t)
	tests := []struct {
		name     string
		setLimit bool // with an option function setting Limit to limit
		limit    int32
		want     []string
	}{
		{"input MaxResults, no option", false, 0, []string{"7", "7"}},
		{"Limit 3", true, 3, []string{"3", "3", "3", "3"}},
		{"Limit 0", true, 0, []string{"-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/ListDevices", func(t *testing.T) {
			srv, client := newPagingServer(t)
			srv.AddFleet(10)
			var opts []func(*iot1click.ListDevicesPaginatorOptions)
			if tt.setLimit {
				opts = append(opts, func(o *iot1click.ListDevicesPaginatorOptions) {
					if o.Limit != 7 {
						t.Errorf("Limit starts as %d, want the input's MaxResults 7", o.Limit)
					}
					o.Limit = tt.limit
				})
			}
			ids, _, err := walkDevices(t, iot1click.NewListDevicesPaginator(client, &iot1click.ListDevicesInput{MaxResults: 7}, opts...))
			if err != nil || len(ids) != 10 {
				t.Fatalf("walk: %d devices, %v; want 10", len(ids), err)
			}
			if diff := cmp.Diff(tt.want, maxResultsSent(t, srv, iot1clicktest.OpListDevices)); diff != "" {
				t.Errorf("maxResults sent (-want +got, - for none):\n%s", diff)
			}
		})
		t.Run(tt.name+"/ListDeviceEvents", func(t *testing.T) {
			srv, client := newPagingServer(t)
			const id = "G030PM0000000042"
			addClickedDevice(t, srv, id, 10)
			var opts []func(*iot1click.ListDeviceEventsPaginatorOptions)
			if tt.setLimit {
				opts = append(opts, func(o *iot1click.ListDeviceEventsPaginatorOptions) {
					if o.Limit != 7 {
						t.Errorf("Limit starts as %d, want the input's MaxResults 7", o.Limit)
					}
					o.Limit = tt.limit
				})
			}
			p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 7), opts...)
			n := 0
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				n += len(out.Events)
			}
			if n != 10 {
				t.Errorf("%d events, want 10", n)
			}
			if diff := cmp.Diff(tt.want, maxResultsSent(t, srv, iot1clicktest.OpListDeviceEvents)); diff != "" {
				t.Errorf("maxResults sent (-want +got, - for none):\n%s", diff)
			}
		})
	}
}
