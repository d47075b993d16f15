package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

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
	if params == nil {
		params = &InitiateDeviceClaimInput{}
	}
	return call[InitiateDeviceClaimOutput](ctx, c, "InitiateDeviceClaim", params, optFns)
}

func (in *InitiateDeviceClaimInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "DeviceId", in.DeviceId)
}

func (in *InitiateDeviceClaimInput) serialize(b *requestBuilder) {
	b.method = http.MethodPut
	b.literal("/devices/")
	b.label(in.DeviceId)
	b.literal("/initiate-claim")
}

func (out *InitiateDeviceClaimOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }

func (out *InitiateDeviceClaimOutput) deserialize(d *wire.Decoder) error {
	return decodeState(d, &out.State)
}
