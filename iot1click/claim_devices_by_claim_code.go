package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ClaimDevicesByClaimCodeInput is the input of ClaimDevicesByClaimCode.
type ClaimDevicesByClaimCodeInput struct {
	// ClaimCode is the claim code received with the devices, such as
	// "C-123EXAMPLE". Required.
	ClaimCode string
}

// ClaimDevicesByClaimCodeOutput is the output of ClaimDevicesByClaimCode.
type ClaimDevicesByClaimCodeOutput struct {
	// ClaimCode is the claim code processed.
	ClaimCode string

	// Total is the number of devices the claim code claimed, nil when the
	// service did not say.
	Total *int32

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ClaimDevicesByClaimCode claims every device that came with a claim code
// into the caller's account: PUT /claims/{claimCode}.
func (c *Client) ClaimDevicesByClaimCode(ctx context.Context, params *ClaimDevicesByClaimCodeInput, optFns ...func(*Options)) (*ClaimDevicesByClaimCodeOutput, error) {
	return call(ctx, c, opClaimDevicesByClaimCode, params, optFns)
}

var opClaimDevicesByClaimCode = &transport.Operation[ClaimDevicesByClaimCodeInput, ClaimDevicesByClaimCodeOutput]{
	Name: "ClaimDevicesByClaimCode",
	Validate: func(in *ClaimDevicesByClaimCodeInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "ClaimCode", in.ClaimCode)
	},
	Serialize: func(in *ClaimDevicesByClaimCodeInput, b *transport.Request) {
		b.Method(http.MethodPut)
		b.Literal("/claims/")
		b.Label(in.ClaimCode)
	},
	Deserialize: func(out *ClaimDevicesByClaimCodeOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "claimCode":
				out.ClaimCode, err = d.String()
			case "total":
				if d.Peek() == wire.KindNull {
					return d.Skip()
				}
				var t int32
				if t, err = d.Int32(); err == nil {
					out.Total = &t
				}
			default:
				err = d.Skip()
			}
			return err
		})
	},
	Metadata: func(out *ClaimDevicesByClaimCodeOutput) *middleware.Metadata { return &out.ResultMetadata },
}
