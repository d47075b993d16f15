package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
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
	noBody
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// UntagResource removes tags from a resource: DELETE
// /tags/{resource-arn}?tagKeys=a&tagKeys=b.
func (c *Client) UntagResource(ctx context.Context, params *UntagResourceInput, optFns ...func(*Options)) (*UntagResourceOutput, error) {
	if params == nil {
		params = &UntagResourceInput{}
	}
	return call[UntagResourceOutput](ctx, c, "UntagResource", params, optFns)
}

func (in *UntagResourceInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "ResourceArn", in.ResourceArn)
	if len(in.TagKeys) == 0 {
		errs.Add(smithy.NewErrParamRequired("TagKeys"))
	}
}

func (in *UntagResourceInput) serialize(b *requestBuilder) {
	b.method = http.MethodDelete
	b.literal("/tags/")
	b.label(in.ResourceArn)
	for _, k := range in.TagKeys {
		b.queryParam("tagKeys", k)
	}
}

func (out *UntagResourceOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }
