package iot1click

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

const (
	// ServiceID is the service's SDK ID, as used in errors and in the
	// service-specific endpoint settings.
	ServiceID = model.ServiceID
	// ServiceAPIVersion is the API version the client speaks.
	ServiceAPIVersion = model.APIVersion
	// SigningName is the SigV4 signing name of the service.
	SigningName = model.SigningName
	// Version is the version of this SDK, sent in the User-Agent header.
	Version = transport.Version

	// EndpointEnvVar is the environment variable that sets this service's
	// endpoint, ahead of AWS_ENDPOINT_URL.
	EndpointEnvVar = model.EndpointEnvVar
)

// Client is a client of the AWS IoT 1-Click Devices Service. It is safe for
// concurrent use by multiple goroutines; create one and share it.
type Client struct {
	options Options // resolved
	engine  *transport.Client
}

// New returns a client configured by options and then by optFns. Fields left
// zero get defaults: the SDK's default HTTP client, the standard retryer and
// the service's endpoint rules. Configuration errors, such as a missing
// region, are reported by each call, before any I/O.
func New(options Options, optFns ...func(*Options)) *Client {
	options = options.Copy()
	for _, fn := range optFns {
		fn(&options)
	}
	engine := transport.NewClient(service, options.toEngine())
	return &Client{engine: engine, options: fromEngine(engine.Options(), options.EndpointResolverV2)}
}

// NewFromConfig returns a client configured from cfg, as loaded by
// config.LoadDefaultConfig: region, credentials, HTTP client, retryer,
// maximum attempts, retry mode, base endpoint (including the
// service-specific AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE variable and
// the iot_1click_devices_service section of the shared config), FIPS and
// dual-stack settings, logger, client log mode, application ID and API
// options (middleware, such as otelaws.AppendMiddlewares adds). aws.Config
// has no tracer or meter provider: set Options.TracerProvider and
// Options.MeterProvider with an option function. optFns apply last, so an
// endpoint set there wins over all of these.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client {
	e := transport.OptionsFromConfig(service, cfg)
	return New(fromEngine(&e, nil), optFns...)
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options {
	return c.options.Copy()
}

// callOptions returns the engine's options of a call: nil, the client's
// own, without option functions; else a resolved copy of the client's
// options changed by optFns. An option function that clears HTTPClient
// gets the client's, so that no call builds a transport of its own.
func (c *Client) callOptions(optFns []func(*Options)) *transport.Options {
	return transport.CallOptions(c.engine, &c.options, optFns)
}

// call runs operation op with the call's option functions; a nil input
// is an empty one.
func call[I, O any](ctx context.Context, c *Client, op *transport.Operation[I, O], in *I, optFns []func(*Options)) (*O, error) {
	return transport.Call(ctx, c.engine, c.callOptions(optFns), op, in)
}
