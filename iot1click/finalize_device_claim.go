package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

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
	if params == nil {
		params = &FinalizeDeviceClaimInput{}
	}
	return call[FinalizeDeviceClaimOutput](ctx, c, "FinalizeDeviceClaim", params, optFns)
}

func (in *FinalizeDeviceClaimInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "DeviceId", in.DeviceId)
}

func (in *FinalizeDeviceClaimInput) serialize(b *requestBuilder) {
	b.method = http.MethodPut
	b.literal("/devices/")
	b.label(in.DeviceId)
	b.literal("/finalize-claim")
	b.jsonBody()
	if in.Tags != nil {
		b.member("tags")
		b.body = wire.AppendStringMap(b.body, in.Tags)
	}
	b.endBody()
}

func (out *FinalizeDeviceClaimOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }

func (out *FinalizeDeviceClaimOutput) deserialize(d *wire.Decoder) error {
	return decodeState(d, &out.State)
}
