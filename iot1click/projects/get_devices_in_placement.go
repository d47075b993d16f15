package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// GetDevicesInPlacementInput is the input of GetDevicesInPlacement.
type GetDevicesInPlacementInput struct {
	// PlacementName is the name of the placement. Required.
	PlacementName string

	// ProjectName is the name of the project holding it. Required.
	ProjectName string
}

// GetDevicesInPlacementOutput is the output of GetDevicesInPlacement.
type GetDevicesInPlacementOutput struct {
	// Devices maps the device template names of the placement's devices to
	// their device IDs; a template with no device is absent.
	Devices map[string]string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// GetDevicesInPlacement returns the devices of a placement: GET
// /projects/{projectName}/placements/{placementName}/devices.
func (c *Client) GetDevicesInPlacement(ctx context.Context, params *GetDevicesInPlacementInput, optFns ...func(*Options)) (*GetDevicesInPlacementOutput, error) {
	return call(ctx, c, opGetDevicesInPlacement, params, optFns)
}

var opGetDevicesInPlacement = &transport.Operation[GetDevicesInPlacementInput, GetDevicesInPlacementOutput]{
	Name: "GetDevicesInPlacement",
	Validate: func(in *GetDevicesInPlacementInput, errs *smithy.InvalidParamsError) {
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
	},
	Serialize: func(in *GetDevicesInPlacementInput, r *transport.Request) {
		r.Method(http.MethodGet)
		placementPath(r, in.ProjectName, in.PlacementName)
		r.Literal("/devices")
	},
	Deserialize: func(out *GetDevicesInPlacementOutput, d *wire.Decoder) error {
		return decodeMember(d, "devices", func() (err error) {
			out.Devices, err = d.StringMap()
			return err
		})
	},
	Metadata: func(out *GetDevicesInPlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}
