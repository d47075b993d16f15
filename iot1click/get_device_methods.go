package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// GetDeviceMethodsInput is the input of GetDeviceMethods.
type GetDeviceMethodsInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string
}

// GetDeviceMethodsOutput is the output of GetDeviceMethods.
type GetDeviceMethodsOutput struct {
	// DeviceMethods are the methods that can be invoked on the device.
	DeviceMethods []DeviceMethod

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// GetDeviceMethods lists the methods that can be invoked on a device: GET
// /devices/{deviceId}/methods.
func (c *Client) GetDeviceMethods(ctx context.Context, params *GetDeviceMethodsInput, optFns ...func(*Options)) (*GetDeviceMethodsOutput, error) {
	return call(ctx, c, opGetDeviceMethods, params, optFns)
}

var opGetDeviceMethods = &transport.Operation[GetDeviceMethodsInput, GetDeviceMethodsOutput]{
	Name: "GetDeviceMethods",
	Validate: func(in *GetDeviceMethodsInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *GetDeviceMethodsInput, b *transport.Request) {
		b.Method(http.MethodGet)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/methods")
	},
	Deserialize: func(out *GetDeviceMethodsOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			if key == "deviceMethods" {
				var err error
				out.DeviceMethods, err = decodeDeviceMethods(d)
				return err
			}
			return d.Skip()
		})
	},
	Metadata: func(out *GetDeviceMethodsOutput) *middleware.Metadata { return &out.ResultMetadata },
}
