package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// endlessPages is a ListDevicesAPIClient whose every page carries a fresh
// token, which the duplicate-token check cannot catch: a walk of it ends
// only at a bound. It answers MaxResults devices (100 when 0), or more when
// extra is set, as a misbehaving service might.
type endlessPages struct {
	calls []iot1click.ListDevicesInput
	extra int
}

func (f *endlessPages) ListDevices(_ context.Context, in *iot1click.ListDevicesInput, _ ...func(*iot1click.Options)) (*iot1click.ListDevicesOutput, error) {
	f.calls = append(f.calls, *in)
	n := int(in.MaxResults)
	if n == 0 {
		n = 100
	}
	out := &iot1click.ListDevicesOutput{NextToken: fmt.Sprintf("t%d", len(f.calls))}
	for i := 0; i < n+f.extra; i++ {
		out.Devices = append(out.Devices, iot1click.DeviceDescription{DeviceId: fmt.Sprintf("p%d-%d", len(f.calls), i)})
	}
	return out, nil
}

func TestWalkLimit(t *testing.T) {
	tests := []struct {
		name      string
		opts      iot1click.ListDevicesPaginatorOptions
		extra     int
		wantSizes []int32 // MaxResults sent
		wantItems int
		want      iot1click.WalkLimitError
	}{
		{
			name:      "MaxPages",
			opts:      iot1click.ListDevicesPaginatorOptions{Limit: 10, MaxPages: 3},
			wantSizes: []int32{10, 10, 10},
			wantItems: 30,
			want:      iot1click.WalkLimitError{Operation: "ListDevices", MaxPages: 3, Pages: 3, Items: 30, NextToken: "t3"},
		},
		{
			name:      "MaxItems shrinks the last page",
			opts:      iot1click.ListDevicesPaginatorOptions{Limit: 10, MaxItems: 25},
			wantSizes: []int32{10, 10, 5},
			wantItems: 25,
			want:      iot1click.WalkLimitError{Operation: "ListDevices", MaxItems: 25, Pages: 3, Items: 25, NextToken: "t3"},
		},
		{
			name:      "MaxItems with the default page size",
			opts:      iot1click.ListDevicesPaginatorOptions{MaxItems: 150},
			wantSizes: []int32{0, 50},
			wantItems: 150,
			want:      iot1click.WalkLimitError{Operation: "ListDevices", MaxItems: 150, Pages: 2, Items: 150, NextToken: "t2"},
		},
		{
			name:      "MaxItems before MaxPages",
			opts:      iot1click.ListDevicesPaginatorOptions{Limit: 10, MaxItems: 15, MaxPages: 5},
			wantSizes: []int32{10, 5},
			wantItems: 15,
			want:      iot1click.WalkLimitError{Operation: "ListDevices", MaxPages: 5, MaxItems: 15, Pages: 2, Items: 15, NextToken: "t2"},
		},
		{
			name:      "a service answering more than asked is cut",
			opts:      iot1click.ListDevicesPaginatorOptions{Limit: 10, MaxItems: 15},
			extra:     3,
			wantSizes: []int32{10, 2},
			wantItems: 15,
			want:      iot1click.WalkLimitError{Operation: "ListDevices", MaxItems: 15, Pages: 2, Items: 15, NextToken: "t2"},
		},
	}
	for _, tt := range tests {
		for _, ahead := range []int{0, 2} {
			t.Run(fmt.Sprintf("%s/prefetch=%d", tt.name, ahead), func(t *testing.T) {
				checkLeaks(t)
				f := &endlessPages{extra: tt.extra}
				p := iot1click.NewListDevicesPaginator(f, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
					*o = tt.opts
					o.Prefetch = ahead
				})
				ids, _, err := walkDevices(t, p)
				var lim *iot1click.WalkLimitError
				if !errors.As(err, &lim) || !errors.Is(err, iot1click.ErrWalkLimit) {
					t.Fatalf("walk ended with %v, want a *WalkLimitError", err)
				}
				if diff := cmp.Diff(&tt.want, lim); diff != "" {
					t.Errorf("WalkLimitError (-want +got):\n%s", diff)
				}
				if len(ids) != tt.wantItems {
					t.Errorf("walk returned %d devices, want %d", len(ids), tt.wantItems)
				}
				var sizes []int32
				for _, c := range f.calls {
					sizes = append(sizes, c.MaxResults)
				}
				if diff := cmp.Diff(tt.wantSizes, sizes); diff != "" {
					t.Errorf("MaxResults sent (-want +got):\n%s", diff)
				}
				// The error latches; no request is sent past the bound.
				checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, iot1click.ErrWalkLimit)
				if len(f.calls) != len(tt.wantSizes) {
					t.Errorf("%d requests, want %d", len(f.calls), len(tt.wantSizes))
				}

				// The iterator yields the same devices, then the error once.
				f.calls = nil
				p = iot1click.NewListDevicesPaginator(f, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
					*o = tt.opts
					o.Prefetch = ahead
				})
				items, err, after := collectSeq(p.Devices(context.Background()))
				if !errors.Is(err, iot1click.ErrWalkLimit) || after != 0 || len(items) != tt.wantItems {
					t.Errorf("iterator: %d devices, then %v and %d yields after it", len(items), err, after)
				}
			})
		}
	}
}

// TestWalkLimitNotReached checks that a walk ending within its bounds ends
// as an unbounded one does: no error, even when the last page fills the
// bound exactly.
func TestWalkLimitNotReached(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	srv.AddFleet(10)
	for _, opts := range []iot1click.ListDevicesPaginatorOptions{
		{Limit: 5, MaxPages: 2},
		{Limit: 5, MaxItems: 10},
		{Limit: 3, MaxPages: 4, MaxItems: 10, Prefetch: 1},
	} {
		srv.ResetRequests()
		p := iot1click.NewListDevicesPaginator(client, nil, func(o *iot1click.ListDevicesPaginatorOptions) { *o = opts })
		ids, pages, err := walkDevices(t, p)
		if err != nil || len(ids) != 10 {
			t.Errorf("%+v: %d devices in %d pages, %v; want 10 and no error", opts, len(ids), pages, err)
		}
		checkEnd(t, p.HasMorePages, func() error { _, err := p.NextPage(context.Background()); return err }, iot1click.ErrNoMorePages)
	}
}

// TestWalkLimitEvents checks the bounds of ListDeviceEvents walks, on the
// wire: the last request asks only for the events left.
func TestWalkLimitEvents(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	const id = "G030PM0000000042"
	all := addClickedDevice(t, srv, id, 20)
	p := iot1click.NewListDeviceEventsPaginator(client, eventWindow(id, 4), func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.MaxItems = 10 })
	got, _, err := walkEventPages(t, p)
	var lim *iot1click.WalkLimitError
	if !errors.As(err, &lim) || lim.Operation != "ListDeviceEvents" || lim.Items != 10 || lim.Pages != 3 || lim.NextToken == "" {
		t.Fatalf("walk ended with %#v, want a *WalkLimitError after 3 pages and 10 events", err)
	}
	if diff := cmp.Diff(all[:10], got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"4", "4", "2"}, maxResultsSent(t, srv, iot1clicktest.OpListDeviceEvents)); diff != "" {
		t.Errorf("maxResults sent (-want +got):\n%s", diff)
	}

	// The error's NextToken resumes the listing where the walk stopped.
	in := eventWindow(id, 4)
	in.NextToken = lim.NextToken
	rest, _, err := walkEventPages(t, iot1click.NewListDeviceEventsPaginator(client, in, func(o *iot1click.ListDeviceEventsPaginatorOptions) { o.MaxPages = 2 }))
	if !errors.As(err, &lim) || lim.Pages != 2 || lim.MaxPages != 2 {
		t.Fatalf("resumed walk ended with %v, want a *WalkLimitError after 2 pages", err)
	}
	if diff := cmp.Diff(all[10:18], rest); diff != "" {
		t.Errorf("resumed events (-want +got):\n%s", diff)
	}
	if msg := lim.Error(); !strings.Contains(msg, "MaxPages 2") || !strings.Contains(msg, "ListDeviceEvents") {
		t.Errorf("Error() = %q", msg)
	}
}
