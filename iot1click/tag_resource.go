package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	// ResourceArn is the ARN of the device. Required.
	ResourceArn string

	// Tags are the tags to add or update. Required (may be empty).
	Tags map[string]string
}

// TagResourceOutput is the output of TagResource.
type TagResourceOutput struct {
	noBody
	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// TagResource adds or updates tags of a resource: POST /tags/{resource-arn}.
func (c *Client) TagResource(ctx context.Context, params *TagResourceInput, optFns ...func(*Options)) (*TagResourceOutput, error) {
	if params == nil {
		params = &TagResourceInput{}
	}
	return call[TagResourceOutput](ctx, c, "TagResource", params, optFns)
}

func (in *TagResourceInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "ResourceArn", in.ResourceArn)
	if in.Tags == nil {
		errs.Add(smithy.NewErrParamRequired("Tags"))
	}
}

func (in *TagResourceInput) serialize(b *requestBuilder) {
	b.method = http.MethodPost
	b.literal("/tags/")
	b.label(in.ResourceArn)
	b.jsonBody()
	b.member("tags")
	b.body = wire.AppendStringMap(b.body, in.Tags)
	b.endBody()
}

func (out *TagResourceOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }
