package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// exampleFleet starts an emulator holding five claimed buttons with known
// IDs.
func exampleFleet() *iot1clicktest.Server {
	var devices []iot1clicktest.DeviceRecord
	for i := 1; i <= 5; i++ {
		devices = append(devices, iot1clicktest.DeviceRecord{
			DeviceId:      fmt.Sprintf("G030PM000000000%d", i),
			State:         iot1clicktest.StateClaimed,
			Enabled:       i%2 == 1,
			RemainingLife: float64(100 - 20*i),
		})
	}
	return iot1clicktest.NewServer(iot1clicktest.WithDevices(devices...))
}

// A paginator returns whole pages, with each page's metadata such as its
// request ID; Limit sets the page size.
func ExampleNewListDevicesPaginator() {
	srv := exampleFleet()
	defer srv.Close()
	client := srv.Client()

	p := iot1click.NewListDevicesPaginator(client, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
		o.Limit = 2
	})
	for page := 1; p.HasMorePages(); page++ {
		out, err := p.NextPage(context.Background())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d (request ID set: %v):", page, iot1click.RequestID(out.ResultMetadata) != "")
		for _, d := range out.Devices {
			fmt.Print(" ", d.DeviceId)
		}
		fmt.Println()
	}
	// Output:
	// page 1 (request ID set: true): G030PM0000000001 G030PM0000000002
	// page 2 (request ID set: true): G030PM0000000003 G030PM0000000004
	// page 3 (request ID set: true): G030PM0000000005
}

// When the service returns a page token it already gave, the walk ends
// with ErrDuplicateToken by default; with StopOnDuplicateToken, as in
// aws-sdk-go-v2, it ends quietly. Either way the token is not sent again.
// Here the emulator's DuplicatePageToken fault makes the second page repeat
// its token.
func ExampleListDevicesPaginatorOptions() {
	srv := exampleFleet()
	defer srv.Close()
	client := srv.Client()

	for _, quiet := range []bool{false, true} {
		if err := srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{DuplicatePageToken: true, After: 1, Times: 1}); err != nil {
			log.Fatal(err)
		}
		p := iot1click.NewListDevicesPaginator(client, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
			o.Limit = 2
			o.StopOnDuplicateToken = quiet
		})
		pages, end := 0, "the end"
		for p.HasMorePages() {
			if _, err := p.NextPage(context.Background()); err != nil {
				end = fmt.Sprintf("ErrDuplicateToken: %v", errors.Is(err, iot1click.ErrDuplicateToken))
				break
			}
			pages++
		}
		fmt.Printf("StopOnDuplicateToken %v: %d pages, then %s\n", quiet, pages, end)
		srv.ClearFaults()
	}
	// Output:
	// StopOnDuplicateToken false: 2 pages, then ErrDuplicateToken: true
	// StopOnDuplicateToken true: 2 pages, then the end
}

// Ranging over a paginator's Devices method gives the iterator the
// paginator's options: here one page is fetched ahead while the loop works
// on the current one, and MaxItems bounds the walk, which ends with
// ErrWalkLimit since more devices remain.
func ExampleListDevicesPaginator_Devices() {
	srv := exampleFleet()
	defer srv.Close()
	client := srv.Client()

	p := iot1click.NewListDevicesPaginator(client, nil, func(o *iot1click.ListDevicesPaginatorOptions) {
		o.Limit = 2
		o.Prefetch = 1
		o.MaxItems = 3
	})
	for d, err := range p.Devices(context.Background()) {
		if errors.Is(err, iot1click.ErrWalkLimit) {
			var lim *iot1click.WalkLimitError
			errors.As(err, &lim)
			fmt.Printf("stopped after %d devices in %d pages; resume token set: %v\n", lim.Items, lim.Pages, lim.NextToken != "")
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.DeviceId)
	}
	// Output:
	// G030PM0000000001
	// G030PM0000000002
	// G030PM0000000003
	// stopped after 3 devices in 2 pages; resume token set: true
}

// AllDevices ranges over every device, page after page; a failure ends the
// loop as its last value.
func ExampleClient_AllDevices() {
	srv := exampleFleet()
	defer srv.Close()
	client := srv.Client()

	for d, err := range client.AllDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s enabled=%v remaining life %.0f%%\n", d.DeviceId, d.Enabled, *d.RemainingLife)
	}
	// Output:
	// G030PM0000000001 enabled=true remaining life 80%
	// G030PM0000000002 enabled=false remaining life 60%
	// G030PM0000000003 enabled=true remaining life 40%
	// G030PM0000000004 enabled=false remaining life 20%
	// G030PM0000000005 enabled=true remaining life 0%
}

// AllDeviceEvents ranges over a device's events in a time range, oldest
// first; ButtonEvent decodes a click.
func ExampleClient_AllDeviceEvents() {
	srv := exampleFleet()
	defer srv.Close()
	client := srv.Client()

	const id = "G030PM0000000001"
	start := srv.Now().Add(-time.Minute)
	for _, clickType := range []string{iot1click.ClickTypeSingle, iot1click.ClickTypeDouble, iot1click.ClickTypeLong} {
		if _, err := srv.Click(id, clickType); err != nil {
			log.Fatal(err)
		}
	}

	in := &iot1click.ListDeviceEventsInput{DeviceId: id, FromTimeStamp: start, ToTimeStamp: srv.Now().Add(time.Minute)}
	for e, err := range client.AllDeviceEvents(context.Background(), in) {
		if err != nil {
			log.Fatal(err)
		}
		click, err := e.ButtonEvent()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.Device.DeviceId, click.ClickType)
	}
	// Output:
	// G030PM0000000001 SINGLE
	// G030PM0000000001 DOUBLE
	// G030PM0000000001 LONG
}

// ClaimDevice initiates the claim, waits for the click and finalizes the
// claim. Here the emulator's Click stands in for a person pressing the
// button.
func ExampleClient_ClaimDevice() {
	const id = "G030PM0123456789"
	srv := iot1clicktest.NewServer(iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{DeviceId: id, RemainingLife: 99.85}))
	defer srv.Close()
	client := srv.Client()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := client.ClaimDevice(ctx, id, func(o *iot1click.ClaimOptions) {
		o.Tags = map[string]string{"site": "hq"}
		o.Enable = true
		o.PollInterval = 10 * time.Millisecond // the default, 2s, suits people
		o.OnAwaitingClick = func(ctx context.Context, deviceID string) {
			fmt.Printf("Press the button on device %s now.\n", deviceID)
			srv.Click(deviceID, iot1click.ClickTypeSingle)
		}
	})
	if err != nil {
		log.Fatal(err) // a *iot1click.ClaimError naming the stage that failed
	}
	fmt.Printf("%s is %s, enabled: %v, clicked: %s\n", res.DeviceId, res.State, res.Enabled, res.Button.ClickType)
	// Output:
	// Press the button on device G030PM0123456789 now.
	// G030PM0123456789 is CLAIMED, enabled: true, clicked: SINGLE
}

// A ClaimError names the stage that failed; errors.As reaches the service's
// exception beneath it.
func ExampleClaimError() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.ClaimDevice(context.Background(), "G030PM0000000404")
	var ce *iot1click.ClaimError
	var notFound *iot1click.ResourceNotFoundException
	if errors.As(err, &ce) && errors.As(err, &notFound) {
		fmt.Printf("stage %q: unknown device %s\n", ce.Stage, ce.DeviceId)
	}
	// Output:
	// stage "initiate": unknown device G030PM0000000404
}

func ExampleParseButtonEvent() {
	e, err := iot1click.ParseButtonEvent(`{"clickType":"DOUBLE","reportedTime":"2018-05-04T23:26:33.747Z",` +
		`"certificateId":"fd5a8d0e7e5a4b8b3c3e6f1a2b9d7c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c","remainingLife":99.85,"testMode":false}`)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.ClickType, e.ReportedTime.Format(time.RFC3339Nano), *e.RemainingLife)

	_, err = iot1click.ParseButtonEvent(`{"deviceHealthMonitor":{"condition":{"remainingLifeLowerThan":10}}}`)
	fmt.Println(errors.Is(err, iot1click.ErrNotButtonEvent))
	// Output:
	// DOUBLE 2018-05-04T23:26:33.747Z 99.85
	// true
}
