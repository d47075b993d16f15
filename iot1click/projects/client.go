package projects

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

const (
	// ServiceID is the service's SDK ID, as used in errors, span names and
	// the service-specific endpoint settings.
	ServiceID = model.ProjectsServiceID
	// ServiceAPIVersion is the API version the client speaks.
	ServiceAPIVersion = model.APIVersion
	// SigningName is the SigV4 signing name of the service, the same as the
	// Devices Service's.
	SigningName = model.SigningName

	// EndpointEnvVar is the environment variable that sets this service's
	// endpoint, ahead of AWS_ENDPOINT_URL. In a shared config file, the
	// endpoint_url of the iot_1click_projects section under services sets
	// it too.
	EndpointEnvVar = model.ProjectsEndpointEnvVar
)

// service describes the Projects service to the call engine.
var service = &transport.Service{
	ID:               model.ProjectsServiceID,
	SigningName:      model.SigningName,
	EndpointPrefix:   model.ProjectsEndpointPrefix,
	EndpointEnvVar:   model.ProjectsEndpointEnvVar,
	ConfigKey:        model.ProjectsConfigKey,
	Scope:            "github.com/iot1click-sdk/iot1click-go/iot1click/projects",
	Exceptions:       exceptions,
	NewRedirectError: func(r transport.Redirect) error { return (*RedirectError)(&r) },
	Walk:             walkErrors,
}

// Client is a client of the AWS IoT 1-Click Projects service. It is safe
// for concurrent use by multiple goroutines; create one and share it.
type Client struct {
	engine  *transport.Client
	options Options // resolved
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
// service-specific AWS_ENDPOINT_URL_IOT_1CLICK_PROJECTS variable and the
// iot_1click_projects section of the shared config), FIPS and dual-stack
// settings, logger, client log mode, application ID and API options.
// optFns apply last, so an endpoint set there wins over all of these.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client {
	e := transport.OptionsFromConfig(service, cfg)
	return New(fromEngine(&e, nil), optFns...)
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options {
	return c.options.Copy()
}

// callOptions returns the engine's options of one call: nil, the client's
// own, without option functions.
func (c *Client) callOptions(optFns []func(*Options)) *transport.Options {
	return transport.CallOptions(c.engine, &c.options, optFns)
}

// call runs operation op with the call's option functions; a nil input
// is an empty one.
func call[I, O any](ctx context.Context, c *Client, op *transport.Operation[I, O], in *I, optFns []func(*Options)) (*O, error) {
	return transport.Call(ctx, c.engine, c.callOptions(optFns), op, in)
}

// RequestID returns the request ID of the response an output's
// ResultMetadata describes, "" when the response carried none. It reads
// what awsmiddleware.GetRequestIDMetadata reads.
func RequestID(md middleware.Metadata) string { return transport.RequestID(md) }

// Attempts returns the number of attempts the call that produced an output
// took, 1 when it succeeded at once, and 0 when no request was sent (an
// output answered by a middleware).
func Attempts(md middleware.Metadata) int { return transport.Attempts(md) }
