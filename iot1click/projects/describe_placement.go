package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// DescribePlacementInput is the input of DescribePlacement.
type DescribePlacementInput struct {
	// PlacementName is the name of the placement to describe. Required.
	PlacementName string

	// ProjectName is the name of the project holding it. Required.
	ProjectName string
}

// DescribePlacementOutput is the output of DescribePlacement.
type DescribePlacementOutput struct {
	// Placement describes the placement. The service always sends it, but
	// it is nil when a response carries no placement member or carries
	// null.
	Placement *PlacementDescription

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// DescribePlacement returns a placement's description: GET
// /projects/{projectName}/placements/{placementName}.
func (c *Client) DescribePlacement(ctx context.Context, params *DescribePlacementInput, optFns ...func(*Options)) (*DescribePlacementOutput, error) {
	return call(ctx, c, opDescribePlacement, params, optFns)
}

var opDescribePlacement = &transport.Operation[DescribePlacementInput, DescribePlacementOutput]{
	Name: "DescribePlacement",
	Validate: func(in *DescribePlacementInput, errs *smithy.InvalidParamsError) {
		checkPlacementNames(errs, in.ProjectName, in.PlacementName)
	},
	Serialize: func(in *DescribePlacementInput, r *transport.Request) {
		r.Method(http.MethodGet)
		placementPath(r, in.ProjectName, in.PlacementName)
	},
	Deserialize: func(out *DescribePlacementOutput, d *wire.Decoder) error {
		return decodeMember(d, "placement", func() error {
			if d.Peek() == wire.KindNull {
				return d.Skip()
			}
			out.Placement = new(PlacementDescription)
			return decodePlacementDescription(d, out.Placement)
		})
	},
	Metadata: func(out *DescribePlacementOutput) *middleware.Metadata { return &out.ResultMetadata },
}

// placementPath writes the path of a placement,
// /projects/{projectName}/placements/{placementName}.
func placementPath(r *transport.Request, projectName, placementName string) {
	r.Literal("/projects/")
	r.Label(projectName)
	r.Literal("/placements/")
	r.Label(placementName)
}
