package iot1click

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	// ResourceArn is the ARN of the device. Required.
	ResourceArn string
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	// Tags are the resource's tags.
	Tags map[string]string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ListTagsForResource lists the tags of a resource: GET
// /tags/{resource-arn}. The ARN is sent as one escaped path segment.
func (c *Client) ListTagsForResource(ctx context.Context, params *ListTagsForResourceInput, optFns ...func(*Options)) (*ListTagsForResourceOutput, error) {
	if params == nil {
		params = &ListTagsForResourceInput{}
	}
	return call[ListTagsForResourceOutput](ctx, c, "ListTagsForResource", params, optFns)
}

func (in *ListTagsForResourceInput) validate(errs *smithy.InvalidParamsError) {
	requireLabel(errs, "ResourceArn", in.ResourceArn)
}

func (in *ListTagsForResourceInput) serialize(b *requestBuilder) {
	b.method = http.MethodGet
	b.literal("/tags/")
	b.label(in.ResourceArn)
}

func (out *ListTagsForResourceOutput) metadata() *middleware.Metadata { return &out.ResultMetadata }

func (out *ListTagsForResourceOutput) deserialize(d *wire.Decoder) error {
	return decodeTags(d, &out.Tags)
}
