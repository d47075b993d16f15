package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// DisassociateDeviceFromPlacementInput is the input of
// DisassociateDeviceFromPlacement.
type DisassociateDeviceFromPlacementInput struct {
	// DeviceTemplateName is the device template whose device to remove.
	// Required.
	DeviceTemplateName string

	// PlacementName is the name of the placement. Required.
	PlacementName string

	// ProjectName is the name of the project holding it. Required.
	ProjectName string
}

// DisassociateDeviceFromPlacementOutput is the output of
// DisassociateDeviceFromPlacement.
type DisassociateDeviceFromPlacementOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// DisassociateDeviceFromPlacement removes a device from a placement:
// DELETE
// /projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}.
func (c *Client) DisassociateDeviceFromPlacement(ctx context.Context, params *DisassociateDeviceFromPlacementInput, optFns ...func(*Options)) (*DisassociateDeviceFromPlacementOutput, error) {
	return call(ctx, c, opDisassociateDeviceFromPlacement, params, optFns)
}

var opDisassociateDeviceFromPlacement = &transport.Operation[DisassociateDeviceFromPlacementInput, DisassociateDeviceFromPlacementOutput]{
	Name: "DisassociateDeviceFromPlacement",
	Validate: func(in *DisassociateDeviceFromPlacementInput, errs *smithy.InvalidParamsError) {
		checkTemplateName(errs, "DeviceTemplateName", in.DeviceTemplateName)
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
	},
	Serialize: func(in *DisassociateDeviceFromPlacementInput, r *transport.Request) {
		r.Method(http.MethodDelete)
		devicePath(r, in.ProjectName, in.PlacementName, in.DeviceTemplateName)
	},
	Metadata: func(out *DisassociateDeviceFromPlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}
