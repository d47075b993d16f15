package transport

import (
	"context"
	"fmt"

	"github.com/aws/smithy-go"
)

// Call runs operation op with input in (nil: an empty input) and returns
// its output. o is nil
// for the client's own options, or the options of this call from
// Client.CallOptions. Calls whose options set APIOptions, a
// TracerProvider or a MeterProvider run through a middleware stack; the
// others take the fast path, which builds none. Both run the same pieces
// (see the package doc).
func Call[I, O any](ctx context.Context, c *Client, o *Options, op *Operation[I, O], in *I) (*O, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if in == nil {
		in = new(I)
	}
	o, ep, err := c.callOptions(ctx, o)
	if o.usesStack() {
		result, md, err := c.invokeStack(ctx, o, ep, err, op, in, func() any { return new(O) })
		if err != nil {
			return nil, err
		}
		out, ok := result.(*O)
		if !ok || out == nil {
			return nil, &smithy.OperationError{ServiceID: c.svc.ID, OperationName: op.Name,
				Err: fmt.Errorf("middleware returned a result of type %T, want %T", result, out)}
		}
		*op.Metadata(out) = md
		return out, nil
	}
	out := new(O)
	if err := c.invoke(ctx, o, ep, err, op, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// callOptions returns the options and endpoint of one call. For the
// client's own options (o nil) the endpoint is the one resolved in
// NewClient, unless the options set an EndpointResolver, which is asked on
// every call with the call's context. Other options resolve the endpoint
// anew.
func (c *Client) callOptions(ctx context.Context, o *Options) (*Options, resolvedEndpoint, error) {
	if o == nil || o == &c.options {
		if c.options.EndpointResolver != nil {
			ep, err := resolveEndpoint(ctx, c.svc, &c.options)
			return &c.options, ep, err
		}
		return &c.options, c.ep, c.epErr
	}
	ep, err := resolveEndpoint(ctx, c.svc, o)
	return o, ep, err
}

// invoke runs one operation on the fast path with options o and endpoint
// ep, or fails with optErr, their error: validation, serialization, then
// attempts until success, a final failure or the retryer gives up.
func (c *Client) invoke(ctx context.Context, o *Options, ep resolvedEndpoint, optErr error, op operation, in, out any) error {
	b := getBuilder()
	defer putBuilder(b)
	err := optErr
	if err == nil {
		err = validateInput(op, in, &b.perr)
	}
	if err != nil {
		return &smithy.OperationError{ServiceID: c.svc.ID, OperationName: op.name(), Err: err}
	}
	op.serialize(in, b)

	if err := c.roundTrips(ctx, o, ep, op, b, out); err != nil {
		return &smithy.OperationError{ServiceID: c.svc.ID, OperationName: op.name(), Err: err}
	}
	return nil
}

// validateInput checks the input of op, collecting its problems in perr
// (pooled with a request); it returns a copy of perr when there are any,
// each stamped with the context of the input's name, as smithy's Add does.
func validateInput(op operation, in any, perr *smithy.InvalidParamsError) error {
	op.validate(in, perr)
	if perr.Len() == 0 {
		return nil
	}
	e := *perr
	e.Context = op.name() + "Input"
	for _, pe := range e.Errs() {
		if pe, ok := pe.(smithy.InvalidParamError); ok {
			pe.SetContext(e.Context)
		}
	}
	return &e
}
