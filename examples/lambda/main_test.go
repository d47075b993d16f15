package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// sampleEvent is the event AWS IoT 1-Click sends a Lambda function for a
// click, as documented.
const sampleEvent = `{
  "deviceEvent": {
    "buttonClicked": {
      "clickType": "SINGLE",
      "reportedTime": "2018-05-04T23:26:33.747Z"
    }
  },
  "deviceInfo": {
    "attributes": {
      "projectRegion": "us-west-2",
      "projectName": "AnytownDumpsters",
      "placementName": "customer217",
      "deviceTemplateName": "empty-dumpster-request"
    },
    "type": "button",
    "deviceId": "G030PM0123456789",
    "remainingLife": 5.00
  },
  "placementInfo": {
    "projectName": "AnytownDumpsters",
    "placementName": "customer217",
    "attributes": {
      "location": "123 Any Street Anytown, USA",
      "equipment": "dumpster"
    },
    "devices": {
      "empty-dumpster-request": "G030PM0123456789"
    }
  }
}`

func decodeEvent(t *testing.T, s string) clickevent.Event {
	t.Helper()
	ev, err := clickevent.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return *ev
}

func TestHandleClick(t *testing.T) {
	now := time.Date(2018, 5, 4, 23, 26, 34, 0, time.UTC)
	srv := iot1clicktest.NewServer(iot1clicktest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	yesterday := now.Add(-24 * time.Hour)
	midnight := time.Date(2018, 5, 4, 0, 0, 0, 0, time.UTC)
	var clicks []iot1clicktest.EventRecord
	for _, at := range []time.Time{
		yesterday, midnight.Add(-time.Millisecond), // not today
		midnight, midnight.Add(8 * time.Hour), midnight.Add(12 * time.Hour), now.Add(-747 * time.Millisecond),
	} {
		clicks = append(clicks, iot1clicktest.EventRecord{ClickType: iot1click.ClickTypeSingle, Time: at})
	}
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{
		DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed, Enabled: true, RemainingLife: 5,
		Attributes: map[string]string{"projectName": "AnytownDumpsters"},
		Events:     clicks,
	}); err != nil {
		t.Fatal(err)
	}

	// The Lambda runtime's client clock is the test's; signing must work,
	// so the handler's client runs at the emulator's (fixed) time through
	// the client's clock skew correction.
	// The event goes through aws-lambda-go's decoding, as in Lambda.
	h := &Handler{Client: srv.Client(), Now: func() time.Time { return now }}
	b, err := lambda.NewHandler(h.Handle).Invoke(t.Context(), []byte(sampleEvent))
	if err != nil {
		t.Fatal(err)
	}
	var resp *Response
	if err := json.Unmarshal(b, &resp); err != nil || !strings.Contains(string(b), `"clicksToday":4`) {
		t.Fatalf("JSON response %s, %v", b, err)
	}
	life := 5.0
	want := &Response{
		DeviceId:      "G030PM0123456789",
		ClickType:     "SINGLE",
		ReportedTime:  "2018-05-04T23:26:33.747Z",
		Project:       "AnytownDumpsters",
		Placement:     "customer217",
		Enabled:       true,
		RemainingLife: &life,
		ClicksToday:   4,
		Message:       "SINGLE click on device G030PM0123456789: click 4 of the day (UTC).",
	}
	if diff := cmp.Diff(want, resp); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}

	var ops []string
	for _, r := range srv.Requests() {
		if r.StatusCode == 200 {
			ops = append(ops, r.Operation)
		}
	}
	if diff := cmp.Diff([]string{iot1clicktest.OpDescribeDevice, iot1clicktest.OpListDeviceEvents}, ops); diff != "" {
		t.Errorf("successful requests (-want +got):\n%s", diff)
	}
}

func TestHandleHealthEvent(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ev := decodeEvent(t, `{"deviceEvent":{"deviceHealthMonitor":{"condition":{"remainingLifeLowerThan":10}}},
		"deviceInfo":{"type":"button","deviceId":"G030PM0123456789","remainingLife":9.5,"attributes":{}}}`)
	resp, err := (&Handler{Client: srv.Client()}).Handle(t.Context(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if resp.ClickType != "" || resp.ClicksToday != 0 || !strings.Contains(resp.Message, "below 10; not a click") {
		t.Errorf("response %+v, want an acknowledgement", resp)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests for a health event, want 0", n)
	}

	// Called directly with an event that is neither, the handler still
	// sends nothing.
	resp, err = (&Handler{Client: srv.Client()}).Handle(t.Context(), clickevent.Event{Device: clickevent.Device{DeviceId: "G030PM0123456789"}})
	if err != nil || !strings.Contains(resp.Message, "not a click") {
		t.Errorf("response %+v, %v, want an acknowledgement", resp, err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests for an event that is not a click, want 0", n)
	}
}

func TestHandleErrors(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	h := &Handler{Client: srv.Client()}

	// The device is not the caller's.
	_, err := h.Handle(t.Context(), decodeEvent(t, sampleEvent))
	var nf *iot1click.ResourceNotFoundException
	if !errors.As(err, &nf) || !strings.Contains(err.Error(), "describing device G030PM0123456789") {
		t.Errorf("unknown device: %v, want a ResourceNotFoundException from DescribeDevice", err)
	}

	// Listing the events fails.
	srv.AddFleet(1)
	id := srv.Devices()[0].DeviceId
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDeviceEvents, iot1clicktest.Fault{Code: "InvalidRequestException"}))
	ev := decodeEvent(t, sampleEvent)
	ev.Device.DeviceId = id
	_, err = h.Handle(t.Context(), ev)
	var ir *iot1click.InvalidRequestException
	if !errors.As(err, &ir) || !strings.Contains(err.Error(), "listing the events") {
		t.Errorf("failed listing: %v, want an InvalidRequestException from ListDeviceEvents", err)
	}

	// An event that is not one: aws-lambda-go's decoding reports the
	// typed error of clickevent, and the handler is not called.
	n := len(srv.Requests())
	_, err = lambda.NewHandler(h.Handle).Invoke(t.Context(), []byte(strings.Replace(sampleEvent, `"SINGLE"`, `"TRIPLE"`, 1)))
	var ce *clickevent.Error
	if !errors.As(err, &ce) || !errors.Is(err, iot1click.ErrUnknownClickType) {
		t.Errorf("unknown click type: %v, want a *clickevent.Error matching ErrUnknownClickType", err)
	}
	if got := len(srv.Requests()); got != n {
		t.Errorf("%d requests for an unreadable event, want none", got-n)
	}

	// No device ID.
	if _, err := h.Handle(t.Context(), clickevent.Event{}); err == nil {
		t.Error("event without a device ID accepted")
	}
}
