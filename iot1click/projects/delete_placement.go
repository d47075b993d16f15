package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// DeletePlacementInput is the input of DeletePlacement.
type DeletePlacementInput struct {
	// PlacementName is the name of the placement to delete, which must have
	// no devices. Required.
	PlacementName string

	// ProjectName is the name of the project holding it. Required.
	ProjectName string
}

// DeletePlacementOutput is the output of DeletePlacement.
type DeletePlacementOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// DeletePlacement deletes a placement: DELETE
// /projects/{projectName}/placements/{placementName}. A placement that
// still has devices is refused.
func (c *Client) DeletePlacement(ctx context.Context, params *DeletePlacementInput, optFns ...func(*Options)) (*DeletePlacementOutput, error) {
	return call(ctx, c, opDeletePlacement, params, optFns)
}

var opDeletePlacement = &transport.Operation[DeletePlacementInput, DeletePlacementOutput]{
	Name: "DeletePlacement",
	Validate: func(in *DeletePlacementInput, errs *smithy.InvalidParamsError) {
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
	},
	Serialize: func(in *DeletePlacementInput, r *transport.Request) {
		r.Method(http.MethodDelete)
		placementPath(r, in.ProjectName, in.PlacementName)
	},
	Metadata: func(out *DeletePlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}
