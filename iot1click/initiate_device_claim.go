package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// InitiateDeviceClaimInput is the input of InitiateDeviceClaim.
type InitiateDeviceClaimInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string
}

// InitiateDeviceClaimOutput is the output of InitiateDeviceClaim.
type InitiateDeviceClaimOutput struct {
	// State is the device's claim state, StateClaimInitiated.
	State string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// InitiateDeviceClaim starts claiming a device into the caller's account:
// PUT /devices/{deviceId}/initiate-claim. The device must then publish an
// event (a button is clicked) before FinalizeDeviceClaim completes the
// claim. ClaimDevice runs the three steps.
func (c *Client) InitiateDeviceClaim(ctx context.Context, params *InitiateDeviceClaimInput, optFns ...func(*Options)) (*InitiateDeviceClaimOutput, error) {
	return call(ctx, c, opInitiateDeviceClaim, params, optFns)
}

var opInitiateDeviceClaim = &transport.Operation[InitiateDeviceClaimInput, InitiateDeviceClaimOutput]{
	Name: "InitiateDeviceClaim",
	Validate: func(in *InitiateDeviceClaimInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *InitiateDeviceClaimInput, b *transport.Request) {
		b.Method(http.MethodPut)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/initiate-claim")
	},
	Deserialize: func(out *InitiateDeviceClaimOutput, d *wire.Decoder) error {
		return decodeState(d, &out.State)
	},
	Metadata: func(out *InitiateDeviceClaimOutput) *middleware.Metadata { return &out.ResultMetadata },
}
