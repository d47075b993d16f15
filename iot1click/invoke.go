package iot1click

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// call runs operation op and returns its output. PO is the pointer type of
// the output, which implements operationOutput.
func call[O any, PO interface {
	*O
	operationOutput
}](ctx context.Context, c *Client, op string, in operationInput, optFns []func(*Options)) (*O, error) {
	out := PO(new(O))
	if err := c.invoke(ctx, op, in, out, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// invoke runs one operation: validation, serialization, then attempts until
// success, a final failure or the retryer gives up.
func (c *Client) invoke(ctx context.Context, op string, in operationInput, out operationOutput, optFns []func(*Options)) error {
	if ctx == nil {
		ctx = context.Background()
	}
	o, ep, err := c.callOptions(ctx, optFns)
	b := getBuilder()
	defer putBuilder(b)
	if err == nil {
		// The context is set first: Add stamps it on each error.
		b.perr.Context = op + "Input"
		in.validate(&b.perr)
		if b.perr.Len() > 0 {
			perr := b.perr
			err = &perr
		}
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
