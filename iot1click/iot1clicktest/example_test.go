package iot1clicktest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// A Handler mounts the emulator in a server of the test's own, here beside
// another route.
func ExampleNewHandler() {
	h := iot1clicktest.NewHandler(iot1clicktest.WithFleet(2))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	mux.Handle("/", h)
	ts := httptest.NewServer(mux)
	defer ts.Close()

	client := h.NewClient(ts.URL, func(o *iot1click.Options) { o.HTTPClient = ts.Client() })
	out, err := client.ListDevices(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(out.Devices), "devices")
	// Output: 2 devices
}

func ExampleNewServer() {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(3))
	defer srv.Close()

	client := srv.Client()
	out, err := client.ListDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 2})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, d := range out.Devices {
		fmt.Println(d.DeviceId, d.Type, "enabled:", d.Enabled)
	}
	fmt.Println("more:", out.NextToken != "")
	// Output:
	// G030PM1947779410 button enabled: true
	// G030PM3838182873 button enabled: false
	// more: true
}

func ExampleHandler_Click() {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	client := srv.Client()
	id := srv.AddUnclaimedDevices(1)[0]

	init, _ := client.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: id})
	fmt.Println(init.State)

	// Finalizing before the button was pressed is refused.
	_, err := client.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: id})
	fmt.Println(err != nil)

	// Press the button, as the device's owner would.
	ev, _ := srv.Click(id, iot1click.ClickTypeSingle)
	fmt.Println(ev.ClickType)

	fin, _ := client.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{DeviceId: id})
	fmt.Println(fin.State)

	events, _ := client.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: time.Now().Add(-time.Hour),
		ToTimeStamp:   time.Now().Add(time.Hour),
	})
	button, _ := iot1click.ParseButtonEvent(events.Events[0].StdEvent)
	fmt.Println(len(events.Events), button.ClickType)
	// Output:
	// CLAIM_INITIATED
	// true
	// SINGLE
	// CLAIMED
	// 1 SINGLE
}

func ExampleHandler_InjectFault() {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(1))
	defer srv.Close()
	ctx := context.Background()
	// Throttle the next ListDevices request.
	if err := srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Throttle: true, Times: 1}); err != nil {
		fmt.Println(err)
		return
	}

	client := srv.Client(func(o *iot1click.Options) { o.RetryMaxAttempts = 1 }) // no retries
	_, err := client.ListDevices(ctx, nil)
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.ErrorCode())
	}
	out, err := client.ListDevices(ctx, nil)
	fmt.Println(len(out.Devices), err)
	for _, r := range srv.Requests() {
		fmt.Println(r.Operation, r.StatusCode, r.ErrorCode)
	}
	// Output:
	// ThrottlingException
	// 1 <nil>
	// ListDevices 429 ThrottlingException
	// ListDevices 200
}
