package iot1click

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
// per-call option functions change a copy of them.
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
	// emulator (iot1clicktest) or of a standalone one. It may carry a path
	// prefix. It cannot be combined with UseFIPSEndpoint or
	// UseDualStackEndpoint.
	BaseEndpoint *string

	// UseFIPSEndpoint selects the FIPS endpoint of the region's partition.
	UseFIPSEndpoint aws.FIPSEndpointState

	// UseDualStackEndpoint selects the dual-stack (IPv4 and IPv6) endpoint.
	UseDualStackEndpoint aws.DualStackEndpointState

	// EndpointResolverV2 resolves the endpoint of each call. Nil means the
	// service's own rules (NewDefaultEndpointResolverV2).
	EndpointResolverV2 EndpointResolverV2

	// HTTPClient sends the requests. Nil means a client with the AWS SDK's
	// default transport settings. Redirects are never followed: an
	// *http.Client or an *awshttp.BuildableClient is used through a copy
	// that follows none, made when the options are resolved; any other
	// HTTPClient must not follow redirects itself, and an answer it got by
	// following one is a *RedirectError (see RedirectError).
	HTTPClient HTTPClient

	// Retryer decides which failures are retried and how long to wait. Nil
	// means retry.NewStandard with RetryMode and RetryMaxAttempts applied.
	Retryer aws.Retryer

	// RetryMaxAttempts, when non-zero, caps the attempts of each call,
	// overriding the Retryer's own maximum. Set it per call to change one
	// call only.
	RetryMaxAttempts int

	// RetryMode selects the retry strategy when Retryer is nil: standard
	// (the default) or adaptive.
	RetryMode aws.RetryMode

	// Logger receives the messages that ClientLogMode turns on.
	Logger logging.Logger

	// ClientLogMode selects what is logged: retries, requests, responses,
	// signing. Secrets are never logged: the Authorization header's
	// signature and the session token are redacted.
	ClientLogMode aws.ClientLogMode

	// AppID is an application identifier added to the User-Agent header as
	// app/AppID.
	AppID string

	// DisableClockSkewCorrection turns off clock skew correction. By default,
	// when the service refuses a request because its signature expired, or
	// for a signature error while its Date header is over four minutes off
	// the local clock, the client learns the offset for that endpoint host,
	// signs requests to that host with the corrected clock from then on and
	// retries the call. Offsets are learned per host, so that one endpoint's
	// clock does not change how requests to another are signed. An offset
	// of more than 24 hours is implausible and never learned, except from a
	// loopback endpoint (an emulator whose clock a test set): the signature
	// error is returned, saying so, and logged as a warning.
	DisableClockSkewCorrection bool

	// APIOptions change the middleware stack of each call, as in the
	// official clients: otelaws.AppendMiddlewares(&cfg.APIOptions), custom
	// headers, stubbed outputs in tests. When set, calls run through a
	// smithy-go middleware.Stack with the official steps and middleware
	// IDs; when empty, they take a direct path that builds no stack.
	APIOptions []func(*middleware.Stack) error

	// TracerProvider, when set, receives the spans of each call under the
	// names the official clients use (such as "IoT 1Click Devices
	// Service.ListDevices"). Nil means no tracing, at no cost.
	TracerProvider tracing.TracerProvider

	// MeterProvider, when set, receives the metrics of each call under the
	// names the official clients use (client.call.duration,
	// client.call.attempts, …). Nil means no metrics, at no cost.
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
