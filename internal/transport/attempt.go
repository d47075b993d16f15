package transport

import (
	"context"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// This file is the attempt core: the pieces of one attempt that the fast
// path runs in a row (attempt) and the stack path runs as its middleware
// (see stack.go): signing, sending with the redirect guard, and reading
// the response. Each is written once.

// attempt signs and sends the request once and reads its response into
// out, recording the response's request ID and server time in out's
// metadata.
func (c *Client) attempt(ctx context.Context, o *Options, op operation, req *http.Request, hr *httpRequest, attempt int, out any) error {
	if attempt == 1 {
		hr.values[3] = sdkRequestHeader(attempt, hr.maxAttempts)
		req.Header[headerSDKRequest] = hr.values[3:4:4]
	} else {
		req.Header[headerSDKRequest] = []string{sdkRequestHeader(attempt, hr.maxAttempts)}
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

	resp, err := send(o, req)
	if err != nil {
		return sendError(ctx, err)
	}
	f := newResponseFacts(resp)
	md := op.metadata(out)
	// What an earlier, failed attempt left is not this response's.
	*md = middleware.Metadata{}
	f.record(md)
	return c.readResponse(ctx, o, op, req, resp, &f, hr.dec, out)
}

// send sends req with o's HTTPClient: for an *http.Client or an
// *awshttp.BuildableClient, through the copy that follows no redirect.
func send(o *Options, req *http.Request) (*http.Response, error) {
	if o.sender.hc != nil && o.sender.from == o.HTTPClient {
		return o.sender.hc.Do(req)
	}
	return o.HTTPClient.Do(req)
}

// sendError is the error of a failed send, as smithy-go's client handler
// makes it on the stack path: a *smithy.CanceledError when the context
// ended, else a *smithyhttp.RequestSendError around the HTTPClient's error,
// whose message is cut short.
func sendError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return &smithy.CanceledError{Err: ctx.Err()}
	}
	return &smithyhttp.RequestSendError{Err: shortenError(err)}
}
