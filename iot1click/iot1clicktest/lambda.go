package iot1clicktest

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

// clickConfig is the configuration of the click events: where Click
// delivers them.
type clickConfig struct {
	targets []clickTarget          // a click's targets without a callback
	lambdas map[string]clickTarget // by function ARN
}

// clickTarget is where a click event is delivered: a function in process,
// or a URL the event is POSTed to.
type clickTarget struct {
	fn  func(context.Context, clickevent.Event) error
	url string
}

// checkURL returns rawURL as an absolute http or https URL, or panics.
func checkURL(what, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		panic(fmt.Sprintf("iot1clicktest: %s %q is not an absolute http or https URL", what, rawURL))
	}
	return u.String()
}

// WithLambda makes fn, in process, the Lambda function of ARN arn: a click
// routed to arn, by the onClickCallback of the device template a device is
// placed under (CallbackOnClick) or by the callback a device's
// setOnClickCallback method stored, calls fn with the click's event. See
// Click for when and how. NewHandler and NewServer panic if arn is empty
// or fn nil; a later WithLambda or WithLambdaURL of the same ARN replaces
// an earlier one.
func WithLambda(arn string, fn func(ctx context.Context, ev clickevent.Event) error) Option {
	return func(c *config) {
		if arn == "" || fn == nil {
			panic("iot1clicktest: WithLambda needs an ARN and a function")
		}
		c.clicks.addLambda(arn, clickTarget{fn: fn})
	}
}

// WithLambdaURL makes the function at rawURL the Lambda function of ARN
// arn: a click routed to arn (see WithLambda) POSTs its event to rawURL, as
// WithClickURL does, such as the invocation URL of the AWS Lambda Runtime
// Interface Emulator running the function. NewHandler and NewServer panic
// if arn is empty or rawURL not an absolute http or https URL.
func WithLambdaURL(arn, rawURL string) Option {
	return func(c *config) {
		if arn == "" {
			panic("iot1clicktest: WithLambdaURL needs an ARN")
		}
		c.clicks.addLambda(arn, clickTarget{url: checkURL("Lambda URL", rawURL)})
	}
}

func (c *clickConfig) addLambda(arn string, t clickTarget) {
	if c.lambdas == nil {
		c.lambdas = map[string]clickTarget{}
	}
	c.lambdas[arn] = t
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
		c.clicks.targets = append(c.clicks.targets, clickTarget{url: checkURL("click URL", rawURL)})
	}
}

// ClickEvent returns the event AWS IoT 1-Click sent the Lambda function of
// a device's project for a click, built from ev, the click's record as
// Click returns it:
//
//   - deviceEvent.buttonClicked: ev's click type and time;
//   - deviceInfo: the device's ID, type, remaining life and attributes at
//     the time of the click;
//   - placementInfo, when those attributes place the device in a
//     placement that still exists in the event's account: the project and
//     placement names, the placement's attributes over the project's
//     default attributes, and its devices, mapping each device template
//     name to the ID of the device placed under it now, the clicked
//     device's as of the click.
//
// Its JSON (clickevent.Event.MarshalJSON) is what the function received.
// ClickEvent reports an error wrapping ErrInvalid for a record with no
// device ID or an unknown click type.
func (s *Handler) ClickEvent(ev EventRecord) (clickevent.Event, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.clickEventLocked(ev)
}

func (s *Handler) clickEventLocked(ev EventRecord) (clickevent.Event, error) {
	if ev.DeviceId == "" {
		return clickevent.Event{}, fmt.Errorf("%w: the event has no device ID", ErrInvalid)
	}
	if !model.ValidClickType(ev.ClickType) {
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
	p, ok := s.st.projects[projectKey{ev.AccountId, project}]
	if !ok || ev.Attributes[attrProjectRegion] != s.cfg.region {
		return out, nil
	}
	pl, ok := p.placements[placement]
	if !ok {
		return out, nil
	}
	devices := maps.Clone(pl.devices)
	if t := ev.Attributes[attrDeviceTemplateName]; t != "" {
		devices[t] = ev.DeviceId
	}
	out.Placement = &clickevent.Placement{
		ProjectName:   project,
		PlacementName: placement,
		Attributes:    cloneNonEmpty(pl.effectiveAttributes()),
		Devices:       cloneNonEmpty(devices),
	}
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

// clickRoute is where a click goes, chosen under the lock as the click is
// recorded: a function by ARN, the default targets (WithClickHandler,
// WithClickURL), or nowhere.
type clickRoute struct {
	arn     string // the function's ARN; "" for the default targets, or nowhere with why set
	via     string // what chose the ARN
	nowhere string // why the click goes nowhere, when it does
}

// routeLocked returns the route of a click of d: the onClickCallback of
// the template d is placed under, the callback its setOnClickCallback
// method stored, or the default targets.
func (s *Handler) routeLocked(d *DeviceRecord) clickRoute {
	if at, ok := s.st.placed[d.DeviceId]; ok {
		p := at.pl.project
		arn := p.templates[at.template].CallbackOverrides[CallbackOnClick]
		if arn == "" {
			return clickRoute{nowhere: fmt.Sprintf("device template %s of project %s has no %s", at.template, p.name, CallbackOnClick)}
		}
		return clickRoute{arn: arn, via: fmt.Sprintf("the %s of device template %s of project %s", CallbackOnClick, at.template, p.name)}
	}
	if arn := callbackArn(d.OnClickCallback); arn != "" {
		return clickRoute{arn: arn, via: "the device's " + methodSetOnClick + " callback"}
	}
	return clickRoute{}
}

// callbackArn returns the Lambda function ARN of a callback stored by
// setOnClickCallback: {"callback": {"awsLambdaArn": ARN}}, or
// {"awsLambdaArn": ARN}; "" when it names none.
func callbackArn(cb string) string {
	if cb == "" {
		return ""
	}
	var v struct {
		AwsLambdaArn string `json:"awsLambdaArn"`
		Callback     struct {
			AwsLambdaArn string `json:"awsLambdaArn"`
		} `json:"callback"`
	}
	if json.Unmarshal([]byte(cb), &v) != nil {
		return ""
	}
	return cmp.Or(v.Callback.AwsLambdaArn, v.AwsLambdaArn)
}

// Delivery is the outcome of delivering a click's event, as Deliveries
// returns it.
type Delivery struct {
	// DeviceId and ClickType are the click's device and type.
	DeviceId  string `json:"deviceId"`
	ClickType string `json:"clickType"`
	// Time is the click's time.
	Time time.Time `json:"time"`
	// FunctionArn is the ARN of the function the click was routed to, by
	// the onClickCallback of its device's template or its device's
	// setOnClickCallback; empty for WithClickHandler and WithClickURL.
	FunctionArn string `json:"functionArn,omitempty"`
	// Target is what received the event: "the click handler", a function
	// ARN's handler ("the function"), or a URL; empty when nothing did.
	Target string `json:"target,omitempty"`
	// Placed reports whether the event carried a placementInfo.
	Placed bool `json:"placed,omitempty"`
	// Error is why the delivery failed, or why the click went nowhere (a
	// template with no onClickCallback, an ARN with no function); empty
	// when the target took the event.
	Error string `json:"error,omitempty"`
	// Duration is how long the target took to take the event, or to fail.
	Duration time.Duration `json:"duration,omitempty"`
}

// maxDeliveries bounds the deliveries Deliveries keeps, the most recent.
const maxDeliveries = 1000

// deliveryLog is the log of the deliveries of clicks.
type deliveryLog struct {
	mu   sync.Mutex
	recs []Delivery
}

func (l *deliveryLog) add(d Delivery) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.recs) == maxDeliveries {
		l.recs = slices.Delete(l.recs, 0, 1)
	}
	l.recs = append(l.recs, d)
}

func (l *deliveryLog) snapshot() []Delivery {
	l.mu.Lock()
	defer l.mu.Unlock()
	// Never nil: the control API and the console answer [] before the first
	// click, not null.
	return append(make([]Delivery, 0, len(l.recs)), l.recs...)
}

func (l *deliveryLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = nil
}

// Deliveries returns the outcomes of the deliveries of clicks since the
// server started or was Reset, oldest first, at most the last 1000: one per
// target a click went to, and one for a click routed nowhere (a placed
// device whose template has no onClickCallback, an ARN no WithLambda or
// WithLambdaURL names). A click with no route and no WithClickHandler or
// WithClickURL has none.
func (s *Handler) Deliveries() []Delivery {
	return s.deliveries.snapshot()
}

// deliverClick delivers the event of a recorded click (ev, built with it)
// as route says, logs the outcome of each delivery and records it in
// Deliveries. A delivery in flight is cancelled when the server closes, or
// after clickDeliveryTimeout.
func (s *Handler) deliverClick(rec EventRecord, ev clickevent.Event, route clickRoute) {
	base := Delivery{DeviceId: rec.DeviceId, ClickType: rec.ClickType, Time: rec.Time, FunctionArn: route.arn, Placed: ev.Placement != nil}
	fail := func(d Delivery, msg string) {
		d.Error = msg
		s.deliveries.add(d)
		s.clickLogf(true, "iot1clicktest: %s click of %s %s", rec.ClickType, rec.DeviceId, msg)
	}
	targets := s.cfg.clicks.targets
	switch {
	case route.nowhere != "":
		fail(base, "went nowhere: "+route.nowhere)
		return
	case route.arn != "":
		t, ok := s.cfg.clicks.lambdas[route.arn]
		if !ok {
			fail(base, fmt.Sprintf("went nowhere: no function has ARN %s, %s", route.arn, route.via))
			return
		}
		targets = []clickTarget{t}
	}
	if len(targets) == 0 {
		return
	}
	body, err := json.Marshal(ev)
	if err != nil {
		fail(base, fmt.Sprintf("went nowhere: its event: %v", err))
		return
	}
	for _, t := range targets {
		// Server.Close cancels deliveries in flight.
		ctx, cancel := context.WithTimeout(s.closing, clickDeliveryTimeout)
		start := time.Now()
		d := base
		d.Target = t.url
		if t.fn != nil {
			d.Target = "the click handler"
			if route.arn != "" {
				d.Target = "the function"
			}
			err = t.fn(ctx, ev)
		} else {
			err = postClick(ctx, t.url, body)
		}
		cancel()
		d.Duration = time.Since(start)
		name := d.Target
		if route.arn != "" {
			name += " of " + route.arn
		}
		if err != nil {
			fail(d, fmt.Sprintf("delivered to %s failed: %v", name, err))
			continue
		}
		s.deliveries.add(d)
		s.clickLogf(false, "iot1clicktest: %s click of %s delivered to %s", rec.ClickType, rec.DeviceId, name)
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
