package projects

import (
	"context"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	// ResourceArn is the ARN of the project. Required.
	ResourceArn string
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	// Tags are the project's tags.
	Tags map[string]string

	// ResultMetadata holds the metadata of the response, as in the official
	// clients: read it with RequestID, Attempts or the awsmiddleware getters.
	ResultMetadata middleware.Metadata
}

// ListTagsForResource lists the tags of a project: GET /tags/{resourceArn}.
// The ARN is sent as one escaped path segment.
func (c *Client) ListTagsForResource(ctx context.Context, params *ListTagsForResourceInput, optFns ...func(*Options)) (*ListTagsForResourceOutput, error) {
	return call(ctx, c, opListTagsForResource, params, optFns)
}

var opListTagsForResource = &transport.Operation[ListTagsForResourceInput, ListTagsForResourceOutput]{
	Name: "ListTagsForResource",
	Validate: func(in *ListTagsForResourceInput, errs *smithy.InvalidParamsError) {
		checkProjectArn(errs, "ResourceArn", in.ResourceArn)
	},
	Serialize: func(in *ListTagsForResourceInput, r *transport.Request) {
		transport.ListTagsRequest(r, in.ResourceArn)
	},
	Deserialize: func(out *ListTagsForResourceOutput, d *wire.Decoder) error {
		return transport.DecodeTags(d, &out.Tags)
	},
	Metadata: func(out *ListTagsForResourceOutput) *middleware.Metadata { return &out.ResultMetadata },
}
