package clickevent

import (
	"github.com/aws/aws-lambda-go/events"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// The conversions below rely on aws-lambda-go's types having the members of
// this package's wire types, in the same order.

// FromLambda converts a click that aws-lambda-go decoded into an Event,
// checking it as Parse does. The placement is nil when ev's is empty, as
// for a device that is not placed. The event shares ev's maps.
//
// events.IoTOneClickEvent carries clicks only: a health alert decoded into
// it has lost its condition and has no click type. For such an event,
// FromLambda gives an *Error matching iot1click.ErrNotButtonEvent; a
// handler that wants health alerts takes an Event as its argument instead.
func FromLambda(ev events.IoTOneClickEvent) (*Event, error) {
	if ev.DeviceEvent.ButtonClicked.ClickType == "" {
		return nil, &Error{Field: fieldClickType, Err: model.ErrNotButtonEvent}
	}
	w := wireEvent{
		DeviceEvent:   &wireDeviceEvent{ButtonClicked: (*wireClick)(&ev.DeviceEvent.ButtonClicked)},
		DeviceInfo:    wireDeviceInfo(ev.DeviceInfo),
		PlacementInfo: (*wirePlacement)(&ev.PlacementInfo),
	}
	return w.event()
}

// ToLambda converts a click into aws-lambda-go's events.IoTOneClickEvent,
// as aws-lambda-go decodes the JSON that MarshalJSON writes; the result
// shares e's maps. An event that
// MarshalJSON rejects gives its *Error; a health alert, which
// events.IoTOneClickEvent cannot carry, gives an *Error matching
// iot1click.ErrNotButtonEvent.
func ToLambda(e *Event) (events.IoTOneClickEvent, error) {
	if err := e.validate(); err != nil {
		return events.IoTOneClickEvent{}, err
	}
	if e.Health != nil {
		return events.IoTOneClickEvent{}, &Error{Field: fieldDeviceEvent, Err: model.ErrNotButtonEvent}
	}
	w := e.wire()
	out := events.IoTOneClickEvent{
		DeviceEvent: events.IoTOneClickDeviceEvent{ButtonClicked: events.IoTOneClickButtonClicked(*w.DeviceEvent.ButtonClicked)},
		DeviceInfo:  events.IoTOneClickDeviceInfo(w.DeviceInfo),
	}
	if w.PlacementInfo != nil {
		out.PlacementInfo = events.IoTOneClickPlacementInfo(*w.PlacementInfo)
	}
	return out, nil
}
