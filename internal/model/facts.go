package model

import "errors"

// Click types of a button event.
const (
	// ClickTypeSingle is a short press.
	ClickTypeSingle = "SINGLE"
	// ClickTypeDouble is two short presses.
	ClickTypeDouble = "DOUBLE"
	// ClickTypeLong is a press of over 1.5 seconds.
	ClickTypeLong = "LONG"
)

// ValidClickType reports whether t is one of the three click types.
func ValidClickType(t string) bool {
	return t == ClickTypeSingle || t == ClickTypeDouble || t == ClickTypeLong
}

// Claim states of a device.
const (
	// StateClaimInitiated is the state after InitiateDeviceClaim.
	StateClaimInitiated = "CLAIM_INITIATED"
	// StateClaimed is the state after FinalizeDeviceClaim or
	// ClaimDevicesByClaimCode.
	StateClaimed = "CLAIMED"
	// StateUnclaimed is the state after UnclaimDevice.
	StateUnclaimed = "UNCLAIMED"
)

// DeviceTypeButton is the device type of a 1-Click button.
const DeviceTypeButton = "button"

// Page sizes of the list operations of both services (maxResults).
const (
	// MinMaxResults is the smallest maxResults a server accepts.
	MinMaxResults = 1
	// MaxMaxResults is the largest maxResults a server accepts.
	MaxMaxResults = 250
	// DefaultMaxResults is the page size when maxResults is absent.
	DefaultMaxResults = 100
)

// Timestamp layouts.
const (
	// QueryTimeLayout is the layout of the ListDeviceEvents query
	// timestamps as the official Go client writes them: UTC, with the
	// trailing zeros of the milliseconds trimmed. Servers accept any
	// RFC 3339 form.
	QueryTimeLayout = "2006-01-02T15:04:05.999Z"
	// ReportedTimeLayout is the layout of a button event's reportedTime:
	// UTC with milliseconds.
	ReportedTimeLayout = "2006-01-02T15:04:05.000Z"
)

// ErrNotButtonEvent is the cause of an error reading a payload that is a
// JSON object but not a button click, such as a device health event.
var ErrNotButtonEvent = errors.New("iot1click: not a button event")

// ErrUnknownClickType is the cause of an error reading a click type other
// than SINGLE, DOUBLE or LONG.
var ErrUnknownClickType = errors.New("iot1click: unknown click type")
