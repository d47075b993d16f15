package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ListDevicesInput is the input of ListDevices.
type ListDevicesInput struct {
	// DeviceType, when set, lists only devices of that type, such as
	// "button".
	DeviceType string

	// MaxResults is the largest number of devices to return in one page,
	// 1 to 250. Zero means the service default (100).
	MaxResults int32

	// NextToken is the token of the page to return, from a previous
	// output's NextToken. Empty for the first page.
	NextToken string
}

// ListDevicesOutput is the output of ListDevices.
//
// Strings in the output share the memory of the response they were decoded
// from (zero-copy, see Memory in the package doc): a caller that keeps a
// small string, such as a device ID, from a large page after dropping the
// rest should keep strings.Clone of it. Paginators and iterators keep no
// page past its own.
type ListDevicesOutput struct {
	// Devices are the devices of this page.
	Devices []DeviceDescription

	// NextToken is the token of the next page, empty on the last page.
	NextToken string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ListDevices lists the devices of the caller's account, one page at a
// time: GET /devices. NewListDevicesPaginator and Client.AllDevices walk
// every page.
func (c *Client) ListDevices(ctx context.Context, params *ListDevicesInput, optFns ...func(*Options)) (*ListDevicesOutput, error) {
	return call(ctx, c, opListDevices, params, optFns)
}

var opListDevices = &transport.Operation[ListDevicesInput, ListDevicesOutput]{
	Name: "ListDevices",
	Validate: func(in *ListDevicesInput, errs *smithy.InvalidParamsError) {
		transport.CheckMaxResults(errs, in.MaxResults)
	},
	Serialize: func(in *ListDevicesInput, b *transport.Request) {
		b.Method(http.MethodGet)
		b.Literal("/devices")
		if in.DeviceType != "" {
			b.Query("deviceType", in.DeviceType)
		}
		if in.MaxResults != 0 {
			b.QueryInt("maxResults", int64(in.MaxResults))
		}
		if in.NextToken != "" {
			b.Query("nextToken", in.NextToken)
		}
	},
	Deserialize: func(out *ListDevicesOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "devices":
				out.Devices, err = decodeDeviceDescriptions(d)
			case "nextToken":
				out.NextToken, err = d.String()
			default:
				err = d.Skip()
			}
			return err
		})
	},
	Metadata: func(out *ListDevicesOutput) *middleware.Metadata { return &out.ResultMetadata },
}
