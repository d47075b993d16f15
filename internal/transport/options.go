package transport

import (
	"context"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/tracing"
)

// HTTPClient sends HTTP requests. *http.Client satisfies it, and so does
// every service package's own HTTPClient interface.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// EndpointParameters are the inputs of endpoint resolution, as in the
// services' endpoint rule sets. A service package's public
// EndpointParameters has the same fields, so that one converts to the
// other.
type EndpointParameters struct {
	Region       *string
	UseFIPS      *bool
	UseDualStack *bool
	Endpoint     *string
}

// EndpointResolver resolves the endpoint of a call; nil in Options means
// the service's own rules.
type EndpointResolver func(ctx context.Context, params EndpointParameters) (smithyendpoints.Endpoint, error)

// Options are the engine's options of a client or a call: the fields of
// a service package's public Options, which converts to them. The fields
// have the meaning documented there.
type Options struct {
	Region                     string
	Credentials                aws.CredentialsProvider
	BaseEndpoint               *string
	UseFIPSEndpoint            aws.FIPSEndpointState
	UseDualStackEndpoint       aws.DualStackEndpointState
	EndpointResolver           EndpointResolver
	HTTPClient                 HTTPClient
	Retryer                    aws.Retryer
	RetryMaxAttempts           int
	RetryMode                  aws.RetryMode
	Logger                     logging.Logger
	ClientLogMode              aws.ClientLogMode
	AppID                      string
	DisableClockSkewCorrection bool
	APIOptions                 []func(*middleware.Stack) error
	TracerProvider             tracing.TracerProvider
	MeterProvider              metrics.MeterProvider

	// sender sends with HTTPClient; resolveHTTPClient sets it.
	sender sender
}

// usesStack reports whether calls made with o run through a middleware
// stack.
func (o *Options) usesStack() bool {
	return len(o.APIOptions) > 0 || o.TracerProvider != nil || o.MeterProvider != nil
}

// Resolve fills what the caller left zero in o, one concern per function:
// the HTTP client (and its redirect-refusing copy), the retryer, the
// credentials cache and the logger. A service's New resolves its options
// with it, and reads the filled fields back into its public Options.
func Resolve(o *Options) {
	resolveHTTPClient(o)
	resolveRetryer(o)
	resolveCredentials(o)
	resolveLogger(o)
}

// resolveHTTPClient defaults HTTPClient to a client with the AWS SDK's
// default transport settings, and makes the sender of HTTPClient unless
// o has it already: for an *http.Client or an *awshttp.BuildableClient, a
// copy that follows no redirect.
func resolveHTTPClient(o *Options) {
	if o.HTTPClient == nil {
		o.HTTPClient = awshttp.NewBuildableClient()
	}
	// from holds a pointer or nil, so the comparison cannot panic.
	if o.sender.from != nil && o.sender.from == o.HTTPClient {
		return
	}
	o.sender = newSender(o.HTTPClient)
}

// resolveRetryer defaults Retryer to the standard or adaptive retryer of
// RetryMode, and applies RetryMaxAttempts when it differs from the
// retryer's own maximum.
func resolveRetryer(o *Options) {
	if o.Retryer == nil {
		o.Retryer = newDefaultRetryer(o.RetryMode)
	}
	if o.RetryMaxAttempts != 0 && o.RetryMaxAttempts != o.Retryer.MaxAttempts() {
		o.Retryer = retry.AddWithMaxAttempts(o.Retryer, o.RetryMaxAttempts)
	}
}

// resolveCredentials wraps the credentials provider in an
// *aws.CredentialsCache, unless it is one already, nil or anonymous.
func resolveCredentials(o *Options) {
	switch o.Credentials.(type) {
	case nil, *aws.CredentialsCache, aws.AnonymousCredentials, *aws.AnonymousCredentials:
		return
	}
	o.Credentials = aws.NewCredentialsCache(o.Credentials)
}

// resolveLogger defaults Logger to one that discards messages.
func resolveLogger(o *Options) {
	if o.Logger == nil {
		o.Logger = logging.Nop{}
	}
}

// OptionsFromConfig returns the options of a client of svc configured
// from cfg, as loaded by config.LoadDefaultConfig: region, credentials,
// HTTP client, retryer, maximum attempts, retry mode, base endpoint (with
// the precedence of the official clients: the service's environment
// variable and shared-config section, AWS_ENDPOINT_URL, the global
// endpoint_url), FIPS and dual-stack settings, logger, client log mode,
// application ID and API options. APIOptions is a new slice.
func OptionsFromConfig(svc *Service, cfg aws.Config) Options {
	o := Options{
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
		o.HTTPClient = cfg.HTTPClient
	}
	if cfg.Retryer != nil {
		o.Retryer = cfg.Retryer()
	}
	resolveConfigEndpoint(svc, cfg, &o)
	resolveConfigEndpointModes(cfg, &o)
	return o
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
// BaseEndpoint (applied later by option functions) > service env >
// AWS_ENDPOINT_URL > service section of the shared config > global
// endpoint_url.
func resolveConfigEndpoint(svc *Service, cfg aws.Config, o *Options) {
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
	_, service := os.LookupEnv(svc.EndpointEnvVar)
	if global && !service {
		return
	}
	for _, src := range cfg.ConfigSources {
		p, ok := src.(serviceBaseEndpointProvider)
		if !ok {
			continue
		}
		v, found, err := p.GetServiceBaseEndpoint(context.Background(), svc.ID)
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
