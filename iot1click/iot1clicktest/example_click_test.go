package iot1clicktest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// The emulator delivers each click's event to a function in process, as
// AWS IoT 1-Click invoked the Lambda function of the device's project.
// Click returns once the function has.
func ExampleWithClickHandler() {
	srv := iot1clicktest.NewServer(
		iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{
			DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed, RemainingLife: 99.5,
			Attributes: map[string]string{"projectName": "FrontDesk", "placementName": "desk1", "deviceTemplateName": "call-reception"},
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
	// {"deviceEvent":{"buttonClicked":{"clickType":"DOUBLE","reportedTime":"2018-05-04T23:26:33.747Z"}},"deviceInfo":{"attributes":{"deviceTemplateName":"call-reception","placementName":"desk1","projectName":"FrontDesk"},"type":"button","deviceId":"G030PM0123456789","remainingLife":99.5},"placementInfo":{"projectName":"FrontDesk","placementName":"desk1","attributes":{},"devices":{"call-reception":"G030PM0123456789"}}}
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
