package iot1clicktest

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// Claim states of a DeviceRecord. A device that no account ever claimed has the
// empty state.
const (
	// StateClaimInitiated is the state of a device whose claim an account
	// initiated and has not finalized.
	StateClaimInitiated = "CLAIM_INITIATED"
	// StateClaimed is the state of a device that belongs to an account.
	StateClaimed = "CLAIMED"
	// StateUnclaimed is the state of a device its account released.
	StateUnclaimed = "UNCLAIMED"
)

// DeviceTypeButton is the type of the devices the emulator generates.
const DeviceTypeButton = "button"

// Errors returned by the control methods, wrapped with details.
var (
	// ErrDeviceNotFound reports a device ID the server does not know.
	ErrDeviceNotFound = errors.New("iot1clicktest: device not found")
	// ErrInvalid reports an invalid argument of a control method.
	ErrInvalid = errors.New("iot1clicktest: invalid argument")
)

// DeviceRecord is the emulator's whole record of a device: what
// iot1click.DeviceDescription shows a caller, plus the claim state, owner,
// callbacks and events that the service keeps to itself. AddDevices,
// WithDevices and POST /_iot1click/devices take it as input; Device, Devices
// and GET /_iot1click/devices return snapshots of it.
type DeviceRecord struct {
	// DeviceId is the device ID, such as G030PM0123456789. Required.
	DeviceId string `json:"deviceId"`

	// Type is the device type, DeviceTypeButton when empty.
	Type string `json:"type,omitempty"`

	// Attributes are the device's attributes, such as projectRegion,
	// projectName, placementName and deviceTemplateName.
	Attributes map[string]string `json:"attributes,omitempty"`

	// Enabled reports whether the device is enabled.
	Enabled bool `json:"enabled"`

	// RemainingLife is the remaining battery life, a percentage from 0 to
	// 100.
	RemainingLife float64 `json:"remainingLife"`

	// Tags are the device's tags.
	Tags map[string]string `json:"tags,omitempty"`

	// AccountID is the account that owns the device, or that initiated its
	// claim. On input, a device in state CLAIMED or CLAIM_INITIATED with no
	// AccountID belongs to the default account.
	AccountID string `json:"accountId,omitempty"`

	// State is the claim state: empty (never claimed), StateClaimInitiated,
	// StateClaimed or StateUnclaimed. On input, an empty state with an
	// AccountID means StateClaimed.
	State string `json:"state,omitempty"`

	// ClaimInitiatedAt is when the pending claim was initiated.
	ClaimInitiatedAt time.Time `json:"claimInitiatedAt,omitzero"`

	// ClickedSinceClaimInitiated reports whether the device was clicked
	// since its pending claim was initiated.
	ClickedSinceClaimInitiated bool `json:"clickedSinceClaimInitiated,omitempty"`

	// OnClickCallback is the JSON object stored by setOnClickCallback.
	OnClickCallback string `json:"onClickCallback,omitempty"`

	// HealthMonitorCallback is the JSON object stored by
	// setDeviceHealthMonitorCallback.
	HealthMonitorCallback string `json:"healthMonitorCallback,omitempty"`

	// ARN is the device's ARN in its account, or in the default account for
	// a device with none. It is ignored on input.
	ARN string `json:"arn,omitempty"`

	// Events are the events the device recorded, oldest first, events of
	// the same time in the order recorded. On input, in any order, only
	// ClickType, Time and AccountID of each event are read (an empty
	// AccountID means the device's account); the rest is derived.
	Events []EventRecord `json:"events,omitempty"`
}

// EventRecord is the emulator's record of an event of a device, as Click
// returns it: the iot1click.DeviceEvent that ListDeviceEvents answers with
// (StdEvent), the fields it was rendered from, and the account it is
// visible to.
type EventRecord struct {
	// DeviceId is the ID of the device.
	DeviceId string `json:"deviceId"`

	// DeviceType is the type of the device.
	DeviceType string `json:"type"`

	// Attributes are the device's attributes at the time of the event.
	Attributes map[string]string `json:"attributes,omitempty"`

	// ClickType is SINGLE, DOUBLE or LONG.
	ClickType string `json:"clickType"`

	// Time is the reported time of the event, from the server's clock.
	Time time.Time `json:"reportedTime"`

	// CertificateID is the device certificate's ID, 64 hex digits.
	CertificateID string `json:"certificateId"`

	// RemainingLife is the remaining battery life at the time of the event.
	RemainingLife float64 `json:"remainingLife"`

	// TestMode reports a test event; clicks are never in test mode.
	TestMode bool `json:"testMode"`

	// AccountID is the account the event is visible to in
	// ListDeviceEvents: the device's owner, or the account claiming it, at
	// the time of the event. Empty when the device had none.
	AccountID string `json:"accountId,omitempty"`

	// StdEvent is the event as ListDeviceEvents returns it in stdEvent.
	StdEvent string `json:"stdEvent"`

	seq uint64
}

type claimCode struct {
	code      string
	deviceIDs []string
	accountID string // the account that claimed it, if any
}

type state struct {
	devices map[string]*DeviceRecord    // events inside, sorted by (Time, seq)
	lists   map[listKey][]*DeviceRecord // the listed devices by ID (index.go)
	codes   map[string]*claimCode
	seq     uint64 // of events
}

// newState returns an empty state with room for n devices.
func newState(n int) *state {
	return &state{
		devices: make(map[string]*DeviceRecord, n),
		lists:   map[listKey][]*DeviceRecord{},
		codes:   map[string]*claimCode{},
	}
}

// certificateID returns the fixed certificate ID of a device.
func certificateID(deviceID string) string {
	sum := sha256.Sum256([]byte("iot1clicktest certificate " + deviceID))
	return hex.EncodeToString(sum[:])
}

func (s *Handler) arn(accountID, deviceID string) string {
	return "arn:aws:iot1click:" + s.cfg.region + ":" + accountID + ":devices/" + deviceID
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

func cloneEvent(e EventRecord) EventRecord {
	e.Attributes = maps.Clone(e.Attributes)
	return e
}

// snapshot returns a deep copy of d.
func (s *Handler) snapshot(d *DeviceRecord) DeviceRecord {
	c := *d
	c.Attributes = maps.Clone(d.Attributes)
	c.Tags = maps.Clone(d.Tags)
	c.Events = make([]EventRecord, len(d.Events))
	for i, e := range d.Events {
		c.Events[i] = cloneEvent(e)
	}
	if len(c.Events) == 0 {
		c.Events = nil
	}
	owner := d.AccountID
	if owner == "" {
		owner = s.cfg.accountID
	}
	c.ARN = s.arn(owner, d.DeviceId)
	return c
}

// AddDevices adds devices to the server, replacing any with the same ID. It
// reports an error, and adds none, if a device is invalid: no ID, an
// unknown state or click type, or a remaining life outside 0..100.
func (s *Handler) AddDevices(devices ...DeviceRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addDevicesLocked(devices)
}

func (s *Handler) addDevicesLocked(devices []DeviceRecord) error {
	prepared := make([]*DeviceRecord, 0, len(devices))
	for _, in := range devices {
		d, err := s.prepareDevice(in)
		if err != nil {
			return err
		}
		prepared = append(prepared, d)
	}
	// A few devices go into the list indexes one by one, many in bulk.
	bulk := len(prepared) > bulkListThreshold
	gone := map[string]bool{}
	for _, d := range prepared {
		events := d.Events
		d.Events = make([]EventRecord, 0, len(events))
		for _, e := range events {
			acct := e.AccountID
			if acct == "" {
				acct = d.AccountID
			}
			s.recordEventLocked(d, e.ClickType, e.Time, acct)
		}
		old := s.st.devices[d.DeviceId]
		s.st.devices[d.DeviceId] = d
		switch {
		case !bulk && old != nil:
			s.st.unlist(old)
			s.st.list(d)
		case !bulk:
			s.st.list(d)
		case old != nil && listed(old):
			gone[d.DeviceId] = true
		}
	}
	if bulk {
		// The last record of each ID is the one that stays.
		final := make([]*DeviceRecord, 0, len(prepared))
		for _, d := range prepared {
			if s.st.devices[d.DeviceId] == d {
				final = append(final, d)
			}
		}
		s.st.relist(gone, final)
	}
	return nil
}

// bulkListThreshold is the number of devices from which AddDevices updates
// the list indexes in bulk.
const bulkListThreshold = 32

func (s *Handler) prepareDevice(in DeviceRecord) (*DeviceRecord, error) {
	d := in
	if d.DeviceId == "" {
		return nil, fmt.Errorf("%w: a device needs an ID", ErrInvalid)
	}
	if d.Type == "" {
		d.Type = DeviceTypeButton
	}
	if math.IsNaN(d.RemainingLife) || d.RemainingLife < 0 || d.RemainingLife > 100 {
		return nil, fmt.Errorf("%w: device %s: remaining life %v is outside 0..100", ErrInvalid, d.DeviceId, d.RemainingLife)
	}
	switch d.State {
	case "":
		if d.AccountID != "" {
			d.State = StateClaimed
		}
	case StateClaimed, StateClaimInitiated:
		if d.AccountID == "" {
			d.AccountID = s.cfg.accountID
		}
	case StateUnclaimed:
		d.AccountID = ""
	default:
		return nil, fmt.Errorf("%w: device %s: unknown state %q", ErrInvalid, d.DeviceId, d.State)
	}
	if d.State != StateClaimInitiated {
		d.ClaimInitiatedAt, d.ClickedSinceClaimInitiated = time.Time{}, false
	}
	for _, e := range d.Events {
		if !validClickType(e.ClickType) {
			return nil, fmt.Errorf("%w: device %s: unknown click type %q", ErrInvalid, d.DeviceId, e.ClickType)
		}
	}
	for _, cb := range []string{d.OnClickCallback, d.HealthMonitorCallback} {
		if cb != "" && !isJSONObject(cb) {
			return nil, fmt.Errorf("%w: device %s: a callback must be a JSON object", ErrInvalid, d.DeviceId)
		}
	}
	d.Attributes = maps.Clone(d.Attributes)
	d.Tags = maps.Clone(d.Tags)
	d.ARN = ""
	d.Events = slices.Clone(d.Events)
	return &d, nil
}

// Device returns a snapshot of the device with the given ID.
func (s *Handler) Device(id string) (DeviceRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.st.devices[id]
	if !ok {
		return DeviceRecord{}, false
	}
	return s.snapshot(d), true
}

// Devices returns snapshots of all devices, sorted by ID.
func (s *Handler) Devices() []DeviceRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]DeviceRecord, 0, len(s.st.devices))
	for _, id := range s.sortedIDsLocked() {
		out = append(out, s.snapshot(s.st.devices[id]))
	}
	return out
}

func (s *Handler) sortedIDsLocked() []string {
	ids := make([]string, 0, len(s.st.devices))
	for id := range s.st.devices {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
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
	}
	return s.recordEventLocked(d, clickType, s.nowLocked(), d.AccountID), nil
}

// AddClaimCode registers a claim code for devices the server knows, so that
// ClaimDevicesByClaimCode with the code claims them. A code starts with "C-"
// and has 12 to 40 characters. Registering a code again replaces it.
func (s *Handler) AddClaimCode(code string, deviceIDs ...string) error {
	if !validClaimCode(code) {
		return fmt.Errorf("%w: claim code %q must start with C- and have 12 to 40 characters", ErrInvalid, code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range deviceIDs {
		if _, ok := s.st.devices[id]; !ok {
			return fmt.Errorf("%w: %s", ErrDeviceNotFound, id)
		}
	}
	s.st.codes[code] = &claimCode{code: code, deviceIDs: slices.Clone(deviceIDs)}
	return nil
}

func validClaimCode(code string) bool {
	return strings.HasPrefix(code, "C-") && len(code) >= 12 && len(code) <= 40
}

func isJSONObject(s string) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal([]byte(s), &m) == nil && m != nil
}
