package iot1click_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func idsOf(ds []iot1click.DeviceDescription) []string {
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.DeviceId)
	}
	return ids
}

func TestAllDevicesLazy(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t, iot1clicktest.WithFleet(5))
	seq := client.AllDevices(context.Background(), nil)
	checkRequests(t, srv, iot1clicktest.OpListDevices, 0)
	if devices, err, _ := collectSeq(seq); err != nil || len(devices) != 5 {
		t.Fatalf("AllDevices: %d devices, %v", len(devices), err)
	}
	checkRequests(t, srv, iot1clicktest.OpListDevices, 1)
}

func TestAllDevicesBreak(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	all := srv.AddFleet(10)
	slices.Sort(all)
	for _, k := range []int{1, 3, 4, 10} {
		srv.ResetRequests()
		var got []string
		for d, err := range client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 3}) {
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
		// Pages of 3: the k-th device is on page (k+2)/3, and no page after
		// it is requested.
		checkRequests(t, srv, iot1clicktest.OpListDevices, (k+2)/3)
	}
}

func TestAllDevicesRangeTwice(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	all := srv.AddFleet(7)
	slices.Sort(all)
	in := &iot1click.ListDevicesInput{MaxResults: 2}
	seq := client.AllDevices(context.Background(), in)
	in.MaxResults, in.NextToken = 250, "garbage" // AllDevices copied the input
	for i := 0; i < 2; i++ {
		devices, err, _ := collectSeq(seq)
		if err != nil {
			t.Fatalf("range %d: %v", i, err)
		}
		if diff := cmp.Diff(all, idsOf(devices)); diff != "" {
			t.Errorf("range %d: devices (-want +got):\n%s", i, diff)
		}
	}
	checkRequests(t, srv, iot1clicktest.OpListDevices, 8)
	// A range interrupted halfway does not leave the next one halfway.
	for range seq {
		break
	}
	devices, err, _ := collectSeq(seq)
	if err != nil || len(devices) != 7 {
		t.Fatalf("range after a break: %d devices, %v", len(devices), err)
	}
}

func TestAllDevicesErrorLatching(t *testing.T) {
	checkLeaks(t)
	t.Run("500 on page 3, retries off", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{StatusCode: 500, After: 2}))
		seq := client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 3}, func(o *iot1click.Options) { o.RetryMaxAttempts = 1 })
		yields, errs := 0, 0
		var got []string
		for d, err := range seq {
			yields++
			if err != nil {
				errs++
				var ife *iot1click.InternalFailureException
				if !errors.As(err, &ife) {
					t.Errorf("error %v, want an InternalFailureException", err)
				}
				if d.DeviceId != "" {
					t.Errorf("error yielded with device %q, want the zero value", d.DeviceId)
				}
				continue // the iterator must end by itself
			}
			got = append(got, d.DeviceId)
		}
		if errs != 1 || yields != 7 {
			t.Errorf("%d yields with %d errors, want 6 devices then 1 error", yields, errs)
		}
		if diff := cmp.Diff(all[:6], got); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 3)

		// Ranging again starts over from page one and fails the same way.
		srv.ResetRequests()
		devices, err, after := collectSeq(seq)
		if err == nil || after != 0 || len(devices) != 0 {
			// The fault now hits every request (After counted the first
			// two), so the first page fails.
			t.Errorf("second range: %d devices, err %v, %d after", len(devices), err, after)
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 1)
	})
	t.Run("throttle absorbed by the retryer", func(t *testing.T) {
		srv, client := newPagingServer(t)
		all := srv.AddFleet(10)
		slices.Sort(all)
		testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Throttle: true, After: 2, Times: 2}))
		devices, err, _ := collectSeq(client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 3}))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(all, idsOf(devices)); diff != "" {
			t.Errorf("devices (-want +got):\n%s", diff)
		}
	})
	t.Run("invalid input", func(t *testing.T) {
		srv, client := newPagingServer(t)
		_, err, after := collectSeq(client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 999}))
		if err == nil || after != 0 {
			t.Fatalf("err %v, %d after; want one validation error", err, after)
		}
		checkRequests(t, srv, iot1clicktest.OpListDevices, 0)
	})
	t.Run("canceled context", func(t *testing.T) {
		_, client := newPagingServer(t, iot1clicktest.WithFleet(3))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err, after := collectSeq(client.AllDevices(ctx, nil))
		if !errors.Is(err, context.Canceled) || after != 0 {
			t.Fatalf("err %v, %d after; want context.Canceled once", err, after)
		}
	})
}

func TestPaginatorDevicesFake(t *testing.T) {
	checkLeaks(t)
	f := &fakeDevicePages{pages: map[string]fakePage{"": {[]string{"a", "b"}, "t1"}, "t1": {[]string{"c"}, "t1"}}}
	devices, err, after := collectSeq(iot1click.NewListDevicesPaginator(f, nil).Devices(context.Background()))
	if !errors.Is(err, iot1click.ErrDuplicateToken) || after != 0 {
		t.Fatalf("err %v, %d after; want ErrDuplicateToken once", err, after)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, idsOf(devices)); diff != "" {
		t.Errorf("devices (-want +got):\n%s", diff)
	}
	if len(f.calls) != 2 {
		t.Errorf("%d calls, want 2", len(f.calls))
	}
}

func TestAllDeviceEventsManyClicks(t *testing.T) {
	checkLeaks(t)
	srv, client := newPagingServer(t)
	const id = "G030PM0000000777"
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: id, State: iot1clicktest.StateClaimed, RemainingLife: 50}); err != nil {
		t.Fatal(err)
	}
	start := srv.Now().Add(-time.Minute)
	var want []string
	for i := 0; i < 25; i++ {
		clickType := []string{iot1click.ClickTypeSingle, iot1click.ClickTypeDouble, iot1click.ClickTypeLong}[i%3]
		if _, err := srv.Click(id, clickType); err != nil {
			t.Fatal(err)
		}
		want = append(want, clickType)
	}
	in := &iot1click.ListDeviceEventsInput{DeviceId: id, FromTimeStamp: start, ToTimeStamp: srv.Now().Add(time.Minute), MaxResults: 4}
	seq := client.AllDeviceEvents(context.Background(), in)
	checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 0) // lazy
	for round := 0; round < 2; round++ {
		srv.ResetRequests()
		events, err, after := collectSeq(seq)
		if err != nil || after != 0 {
			t.Fatalf("round %d: err %v, %d after", round, err, after)
		}
		var got []string
		for _, e := range events {
			b, err := e.ButtonEvent()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, b.ClickType)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("round %d: click types (-want +got):\n%s", round, diff)
		}
		checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 7)
	}

	// Break after 5 events: pages of 4, so 2 requests.
	srv.ResetRequests()
	n := 0
	for _, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 5 {
			break
		}
	}
	checkRequests(t, srv, iot1clicktest.OpListDeviceEvents, 2)

	// A 500 on page 3 with retries off: 8 events, then the error once.
	srv.ResetRequests()
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, iot1clicktest.Fault{StatusCode: 500, After: 2, Times: 1}))
	events, err, after := collectSeq(client.AllDeviceEvents(context.Background(), in, func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }))
	var ife *iot1click.InternalFailureException
	if !errors.As(err, &ife) || after != 0 || len(events) != 8 {
		t.Fatalf("%d events, err %v, %d after; want 8 events then an InternalFailureException", len(events), err, after)
	}

	// A device that is not the caller's: the first page fails.
	_, err, _ = collectSeq(client.AllDeviceEvents(context.Background(), &iot1click.ListDeviceEventsInput{
		DeviceId: "G030PM9999999999", FromTimeStamp: start, ToTimeStamp: srv.Now(),
	}))
	var nf *iot1click.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("unknown device: %v, want a ResourceNotFoundException", err)
	}
}
