package iot1click

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
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
	Version = "0.1.0"

	// EndpointEnvVar is the environment variable that sets this service's
	// endpoint, ahead of AWS_ENDPOINT_URL.
	EndpointEnvVar = "AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE"
)

// Client is a client of the AWS IoT 1-Click Devices Service. It is safe for
// concurrent use by multiple goroutines; create one and share it.
type Client struct {
	options   Options
	signer    *v4.Signer
	userAgent string
	ep        resolvedEndpoint // for options as given to New; per-call options resolve anew
	epErr     error

	// skew is the learned offset of the service's clock from the local one,
	// per endpoint host, applied to the signing time.
	skew skewTable
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
	resolveOptions(&options)

	c := &Client{
		options:   options,
		userAgent: buildUserAgent(options.AppID),
	}
	c.signer = newSigner(&options)
	c.ep, c.epErr = resolveEndpoint(context.Background(), &options)
	return c
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
	opts := Options{
		Region:           cfg.Region,
		Credentials:      cfg.Credentials,
		RetryMaxAttempts: cfg.RetryMaxAttempts,
		RetryMode:        cfg.RetryMode,
		Logger:           cfg.Logger,
		ClientLogMode:    cfg.ClientLogMode,
		AppID:            cfg.AppID,
		APIOptions:       append([]func(*middleware.Stack) error(nil), cfg.APIOptions...),
	}
	if cfg.HTTPClient != nil {
		opts.HTTPClient = cfg.HTTPClient
	}
	if cfg.Retryer != nil {
		opts.Retryer = cfg.Retryer()
	}
	resolveConfigEndpoint(cfg, &opts)
	resolveConfigEndpointModes(cfg, &opts)
	return New(opts, optFns...)
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options {
	return c.options.Copy()
}

// The interfaces below are implemented by the config module's EnvConfig and
// SharedConfig, found in aws.Config.ConfigSources.
type (
	serviceBaseEndpointProvider interface {
		GetServiceBaseEndpoint(ctx context.Context, sdkID string) (string, bool, error)
	}
	fipsEndpointProvider interface {
		GetUseFIPSEndpoint(ctx context.Context) (aws.FIPSEndpointState, bool, error)
	}
	ignoreConfiguredEndpointsProvider interface {
		GetIgnoreConfiguredEndpoints(ctx context.Context) (bool, bool, error)
	}
	dualStackEndpointProvider interface {
		GetUseDualStackEndpoint(ctx context.Context) (aws.DualStackEndpointState, bool, error)
	}
)

// resolveConfigEndpoint applies the endpoint precedence: client
// BaseEndpoint (applied later by optFns) > service env > AWS_ENDPOINT_URL >
// service section of the shared config > global endpoint_url.
func resolveConfigEndpoint(cfg aws.Config, o *Options) {
	if cfg.BaseEndpoint != nil {
		o.BaseEndpoint = aws.String(*cfg.BaseEndpoint)
	}
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(ignoreConfiguredEndpointsProvider); ok {
			if v, found, err := p.GetIgnoreConfiguredEndpoints(context.Background()); err == nil && found && v {
				return
			}
		}
	}
	_, global := os.LookupEnv("AWS_ENDPOINT_URL")
	_, service := os.LookupEnv(EndpointEnvVar)
	if global && !service {
		return
	}
	for _, src := range cfg.ConfigSources {
		p, ok := src.(serviceBaseEndpointProvider)
		if !ok {
			continue
		}
		v, found, err := p.GetServiceBaseEndpoint(context.Background(), ServiceID)
		if err == nil && found && v != "" {
			o.BaseEndpoint = aws.String(v)
			return
		}
	}
}

// resolveConfigEndpointModes reads the FIPS and dual-stack settings from the
// config sources, the first source that sets one wins.
func resolveConfigEndpointModes(cfg aws.Config, o *Options) {
	ctx := context.Background()
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(fipsEndpointProvider); ok && o.UseFIPSEndpoint == aws.FIPSEndpointStateUnset {
			if v, found, err := p.GetUseFIPSEndpoint(ctx); err == nil && found {
				o.UseFIPSEndpoint = v
			}
		}
		if p, ok := src.(dualStackEndpointProvider); ok && o.UseDualStackEndpoint == aws.DualStackEndpointStateUnset {
			if v, found, err := p.GetUseDualStackEndpoint(ctx); err == nil && found {
				o.UseDualStackEndpoint = v
			}
		}
	}
}
