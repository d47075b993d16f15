package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// UnclaimDeviceInput is the input of UnclaimDevice.
type UnclaimDeviceInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string
}

// UnclaimDeviceOutput is the output of UnclaimDevice.
type UnclaimDeviceOutput struct {
	// State is the device's claim state, StateUnclaimed.
	State string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UnclaimDevice removes a device from the caller's account: PUT
// /devices/{deviceId}/unclaim.
func (c *Client) UnclaimDevice(ctx context.Context, params *UnclaimDeviceInput, optFns ...func(*Options)) (*UnclaimDeviceOutput, error) {
	return call(ctx, c, opUnclaimDevice, params, optFns)
}

var opUnclaimDevice = &transport.Operation[UnclaimDeviceInput, UnclaimDeviceOutput]{
	Name: "UnclaimDevice",
	Validate: func(in *UnclaimDeviceInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *UnclaimDeviceInput, b *transport.Request) {
		b.Method(http.MethodPut)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/unclaim")
	},
	Deserialize: func(out *UnclaimDeviceOutput, d *wire.Decoder) error {
		return decodeState(d, &out.State)
	},
	Metadata: func(out *UnclaimDeviceOutput) *middleware.Metadata { return &out.ResultMetadata },
}
