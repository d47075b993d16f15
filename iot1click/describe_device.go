package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// DescribeDeviceInput is the input of DescribeDevice.
type DescribeDeviceInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string
}

// DescribeDeviceOutput is the output of DescribeDevice.
type DescribeDeviceOutput struct {
	// DeviceDescription describes the device. The service always sends it,
	// but it is nil when a response carries no deviceDescription member or
	// carries null, which is read as absent; check it before reading its
	// fields from a server other than the service. A deviceDescription that
	// is not an object is a *smithy.DeserializationError.
	DeviceDescription *DeviceDescription

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// DescribeDevice returns the details of a device: GET /devices/{deviceId}.
func (c *Client) DescribeDevice(ctx context.Context, params *DescribeDeviceInput, optFns ...func(*Options)) (*DescribeDeviceOutput, error) {
	return call(ctx, c, opDescribeDevice, params, optFns)
}

var opDescribeDevice = &transport.Operation[DescribeDeviceInput, DescribeDeviceOutput]{
	Name: "DescribeDevice",
	Validate: func(in *DescribeDeviceInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *DescribeDeviceInput, b *transport.Request) {
		b.Method(http.MethodGet)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
	},
	Deserialize: func(out *DescribeDeviceOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			if key != "deviceDescription" || d.Peek() == wire.KindNull {
				return nil // skipped by Object
			}
			out.DeviceDescription = new(DeviceDescription)
			return decodeDeviceDescription(d, out.DeviceDescription, nil)
		})
	},
	Metadata: func(out *DescribeDeviceOutput) *middleware.Metadata { return &out.ResultMetadata },
}
