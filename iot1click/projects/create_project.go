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

// CreateProjectInput is the input of CreateProject.
type CreateProjectInput struct {
	// ProjectName is the name of the project to create: 1 to 128 of
	// A-Z a-z 0-9 _ -. Required.
	ProjectName string

	// Description is the project's description, at most 500 bytes. Empty
	// means none.
	Description string

	// PlacementTemplate defines the project's placements: their default
	// attributes and device templates. Device template names cannot change
	// once the project exists. Nil means none.
	PlacementTemplate *PlacementTemplate

	// Tags are the project's tags, 1 to 50. Nil means none.
	Tags map[string]string
}

// CreateProjectOutput is the output of CreateProject.
type CreateProjectOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// CreateProject creates a project with a placement template: POST
// /projects. A project of the same name is a *ResourceConflictException.
func (c *Client) CreateProject(ctx context.Context, params *CreateProjectInput, optFns ...func(*Options)) (*CreateProjectOutput, error) {
	return call(ctx, c, opCreateProject, params, optFns)
}

var opCreateProject = &transport.Operation[CreateProjectInput, CreateProjectOutput]{
	Name: "CreateProject",
	Validate: func(in *CreateProjectInput, errs *smithy.InvalidParamsError) {
		checkProjectName(errs, "ProjectName", in.ProjectName)
		checkLen(errs, "Description", in.Description, model.MaxDescriptionLen)
		checkPlacementTemplate(errs, "PlacementTemplate", in.PlacementTemplate)
		checkTags(errs, "Tags", in.Tags)
	},
	Serialize: func(in *CreateProjectInput, r *transport.Request) {
		r.Method(http.MethodPost)
		r.Literal("/projects")
		r.JSONBody()
		r.Member("projectName")
		r.Body = wire.AppendString(r.Body, in.ProjectName)
		if in.Description != "" {
			r.Member("description")
			r.Body = wire.AppendString(r.Body, in.Description)
		}
		if in.PlacementTemplate != nil {
			r.Member("placementTemplate")
			r.Body = appendPlacementTemplate(r.Body, in.PlacementTemplate)
		}
		if in.Tags != nil {
			r.Member("tags")
			r.Body = wire.AppendStringMap(r.Body, in.Tags)
		}
		r.EndBody()
	},
	Metadata: func(out *CreateProjectOutput) *middleware.Metadata { return &out.ResultMetadata },
}
