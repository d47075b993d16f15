package transport

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/tracing"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// This file holds the logic of the public surface every service package
// repeats in its own types, as aws-sdk-go-v2 does: Options, the endpoint
// parameters and resolver, and the redirect and walk errors. A service
// package declares its types with the fields of the ones here, in the same
// order, and converts: it keeps only the declarations.

// Params is the type set of a service package's EndpointParameters: the
// fields of EndpointParameters, in its order.
type Params interface {
	~struct {
		Region       *string
		UseFIPS      *bool
		UseDualStack *bool
		Endpoint     *string
	}
}

// Resolver is a service package's EndpointResolverV2 over its endpoint
// parameters P.
type Resolver[P Params] interface {
	ResolveEndpoint(ctx context.Context, params P) (smithyendpoints.Endpoint, error)
}

// DefaultResolver applies the endpoint rules of a service over the AWS
// partitions: it is what a service's NewDefaultEndpointResolverV2 returns.
// The engine knows it, and resolves those rules itself, once per client.
type DefaultResolver[P Params] struct{ svc *Service }

// serviceRules is implemented by DefaultResolver alone.
type serviceRules interface{ rules() *Service }

func (r DefaultResolver[P]) rules() *Service { return r.svc }

// NewDefaultResolver returns the resolver of svc's endpoint rules.
func NewDefaultResolver[P Params](svc *Service) DefaultResolver[P] { return DefaultResolver[P]{svc} }

// ResolveEndpoint applies the service's endpoint rules.
func (r DefaultResolver[P]) ResolveEndpoint(_ context.Context, p P) (smithyendpoints.Endpoint, error) {
	return ResolveEndpoint(r.svc, EndpointParameters(p))
}

// PublicOptions has the fields of a service package's public Options, in
// their order, over the package's HTTPClient H, endpoint resolver R and
// endpoint parameters P: the package's Options convert to and from it.
type PublicOptions[H HTTPClient, R Resolver[P], P Params] publicFields[H, R, P]

// publicFields is the struct type of PublicOptions, which a service's
// Options has as its underlying type.
type publicFields[H HTTPClient, R Resolver[P], P Params] = struct {
	Region                     string
	Credentials                aws.CredentialsProvider
	BaseEndpoint               *string
	UseFIPSEndpoint            aws.FIPSEndpointState
	UseDualStackEndpoint       aws.DualStackEndpointState
	EndpointResolverV2         R
	HTTPClient                 H
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
}

// Copy returns a copy of o whose APIOptions are a new slice, so that
// appending to them leaves o's unchanged.
func (o *PublicOptions[H, R, P]) Copy() PublicOptions[H, R, P] {
	to := *o
	if o.APIOptions != nil {
		to.APIOptions = append([]func(*middleware.Stack) error(nil), o.APIOptions...)
	}
	return to
}

// Engine returns the engine's options of o. A nil resolver and the
// service's default one both leave the engine to the service's rules.
func (o *PublicOptions[H, R, P]) Engine() Options {
	e := Options{
		Region:                     o.Region,
		Credentials:                o.Credentials,
		BaseEndpoint:               o.BaseEndpoint,
		UseFIPSEndpoint:            o.UseFIPSEndpoint,
		UseDualStackEndpoint:       o.UseDualStackEndpoint,
		Retryer:                    o.Retryer,
		RetryMaxAttempts:           o.RetryMaxAttempts,
		RetryMode:                  o.RetryMode,
		Logger:                     o.Logger,
		ClientLogMode:              o.ClientLogMode,
		AppID:                      o.AppID,
		DisableClockSkewCorrection: o.DisableClockSkewCorrection,
		APIOptions:                 o.APIOptions,
		TracerProvider:             o.TracerProvider,
		MeterProvider:              o.MeterProvider,
	}
	if h := HTTPClient(o.HTTPClient); h != nil {
		e.HTTPClient = h // else nil, not a nil H
	}
	// An interface with an unexported method, rather than a case of
	// DefaultResolver[P], so that a program that never makes the default
	// resolver links none of it.
	if r := Resolver[P](o.EndpointResolverV2); r != nil {
		if _, rules := r.(serviceRules); !rules {
			e.EndpointResolver = func(ctx context.Context, p EndpointParameters) (smithyendpoints.Endpoint, error) {
				return r.ResolveEndpoint(ctx, P(p))
			}
		}
	}
	return e
}

// Public returns the public options of e, as the engine resolved them,
// with the endpoint resolver r the caller gave (the engine keeps none for
// the service's own rules).
func Public[H HTTPClient, R Resolver[P], P Params](e *Options, r R) PublicOptions[H, R, P] {
	h, _ := e.HTTPClient.(H)
	return PublicOptions[H, R, P]{
		Region:                     e.Region,
		Credentials:                e.Credentials,
		BaseEndpoint:               e.BaseEndpoint,
		UseFIPSEndpoint:            e.UseFIPSEndpoint,
		UseDualStackEndpoint:       e.UseDualStackEndpoint,
		EndpointResolverV2:         r,
		HTTPClient:                 h,
		Retryer:                    e.Retryer,
		RetryMaxAttempts:           e.RetryMaxAttempts,
		RetryMode:                  e.RetryMode,
		Logger:                     e.Logger,
		ClientLogMode:              e.ClientLogMode,
		AppID:                      e.AppID,
		DisableClockSkewCorrection: e.DisableClockSkewCorrection,
		APIOptions:                 e.APIOptions,
		TracerProvider:             e.TracerProvider,
		MeterProvider:              e.MeterProvider,
	}
}

// CallOptions returns the engine's options of one call of c: nil, the
// client's own, without option functions; else a resolved copy of base,
// the client's public options, changed by optFns. O is the service's
// public Options, which converts to PublicOptions[H, R, P].
func CallOptions[O ~publicFields[H, R, P], H HTTPClient, R Resolver[P], P Params](c *Client, base *O, optFns []func(*O)) *Options {
	if len(optFns) == 0 {
		return nil
	}
	pub := PublicOptions[H, R, P](*base)
	o := O(pub.Copy())
	for _, fn := range optFns {
		fn(&o)
	}
	pub = PublicOptions[H, R, P](o)
	e := pub.Engine()
	return c.CallOptions(e)
}

// Message is the text of the error of a redirect.
func (r *Redirect) Message() string {
	switch {
	case r.Followed:
		return "the HTTPClient followed a redirect: the answer (HTTP " + strconv.Itoa(r.StatusCode) + ") is to " +
			wire.Excerpt(r.Answered) + ", not to " + wire.Excerpt(r.Sent) + " as sent"
	case r.Host == "":
		return "redirect (HTTP " + strconv.Itoa(r.StatusCode) + ") without a Location host not followed"
	}
	return "redirect (HTTP " + strconv.Itoa(r.StatusCode) + ") to host " + wire.Excerpt(r.Host) + " not followed"
}

// DuplicateToken has the fields of a service package's
// DuplicateTokenError, in their order: a page token returned twice in a
// walk. Page is the number, from 1, of the page that returned it.
type DuplicateToken struct {
	Operation string
	Page      int
	Token     string
}

// Message is the text of the error, after the package name pkg, without a
// long token in full.
func (e *DuplicateToken) Message(pkg string) string {
	tok := e.Token
	if len(tok) > 16 {
		tok = wire.Cut(tok, 12) + "…"
	}
	return fmt.Sprintf("%s: %s page %d returned a page token already seen in this walk (%q); stopped to avoid a loop",
		pkg, e.Operation, e.Page, tok)
}

// WalkLimit has the fields of a service package's WalkLimitError, in their
// order: a walk stopped at its MaxPages or MaxItems bound (zero: none)
// after Pages and Items, with the token to resume from ("" when the bound
// fell inside a page).
type WalkLimit struct {
	Operation          string
	MaxPages, MaxItems int
	Pages, Items       int
	NextToken          string
}

// Message is the text of the error, after the package name pkg.
func (e *WalkLimit) Message(pkg string) string {
	bound := fmt.Sprintf("MaxPages %d", e.MaxPages)
	if e.MaxItems > 0 && e.Items >= e.MaxItems {
		bound = fmt.Sprintf("MaxItems %d", e.MaxItems)
	}
	return fmt.Sprintf("%s: %s walk stopped at its bound (%s) after %d pages and %d items; the listing may go on",
		pkg, e.Operation, bound, e.Pages, e.Items)
}
