package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

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
	if params == nil {
		params = &UnclaimDeviceInput{}
	}
	return call[UnclaimDeviceOutput](ctx, c, "UnclaimDevice", params, optFns)
}

func (in *UnclaimDeviceInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "DeviceId", in.DeviceId)
}

func (in *UnclaimDeviceInput) serialize(b *requestBuilder) {
	b.method = http.MethodPut
	b.literal("/devices/")
	b.label(in.DeviceId)
	b.literal("/unclaim")
}

func (out *UnclaimDeviceOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }

func (out *UnclaimDeviceOutput) deserialize(d *wire.Decoder) error {
	return decodeState(d, &out.State)
}
