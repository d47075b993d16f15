package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// DeleteProjectInput is the input of DeleteProject.
type DeleteProjectInput struct {
	// ProjectName is the name of the project to delete, which must have no
	// placements. Required.
	ProjectName string
}

// DeleteProjectOutput is the output of DeleteProject.
type DeleteProjectOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// DeleteProject deletes a project: DELETE /projects/{projectName}. A
// project that still has placements is refused.
func (c *Client) DeleteProject(ctx context.Context, params *DeleteProjectInput, optFns ...func(*Options)) (*DeleteProjectOutput, error) {
	return call(ctx, c, opDeleteProject, params, optFns)
}

var opDeleteProject = &transport.Operation[DeleteProjectInput, DeleteProjectOutput]{
	Name: "DeleteProject",
	Validate: func(in *DeleteProjectInput, errs *smithy.InvalidParamsError) {
		checkProjectName(errs, "ProjectName", in.ProjectName)
	},
	Serialize: func(in *DeleteProjectInput, r *transport.Request) {
		r.Method(http.MethodDelete)
		r.Literal("/projects/")
		r.Label(in.ProjectName)
	},
	Metadata: func(out *DeleteProjectOutput) *middleware.Metadata { return &out.ResultMetadata },
}
