package iot1click

import "github.com/iot1click-sdk/iot1click-go/internal/model"

// DeviceDescription describes a device as DescribeDevice and ListDevices
// return it.
type DeviceDescription struct {
	// Arn is the device's Amazon Resource Name, for example
	// arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789.
	Arn string

	// Attributes are the user-specified attributes of the device. Devices
	// placed in a project carry projectRegion, projectName, placementName and
	// deviceTemplateName.
	Attributes map[string]string

	// DeviceId is the unique identifier of the device.
	DeviceId string

	// Enabled reports whether the device is enabled. A freshly claimed device
	// is disabled until UpdateDeviceState enables it.
	Enabled bool

	// RemainingLife is the remaining battery life of the device, nil when the
	// service did not report it. The model documents a fraction between 0 and
	// 1, but real devices report a percentage (99.85, 5.0).
	RemainingLife *float64

	// Tags are the tags of the device.
	Tags map[string]string

	// Type is the device type, such as "button".
	Type string
}

// Device identifies the device an event belongs to.
type Device struct {
	// Attributes are the user-specified attributes of the device at the time
	// of the event. The model declares an empty structure; the service sends
	// a string map, and members that are not strings are skipped.
	Attributes map[string]string

	// DeviceId is the unique identifier of the device.
	DeviceId string

	// Type is the device type, such as "button".
	Type string
}

// DeviceEvent is one event published by a device.
type DeviceEvent struct {
	// Device is the device that published the event.
	Device Device

	// StdEvent is the event payload, a JSON document. For a button it holds
	// clickType, reportedTime, certificateId, remainingLife and testMode;
	// ParseButtonEvent decodes it.
	StdEvent string
}

// DeviceMethod names a method that can be invoked on a device.
type DeviceMethod struct {
	// DeviceType is the type of device the method applies to, "button" or
	// "device".
	DeviceType string

	// MethodName is the name of the method, such as
	// "getDeviceHealthParameters".
	MethodName string
}

// Claim states reported by InitiateDeviceClaim, FinalizeDeviceClaim and
// UnclaimDevice.
const (
	// StateClaimInitiated is the state after InitiateDeviceClaim.
	StateClaimInitiated = model.StateClaimInitiated
	// StateClaimed is the state after FinalizeDeviceClaim.
	StateClaimed = model.StateClaimed
	// StateUnclaimed is the state after UnclaimDevice.
	StateUnclaimed = model.StateUnclaimed
)
