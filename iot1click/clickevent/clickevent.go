// Package clickevent reads and writes the event that AWS IoT 1-Click sent
// to a Lambda function for a device: a button click, or a health-monitor
// alert when the device's remaining life fell below a threshold.
//
// The event is JSON of this shape (the placementInfo member is present when
// the device is placed in a project):
//
//	{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE","reportedTime":"2018-05-04T23:26:33.747Z"}},
//	 "deviceInfo":{"attributes":{"key1":"value1"},"type":"button","deviceId":"G030PM0123456789","remainingLife":5.00},
//	 "placementInfo":{"projectName":"test","placementName":"myPlacement",
//	   "attributes":{"location":"Seattle"},"devices":{"myButton":"G030PM0123456789"}}}
//
// A health event has deviceEvent.deviceHealthMonitor.condition.remainingLifeLowerThan
// in place of deviceEvent.buttonClicked.
//
// [Parse] and [Event.UnmarshalJSON] read that JSON into an [Event];
// [Event.MarshalJSON] writes it back in the same shape. [FromLambda] and
// [ToLambda] convert from and to aws-lambda-go's events.IoTOneClickEvent,
// which models clicks only. An [Event] can therefore be a Lambda handler's
// argument directly:
//
//	func handle(ctx context.Context, ev clickevent.Event) error
//
// Package iot1click itself does not depend on aws-lambda-go; only programs
// that import this package compile its events package.
package clickevent

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// DeviceTypeButton is the Device.Type of an IoT 1-Click button.
const DeviceTypeButton = model.DeviceTypeButton

// ErrUnknownEvent is matched, with errors.Is, by the *Error for an event
// whose deviceEvent is neither a button click nor a health-monitor alert,
// or is both.
var ErrUnknownEvent = errors.New("iot1click: neither a button click nor a health alert")

// ErrMissingMember is matched by the *Error for a required member that is
// absent or empty, such as deviceInfo.deviceId.
var ErrMissingMember = errors.New("iot1click: required member missing")

// Event is the event AWS IoT 1-Click sent to a Lambda function. Exactly one
// of ClickType and Health is set: ClickType for a button click, Health for
// a health-monitor alert.
type Event struct {
	// ClickType is iot1click.ClickTypeSingle, iot1click.ClickTypeDouble or
	// iot1click.ClickTypeLong for a click, empty for a health alert.
	ClickType string

	// ReportedTime is when the device reported the click; zero when the
	// event had none. It is written in UTC to the millisecond, as AWS wrote
	// it.
	ReportedTime time.Time

	// Health is the alert's condition, nil for a click.
	Health *HealthCondition

	// Device is the device that sent the event.
	Device Device

	// Placement is the device's placement, nil when the device is not
	// placed. A Placement whose members are all empty reads back as nil.
	Placement *Placement
}

// HealthCondition is the condition of a health-monitor alert.
type HealthCondition struct {
	// RemainingLifeLowerThan is the threshold of remaining life that the
	// device fell below, in the unit of Device.RemainingLife.
	RemainingLifeLowerThan float64
}

// Device is the deviceInfo of an event.
type Device struct {
	// DeviceId is the device's ID, such as "G030PM0123456789". Required.
	DeviceId string

	// Type is the device type, DeviceTypeButton for a button.
	Type string

	// RemainingLife is the remaining battery life the device reported.
	// Real devices report a percentage (99.85), though the service
	// documents a fraction.
	RemainingLife float64

	// Attributes are the device's attributes, such as projectRegion,
	// projectName, placementName and deviceTemplateName; nil when it has
	// none.
	Attributes map[string]string
}

// Placement is the placementInfo of an event: where the device is placed
// in an IoT 1-Click project.
type Placement struct {
	// ProjectName is the name of the project.
	ProjectName string

	// PlacementName is the name of the placement.
	PlacementName string

	// Attributes are the placement's attributes, such as
	// {"location": "Seattle"}; nil when it has none.
	Attributes map[string]string

	// Devices maps the template names of the placement's devices to their
	// device IDs; nil when empty.
	Devices map[string]string
}

// Error reports an event that could not be read or written. Err is
// iot1click.ErrUnknownClickType, iot1click.ErrNotButtonEvent (FromLambda
// and ToLambda, which carry clicks only), ErrUnknownEvent,
// ErrMissingMember, or the error of decoding the JSON or one of its
// members.
type Error struct {
	// Field is the JSON path of the member at fault, such as
	// "deviceEvent.buttonClicked.clickType", or empty when the event as a
	// whole is.
	Field string

	// Excerpt is a short piece of malformed JSON around the fault, empty
	// otherwise.
	Excerpt string

	// Err is the cause.
	Err error
}

// Error describes the problem.
func (e *Error) Error() string {
	msg := "iot1click: click event: "
	if e.Field != "" {
		msg += e.Field + ": "
	}
	var te *json.UnmarshalTypeError
	if errors.As(e.Err, &te) {
		// encoding/json's message names this package's unexported types.
		msg += "JSON " + te.Value + " where " + jsonKind(te.Type) + " belongs"
	} else {
		// The module's own errors carry the prefix already.
		msg += strings.TrimPrefix(e.Err.Error(), "iot1click: ")
	}
	if e.Excerpt != "" {
		msg += fmt.Sprintf(" near %q", e.Excerpt)
	}
	return msg
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// jsonKind names the JSON value that decodes into t.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Float64:
		return "a number"
	default:
		return "an object"
	}
}

// Field paths of the members that Error.Field names.
const (
	fieldDeviceEvent  = "deviceEvent"
	fieldClickType    = "deviceEvent.buttonClicked.clickType"
	fieldReportedTime = "deviceEvent.buttonClicked.reportedTime"
	fieldCondition    = "deviceEvent.deviceHealthMonitor.condition.remainingLifeLowerThan"
	fieldDeviceID     = "deviceInfo.deviceId"
)

// validate checks the rules that every event read or written follows.
func (e *Event) validate() error {
	switch {
	case e.ClickType != "" && e.Health != nil:
		return &Error{Field: fieldDeviceEvent, Err: fmt.Errorf("%w: both", ErrUnknownEvent)}
	case e.ClickType == "" && e.Health == nil:
		return &Error{Field: fieldDeviceEvent, Err: ErrUnknownEvent}
	case e.Health == nil:
		switch e.ClickType {
		case model.ClickTypeSingle, model.ClickTypeDouble, model.ClickTypeLong:
		default:
			return &Error{Field: fieldClickType, Err: fmt.Errorf("%w %s", model.ErrUnknownClickType, wire.Excerpt(e.ClickType))}
		}
	}
	if y := e.ReportedTime.UTC().Year(); !e.ReportedTime.IsZero() && (y < 1 || y > 9999) {
		return &Error{Field: fieldReportedTime, Err: fmt.Errorf("year %d out of range", y)}
	}
	if e.Device.DeviceId == "" {
		return &Error{Field: fieldDeviceID, Err: ErrMissingMember}
	}
	return nil
}

// nilIfEmpty returns m, or nil when m is empty.
func nilIfEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// parseReportedTime reads a reportedTime member; empty is the zero time.
func parseReportedTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, &Error{Field: fieldReportedTime, Err: err}
	}
	return t, nil
}

// ReportedTimeLayout is the time layout of reportedTime as AWS wrote it,
// for a time in UTC: milliseconds and a Z.
const ReportedTimeLayout = model.ReportedTimeLayout

// formatReportedTime writes a reportedTime member; the zero time is empty.
func formatReportedTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(ReportedTimeLayout)
}
