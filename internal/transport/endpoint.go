package transport

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/iot1click-sdk/iot1click-go/internal/endpoints"
)

// ResolveEndpoint applies the endpoint rules of svc over the AWS
// partitions: what a service's NewDefaultEndpointResolverV2 returns does.
func ResolveEndpoint(svc *Service, p EndpointParameters) (smithyendpoints.Endpoint, error) {
	ep, err := endpoints.Resolve(endpoints.Params{
		Prefix:       svc.EndpointPrefix,
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
func resolveEndpoint(ctx context.Context, svc *Service, o *Options) (resolvedEndpoint, error) {
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
	var ep smithyendpoints.Endpoint
	var err error
	if o.EndpointResolver != nil {
		ep, err = o.EndpointResolver(ctx, params)
	} else {
		ep, err = ResolveEndpoint(svc, params)
	}
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
