package projects

import (
	"context"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	// ResourceArn is the ARN of the project. Required.
	ResourceArn string

	// TagKeys are the keys of the tags to remove, 1 to 50. Required.
	TagKeys []string
}

// UntagResourceOutput is the output of UntagResource.
type UntagResourceOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UntagResource removes tags from a project: DELETE
// /tags/{resourceArn}?tagKeys=a&tagKeys=b.
func (c *Client) UntagResource(ctx context.Context, params *UntagResourceInput, optFns ...func(*Options)) (*UntagResourceOutput, error) {
	return call(ctx, c, opUntagResource, params, optFns)
}

var opUntagResource = &transport.Operation[UntagResourceInput, UntagResourceOutput]{
	Name: "UntagResource",
	Validate: func(in *UntagResourceInput, errs *smithy.InvalidParamsError) {
		checkProjectArn(errs, "ResourceArn", in.ResourceArn)
		checkTagKeys(errs, "TagKeys", in.TagKeys)
	},
	Serialize: func(in *UntagResourceInput, r *transport.Request) {
		transport.UntagRequest(r, in.ResourceArn, in.TagKeys)
	},
	Metadata: func(out *UntagResourceOutput) *middleware.Metadata { return &out.ResultMetadata },
}
