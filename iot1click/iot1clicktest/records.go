package iot1clicktest

import (
	"errors"
	"maps"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// Claim states of a DeviceRecord. A device that no account ever claimed has the
// empty state.
const (
	// StateClaimInitiated is the state of a device whose claim an account
	// initiated and has not finalized.
	StateClaimInitiated = model.StateClaimInitiated
	// StateClaimed is the state of a device that belongs to an account.
	StateClaimed = model.StateClaimed
	// StateUnclaimed is the state of a device its account released.
	StateUnclaimed = model.StateUnclaimed
)

// DeviceTypeButton is the type of the devices the emulator generates.
const DeviceTypeButton = model.DeviceTypeButton

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

	// AccountId is the account that owns the device, or that initiated its
	// claim. On input, a device in state CLAIMED or CLAIM_INITIATED with no
	// AccountId belongs to the default account.
	AccountId string `json:"accountId,omitempty"`

	// State is the claim state: empty (never claimed), StateClaimInitiated,
	// StateClaimed or StateUnclaimed. On input, an empty state with an
	// AccountId means StateClaimed.
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
	// ClickType, Time and AccountId of each event are read (an empty
	// AccountId means the device's account); the rest is derived.
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

	// CertificateId is the device certificate's ID, 64 hex digits.
	CertificateId string `json:"certificateId"`

	// RemainingLife is the remaining battery life at the time of the event.
	RemainingLife float64 `json:"remainingLife"`

	// TestMode reports a test event; clicks are never in test mode.
	TestMode bool `json:"testMode"`

	// AccountId is the account the event is visible to in
	// ListDeviceEvents: the device's owner, or the account claiming it, at
	// the time of the event. Empty when the device had none.
	AccountId string `json:"accountId,omitempty"`

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

	projects map[projectKey]*project
	placed   map[string]slot // by device ID
}

// newState returns an empty state with room for n devices.
func newState(n int) *state {
	return &state{
		devices: make(map[string]*DeviceRecord, n),
		lists:   map[listKey][]*DeviceRecord{},
		codes:   map[string]*claimCode{},

		projects: map[projectKey]*project{},
		placed:   map[string]slot{},
	}
}

func (s *Handler) arn(accountID, deviceID string) string {
	return "arn:aws:iot1click:" + s.cfg.region + ":" + accountID + ":devices/" + deviceID
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
	owner := d.AccountId
	if owner == "" {
		owner = s.cfg.accountID
	}
	c.ARN = s.arn(owner, d.DeviceId)
	return c
}
