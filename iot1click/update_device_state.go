package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
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
	noBody
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UpdateDeviceState enables or disables a device: PUT
// /devices/{deviceId}/state.
func (c *Client) UpdateDeviceState(ctx context.Context, params *UpdateDeviceStateInput, optFns ...func(*Options)) (*UpdateDeviceStateOutput, error) {
	if params == nil {
		params = &UpdateDeviceStateInput{}
	}
	return call[UpdateDeviceStateOutput](ctx, c, "UpdateDeviceState", params, optFns)
}

func (in *UpdateDeviceStateInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "DeviceId", in.DeviceId)
}

func (in *UpdateDeviceStateInput) serialize(b *requestBuilder) {
	b.method = http.MethodPut
	b.literal("/devices/")
	b.label(in.DeviceId)
	b.literal("/state")
	b.jsonBody()
	b.member("enabled")
	if in.Enabled {
		b.body = append(b.body, "true"...)
	} else {
		b.body = append(b.body, "false"...)
	}
	b.endBody()
}

func (out *UpdateDeviceStateOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }
