package iot1click

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// Click types of a button event.
const (
	// ClickTypeSingle is a short press.
	ClickTypeSingle = model.ClickTypeSingle
	// ClickTypeDouble is two short presses.
	ClickTypeDouble = model.ClickTypeDouble
	// ClickTypeLong is a press of over 1.5 seconds.
	ClickTypeLong = model.ClickTypeLong
)

// ErrNotButtonEvent is matched, with errors.Is, by the *EventError that
// ParseButtonEvent returns for a payload that is a JSON object but not a
// button click, such as a device health event.
var ErrNotButtonEvent = model.ErrNotButtonEvent

// ErrUnknownClickType is matched by the *EventError that ParseButtonEvent
// returns when clickType is not SINGLE, DOUBLE or LONG.
var ErrUnknownClickType = model.ErrUnknownClickType

// EventError reports a stdEvent payload that ParseButtonEvent could not read
// as a button event. Err is ErrNotButtonEvent, ErrUnknownClickType, or the
// error of decoding the JSON or one of its members.
type EventError struct {
	// Field is the JSON member at fault, such as "clickType", or empty when
	// the payload as a whole is.
	Field string

	// Err is the cause.
	Err error
}

// Error describes the problem.
func (e *EventError) Error() string {
	// The package's own errors carry the prefix already.
	msg := strings.TrimPrefix(e.Err.Error(), "iot1click: ")
	if e.Field == "" {
		return "iot1click: stdEvent: " + msg
	}
	return "iot1click: stdEvent member " + e.Field + ": " + msg
}

// Unwrap returns Err.
func (e *EventError) Unwrap() error { return e.Err }

// ButtonEvent is the payload of a button click, as found in
// DeviceEvent.StdEvent.
type ButtonEvent struct {
	// ClickType is ClickTypeSingle, ClickTypeDouble or ClickTypeLong.
	ClickType string

	// ReportedTime is when the device reported the click; zero when the
	// payload had none.
	ReportedTime time.Time

	// RemainingLife is the remaining battery life the device reported, nil
	// when absent. Real devices report a percentage (99.85), though the
	// service documents a fraction.
	RemainingLife *float64

	// CertificateId is the ID of the device's certificate, 64 hex digits.
	CertificateId string

	// TestMode reports an event sent in test mode.
	TestMode bool
}

// ParseButtonEvent decodes the stdEvent payload of a button click, such as
//
//	{"clickType":"SINGLE","reportedTime":"2018-05-04T23:26:33.747Z",
//	 "certificateId":"…","remainingLife":99.85,"testMode":false}
//
// Any other payload gives an *EventError: one matching ErrNotButtonEvent for
// a JSON object without clickType (a health event, for example), one
// matching ErrUnknownClickType for a click type other than SINGLE, DOUBLE
// and LONG, and one wrapping the decoding error for malformed JSON or a
// member of the wrong type. Unknown members are ignored.
func ParseButtonEvent(stdEvent string) (*ButtonEvent, error) {
	var raw struct {
		ClickType     *string  `json:"clickType"`
		ReportedTime  *string  `json:"reportedTime"`
		RemainingLife *float64 `json:"remainingLife"`
		CertificateId string   `json:"certificateId"`
		TestMode      bool     `json:"testMode"`
	}
	if err := json.Unmarshal([]byte(stdEvent), &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, &EventError{Field: te.Field, Err: err}
		}
		return nil, &EventError{Err: err}
	}
	if raw.ClickType == nil {
		return nil, &EventError{Err: ErrNotButtonEvent}
	}
	if !model.ValidClickType(*raw.ClickType) {
		return nil, &EventError{Field: "clickType", Err: fmt.Errorf("%w %s", ErrUnknownClickType, wire.Excerpt(*raw.ClickType))}
	}
	ev := &ButtonEvent{
		ClickType:     *raw.ClickType,
		RemainingLife: raw.RemainingLife,
		CertificateId: raw.CertificateId,
		TestMode:      raw.TestMode,
	}
	if raw.ReportedTime != nil && *raw.ReportedTime != "" {
		t, err := time.Parse(time.RFC3339Nano, *raw.ReportedTime)
		if err != nil {
			return nil, &EventError{Field: "reportedTime", Err: err}
		}
		ev.ReportedTime = t
	}
	return ev, nil
}

// ButtonEvent decodes the event's payload as a button click; see
// ParseButtonEvent.
func (e DeviceEvent) ButtonEvent() (*ButtonEvent, error) {
	return ParseButtonEvent(e.StdEvent)
}
