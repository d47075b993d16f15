package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// UpdateDeviceStateInput is the input of UpdateDeviceState.
type UpdateDeviceStateInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string

	// Enabled is the state to set: true enables the device, false disables
	// it. It is always sent.
	Enabled bool
}

// UpdateDeviceStateOutput is the output of UpdateDeviceState.
type UpdateDeviceStateOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UpdateDeviceState enables or disables a device: PUT
// /devices/{deviceId}/state.
func (c *Client) UpdateDeviceState(ctx context.Context, params *UpdateDeviceStateInput, optFns ...func(*Options)) (*UpdateDeviceStateOutput, error) {
	return call(ctx, c, opUpdateDeviceState, params, optFns)
}

var opUpdateDeviceState = &transport.Operation[UpdateDeviceStateInput, UpdateDeviceStateOutput]{
	Name: "UpdateDeviceState",
	Validate: func(in *UpdateDeviceStateInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *UpdateDeviceStateInput, b *transport.Request) {
		b.Method(http.MethodPut)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/state")
		b.JSONBody()
		b.Member("enabled")
		if in.Enabled {
			b.Body = append(b.Body, "true"...)
		} else {
			b.Body = append(b.Body, "false"...)
		}
		b.EndBody()
	},
	Metadata: func(out *UpdateDeviceStateOutput) *middleware.Metadata { return &out.ResultMetadata },
}
