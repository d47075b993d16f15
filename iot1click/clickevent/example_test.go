package clickevent_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

func ExampleParse() {
	ev, err := clickevent.Parse([]byte(`{
	  "deviceEvent": {"buttonClicked": {"clickType": "SINGLE", "reportedTime": "2018-05-04T23:26:33.747Z"}},
	  "deviceInfo": {"attributes": {"key1": "value1"}, "type": "button", "deviceId": "G030PM0123456789", "remainingLife": 5.00},
	  "placementInfo": {"projectName": "test", "placementName": "myPlacement",
	    "attributes": {"location": "Seattle", "equipment": "printer"}, "devices": {"myButton": "G030PM0123456789"}}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	switch {
	case ev.Health != nil:
		fmt.Printf("%s: remaining life below %g\n", ev.Device.DeviceId, ev.Health.RemainingLifeLowerThan)
	case ev.ClickType == iot1click.ClickTypeSingle:
		fmt.Printf("%s click on %s at %s, %g%% life left\n", ev.ClickType, ev.Device.DeviceId, ev.ReportedTime.Format(time.Kitchen), ev.Device.RemainingLife)
	}
	if p := ev.Placement; p != nil {
		fmt.Printf("placement %s/%s in %s\n", p.ProjectName, p.PlacementName, p.Attributes["location"])
	}
	// Output:
	// SINGLE click on G030PM0123456789 at 11:26PM, 5% life left
	// placement test/myPlacement in Seattle
}

func ExampleParse_error() {
	_, err := clickevent.Parse([]byte(`{"deviceEvent":{"buttonClicked":{"clickType":"TRIPLE"}},"deviceInfo":{"deviceId":"G1"}}`))
	fmt.Println(err)
	_, err = clickevent.Parse([]byte(`{"deviceEvent": click!}`))
	fmt.Println(err)
	// Output:
	// iot1click: click event: deviceEvent.buttonClicked.clickType: unknown click type "TRIPLE"
	// iot1click: click event: invalid character 'c' looking for beginning of value near "{\"deviceEvent\": click!}"
}

// Building the event that a click on a placed button sends, as an emulator
// or a test does.
func ExampleEvent_MarshalJSON() {
	ev := &clickevent.Event{
		ClickType:    iot1click.ClickTypeDouble,
		ReportedTime: time.Date(2018, 5, 4, 23, 26, 33, 747e6, time.UTC),
		Device:       clickevent.Device{DeviceId: "G030PM0123456789", Type: clickevent.DeviceTypeButton, RemainingLife: 99.85},
		Placement: &clickevent.Placement{
			ProjectName:   "test",
			PlacementName: "myPlacement",
			Devices:       map[string]string{"myButton": "G030PM0123456789"},
		},
	}
	b, err := json.MarshalIndent(ev, "", "  ")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	// Output:
	// {
	//   "deviceEvent": {
	//     "buttonClicked": {
	//       "clickType": "DOUBLE",
	//       "reportedTime": "2018-05-04T23:26:33.747Z"
	//     }
	//   },
	//   "deviceInfo": {
	//     "attributes": {},
	//     "type": "button",
	//     "deviceId": "G030PM0123456789",
	//     "remainingLife": 99.85
	//   },
	//   "placementInfo": {
	//     "projectName": "test",
	//     "placementName": "myPlacement",
	//     "attributes": {},
	//     "devices": {
	//       "myButton": "G030PM0123456789"
	//     }
	//   }
	// }
}

// A handler written for aws-lambda-go's type converts the event it got.
func ExampleFromLambda() {
	handle := func(lev events.IoTOneClickEvent) error {
		ev, err := clickevent.FromLambda(lev)
		if err != nil {
			return err
		}
		fmt.Println(ev.ClickType, ev.Device.DeviceId, ev.ReportedTime.Format(time.RFC3339Nano), ev.Placement == nil)
		return nil
	}
	var lev events.IoTOneClickEvent
	lev.DeviceEvent.ButtonClicked = events.IoTOneClickButtonClicked{ClickType: "LONG", ReportedTime: "2018-05-04T23:26:33.747Z"}
	lev.DeviceInfo.DeviceID = "G030PM0123456789"
	if err := handle(lev); err != nil {
		fmt.Println(err)
	}
	// A health alert reaches such a handler without its condition.
	lev.DeviceEvent.ButtonClicked = events.IoTOneClickButtonClicked{}
	fmt.Println(handle(lev))
	// Output:
	// LONG G030PM0123456789 2018-05-04T23:26:33.747Z true
	// iot1click: click event: deviceEvent.buttonClicked.clickType: not a button event
}
