package projects

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// DescribeProjectInput is the input of DescribeProject.
type DescribeProjectInput struct {
	// ProjectName is the name of the project to describe. Required.
	ProjectName string
}

// DescribeProjectOutput is the output of DescribeProject.
type DescribeProjectOutput struct {
	// Project describes the project. The service always sends it, but it is
	// nil when a response carries no project member or carries null; check
	// it before reading its fields from a server other than the service.
	Project *ProjectDescription

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// DescribeProject returns a project's description, its placement template
// included: GET /projects/{projectName}.
func (c *Client) DescribeProject(ctx context.Context, params *DescribeProjectInput, optFns ...func(*Options)) (*DescribeProjectOutput, error) {
	return call(ctx, c, opDescribeProject, params, optFns)
}

var opDescribeProject = &transport.Operation[DescribeProjectInput, DescribeProjectOutput]{
	Name: "DescribeProject",
	Validate: func(in *DescribeProjectInput, errs *smithy.InvalidParamsError) {
		checkProjectName(errs, "ProjectName", in.ProjectName)
	},
	Serialize: func(in *DescribeProjectInput, r *transport.Request) {
		r.Method(http.MethodGet)
		r.Literal("/projects/")
		r.Label(in.ProjectName)
	},
	Deserialize: func(out *DescribeProjectOutput, d *wire.Decoder) error {
		return decodeMember(d, "project", func() error {
			if d.Peek() == wire.KindNull {
				return d.Skip()
			}
			out.Project = new(ProjectDescription)
			return decodeProjectDescription(d, out.Project)
		})
	},
	Metadata: func(out *DescribeProjectOutput) *middleware.Metadata { return &out.ResultMetadata },
}
