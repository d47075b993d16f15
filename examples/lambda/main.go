// Command lambda is an AWS Lambda function for AWS IoT 1-Click button
// clicks, built with aws-lambda-go: for each click it describes the device
// through the service (DescribeDevice) and counts the device's clicks of the
// current UTC day (ListDeviceEvents, through Client.AllDeviceEvents), and
// returns a summary. It takes the event as a clickevent.Event, which reads
// clicks and health alerts alike; a handler written for aws-lambda-go's
// events.IoTOneClickEvent converts it with clickevent.FromLambda.
//
// Build it for the provided.al2023 runtime and set it as the project's
// callback:
//
//	GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -o bootstrap ./examples/lambda
//
// The function's role needs iot1click:DescribeDevice and
// iot1click:ListDeviceEvents. The client is configured by
// config.LoadDefaultConfig, so AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE
// points it at another endpoint, such as an emulator. The tests run the
// handler against the in-process emulator (iot1clicktest), and the whole
// click loop: a click in the emulator delivers the event to the handler, in
// process or over HTTP as to the Lambda Runtime Interface Emulator
// (iot1clicktest.WithClickHandler, WithClickURL), and the handler calls
// back into the emulator.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("loading AWS configuration: %v", err)
	}
	h := &Handler{Client: iot1click.NewFromConfig(cfg)}
	lambda.Start(h.Handle)
}

// Handler handles the events AWS IoT 1-Click sends to a Lambda function.
type Handler struct {
	// Client is the IoT 1-Click client the handler calls.
	Client *iot1click.Client

	// Now returns the current time, time.Now when nil.
	Now func() time.Time
}

// Response is the handler's result, as the Lambda function returns it.
type Response struct {
	DeviceId      string   `json:"deviceId"`
	ClickType     string   `json:"clickType,omitempty"`
	ReportedTime  string   `json:"reportedTime,omitempty"`
	Project       string   `json:"project,omitempty"`
	Placement     string   `json:"placement,omitempty"`
	Enabled       bool     `json:"enabled"`
	RemainingLife *float64 `json:"remainingLife,omitempty"`
	ClicksToday   int      `json:"clicksToday"`
	Message       string   `json:"message"`
}

// eventWindowLookahead extends the window of today's clicks past the
// function's clock, so that the click being handled counts even if the
// service's clock is a little ahead.
const eventWindowLookahead = time.Minute

// Handle handles one event. A button click is answered with the device's
// description and its click count for the current UTC day; other events,
// such as health alerts, are acknowledged without calls to the service.
func (h *Handler) Handle(ctx context.Context, ev clickevent.Event) (*Response, error) {
	id := ev.Device.DeviceId
	if id == "" {
		return nil, fmt.Errorf("event has no deviceInfo.deviceId")
	}
	resp := &Response{DeviceId: id, ClickType: ev.ClickType}
	if !ev.ReportedTime.IsZero() {
		resp.ReportedTime = ev.ReportedTime.UTC().Format(clickevent.ReportedTimeLayout)
	}
	if p := ev.Placement; p != nil {
		resp.Project, resp.Placement = p.ProjectName, p.PlacementName
	}
	if ev.ClickType == "" {
		resp.Message = fmt.Sprintf("Device %s sent an event that is not a click; nothing to do.", id)
		if ev.Health != nil {
			resp.Message = fmt.Sprintf("Device %s reports a remaining life below %g; not a click, nothing to do.", id, ev.Health.RemainingLifeLowerThan)
		}
		return resp, nil
	}

	desc, err := h.Client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil {
		return nil, fmt.Errorf("describing device %s: %w", id, err)
	}
	resp.Enabled = desc.DeviceDescription.Enabled
	resp.RemainingLife = desc.DeviceDescription.RemainingLife

	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	t := now().UTC()
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	in := &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: midnight,
		ToTimeStamp:   t.Add(eventWindowLookahead),
		MaxResults:    250,
	}
	for e, err := range h.Client.AllDeviceEvents(ctx, in) {
		if err != nil {
			return nil, fmt.Errorf("listing the events of device %s: %w", id, err)
		}
		if _, err := e.ButtonEvent(); err == nil {
			resp.ClicksToday++
		}
	}
	resp.Message = fmt.Sprintf("%s click on device %s: click %d of the day (UTC).", ev.ClickType, id, resp.ClicksToday)
	return resp, nil
}
