package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// FinalizeDeviceClaimInput is the input of FinalizeDeviceClaim.
type FinalizeDeviceClaimInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string

	// Tags are tags to put on the claimed device. Nil sends none.
	Tags map[string]string
}

// FinalizeDeviceClaimOutput is the output of FinalizeDeviceClaim.
type FinalizeDeviceClaimOutput struct {
	// State is the device's claim state, StateClaimed.
	State string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// FinalizeDeviceClaim completes the claim of a device after
// InitiateDeviceClaim and a device event: PUT
// /devices/{deviceId}/finalize-claim. The claimed device starts disabled.
func (c *Client) FinalizeDeviceClaim(ctx context.Context, params *FinalizeDeviceClaimInput, optFns ...func(*Options)) (*FinalizeDeviceClaimOutput, error) {
	return call(ctx, c, opFinalizeDeviceClaim, params, optFns)
}

var opFinalizeDeviceClaim = &transport.Operation[FinalizeDeviceClaimInput, FinalizeDeviceClaimOutput]{
	Name: "FinalizeDeviceClaim",
	Validate: func(in *FinalizeDeviceClaimInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *FinalizeDeviceClaimInput, b *transport.Request) {
		b.Method(http.MethodPut)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/finalize-claim")
		b.JSONBody()
		if in.Tags != nil {
			b.Member("tags")
			b.Body = wire.AppendStringMap(b.Body, in.Tags)
		}
		b.EndBody()
	},
	Deserialize: func(out *FinalizeDeviceClaimOutput, d *wire.Decoder) error {
		return decodeState(d, &out.State)
	},
	Metadata: func(out *FinalizeDeviceClaimOutput) *middleware.Metadata { return &out.ResultMetadata },
}
