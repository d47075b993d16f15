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

// CreatePlacementInput is the input of CreatePlacement.
type CreatePlacementInput struct {
	// PlacementName is the name of the placement to create: 1 to 128 of
	// a-z A-Z 0-9 _ -. Required.
	PlacementName string

	// ProjectName is the name of the project to create it in. Required.
	ProjectName string

	// Attributes are the placement's attributes, such as a room or a desk;
	// they take precedence over the project's default attributes. Nil means
	// none.
	Attributes map[string]string
}

// CreatePlacementOutput is the output of CreatePlacement.
type CreatePlacementOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// CreatePlacement creates an empty placement in a project: POST
// /projects/{projectName}/placements. A placement of the same name is a
// *ResourceConflictException.
func (c *Client) CreatePlacement(ctx context.Context, params *CreatePlacementInput, optFns ...func(*Options)) (*CreatePlacementOutput, error) {
	return call(ctx, c, opCreatePlacement, params, optFns)
}

var opCreatePlacement = &transport.Operation[CreatePlacementInput, CreatePlacementOutput]{
	Name: "CreatePlacement",
	Validate: func(in *CreatePlacementInput, errs *smithy.InvalidParamsError) {
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
		checkStringMap(errs, "Attributes", "", in.Attributes, model.MaxAttributeValueLen)
	},
	Serialize: func(in *CreatePlacementInput, r *transport.Request) {
		r.Method(http.MethodPost)
		r.Literal("/projects/")
		r.Label(in.ProjectName)
		r.Literal("/placements")
		r.JSONBody()
		r.Member("placementName")
		r.Body = wire.AppendString(r.Body, in.PlacementName)
		if in.Attributes != nil {
			r.Member("attributes")
			r.Body = wire.AppendStringMap(r.Body, in.Attributes)
		}
		r.EndBody()
	},
	Metadata: func(out *CreatePlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}
