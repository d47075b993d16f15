package iot1clicktest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// The emulator delivers the event of each click of a device placed nowhere
// to a function in process. Click returns once the function has.
func ExampleWithClickHandler() {
	srv := iot1clicktest.NewServer(
		iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{
			DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed, RemainingLife: 99.5,
		}),
		iot1clicktest.WithClickHandler(func(ctx context.Context, ev clickevent.Event) error {
			b, err := json.Marshal(ev)
			fmt.Println(string(b))
			return err
		}),
	)
	defer srv.Close()
	srv.SetClock(time.Date(2018, 5, 4, 23, 26, 33, 747e6, time.UTC))

	if _, err := srv.Click("G030PM0123456789", "DOUBLE"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"deviceEvent":{"buttonClicked":{"clickType":"DOUBLE","reportedTime":"2018-05-04T23:26:33.747Z"}},"deviceInfo":{"attributes":{},"type":"button","deviceId":"G030PM0123456789","remainingLife":99.5}}
}

// A click of a placed device goes to the function its device template's
// onClickCallback names, as AWS IoT 1-Click invoked it, with the
// placement in the event. WithLambda gives the function of the ARN.
func ExampleWithLambda() {
	const arn = "arn:aws:lambda:us-west-2:123456789012:function:reception"
	srv := iot1clicktest.NewServer(
		iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{
			DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed, RemainingLife: 99.5,
		}),
		iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{
			ProjectName:       "FrontDesk",
			DefaultAttributes: map[string]string{"floor": "1"},
			DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{
				"call-reception": {DeviceType: "button", CallbackOverrides: map[string]string{iot1clicktest.CallbackOnClick: arn}},
			},
			Placements: []iot1clicktest.PlacementRecord{{
				PlacementName: "desk1",
				Attributes:    map[string]string{"room": "lobby"},
				Devices:       map[string]string{"call-reception": "G030PM0123456789"},
			}},
		}),
		iot1clicktest.WithLambda(arn, func(ctx context.Context, ev clickevent.Event) error {
			p := ev.Placement
			fmt.Println(ev.ClickType, ev.Device.DeviceId, p.ProjectName, p.PlacementName, p.Attributes, p.Devices)
			return nil
		}),
	)
	defer srv.Close()

	if _, err := srv.Click("G030PM0123456789", "SINGLE"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// SINGLE G030PM0123456789 FrontDesk desk1 map[floor:1 room:lobby] map[call-reception:G030PM0123456789]
}

// ClickEvent builds the event of a click; WithClickURL POSTs its JSON to
// a function's URL, such as the Lambda Runtime Interface Emulator's
// http://localhost:9000/2015-03-31/functions/function/invocations.
func ExampleHandler_ClickEvent() {
	srv := iot1clicktest.NewServer(iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{DeviceId: "G030PM0123456789", RemainingLife: 42}))
	defer srv.Close()
	srv.SetClock(time.Date(2018, 5, 4, 23, 26, 33, 747e6, time.UTC))

	rec, err := srv.Click("G030PM0123456789", "LONG")
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := srv.ClickEvent(rec)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.ClickType, ev.ReportedTime.Format(clickevent.ReportedTimeLayout), ev.Device.DeviceId, ev.Device.RemainingLife, ev.Placement == nil)
	// Output: LONG 2018-05-04T23:26:33.747Z G030PM0123456789 42 true
}

// Deliveries tells where each click went, including the clicks that went
// nowhere: here a placed device whose template names no function.
func ExampleHandler_Deliveries() {
	srv := iot1clicktest.NewServer(
		iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed}),
		iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{
			ProjectName:     "FrontDesk",
			DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"call-reception": {DeviceType: "button"}},
			Placements: []iot1clicktest.PlacementRecord{{
				PlacementName: "desk1",
				Devices:       map[string]string{"call-reception": "G030PM0123456789"},
			}},
		}),
		iot1clicktest.WithLogf(func(string, ...any) {}),
	)
	defer srv.Close()

	if _, err := srv.Click("G030PM0123456789", "SINGLE"); err != nil {
		fmt.Println(err)
	}
	for _, d := range srv.Deliveries() {
		fmt.Println(d.DeviceId, d.Placed, d.Error)
	}
	// Output:
	// G030PM0123456789 true went nowhere: device template call-reception of project FrontDesk has no onClickCallback
}
