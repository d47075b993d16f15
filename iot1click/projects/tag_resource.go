package projects

import (
	"context"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	// ResourceArn is the ARN of the project,
	// arn:aws:iot1click:{region}:{account}:projects/{projectName}. Required.
	ResourceArn string

	// Tags are the tags to add or change, 1 to 50. Required.
	Tags map[string]string
}

// TagResourceOutput is the output of TagResource.
type TagResourceOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// TagResource adds or changes tags of a project: POST /tags/{resourceArn}.
func (c *Client) TagResource(ctx context.Context, params *TagResourceInput, optFns ...func(*Options)) (*TagResourceOutput, error) {
	return call(ctx, c, opTagResource, params, optFns)
}

var opTagResource = &transport.Operation[TagResourceInput, TagResourceOutput]{
	Name: "TagResource",
	Validate: func(in *TagResourceInput, errs *smithy.InvalidParamsError) {
		checkProjectArn(errs, "ResourceArn", in.ResourceArn)
		if in.Tags == nil {
			errs.Add(smithy.NewErrParamRequired("Tags"))
		}
		checkTags(errs, "Tags", in.Tags)
	},
	Serialize: func(in *TagResourceInput, r *transport.Request) {
		transport.TagRequest(r, in.ResourceArn, in.Tags)
	},
	Metadata: func(out *TagResourceOutput) *middleware.Metadata { return &out.ResultMetadata },
}
