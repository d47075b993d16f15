package iot1click

import (
	"context"

	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
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

// NewDefaultEndpointResolverV2 returns the resolver that applies the
// service's endpoint rules over the AWS partitions.
func NewDefaultEndpointResolverV2() EndpointResolverV2 {
	return transport.NewDefaultResolver[EndpointParameters](service)
}
