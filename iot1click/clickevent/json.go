package clickevent

import (
	"encoding/json"
	"errors"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// wireEvent is the JSON of an event. Pointers tell absent members from
// empty ones.
type wireEvent struct {
	DeviceEvent   *wireDeviceEvent `json:"deviceEvent"`
	DeviceInfo    wireDeviceInfo   `json:"deviceInfo"`
	PlacementInfo *wirePlacement   `json:"placementInfo,omitempty"`
}

type wireDeviceEvent struct {
	ButtonClicked       *wireClick  `json:"buttonClicked,omitempty"`
	DeviceHealthMonitor *wireHealth `json:"deviceHealthMonitor,omitempty"`
}

type wireClick struct {
	ClickType    string `json:"clickType"`
	ReportedTime string `json:"reportedTime,omitempty"`
}

type wireHealth struct {
	Condition struct {
		RemainingLifeLowerThan *float64 `json:"remainingLifeLowerThan"`
	} `json:"condition"`
}

type wireDeviceInfo struct {
	Attributes    map[string]string `json:"attributes"`
	Type          string            `json:"type"`
	DeviceID      string            `json:"deviceId"`
	RemainingLife float64           `json:"remainingLife"`
}

type wirePlacement struct {
	ProjectName   string            `json:"projectName"`
	PlacementName string            `json:"placementName"`
	Attributes    map[string]string `json:"attributes"`
	Devices       map[string]string `json:"devices"`
}

// Parse reads the JSON event that AWS IoT 1-Click sent to a Lambda
// function. Unknown members are ignored.
//
// An event it cannot read gives an *Error: one matching
// iot1click.ErrUnknownClickType for a click type other than SINGLE, DOUBLE
// and LONG; ErrUnknownEvent for a deviceEvent that is neither a click nor a
// health alert; ErrMissingMember for an absent deviceEvent, clickType,
// remainingLifeLowerThan or deviceInfo.deviceId; and one wrapping the
// decoding error, with an excerpt of the JSON, for malformed JSON or a
// member of the wrong type.
func Parse(data []byte) (*Event, error) {
	var w wireEvent
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, jsonError(data, err)
	}
	return w.event()
}

// event converts and checks a decoded event.
func (w *wireEvent) event() (*Event, error) {
	if w.DeviceEvent == nil {
		return nil, &Error{Field: fieldDeviceEvent, Err: ErrMissingMember}
	}
	ev := &Event{
		Device: Device{
			DeviceId:      w.DeviceInfo.DeviceID,
			Type:          w.DeviceInfo.Type,
			RemainingLife: w.DeviceInfo.RemainingLife,
			Attributes:    nilIfEmpty(w.DeviceInfo.Attributes),
		},
	}
	if p := w.PlacementInfo; p != nil && (p.ProjectName != "" || p.PlacementName != "" || len(p.Attributes) > 0 || len(p.Devices) > 0) {
		ev.Placement = &Placement{
			ProjectName:   p.ProjectName,
			PlacementName: p.PlacementName,
			Attributes:    nilIfEmpty(p.Attributes),
			Devices:       nilIfEmpty(p.Devices),
		}
	}
	if c := w.DeviceEvent.ButtonClicked; c != nil {
		if c.ClickType == "" {
			return nil, &Error{Field: fieldClickType, Err: ErrMissingMember}
		}
		ev.ClickType = c.ClickType
		t, err := parseReportedTime(c.ReportedTime)
		if err != nil {
			return nil, err
		}
		ev.ReportedTime = t
	}
	if h := w.DeviceEvent.DeviceHealthMonitor; h != nil {
		if h.Condition.RemainingLifeLowerThan == nil {
			return nil, &Error{Field: fieldCondition, Err: ErrMissingMember}
		}
		ev.Health = &HealthCondition{RemainingLifeLowerThan: *h.Condition.RemainingLifeLowerThan}
	}
	if err := ev.validate(); err != nil {
		return nil, err
	}
	return ev, nil
}

// UnmarshalJSON reads the event as Parse does, so that an Event can be a
// Lambda handler's argument or a member of a larger JSON document.
func (e *Event) UnmarshalJSON(data []byte) error {
	ev, err := Parse(data)
	if err != nil {
		return err
	}
	*e = *ev
	return nil
}

// MarshalJSON writes the event in the shape AWS IoT 1-Click sent it:
// attributes and devices as objects ({} when empty), reportedTime in UTC to
// the millisecond, and placementInfo only when Placement is not nil. An
// event that Parse would not accept (no device ID, both or neither of
// ClickType and Health, an unknown click type) gives an *Error.
//
// MarshalJSON has a value receiver, so that an Event is written in this
// shape also as a member of a struct that is marshalled by value.
func (e Event) MarshalJSON() ([]byte, error) {
	if err := e.validate(); err != nil {
		return nil, err
	}
	w := e.wire()
	return json.Marshal(&w)
}

// wire converts a checked event for writing.
func (e *Event) wire() wireEvent {
	w := wireEvent{
		DeviceEvent: &wireDeviceEvent{},
		DeviceInfo: wireDeviceInfo{
			Attributes:    orEmpty(e.Device.Attributes),
			Type:          e.Device.Type,
			DeviceID:      e.Device.DeviceId,
			RemainingLife: e.Device.RemainingLife,
		},
	}
	if e.Health != nil {
		h := &wireHealth{}
		h.Condition.RemainingLifeLowerThan = &e.Health.RemainingLifeLowerThan
		w.DeviceEvent.DeviceHealthMonitor = h
	} else {
		w.DeviceEvent.ButtonClicked = &wireClick{ClickType: e.ClickType, ReportedTime: formatReportedTime(e.ReportedTime)}
	}
	if p := e.Placement; p != nil {
		w.PlacementInfo = &wirePlacement{
			ProjectName:   p.ProjectName,
			PlacementName: p.PlacementName,
			Attributes:    orEmpty(p.Attributes),
			Devices:       orEmpty(p.Devices),
		}
	}
	return w
}

// orEmpty returns m, or an empty map when m is nil, so that it is written
// as {} rather than null.
func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// jsonError wraps an error of decoding data, naming the member at fault
// and quoting the JSON around it.
func jsonError(data []byte, err error) error {
	e := &Error{Err: err}
	off := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		e.Field = te.Field
	}
	if off >= 0 {
		e.Excerpt = wire.Snippet(string(data), int(off))
	}
	return e
}
