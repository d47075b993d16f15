package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// InvokeDeviceMethodInput is the input of InvokeDeviceMethod.
type InvokeDeviceMethodInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string

	// DeviceMethod is the method to invoke, as GetDeviceMethods lists them.
	DeviceMethod *DeviceMethod

	// DeviceMethodParameters are the method's parameters, a JSON document
	// sent as a string. Empty sends none.
	DeviceMethodParameters string
}

// InvokeDeviceMethodOutput is the output of InvokeDeviceMethod.
type InvokeDeviceMethodOutput struct {
	// DeviceMethodResponse is the method's response, a JSON document.
	DeviceMethodResponse string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// InvokeDeviceMethod invokes a method of a device, such as
// getDeviceHealthParameters: POST /devices/{deviceId}/methods.
func (c *Client) InvokeDeviceMethod(ctx context.Context, params *InvokeDeviceMethodInput, optFns ...func(*Options)) (*InvokeDeviceMethodOutput, error) {
	return call(ctx, c, opInvokeDeviceMethod, params, optFns)
}

var opInvokeDeviceMethod = &transport.Operation[InvokeDeviceMethodInput, InvokeDeviceMethodOutput]{
	Name: "InvokeDeviceMethod",
	Validate: func(in *InvokeDeviceMethodInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
	},
	Serialize: func(in *InvokeDeviceMethodInput, b *transport.Request) {
		b.Method(http.MethodPost)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/methods")
		b.JSONBody()
		if m := in.DeviceMethod; m != nil {
			b.Member("deviceMethod")
			b.Body = append(b.Body, '{')
			sep := false
			if m.DeviceType != "" {
				b.Body = append(wire.AppendString(b.Body, "deviceType"), ':')
				b.Body = wire.AppendString(b.Body, m.DeviceType)
				sep = true
			}
			if m.MethodName != "" {
				if sep {
					b.Body = append(b.Body, ',')
				}
				b.Body = append(wire.AppendString(b.Body, "methodName"), ':')
				b.Body = wire.AppendString(b.Body, m.MethodName)
			}
			b.Body = append(b.Body, '}')
		}
		if in.DeviceMethodParameters != "" {
			b.Member("deviceMethodParameters")
			b.Body = wire.AppendString(b.Body, in.DeviceMethodParameters)
		}
		b.EndBody()
	},
	Deserialize: func(out *InvokeDeviceMethodOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			if key == "deviceMethodResponse" {
				var err error
				out.DeviceMethodResponse, err = d.String()
				return err
			}
			return d.Skip()
		})
	},
	Metadata: func(out *InvokeDeviceMethodOutput) *middleware.Metadata { return &out.ResultMetadata },
}
