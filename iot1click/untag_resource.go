package iot1click

import (
	"context"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	// ResourceArn is the ARN of the device. Required.
	ResourceArn string

	// TagKeys are the keys of the tags to remove. Required, at least one.
	TagKeys []string
}

// UntagResourceOutput is the output of UntagResource.
type UntagResourceOutput struct {
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UntagResource removes tags from a resource: DELETE
// /tags/{resource-arn}?tagKeys=a&tagKeys=b.
func (c *Client) UntagResource(ctx context.Context, params *UntagResourceInput, optFns ...func(*Options)) (*UntagResourceOutput, error) {
	return call(ctx, c, opUntagResource, params, optFns)
}

var opUntagResource = &transport.Operation[UntagResourceInput, UntagResourceOutput]{
	Name: "UntagResource",
	Validate: func(in *UntagResourceInput, errs *smithy.InvalidParamsError) {
		transport.RequireLabel(errs, "ResourceArn", in.ResourceArn)
		if len(in.TagKeys) == 0 {
			errs.Add(smithy.NewErrParamRequired("TagKeys"))
		}
	},
	Serialize: func(in *UntagResourceInput, r *transport.Request) {
		transport.UntagRequest(r, in.ResourceArn, in.TagKeys)
	},
	Metadata: func(out *UntagResourceOutput) *middleware.Metadata { return &out.ResultMetadata },
}
