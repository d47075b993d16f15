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

// UpdateProjectInput is the input of UpdateProject. Only the fields given
// change; an empty string clears a value.
type UpdateProjectInput struct {
	// ProjectName is the name of the project to update. Required.
	ProjectName string

	// Description, when not nil, is the project's new description, at most
	// 500 bytes: aws.String("") clears it. Nil leaves it unchanged.
	Description *string

	// PlacementTemplate, when not nil, changes the project's default
	// attributes and its device templates' callbacks: an attribute or
	// callback given the value "" is cleared. Device template names are
	// fixed: a template the project does not have is refused. Nil leaves
	// the template unchanged.
	PlacementTemplate *PlacementTemplate
}

// UpdateProjectOutput is the output of UpdateProject.
type UpdateProjectOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UpdateProject changes a project's description or placement template:
// PUT /projects/{projectName}. Only the fields given change.
func (c *Client) UpdateProject(ctx context.Context, params *UpdateProjectInput, optFns ...func(*Options)) (*UpdateProjectOutput, error) {
	return call(ctx, c, opUpdateProject, params, optFns)
}

var opUpdateProject = &transport.Operation[UpdateProjectInput, UpdateProjectOutput]{
	Name: "UpdateProject",
	Validate: func(in *UpdateProjectInput, errs *smithy.InvalidParamsError) {
		checkProjectName(errs, "ProjectName", in.ProjectName)
		if in.Description != nil {
			checkLen(errs, "Description", *in.Description, model.MaxDescriptionLen)
		}
		checkPlacementTemplate(errs, "PlacementTemplate", in.PlacementTemplate)
	},
	Serialize: func(in *UpdateProjectInput, r *transport.Request) {
		r.Method(http.MethodPut)
		r.Literal("/projects/")
		r.Label(in.ProjectName)
		r.JSONBody()
		if in.Description != nil {
			r.Member("description")
			r.Body = wire.AppendString(r.Body, *in.Description)
		}
		if in.PlacementTemplate != nil {
			r.Member("placementTemplate")
			r.Body = appendPlacementTemplate(r.Body, in.PlacementTemplate)
		}
		r.EndBody()
	},
	Metadata: func(out *UpdateProjectOutput) *middleware.Metadata { return &out.ResultMetadata },
}
