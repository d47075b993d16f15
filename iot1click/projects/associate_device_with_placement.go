package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// AssociateDeviceWithPlacementInput is the input of
// AssociateDeviceWithPlacement.
type AssociateDeviceWithPlacementInput struct {
	// DeviceId is the ID of the claimed device to place, at most 32 bytes.
	// Required.
	DeviceId string

	// DeviceTemplateName is the device template of the project that the
	// device takes in the placement. Required.
	DeviceTemplateName string

	// PlacementName is the name of the placement. Required.
	PlacementName string

	// ProjectName is the name of the project holding it. Required.
	ProjectName string
}

// AssociateDeviceWithPlacementOutput is the output of
// AssociateDeviceWithPlacement.
type AssociateDeviceWithPlacementOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// AssociateDeviceWithPlacement places a device in a placement under one of
// the project's device templates: PUT
// /projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}.
// From then on the device's clicks invoke the template's onClickCallback
// with the placement's attributes.
func (c *Client) AssociateDeviceWithPlacement(ctx context.Context, params *AssociateDeviceWithPlacementInput, optFns ...func(*Options)) (*AssociateDeviceWithPlacementOutput, error) {
	return call(ctx, c, opAssociateDeviceWithPlacement, params, optFns)
}

var opAssociateDeviceWithPlacement = &transport.Operation[AssociateDeviceWithPlacementInput, AssociateDeviceWithPlacementOutput]{
	Name: "AssociateDeviceWithPlacement",
	Validate: func(in *AssociateDeviceWithPlacementInput, errs *smithy.InvalidParamsError) {
		if in.DeviceId == "" {
			errs.Add(smithy.NewErrParamRequired("DeviceId"))
		}
		checkLen(errs, "DeviceId", in.DeviceId, model.MaxProjectsDeviceIDLen)
		checkTemplateName(errs, "DeviceTemplateName", in.DeviceTemplateName)
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
	},
	Serialize: func(in *AssociateDeviceWithPlacementInput, r *transport.Request) {
		r.Method(http.MethodPut)
		devicePath(r, in.ProjectName, in.PlacementName, in.DeviceTemplateName)
		r.JSONBody()
		r.Member("deviceId")
		r.Body = wire.AppendString(r.Body, in.DeviceId)
		r.EndBody()
	},
	Metadata: func(out *AssociateDeviceWithPlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}

// devicePath writes the path of a device template's slot in a placement,
// /projects/{projectName}/placements/{placementName}/devices/{deviceTemplateName}.
func devicePath(r *transport.Request, projectName, placementName, templateName string) {
	placementPath(r, projectName, placementName)
	r.Literal("/devices/")
	r.Label(templateName)
}
