package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

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
	if params == nil {
		params = &InvokeDeviceMethodInput{}
	}
	return call[InvokeDeviceMethodOutput](ctx, c, "InvokeDeviceMethod", params, optFns)
}

func (in *InvokeDeviceMethodInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "DeviceId", in.DeviceId)
}

func (in *InvokeDeviceMethodInput) serialize(b *requestBuilder) {
	b.method = http.MethodPost
	b.literal("/devices/")
	b.label(in.DeviceId)
	b.literal("/methods")
	b.jsonBody()
	if m := in.DeviceMethod; m != nil {
		b.member("deviceMethod")
		b.body = append(b.body, '{')
		sep := false
		if m.DeviceType != "" {
			b.body = append(wire.AppendString(b.body, "deviceType"), ':')
			b.body = wire.AppendString(b.body, m.DeviceType)
			sep = true
		}
		if m.MethodName != "" {
			if sep {
				b.body = append(b.body, ',')
			}
			b.body = append(wire.AppendString(b.body, "methodName"), ':')
			b.body = wire.AppendString(b.body, m.MethodName)
		}
		b.body = append(b.body, '}')
	}
	if in.DeviceMethodParameters != "" {
		b.member("deviceMethodParameters")
		b.body = wire.AppendString(b.body, in.DeviceMethodParameters)
	}
	b.endBody()
}

func (out *InvokeDeviceMethodOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }

func (out *InvokeDeviceMethodOutput) deserialize(d *wire.Decoder) error {
	return d.Object(func(key string) error {
		if key == "deviceMethodResponse" {
			var err error
			out.DeviceMethodResponse, err = d.String()
			return err
		}
		return d.Skip()
	})
}
