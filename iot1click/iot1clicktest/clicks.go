package iot1clicktest

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

// certificateID returns the fixed certificate ID of a device.
func certificateID(deviceID string) string {
	sum := sha256.Sum256([]byte("iot1clicktest certificate " + deviceID))
	return hex.EncodeToString(sum[:])
}

// stdEvent renders the stdEvent JSON of a button event, into a buffer on
// the stack, so that the string it returns is its only allocation.
func stdEvent(e *EventRecord) string {
	b := make([]byte, 0, 256)
	b = append(b, `{"clickType":`...)
	b = wire.AppendString(b, e.ClickType)
	b = append(b, `,"reportedTime":"`...)
	b = e.Time.UTC().AppendFormat(b, model.ReportedTimeLayout)
	b = append(b, `","certificateId":"`...)
	b = append(b, e.CertificateId...)
	b = append(b, `","remainingLife":`...)
	b = wire.AppendFloat64(b, e.RemainingLife)
	b = append(b, `,"testMode":`...)
	b = strconv.AppendBool(b, e.TestMode)
	b = append(b, '}')
	return string(b)
}

// compareEvent compares event a with the position (t, seq) in the order of
// events: time, then record order.
func compareEvent(a *EventRecord, t time.Time, seq uint64) int {
	if c := a.Time.Compare(t); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, seq)
}

// Click presses the button of a device, as its owner would: it records the
// event a real click records and marks a pending claim as clicked. clickType
// is "SINGLE" (iot1click.ClickTypeSingle), "DOUBLE" or "LONG"; empty
// means ClickTypeSingle.
//
// Click then delivers the click's event (ClickEvent) as AWS IoT 1-Click
// routed it:
//
//   - a device placed in a placement (AssociateDeviceWithPlacement): to the
//     function whose ARN is the CallbackOnClick callback of the device
//     template it is placed under, with the event's placementInfo;
//   - any other device whose setOnClickCallback method stored a callback
//     naming a function ({"callback": {"awsLambdaArn": ARN}}): to that
//     function;
//   - any other device: to each WithClickHandler and WithClickURL in turn.
//
// WithLambda and WithLambdaURL give the functions of ARNs. Click returns
// when the targets have answered: a test finds the function's effects as
// soon as Click returns. As in AWS, where the function was invoked
// asynchronously, the click does not fail when a delivery does, nor when
// it goes nowhere (a template with no onClickCallback, an ARN with no
// function): the outcome of each delivery is recorded (Deliveries) and
// logged with WithLogf's function (failures go to os.Stderr without it).
// Closing the server cancels the deliveries in flight.
func (s *Handler) Click(deviceID, clickType string) (EventRecord, error) {
	rec, ev, route, err := s.recordClick(deviceID, clickType)
	if err == nil {
		s.deliverClick(rec, ev, route)
	}
	return rec, err
}

// recordClick records a click, as Click does, and returns its record, its
// event and its route, without delivering it.
func (s *Handler) recordClick(deviceID, clickType string) (EventRecord, clickevent.Event, clickRoute, error) {
	if clickType == "" {
		clickType = model.ClickTypeSingle
	}
	if !model.ValidClickType(clickType) {
		return EventRecord{}, clickevent.Event{}, clickRoute{}, fmt.Errorf("%w: click type %q is not SINGLE, DOUBLE or LONG", ErrInvalid, clickType)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.st.devices[deviceID]
	if !ok {
		return EventRecord{}, clickevent.Event{}, clickRoute{}, fmt.Errorf("%w: %s", ErrDeviceNotFound, deviceID)
	}
	rec := s.clickLocked(d, clickType)
	ev, _ := s.clickEventLocked(rec) // the record is valid
	return rec, ev, s.routeLocked(d), s.saveLocked()
}
