package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ListProjectsInput is the input of ListProjects.
type ListProjectsInput struct {
	// MaxResults is the largest number of projects to return in one page,
	// 1 to 250. Zero means the service default (100).
	MaxResults int32

	// NextToken is the token of the page to return, from a previous
	// output's NextToken. Empty for the first page.
	NextToken string
}

// ListProjectsOutput is the output of ListProjects.
//
// Strings in the output share the memory of the response they were decoded
// from: a caller that keeps a small string from a large page after
// dropping the rest should keep strings.Clone of it.
type ListProjectsOutput struct {
	// Projects are the projects of this page.
	Projects []ProjectSummary

	// NextToken is the token of the next page, empty on the last page.
	NextToken string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ListProjects lists the projects of the caller's account and region, one
// page at a time: GET /projects. NewListProjectsPaginator and
// Client.AllProjects walk every page.
func (c *Client) ListProjects(ctx context.Context, params *ListProjectsInput, optFns ...func(*Options)) (*ListProjectsOutput, error) {
	return call(ctx, c, opListProjects, params, optFns)
}

var opListProjects = &transport.Operation[ListProjectsInput, ListProjectsOutput]{
	Name: "ListProjects",
	Validate: func(in *ListProjectsInput, errs *smithy.InvalidParamsError) {
		transport.CheckMaxResults(errs, in.MaxResults)
		checkNextToken(errs, in.NextToken)
	},
	Serialize: func(in *ListProjectsInput, r *transport.Request) {
		r.Method(http.MethodGet)
		r.Literal("/projects")
		serializePage(r, in.MaxResults, in.NextToken)
	},
	Deserialize: func(out *ListProjectsOutput, d *wire.Decoder) error {
		return d.Object(func(key string) error {
			var err error
			switch key {
			case "projects":
				out.Projects, err = decodeProjectSummaries(d)
			case "nextToken":
				out.NextToken, err = d.String()
			default:
				err = d.Skip()
			}
			return err
		})
	},
	Metadata: func(out *ListProjectsOutput) *middleware.Metadata { return &out.ResultMetadata },
}

// serializePage writes the query of a page request: maxResults and
// nextToken, each when set.
func serializePage(r *transport.Request, maxResults int32, nextToken string) {
	if maxResults != 0 {
		r.QueryInt("maxResults", int64(maxResults))
	}
	if nextToken != "" {
		r.Query("nextToken", nextToken)
	}
}
