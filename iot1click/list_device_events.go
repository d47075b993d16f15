package iot1click

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ListDeviceEventsInput is the input of ListDeviceEvents.
type ListDeviceEventsInput struct {
	// DeviceId is the unique identifier of the device. Required.
	DeviceId string

	// FromTimeStamp is the start of the time range of events to list.
	// Required. Sent in UTC with millisecond precision.
	FromTimeStamp time.Time

	// ToTimeStamp is the end of the time range of events to list. Required;
	// not before FromTimeStamp.
	ToTimeStamp time.Time

	// MaxResults is the largest number of events to return in one page,
	// 1 to 250. Zero means the service default (100).
	MaxResults int32

	// NextToken is the token of the page to return, from a previous
	// output's NextToken. Empty for the first page.
	NextToken string
}

// ListDeviceEventsOutput is the output of ListDeviceEvents.
//
// Strings in the output share the memory of the response they were decoded
// from (zero-copy, see Memory in the package doc): a caller that keeps a
// small string, such as a device ID, from a large page after dropping the
// rest should keep strings.Clone of it. Paginators and iterators keep no
// page past its own.
type ListDeviceEventsOutput struct {
	// Events are the events of this page.
	Events []DeviceEvent

	// NextToken is the token of the next page, empty on the last page.
	NextToken string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ListDeviceEvents lists the events a device published in a time range,
// one page at a time: GET /devices/{deviceId}/events.
// NewListDeviceEventsPaginator and Client.AllDeviceEvents walk every page.
func (c *Client) ListDeviceEvents(ctx context.Context, params *ListDeviceEventsInput, optFns ...func(*Options)) (*ListDeviceEventsOutput, error) {
	return call(ctx, c, opListDeviceEvents, params, optFns)
}

var opListDeviceEvents = &transport.Operation[ListDeviceEventsInput, ListDeviceEventsOutput]{
	Name: "ListDeviceEvents",
	Validate: func(in *ListDeviceEventsInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "DeviceId", in.DeviceId)
		if in.FromTimeStamp.IsZero() {
			errs.Add(smithy.NewErrParamRequired("FromTimeStamp"))
		}
		if in.ToTimeStamp.IsZero() {
			errs.Add(smithy.NewErrParamRequired("ToTimeStamp"))
		}
		if !in.FromTimeStamp.IsZero() && !in.ToTimeStamp.IsZero() && in.FromTimeStamp.After(in.ToTimeStamp) {
			errs.Add(transport.ParamError("FromTimeStamp", "must not be after ToTimeStamp"))
		}
		transport.CheckMaxResults(errs, in.MaxResults)
	},
	Serialize: func(in *ListDeviceEventsInput, b *transport.Request) {
		b.Method(http.MethodGet)
		b.Literal("/devices/")
		b.Label(in.DeviceId)
		b.Literal("/events")
		b.QueryTime("fromTimeStamp", in.FromTimeStamp)
		if in.MaxResults != 0 {
			b.QueryInt("maxResults", int64(in.MaxResults))
		}
		if in.NextToken != "" {
			b.Query("nextToken", in.NextToken)
		}
		b.QueryTime("toTimeStamp", in.ToTimeStamp)
	},
	Deserialize: func(out *ListDeviceEventsOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "events":
				out.Events, err = decodeDeviceEvents(d)
			case "nextToken":
				out.NextToken, err = d.String()
			default:
				err = d.Skip()
			}
			return err
		})
	},
	Metadata: func(out *ListDeviceEventsOutput) *middleware.Metadata { return &out.ResultMetadata },
}
