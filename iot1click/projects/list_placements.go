package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ListPlacementsInput is the input of ListPlacements.
type ListPlacementsInput struct {
	// ProjectName is the name of the project whose placements to list.
	// Required.
	ProjectName string

	// MaxResults is the largest number of placements to return in one page,
	// 1 to 250. Zero means the service default (100).
	MaxResults int32

	// NextToken is the token of the page to return, from a previous
	// output's NextToken. Empty for the first page.
	NextToken string
}

// ListPlacementsOutput is the output of ListPlacements.
//
// Strings in the output share the memory of the response they were decoded
// from: a caller that keeps a small string from a large page after
// dropping the rest should keep strings.Clone of it.
type ListPlacementsOutput struct {
	// Placements are the placements of this page.
	Placements []PlacementSummary

	// NextToken is the token of the next page, empty on the last page.
	NextToken string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ListPlacements lists the placements of a project, one page at a time:
// GET /projects/{projectName}/placements. NewListPlacementsPaginator and
// Client.AllPlacements walk every page.
func (c *Client) ListPlacements(ctx context.Context, params *ListPlacementsInput, optFns ...func(*Options)) (*ListPlacementsOutput, error) {
	return call(ctx, c, opListPlacements, params, optFns)
}

var opListPlacements = &transport.Operation[ListPlacementsInput, ListPlacementsOutput]{
	Name: "ListPlacements",
	Validate: func(in *ListPlacementsInput, errs *smithy.InvalidParamsError) {
		checkProjectName(errs, "ProjectName", in.ProjectName)
		transport.CheckMaxResults(errs, in.MaxResults)
		checkNextToken(errs, in.NextToken)
	},
	Serialize: func(in *ListPlacementsInput, r *transport.Request) {
		r.Method(http.MethodGet)
		r.Literal("/projects/")
		r.Label(in.ProjectName)
		r.Literal("/placements")
		serializePage(r, in.MaxResults, in.NextToken)
	},
	Deserialize: func(out *ListPlacementsOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "placements":
				out.Placements, err = decodePlacementSummaries(d)
			case "nextToken":
				out.NextToken, err = d.String()
			default:
				err = d.Skip()
			}
			return err
		})
	},
	Metadata: func(out *ListPlacementsOutput) *middleware.Metadata { return &out.ResultMetadata },
}
