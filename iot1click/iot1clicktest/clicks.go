package iot1clicktest

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
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
	b = e.Time.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
	b = append(b, `","certificateId":"`...)
	b = append(b, e.CertificateID...)
	b = append(b, `","remainingLife":`...)
	b = wire.AppendFloat64(b, e.RemainingLife)
	b = append(b, `,"testMode":`...)
	b = strconv.AppendBool(b, e.TestMode)
	b = append(b, '}')
	return string(b)
}

func validClickType(t string) bool {
	return t == iot1click.ClickTypeSingle || t == iot1click.ClickTypeDouble || t == iot1click.ClickTypeLong
}

// recordEventLocked records an event of d and returns a copy of it. d.Events
// stays sorted by (Time, seq): an event is inserted after every event of
// its time or earlier, so that a clock set backwards still gives the right
// order. The event's time loses its monotonic clock reading, so that events
// and query bounds all compare by wall time.
func (s *Handler) recordEventLocked(d *DeviceRecord, clickType string, at time.Time, accountID string) EventRecord {
	s.st.seq++
	cert := ""
	if n := len(d.Events); n > 0 {
		cert = d.Events[n-1].CertificateID // the device's, computed once
	} else {
		cert = certificateID(d.DeviceId)
	}
	e := EventRecord{
		DeviceId:   d.DeviceId,
		DeviceType: d.Type,
		// Nothing changes a device's attribute map in place: the event
		// shares it, and copies go out (cloneEvent).
		Attributes:    d.Attributes,
		ClickType:     clickType,
		Time:          at.Round(0),
		CertificateID: cert,
		RemainingLife: d.RemainingLife,
		AccountID:     accountID,
		seq:           s.st.seq,
	}
	e.StdEvent = stdEvent(&e)
	if n := len(d.Events); n == 0 || !d.Events[n-1].Time.After(e.Time) {
		d.Events = append(d.Events, e) // the usual case: the clock went forward
	} else {
		// seq is the largest yet, so the event goes after every event of
		// its time.
		i := sort.Search(n, func(i int) bool { return d.Events[i].Time.After(e.Time) })
		d.Events = slices.Insert(d.Events, i, e)
	}
	return cloneEvent(e)
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
// is iot1click.ClickTypeSingle, ClickTypeDouble or ClickTypeLong; empty
// means ClickTypeSingle.
//
// With WithClickHandler or WithClickURL, Click then delivers the click's
// event (ClickEvent) to each of them in turn, and returns when they have
// answered: a test finds the function's effects as soon as Click returns.
// As in AWS, where the function was invoked asynchronously, the click does
// not fail when a delivery does: the outcome of each delivery is logged
// with WithLogf's function (failures go to os.Stderr without it). Closing
// the server cancels the deliveries in flight.
func (s *Handler) Click(deviceID, clickType string) (EventRecord, error) {
	ev, err := s.recordClick(deviceID, clickType)
	if err == nil {
		s.deliverClick(ev)
	}
	return ev, err
}

// recordClick records a click, as Click does, without delivering it.
func (s *Handler) recordClick(deviceID, clickType string) (EventRecord, error) {
	if clickType == "" {
		clickType = iot1click.ClickTypeSingle
	}
	if !validClickType(clickType) {
		return EventRecord{}, fmt.Errorf("%w: click type %q is not SINGLE, DOUBLE or LONG", ErrInvalid, clickType)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.st.devices[deviceID]
	if !ok {
		return EventRecord{}, fmt.Errorf("%w: %s", ErrDeviceNotFound, deviceID)
	}
	if d.State == StateClaimInitiated {
		d.ClickedSinceClaimInitiated = true
		s.noteDeviceLocked(d.DeviceId)
	}
	ev := s.recordEventLocked(d, clickType, s.nowLocked(), d.AccountID)
	s.noteEventLocked(ev)
	return ev, s.saveLocked()
}
