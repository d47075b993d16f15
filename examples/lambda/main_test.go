package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/exectest"
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

func TestMain(m *testing.M) { exectest.Main(m, main) }

func TestFlags(t *testing.T) {
	exectest.CheckFlags(t, []string{"serve", "endpoint", "region"}, [][2]string{
		{"-nope", "flag provided but not defined: -nope"},
		{"-serve 127.0.0.1:0 -endpoint 127.0.0.1:4566", "127.0.0.1:4566 is not a URL (missing http://)"},
		{"extra", `unexpected arguments ["extra"]`},
	})
	res := exectest.Run(t, []string{"AWS_LAMBDA_RUNTIME_API=", iot1click.EndpointEnvVar + "=", "AWS_ENDPOINT_URL="})
	if res.Code != 2 || !strings.Contains(res.Stderr, "not running in AWS Lambda (AWS_LAMBDA_RUNTIME_API is unset): run with -serve 127.0.0.1:9000") {
		t.Errorf("no flags outside Lambda: exit status %d, stderr %q", res.Code, res.Stderr)
	}
	res = exectest.Run(t, []string{iot1click.EndpointEnvVar + "=", "AWS_ENDPOINT_URL="}, "-serve", "127.0.0.1:0")
	if res.Code != 2 || !strings.Contains(res.Stderr, "-serve needs -endpoint") {
		t.Errorf("-serve without an endpoint: exit status %d, stderr %q", res.Code, res.Stderr)
	}
}

// TestServe runs the function as -serve does, and invokes it as the
// emulator's -on-click and the Lambda Runtime Interface Emulator's clients
// do: a POST of the event.
func TestServe(t *testing.T) {
	testenv.ClearAWS(t) // the region and credentials come from the emulator
	srv := iot1clicktest.NewServer(iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{
		DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed, Enabled: true, RemainingLife: 42.5,
	}))
	defer srv.Close()
	ev, err := srv.Click("G030PM0123456789", iot1click.ClickTypeSingle)
	if err != nil {
		t.Fatal(err)
	}
	event, err := srv.ClickEvent(ev)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(event)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	var out syncBuffer
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-serve", "127.0.0.1:0", "-endpoint", srv.URL}, &out, func(url string) { urls <- url })
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("run: %v\n%s", err, out.String())
	}

	post := func(body string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Post(url, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(b)
	}
	resp, got := post(string(body))
	var r Response
	if err := json.Unmarshal([]byte(got), &r); err != nil || resp.StatusCode != 200 || resp.Header.Get("X-Amz-Function-Error") != "" {
		t.Fatalf("invocation: %d %v %s (%v)", resp.StatusCode, resp.Header, got, err)
	}
	if r.DeviceId != "G030PM0123456789" || r.ClickType != "SINGLE" || !r.Enabled || r.ClicksToday != 1 {
		t.Errorf("response %+v", r)
	}
	// A failing invocation: an event without a device.
	resp, got = post(`{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE","reportedTime":"2018-05-04T23:26:33.747Z"}},"deviceInfo":{}}`)
	if resp.StatusCode != 200 || resp.Header.Get("X-Amz-Function-Error") != "Unhandled" || !strings.Contains(got, `"errorMessage":"iot1click: click event: deviceInfo.deviceId: required member missing"`) {
		t.Errorf("failing invocation: %d %v %s", resp.StatusCode, resp.Header, got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after the context ended: %v", err)
	}
	for _, want := range []string{
		"Serving the click handler at " + url + "\n",
		"The handler calls the emulator at " + srv.URL + " (region us-west-2, its test credentials).\n",
		"-on-click " + url + "\n",
		"  SINGLE click on device G030PM0123456789: click 1 of the day (UTC).\n",
		"  error: iot1click: click event: deviceInfo.deviceId: required member missing\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// The handler called back into the emulator.
	var ops []string
	for _, r := range srv.Requests() {
		ops = append(ops, r.Operation)
	}
	if strings.Join(ops, " ") != "DescribeDevice ListDeviceEvents" {
		t.Errorf("requests %q, want DescribeDevice ListDeviceEvents", ops)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
