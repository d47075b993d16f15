package transport

import (
	"context"
	"time"

	"github.com/aws/smithy-go/middleware"
)

// Version is the version of this SDK, sent in the User-Agent header.
const Version = "0.1.0"

// Client is the engine of one service client: its resolved options, its
// signer, its endpoint (resolved once for the client's own options) and the
// clock skew it learned per endpoint host. It is safe for concurrent use.
type Client struct {
	svc       *Service
	options   Options
	signer    *requestSigner
	userAgent string
	ep        resolvedEndpoint // for the client's options; per-call options resolve anew
	epErr     error

	// skew is the learned offset of the service's clock from the local one,
	// per endpoint host, applied to the signing time.
	skew skewTable
}

// NewClient returns the engine of a client of svc with options o, which it
// resolves (see Resolve). Configuration errors, such as a missing region,
// are reported by each call, before any I/O.
func NewClient(svc *Service, o Options) *Client {
	o.APIOptions = append([]func(*middleware.Stack) error(nil), o.APIOptions...)
	Resolve(&o)
	c := &Client{
		svc:       svc,
		options:   o,
		userAgent: buildUserAgent(o.AppID),
	}
	c.signer = newSigner(&c.options)
	c.ep, c.epErr = resolveEndpoint(context.Background(), svc, &c.options)
	return c
}

// Options returns the client's resolved options, shared: the caller must
// not change them.
func (c *Client) Options() *Options {
	return &c.options
}

// Skew returns the clock skew the client learned for an endpoint host
// (host[:port]), zero when none.
func (c *Client) Skew(host string) time.Duration {
	return c.skew.get(host)
}

// CallOptions resolves the options of one call, a copy of the client's
// changed by the call's option functions. An HTTPClient left nil is the
// client's, so that no call builds a transport of its own.
func (c *Client) CallOptions(o Options) *Options {
	if o.HTTPClient == nil {
		o.HTTPClient = c.options.HTTPClient
	}
	// from holds a pointer or nil, so the comparison cannot panic.
	if from := c.options.sender.from; from != nil && from == o.HTTPClient {
		o.sender = c.options.sender
	}
	Resolve(&o)
	return &o
}
