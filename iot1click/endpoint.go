package iot1click

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/iot1click-sdk/iot1click-go/internal/endpoints"
	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// EndpointParameters are the inputs of endpoint resolution, as in the
// service's endpoint rule set.
type EndpointParameters struct {
	// Region is the region to send requests to.
	Region *string
	// UseFIPS selects the FIPS endpoint.
	UseFIPS *bool
	// UseDualStack selects the dual-stack endpoint.
	UseDualStack *bool
	// Endpoint is a custom endpoint, from Options.BaseEndpoint.
	Endpoint *string
}

// EndpointResolverV2 resolves the endpoint of a call. Implement it to route
// requests in ways BaseEndpoint cannot express.
type EndpointResolverV2 interface {
	ResolveEndpoint(ctx context.Context, params EndpointParameters) (smithyendpoints.Endpoint, error)
}

type defaultEndpointResolver struct{}

// NewDefaultEndpointResolverV2 returns the resolver that applies the
// service's endpoint rules over the AWS partitions.
func NewDefaultEndpointResolverV2() EndpointResolverV2 {
	return defaultEndpointResolver{}
}

// ResolveEndpoint applies the service's endpoint rules.
func (defaultEndpointResolver) ResolveEndpoint(_ context.Context, p EndpointParameters) (smithyendpoints.Endpoint, error) {
	ep, err := endpoints.Resolve(endpoints.Params{
		Prefix:       model.EndpointPrefix,
		Region:       aws.ToString(p.Region),
		UseFIPS:      aws.ToBool(p.UseFIPS),
		UseDualStack: aws.ToBool(p.UseDualStack),
		Endpoint:     aws.ToString(p.Endpoint),
	})
	if err != nil {
		return smithyendpoints.Endpoint{}, err
	}
	return smithyendpoints.Endpoint{URI: *ep.URL, Headers: http.Header{}}, nil
}

// resolvedEndpoint is an endpoint ready to build requests on.
type resolvedEndpoint struct {
	scheme      string
	host        string
	basePath    string // escaped path prefix without trailing slash, "" for none
	basePathRaw string // the same, unescaped
	headers     http.Header
}

// resolveEndpoint resolves the endpoint for o, validating the region first.
func resolveEndpoint(ctx context.Context, o *Options) (resolvedEndpoint, error) {
	if o.Region != "" && !endpoints.ValidRegion(o.Region) {
		return resolvedEndpoint{}, &endpoints.Error{Message: "Invalid Configuration: region " + strconv.Quote(o.Region) + " is not a valid host label"}
	}
	params := EndpointParameters{
		Region:       aws.String(o.Region),
		UseFIPS:      aws.Bool(o.UseFIPSEndpoint == aws.FIPSEndpointStateEnabled),
		UseDualStack: aws.Bool(o.UseDualStackEndpoint == aws.DualStackEndpointStateEnabled),
		Endpoint:     o.BaseEndpoint,
	}
	if o.Region == "" {
		params.Region = nil
	}
	r := o.EndpointResolverV2
	if r == nil {
		r = defaultEndpointResolver{}
	}
	ep, err := r.ResolveEndpoint(ctx, params)
	if err != nil {
		return resolvedEndpoint{}, err
	}
	return newResolvedEndpoint(&ep.URI, ep.Headers), nil
}

func newResolvedEndpoint(u *url.URL, h http.Header) resolvedEndpoint {
	return resolvedEndpoint{
		scheme:      u.Scheme,
		host:        u.Host,
		basePath:    strings.TrimRight(u.EscapedPath(), "/"),
		basePathRaw: strings.TrimRight(u.Path, "/"),
		headers:     h,
	}
}
