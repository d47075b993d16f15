package iot1click

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go/logging"
)

// resolveOptions fills what the caller left zero in o, one concern per
// function. New runs it on the client's options; a call given option
// functions and ClaimDevice run it on their copy (see withOptions).
func resolveOptions(o *Options) {
	resolveHTTPClient(o)
	resolveRetryer(o)
	resolveCredentials(o)
	resolveLogger(o)
}

// resolveHTTPClient defaults HTTPClient to a client with the AWS SDK's
// default transport settings, and makes the sender of HTTPClient unless
// o has it already: for an *http.Client or an *awshttp.BuildableClient, a
// copy that follows no redirect (see RedirectError).
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

// withOptions returns a copy of the client's options changed by optFns and
// resolved. An option function that clears HTTPClient gets the client's, so
// that no call builds a transport of its own.
func (c *Client) withOptions(optFns []func(*Options)) Options {
	o := c.options.Copy()
	for _, fn := range optFns {
		fn(&o)
	}
	if o.HTTPClient == nil {
		o.HTTPClient = c.options.HTTPClient
	}
	resolveOptions(&o)
	return o
}

// callOptions returns the options and endpoint of one call. Without option
// functions they are the client's, resolved once in New, unless the caller
// set an EndpointResolverV2, which is asked on every call with the call's
// context. With option functions, the options are resolved again and so is
// the endpoint.
func (c *Client) callOptions(ctx context.Context, optFns []func(*Options)) (*Options, resolvedEndpoint, error) {
	if len(optFns) == 0 {
		if c.options.EndpointResolverV2 != nil {
			ep, err := resolveEndpoint(ctx, &c.options)
			return &c.options, ep, err
		}
		return &c.options, c.ep, c.epErr
	}
	o := c.withOptions(optFns)
	ep, err := resolveEndpoint(ctx, &o)
	return &o, ep, err
}
