package projects

import (
	"context"
	"net/http"
	"strconv"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// UpdatePlacementInput is the input of UpdatePlacement.
type UpdatePlacementInput struct {
	// PlacementName is the name of the placement to update. Required.
	PlacementName string

	// ProjectName is the name of the project holding it. Required.
	ProjectName string

	// Attributes, when not nil, are the attributes to change, at most 50:
	// an attribute given the value "" is cleared, the others are set, and
	// attributes not named keep their values. Nil changes nothing.
	Attributes map[string]string
}

// UpdatePlacementOutput is the output of UpdatePlacement.
type UpdatePlacementOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UpdatePlacement changes a placement's attributes: PUT
// /projects/{projectName}/placements/{placementName}.
func (c *Client) UpdatePlacement(ctx context.Context, params *UpdatePlacementInput, optFns ...func(*Options)) (*UpdatePlacementOutput, error) {
	return call(ctx, c, opUpdatePlacement, params, optFns)
}

var opUpdatePlacement = &transport.Operation[UpdatePlacementInput, UpdatePlacementOutput]{
	Name: "UpdatePlacement",
	Validate: func(in *UpdatePlacementInput, errs *smithy.InvalidParamsError) {
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
		if len(in.Attributes) > model.MaxPlacementAttributes {
			errs.Add(transport.ParamError("Attributes", "must hold at most "+strconv.Itoa(model.MaxPlacementAttributes)+" attributes, got "+strconv.Itoa(len(in.Attributes))))
		}
		checkStringMap(errs, "Attributes", "", in.Attributes, model.MaxAttributeValueLen)
	},
	Serialize: func(in *UpdatePlacementInput, r *transport.Request) {
		r.Method(http.MethodPut)
		placementPath(r, in.ProjectName, in.PlacementName)
		r.JSONBody()
		if in.Attributes != nil {
			r.Member("attributes")
			r.Body = wire.AppendStringMap(r.Body, in.Attributes)
		}
		r.EndBody()
	},
	Metadata: func(out *UpdatePlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}
