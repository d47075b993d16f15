package projects

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/tracing"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// HTTPClient sends HTTP requests. *http.Client satisfies it.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options configure a Client. New and NewFromConfig fill what is left zero;
// per-call option functions change a copy of them. The fields mean what
// they mean in the Devices client's iot1click.Options.
type Options struct {
	// Region is the AWS region to send requests to and to sign them for.
	// Required.
	Region string

	// Credentials provide the keys requests are signed with. A provider that
	// is not already an *aws.CredentialsCache is wrapped in one. When nil,
	// requests are sent unsigned, which every AWS endpoint and the bundled
	// emulator refuse.
	Credentials aws.CredentialsProvider

	// BaseEndpoint overrides the endpoint, for example the URL of the bundled
	// emulator (iot1clicktest), which serves both services on one address.
	// It may carry a path prefix. It cannot be combined with UseFIPSEndpoint
	// or UseDualStackEndpoint.
	BaseEndpoint *string

	// UseFIPSEndpoint selects the FIPS endpoint of the region's partition,
	// projects.iot1click-fips.{region}.{dnsSuffix}.
	UseFIPSEndpoint aws.FIPSEndpointState

	// UseDualStackEndpoint selects the dual-stack (IPv4 and IPv6) endpoint.
	UseDualStackEndpoint aws.DualStackEndpointState

	// EndpointResolverV2 resolves the endpoint of each call. Nil means the
	// service's own rules (NewDefaultEndpointResolverV2).
	EndpointResolverV2 EndpointResolverV2

	// HTTPClient sends the requests. Nil means a client with the AWS SDK's
	// default transport settings. Redirects are never followed (see
	// RedirectError).
	HTTPClient HTTPClient

	// Retryer decides which failures are retried and how long to wait. Nil
	// means retry.NewStandard with RetryMode and RetryMaxAttempts applied.
	Retryer aws.Retryer

	// RetryMaxAttempts, when non-zero, caps the attempts of each call,
	// overriding the Retryer's own maximum.
	RetryMaxAttempts int

	// RetryMode selects the retry strategy when Retryer is nil: standard
	// (the default) or adaptive.
	RetryMode aws.RetryMode

	// Logger receives the messages that ClientLogMode turns on.
	Logger logging.Logger

	// ClientLogMode selects what is logged: retries, requests, responses,
	// signing. Secrets are never logged.
	ClientLogMode aws.ClientLogMode

	// AppID is an application identifier added to the User-Agent header as
	// app/AppID.
	AppID string

	// DisableClockSkewCorrection turns off clock skew correction, which
	// learns the service's clock offset per endpoint host from a refused
	// signature and retries the call.
	DisableClockSkewCorrection bool

	// APIOptions change the middleware stack of each call, as in the
	// official clients. When set, calls run through a smithy-go
	// middleware.Stack with the official steps and middleware IDs; when
	// empty, they take a direct path that builds no stack.
	APIOptions []func(*middleware.Stack) error

	// TracerProvider, when set, receives the spans of each call under the
	// names the official clients use, such as "IoT 1Click
	// Projects.ListProjects". Nil means no tracing, at no cost.
	TracerProvider tracing.TracerProvider

	// MeterProvider, when set, receives the metrics of each call under the
	// names the official clients use. Nil means no metrics, at no cost.
	MeterProvider metrics.MeterProvider
}

// Copy returns a copy of o. Its APIOptions are a new slice, so appending
// to them leaves o unchanged.
func (o Options) Copy() Options {
	return Options((*public)(&o).Copy())
}

// public is the engine's form of Options, which has its fields.
type public = transport.PublicOptions[HTTPClient, EndpointResolverV2, EndpointParameters]

// toEngine returns the engine's options of o.
func (o *Options) toEngine() transport.Options {
	return (*public)(o).Engine()
}

// fromEngine returns the public options of e, resolved by the engine, with
// the endpoint resolver r the caller gave.
func fromEngine(e *transport.Options, r EndpointResolverV2) Options {
	return Options(transport.Public[HTTPClient](e, r))
}
