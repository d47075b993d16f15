package iot1click

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// call runs operation op and returns its output. PO is the pointer type of
// the output, which implements operationOutput. Calls whose options set
// APIOptions, a TracerProvider or a MeterProvider run through a middleware
// stack (callStack); the others take the direct path below.
func call[O any, PO interface {
	*O
	operationOutput
}](ctx context.Context, c *Client, op string, in operationInput, optFns []func(*Options)) (*O, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	o, ep, err := c.callOptions(ctx, optFns)
	if o.usesStack() {
		return callStack[O, PO](ctx, c, o, ep, err, op, in)
	}
	out := PO(new(O))
	if err := c.invoke(ctx, o, ep, err, op, in, out); err != nil {
		return nil, err
	}
	return out, nil
}

// invoke runs one operation with options o and endpoint ep, or fails with
// optErr, their error: validation, serialization, then attempts until
// success, a final failure or the retryer gives up.
func (c *Client) invoke(ctx context.Context, o *Options, ep resolvedEndpoint, optErr error, op string, in operationInput, out operationOutput) error {
	b := getBuilder()
	defer putBuilder(b)
	err := optErr
	if err == nil {
		err = validateInput(op, in, &b.perr)
	}
	if err != nil {
		return &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	in.serialize(b)

	if err := c.roundTrips(ctx, o, ep, op, b, out); err != nil {
		return &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	return nil
}

// validateInput checks the input of operation op, collecting its problems
// in perr (pooled with a request builder); it returns a copy of perr when
// there are any.
func validateInput(op string, in operationInput, perr *smithy.InvalidParamsError) error {
	// The context is set first: Add stamps it on each error.
	perr.Context = inputName(op)
	in.validate(perr)
	if perr.Len() > 0 {
		e := *perr
		return &e
	}
	return nil
}

// inputNames caches inputName's answers, so that calls do not build them.
var inputNames sync.Map // operation name -> its input's name

// inputName returns the name of operation op's input type, such as
// "ListDevicesInput".
func inputName(op string) string {
	if v, ok := inputNames.Load(op); ok {
		return v.(string)
	}
	name := op + "Input"
	inputNames.Store(op, name)
	return name
}

// attempt signs and sends the request once and reads its response.
func (c *Client) attempt(ctx context.Context, o *Options, req *http.Request, hr *httpRequest, attempt int, out operationOutput) error {
	maxAttempts := hr.maxAttempts
	if attempt == 1 {
		hr.values[3] = sdkRequestHeader(attempt, maxAttempts)
		req.Header[headerSDKRequest] = hr.values[3:4:4]
	} else {
		req.Header[headerSDKRequest] = []string{sdkRequestHeader(attempt, maxAttempts)}
	}
	if hr.body != nil {
		// A fresh reader each attempt: the transport may close the previous
		// one after its response arrived.
		req.Body = &bodyReader{b: hr.body}
	}

	if err := c.sign(ctx, o, req, hr); err != nil {
		return err
	}
	if o.ClientLogMode.IsRequest() || o.ClientLogMode.IsRequestWithBody() {
		logRequest(o, req, hr.body)
	}

	resp, err := sendRequest(o, req)
	if err != nil {
		if isRedirectError(err) {
			return err
		}
		if ctx.Err() != nil {
			return &aws.RequestCanceledError{Err: fmt.Errorf("attempt %d of %d: %w", attempt, maxAttempts, err)}
		}
		return &smithyhttp.RequestSendError{Err: shortenError(err)}
	}
	err = c.handleResponse(o, resp, hr.dec, out)
	if err != nil && ctx.Err() != nil && isReadError(err) {
		// The context ended while the response body was read.
		return &aws.RequestCanceledError{Err: fmt.Errorf("attempt %d of %d: reading the response: %w", attempt, maxAttempts, ctx.Err())}
	}
	return err
}
