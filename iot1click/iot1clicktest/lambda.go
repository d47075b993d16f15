package iot1clicktest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

// The attributes of a device that place it in an IoT 1-Click project.
const (
	attrProjectName        = "projectName"
	attrPlacementName      = "placementName"
	attrDeviceTemplateName = "deviceTemplateName"
)

// clickConfig is the configuration of the click events: where Click
// delivers them, and the attributes of placements.
type clickConfig struct {
	targets    []clickTarget
	placements map[placementKey]map[string]string
}

type placementKey struct{ project, placement string }

// clickTarget is where a click event is delivered: a function in process,
// or a URL the event is POSTed to.
type clickTarget struct {
	fn  func(context.Context, clickevent.Event) error
	url string
}

// WithPlacementAttributes sets the attributes of a placement of a project,
// such as {"location": "Seattle"}, which ClickEvent writes in the
// placementInfo of the events of the placement's devices. The emulator
// does not serve the IoT 1-Click Projects service; without this option a
// placement has no attributes.
func WithPlacementAttributes(projectName, placementName string, attributes map[string]string) Option {
	attributes = maps.Clone(attributes)
	return func(c *config) {
		if c.clicks.placements == nil {
			c.clicks.placements = map[placementKey]map[string]string{}
		}
		c.clicks.placements[placementKey{projectName, placementName}] = attributes
	}
}

// WithClickHandler makes Click deliver each click's event, as ClickEvent
// builds it, to fn in process, as AWS IoT 1-Click invoked the Lambda
// function of a device's project. See Click for when and how.
//
// fn may call back into the emulator, through a client or its methods; it
// runs without the emulator's lock held. Clicks made concurrently call fn
// concurrently. Since fn often needs a client of the server being made, it
// can refer to a variable set after NewServer returns:
//
//	var client *iot1click.Client
//	srv := iot1clicktest.NewServer(iot1clicktest.WithClickHandler(
//		func(ctx context.Context, ev clickevent.Event) error {
//			_, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: ev.Device.DeviceId})
//			return err
//		}))
//	client = srv.Client()
func WithClickHandler(fn func(ctx context.Context, ev clickevent.Event) error) Option {
	return func(c *config) {
		if fn == nil {
			panic("iot1clicktest: WithClickHandler needs a function")
		}
		c.clicks.targets = append(c.clicks.targets, clickTarget{fn: fn})
	}
}

// WithClickURL makes Click deliver each click's event, as ClickEvent builds
// it, over HTTP: it POSTs the event's JSON (Content-Type application/json)
// to rawURL, an http or https URL. That is the invocation URL of the AWS
// Lambda Runtime Interface Emulator running a function,
// http://host:port/2015-03-31/functions/function/invocations, or any
// endpoint that takes the event as a POST. An answer other than 2xx, or one
// with an X-Amz-Function-Error header (the Lambda Invoke API's mark of a
// function's error), is a failed delivery. See Click for when and how.
//
// The request goes to rawURL directly, never through a proxy of the
// environment, on a connection closed after the answer. NewHandler and
// NewServer panic if rawURL is not an absolute http or https URL.
func WithClickURL(rawURL string) Option {
	return func(c *config) {
		u, err := url.Parse(rawURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			panic(fmt.Sprintf("iot1clicktest: click URL %q is not an absolute http or https URL", rawURL))
		}
		c.clicks.targets = append(c.clicks.targets, clickTarget{url: u.String()})
	}
}

// ClickEvent returns the event AWS IoT 1-Click sent the Lambda function of
// a device's project for a click, built from ev, the click's record as
// Click returns it:
//
//   - deviceEvent.buttonClicked: ev's click type and time;
//   - deviceInfo: the device's ID, type, remaining life and attributes at
//     the time of the click;
//   - placementInfo, when those attributes place the device (projectName
//     and placementName are set): the project and placement names, the
//     placement's attributes (WithPlacementAttributes), and its devices,
//     mapping the deviceTemplateName of each device of the same account
//     placed there now to its ID, the clicked device's as of the click.
//
// Its JSON (clickevent.Event.MarshalJSON) is what the function received.
// ClickEvent reports an error wrapping ErrInvalid for a record with no
// device ID or an unknown click type.
func (s *Handler) ClickEvent(ev EventRecord) (clickevent.Event, error) {
	if ev.DeviceId == "" {
		return clickevent.Event{}, fmt.Errorf("%w: the event has no device ID", ErrInvalid)
	}
	if !validClickType(ev.ClickType) {
		return clickevent.Event{}, fmt.Errorf("%w: click type %q is not SINGLE, DOUBLE or LONG", ErrInvalid, ev.ClickType)
	}
	out := clickevent.Event{
		ClickType:    ev.ClickType,
		ReportedTime: ev.Time.UTC().Truncate(time.Millisecond),
		Device: clickevent.Device{
			DeviceId:      ev.DeviceId,
			Type:          ev.DeviceType,
			RemainingLife: ev.RemainingLife,
			Attributes:    cloneNonEmpty(ev.Attributes),
		},
	}
	project, placement := ev.Attributes[attrProjectName], ev.Attributes[attrPlacementName]
	if project == "" || placement == "" {
		return out, nil
	}
	p := &clickevent.Placement{
		ProjectName:   project,
		PlacementName: placement,
		Attributes:    cloneNonEmpty(s.cfg.clicks.placements[placementKey{project, placement}]),
		Devices:       map[string]string{},
	}
	s.mu.RLock()
	for _, d := range s.st.devices {
		if d.DeviceId != ev.DeviceId && d.AccountID == ev.AccountID &&
			d.Attributes[attrProjectName] == project && d.Attributes[attrPlacementName] == placement {
			if t := d.Attributes[attrDeviceTemplateName]; t != "" {
				p.Devices[t] = d.DeviceId
			}
		}
	}
	s.mu.RUnlock()
	if t := ev.Attributes[attrDeviceTemplateName]; t != "" {
		p.Devices[t] = ev.DeviceId
	}
	p.Devices = cloneNonEmpty(p.Devices)
	out.Placement = p
	return out, nil
}

// cloneNonEmpty returns a copy of m, or nil when m is empty, as
// clickevent.Parse reads an empty map.
func cloneNonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return maps.Clone(m)
}

// maxClickAnswer bounds the bytes of a function's answer that a failed
// delivery's log line quotes.
const maxClickAnswer = 512

// clickDeliveryTimeout bounds one delivery of a click: a handler or a URL
// that never answers must not hold Click, and the control API's click, for
// ever.
var clickDeliveryTimeout = 30 * time.Second

// clickClient sends the click events of WithClickURL. It keeps no idle
// connections, so that no goroutine outlives a delivery.
var clickClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// deliverClick delivers the event of a recorded click to the targets of
// WithClickHandler and WithClickURL, in the order of the options, and logs
// the outcome of each. A delivery in flight is cancelled when the server
// closes, or after clickDeliveryTimeout.
func (s *Handler) deliverClick(rec EventRecord) {
	targets := s.cfg.clicks.targets
	if len(targets) == 0 {
		return
	}
	ev, err := s.ClickEvent(rec)
	var body []byte
	if err == nil {
		body, err = json.Marshal(ev)
	}
	if err != nil {
		s.clickLogf(true, "iot1clicktest: click event of %s: %v", rec.DeviceId, err)
		return
	}
	for _, t := range targets {
		// Server.Close cancels deliveries in flight.
		ctx, cancel := context.WithTimeout(s.closing, clickDeliveryTimeout)
		name := t.url
		if t.fn != nil {
			name, err = "the click handler", t.fn(ctx, ev)
		} else {
			err = postClick(ctx, t.url, body)
		}
		cancel()
		if err != nil {
			s.clickLogf(true, "iot1clicktest: %s click of %s delivered to %s failed: %v", rec.ClickType, rec.DeviceId, name, err)
		} else {
			s.clickLogf(false, "iot1clicktest: %s click of %s delivered to %s", rec.ClickType, rec.DeviceId, name)
		}
	}
}

// postClick POSTs the JSON of a click event to u.
func postClick(ctx context.Context, u string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := clickClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxClickAnswer))
	if err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	quote := strings.ToValidUTF8(string(bytes.TrimSpace(answer)), "\uFFFD")
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d: %q", resp.StatusCode, quote)
	}
	if fe := resp.Header.Get("X-Amz-Function-Error"); fe != "" {
		return fmt.Errorf("function error %s: %q", fe, quote)
	}
	return nil
}

// clickLogf logs the outcome of a delivery with WithLogf's function;
// without one, it logs failures to os.Stderr, as the HTTP server's errors.
func (s *Handler) clickLogf(failure bool, format string, args ...any) {
	switch {
	case s.cfg.logf != nil:
		s.cfg.logf(format, args...)
	case failure:
		s.errorLog().Printf(strings.TrimPrefix(format, "iot1clicktest: "), args...)
	}
}
