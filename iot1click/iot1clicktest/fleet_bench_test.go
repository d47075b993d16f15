package iot1clicktest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// Issue 10's goal 2, fleet scale: ListDevices and ListDeviceEvents pages
// cost O(log n + page), so that a 100,000-device walk at 250 per page takes
// at most 1 ms a page; NewServer(WithFleet(100000)) takes at most 150 ms;
// and the emulator's memory per device and per event is reported:
//
//	go test -run '^$' -bench 'Fleet|Emulator(Memory|Events)' -benchmem -benchtime 10x ./iot1click/iot1clicktest/

const (
	fleetSize = 100000
	fleetPage = 250
	// eventCount is the number of events of the device
	// BenchmarkEmulatorEventsPage and BenchmarkEmulatorMemory/event seed.
	eventCount = 100000
)

// BenchmarkNewServerFleet measures NewServer(WithFleet(100000)) and Close.
func BenchmarkNewServerFleet(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		iot1clicktest.NewServer(iot1clicktest.WithFleet(fleetSize)).Close()
	}
}

// BenchmarkFleetListDevices measures one ListDevices page of 250 from a
// fleet of 100,000: /middle asks for the same page, half-way through the
// fleet, every time; /handler-middle serves that page with the handler
// alone, the emulator's own share; /walk walks the whole fleet, page after page, starting
// over at its end, so that ns/op is the mean cost of a page of a walk.
func BenchmarkFleetListDevices(b *testing.B) {
	srv, c := benchServer(b, iot1clicktest.WithFleet(fleetSize))
	ctx := context.Background()

	// The token of the page half-way through the fleet, found by walking
	// there: 200 pages, which take seconds while every page sorts the fleet.
	var middle string
	p := iot1click.NewListDevicesPaginator(c, &iot1click.ListDevicesInput{MaxResults: fleetPage})
	for range fleetSize / fleetPage / 2 {
		out, err := p.NextPage(ctx)
		if err != nil {
			b.Fatal(err)
		}
		middle = out.NextToken
	}

	b.Run("middle", func(b *testing.B) {
		in := &iot1click.ListDevicesInput{MaxResults: fleetPage, NextToken: middle}
		runtime.GC() // the garbage of building the fleet and walking to the middle
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			out, err := c.ListDevices(ctx, in)
			if err != nil {
				b.Fatal(err)
			}
			if len(out.Devices) != fleetPage || out.NextToken == "" {
				b.Fatalf("middle page has %d devices and next token %q", len(out.Devices), out.NextToken)
			}
		}
	})
	b.Run("handler-middle", func(b *testing.B) {
		// The same page served by the handler alone: a request signed once
		// by the client, replayed to ServeHTTP, no network, no decoding.
		req := signedRequest(b, srv, func(c *iot1click.Client) {
			_, _ = c.ListDevices(ctx, &iot1click.ListDevicesInput{MaxResults: fleetPage, NextToken: middle})
		})
		runtime.GC()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("answered %d: %s", rec.Code, rec.Body)
			}
		}
	})
	b.Run("walk", func(b *testing.B) {
		in := &iot1click.ListDevicesInput{MaxResults: fleetPage}
		p := iot1click.NewListDevicesPaginator(c, in)
		seen := 0
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if !p.HasMorePages() {
				if seen != fleetSize {
					b.Fatalf("walk saw %d devices, want %d", seen, fleetSize)
				}
				p, seen = iot1click.NewListDevicesPaginator(c, in), 0
			}
			out, err := p.NextPage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			seen += len(out.Devices)
		}
	})
}

// errCaptured ends a call whose request signedRequest captured.
var errCaptured = errors.New("request captured")

// captureTransport keeps the requests it is given and fails them.
type captureTransport struct{ req *http.Request }

func (t *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.req = r.Clone(context.Background())
	if t.req.Body == nil {
		t.req.Body = http.NoBody // as a server hands a handler a request without one
	}
	return nil, errCaptured
}

// signedRequest returns the request, signed for srv, that call makes with
// the client it is given.
func signedRequest(b *testing.B, srv *iot1clicktest.Server, call func(c *iot1click.Client)) *http.Request {
	b.Helper()
	tr := &captureTransport{}
	call(srv.Client(func(o *iot1click.Options) { o.HTTPClient = &http.Client{Transport: tr} }))
	if tr.req == nil {
		b.Fatal("the call sent no request")
	}
	return tr.req
}

// eventsEpoch is the time of the first event seeded by withEvents.
var eventsEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// withEvents returns an option that adds a claimed button with ID id and n
// single clicks, one a second from eventsEpoch on. It is the only place the
// benchmarks name the emulator's device and event types.
func withEvents(id string, n int) iot1clicktest.Option {
	events := make([]iot1clicktest.EventRecord, n)
	for i := range events {
		events[i] = iot1clicktest.EventRecord{ClickType: iot1click.ClickTypeSingle, Time: eventsEpoch.Add(time.Duration(i) * time.Second)}
	}
	return iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{
		DeviceId:  id,
		AccountId: iot1clicktest.DefaultAccountID,
		Events:    events,
	})
}

// BenchmarkEmulatorEventsPage measures one ListDeviceEvents page of 250
// from a device with 100,000 events: the page starting half-way through
// them (the window starts there), and the page half-way through a window
// of all of them (reached by its token).
func BenchmarkEmulatorEventsPage(b *testing.B) {
	const id = "G030PM0000000001"
	_, c := benchServer(b, withEvents(id, eventCount))
	ctx := context.Background()
	all := &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: eventsEpoch,
		ToTimeStamp:   eventsEpoch.Add(eventCount * time.Second),
		MaxResults:    fleetPage,
	}
	page := func(b *testing.B, in *iot1click.ListDeviceEventsInput) {
		out, err := c.ListDeviceEvents(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Events) != fleetPage {
			b.Fatalf("page has %d events, want %d", len(out.Events), fleetPage)
		}
	}
	run := func(b *testing.B, in *iot1click.ListDeviceEventsInput) {
		// Collect the garbage of seeding 100,000 events, and warm up: the
		// heap settles over the first pages after that.
		runtime.GC()
		for range 100 {
			page(b, in)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			page(b, in)
		}
	}
	b.Run("window-middle", func(b *testing.B) {
		in := *all
		in.FromTimeStamp = eventsEpoch.Add(eventCount / 2 * time.Second)
		run(b, &in)
	})
	b.Run("token-middle", func(b *testing.B) {
		p := iot1click.NewListDeviceEventsPaginator(c, all)
		in := *all
		for range eventCount / fleetPage / 2 {
			out, err := p.NextPage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			in.NextToken = out.NextToken
		}
		run(b, &in)
	})
}

// BenchmarkEmulatorMemory reports the heap the emulator keeps per device
// (B/device, a server with a fleet of 100,000) and per event (B/event, a
// device with 100,000 events), after one page of each has been served so
// that any index built on first use counts too.
func BenchmarkEmulatorMemory(b *testing.B) {
	ctx := context.Background()
	b.Run("device", func(b *testing.B) {
		var total uint64
		for i := 0; i < b.N; i++ {
			v, n := benchHeapRetained(func() any {
				srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(fleetSize))
				if _, err := srv.Client().ListDevices(ctx, &iot1click.ListDevicesInput{MaxResults: fleetPage}); err != nil {
					b.Fatal(err)
				}
				return srv
			})
			v.(*iot1clicktest.Server).Close()
			total += n
		}
		b.ReportMetric(float64(total)/float64(b.N)/fleetSize, "B/device")
	})
	b.Run("event", func(b *testing.B) {
		const id = "G030PM0000000001"
		var total uint64
		for i := 0; i < b.N; i++ {
			v, n := benchHeapRetained(func() any {
				srv := iot1clicktest.NewServer(withEvents(id, eventCount))
				_, err := srv.Client().ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
					DeviceId: id, FromTimeStamp: eventsEpoch, ToTimeStamp: eventsEpoch.Add(time.Hour), MaxResults: fleetPage,
				})
				if err != nil {
					b.Fatal(err)
				}
				return srv
			})
			v.(*iot1clicktest.Server).Close()
			total += n
		}
		b.ReportMetric(float64(total)/float64(b.N)/eventCount, "B/event")
	})
}
