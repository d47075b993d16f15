package iot1click

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/tracing"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// This file runs a call through a smithy-go middleware stack laid out as in
// the official clients, for calls whose options set APIOptions, a
// TracerProvider or a MeterProvider. The stack's own middleware call the
// pieces of the direct path (validateInput, serialize and newRequest, sign,
// handleResponse) and reuse aws-sdk-go-v2's middleware for the rest:
//
//	Initialize:  RegisterServiceMetadata, OperationInputValidation
//	Serialize:   OperationSerializer
//	Build:       ClientRequestID
//	Finalize:    Retry, ResolveEndpointV2, ComputePayloadHash, Signing
//	Deserialize: AddRawResponseToMetadata, RequestIDRetriever,
//	             OperationDeserializer, RecordResponseTiming
//
// APIOptions run after these are added, so a middleware added with
// middleware.Before runs ahead of them and one added with middleware.After
// runs after them, as in the official clients.

// stackCall is the state the middleware of one call's stack share.
type stackCall struct {
	c     *Client
	o     *Options
	ep    resolvedEndpoint
	epErr error
	op    string
	b     *requestBuilder
	hr    *httpRequest // set by the serializer

	newOutput func() operationOutput
}

// callStack runs operation op through a middleware stack and returns its
// output: the one the service's response decodes to, or the one a
// middleware answered with.
func callStack[O any, PO interface {
	*O
	operationOutput
}](ctx context.Context, c *Client, o *Options, ep resolvedEndpoint, epErr error, op string, in operationInput) (*O, error) {
	newOutput := func() operationOutput { return PO(new(O)) }
	result, md, err := c.invokeStack(ctx, o, ep, epErr, op, in, newOutput)
	if err != nil {
		return nil, err
	}
	out, ok := result.(PO)
	if !ok || out == nil {
		return nil, &smithy.OperationError{ServiceID: ServiceID, OperationName: op,
			Err: fmt.Errorf("middleware returned a result of type %T, want %T", result, out)}
	}
	*out.metadata() = md
	return out, nil
}

// invokeStack builds the stack of one call and runs it, as the official
// clients' invokeOperation does.
func (c *Client) invokeStack(ctx context.Context, o *Options, ep resolvedEndpoint, epErr error, op string,
	in operationInput, newOutput func() operationOutput) (result any, md middleware.Metadata, err error) {
	// The values existing middleware read, set before the stack as the
	// generated clients' resolveServiceMetadata does, so that middleware
	// added ahead of RegisterServiceMetadata sees them too.
	ctx = middleware.ClearStackValues(ctx)
	ctx = middleware.WithServiceID(ctx, ServiceID)
	ctx = middleware.WithOperationName(ctx, op)
	ctx = awsmiddleware.SetServiceID(ctx, ServiceID)
	ctx = awsmiddleware.SetOperationName(ctx, op)
	//lint:ignore SA1019 existing middleware (otelaws, users' own) still reads the signing name here, as the official clients set it.
	ctx = awsmiddleware.SetSigningName(ctx, SigningName)
	if o.Region != "" {
		ctx = awsmiddleware.SetRegion(ctx, o.Region)
		//lint:ignore SA1019 existing middleware still reads the signing region here, as the official clients set it.
		ctx = awsmiddleware.SetSigningRegion(ctx, o.Region)
	}
	ctx = middleware.SetLogger(ctx, o.Logger)

	b := getBuilder()
	defer putBuilder(b)
	sc := &stackCall{c: c, o: o, ep: ep, epErr: epErr, op: op, b: b, newOutput: newOutput}

	mp := o.MeterProvider
	if mp == nil {
		mp = metrics.NopMeterProvider{}
	}
	meter := mp.Meter(instrumentationScope)

	stack := middleware.NewStack(op, smithyhttp.NewStackRequest)
	if err := sc.addMiddlewares(stack, meter); err != nil {
		return nil, md, &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	for _, fn := range o.APIOptions {
		if err := fn(stack); err != nil {
			return nil, md, &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
		}
	}

	ctx, err = withOperationMetrics(ctx, mp)
	if err != nil {
		return nil, md, &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	tp := o.TracerProvider
	if tp == nil {
		tp = tracing.NopTracerProvider{}
	}
	ctx, span := startOperationSpan(ctx, tp, op)
	endTimer := startMetricTimer(ctx, metricCallDuration)

	handler := smithyhttp.NewClientHandlerWithOptions(guardedHTTPClient{o}, func(h *smithyhttp.ClientHandler) {
		h.Meter = meter
	})
	result, md, err = middleware.DecorateHandler(handler, stack).Handle(ctx, in)
	endTimer()
	endOperationSpan(span, err)
	if err != nil {
		return nil, md, &smithy.OperationError{ServiceID: ServiceID, OperationName: op, Err: err}
	}
	return result, md, nil
}

// addMiddlewares adds the stack's own middleware, in the official order.
func (sc *stackCall) addMiddlewares(stack *middleware.Stack, meter metrics.Meter) error {
	o := sc.o
	steps := []func() error{
		func() error {
			return stack.Initialize.Add(&awsmiddleware.RegisterServiceMetadata{
				ServiceID: ServiceID, SigningName: SigningName, Region: o.Region, OperationName: sc.op,
			}, middleware.Before)
		},
		func() error { return stack.Initialize.Add((*validateMiddleware)(sc), middleware.After) },
		func() error { return stack.Serialize.Add((*serializeMiddleware)(sc), middleware.After) },
		func() error { return awsmiddleware.AddClientRequestIDMiddleware(stack) },
		func() error {
			// Clock skew is corrected by this client's own signing and
			// response handling, as on the direct path, so the retry
			// middleware's own correction stays off.
			return stack.Finalize.Add(retry.NewAttemptMiddleware(o.Retryer, smithyhttp.RequestCloner, func(a *retry.Attempt) {
				a.LogAttempts = o.ClientLogMode.IsRetries()
				a.OperationMeter = meter
				a.DisableClockSkewCorrection = true
			}), middleware.After)
		},
		func() error { return stack.Finalize.Add((*endpointMiddleware)(sc), middleware.After) },
		func() error { return v4.AddComputePayloadSHA256Middleware(stack) },
		func() error { return stack.Finalize.Add((*signMiddleware)(sc), middleware.After) },
		func() error { return awsmiddleware.AddRawResponseToMetadata(stack) },
		func() error { return stack.Deserialize.Add((*deserializeMiddleware)(sc), middleware.After) },
		func() error { return awsmiddleware.AddRequestIDRetrieverMiddleware(stack) },
		func() error {
			return stack.Deserialize.Add(&awsmiddleware.RecordResponseTiming{DisableClockSkewCorrection: true}, middleware.After)
		},
	}
	for _, add := range steps {
		if err := add(); err != nil {
			return err
		}
	}
	return nil
}

// validateMiddleware validates the input (Initialize step).
type validateMiddleware stackCall

// ID returns the ID of the official clients' validation middleware.
func (*validateMiddleware) ID() string { return "OperationInputValidation" }

// HandleInitialize validates the input before anything is sent.
func (m *validateMiddleware) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	input, ok := in.Parameters.(operationInput)
	if !ok {
		return middleware.InitializeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected input type %T", in.Parameters)
	}
	if err := validateInput(m.op, input, &m.b.perr); err != nil {
		return middleware.InitializeOutput{}, middleware.Metadata{}, err
	}
	return next.HandleInitialize(ctx, in)
}

// serializeMiddleware builds the *smithyhttp.Request of the input
// (Serialize step): path, query, headers and body; endpointMiddleware
// applies the endpoint later.
type serializeMiddleware stackCall

// ID returns the ID of the official clients' serializer.
func (*serializeMiddleware) ID() string { return "OperationSerializer" }

// HandleSerialize serializes the input into the request.
func (m *serializeMiddleware) HandleSerialize(ctx context.Context, in middleware.SerializeInput, next middleware.SerializeHandler) (
	middleware.SerializeOutput, middleware.Metadata, error,
) {
	req, ok := in.Request.(*smithyhttp.Request)
	if !ok {
		return middleware.SerializeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected transport type %T", in.Request)
	}
	input, ok := in.Parameters.(operationInput)
	if !ok {
		return middleware.SerializeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected input type %T", in.Parameters)
	}

	_, span := tracing.StartSpan(ctx, "OperationSerializer")
	endTimer := startMetricTimer(ctx, metricSerializationDuration)
	input.serialize(m.b)
	hreq, hr, err := m.c.newRequest(ctx, m.o, resolvedEndpoint{}, m.b)
	if err == nil {
		m.hr = hr
		req.Request = hreq
		if hr.body != nil {
			req, err = req.SetStream(bytes.NewReader(hr.body))
			in.Request = req
		}
	}
	endTimer()
	span.End()
	if err != nil {
		return middleware.SerializeOutput{}, middleware.Metadata{}, &smithy.SerializationError{Err: err}
	}
	return next.HandleSerialize(ctx, in)
}

// endpointMiddleware applies the endpoint resolved for the call to each
// attempt's request, or fails with the error of its resolution (Finalize
// step).
type endpointMiddleware stackCall

// ID returns the ID of the official clients' endpoint middleware.
func (*endpointMiddleware) ID() string { return "ResolveEndpointV2" }

// HandleFinalize sets the request's scheme, host and base path, and the
// endpoint's headers.
func (m *endpointMiddleware) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	if m.epErr != nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, m.epErr
	}
	req, ok := in.Request.(*smithyhttp.Request)
	if !ok {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected transport type %T", in.Request)
	}
	_, span := tracing.StartSpan(ctx, "ResolveEndpoint")
	endTimer := startMetricTimer(ctx, metricResolveEndpointDuration)
	applyEndpoint(req.Request, m.ep)
	endTimer()
	span.End()
	return next.HandleFinalize(ctx, in)
}

// applyEndpoint puts request r, built without an endpoint, on endpoint ep.
func applyEndpoint(r *http.Request, ep resolvedEndpoint) {
	u := r.URL
	u.Scheme, u.Host = ep.scheme, ep.host
	r.Host = ep.host
	if ep.basePath != "" {
		if u.RawPath != "" || ep.basePathRaw != ep.basePath {
			u.RawPath = ep.basePath + u.EscapedPath()
		}
		u.Path = ep.basePathRaw + u.Path
	}
	for k, v := range ep.headers {
		r.Header[k] = slices.Clip(v) // an Add on one request must not write into another's
	}
}

// signMiddleware signs each attempt's request with SigV4, at the clock
// corrected by the learned skew, and logs it when asked (Finalize step).
type signMiddleware stackCall

// ID returns the ID of the official clients' signing middleware.
func (*signMiddleware) ID() string { return "Signing" }

// HandleFinalize signs the request with the payload hash that
// ComputePayloadSHA256 (or a middleware replacing it) left in the context.
func (m *signMiddleware) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	req, ok := in.Request.(*smithyhttp.Request)
	if !ok {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, fmt.Errorf("unexpected transport type %T", in.Request)
	}
	if m.hr == nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, errors.New("the request was not serialized by OperationSerializer")
	}
	hr := *m.hr
	if h := v4.GetPayloadHash(ctx); h != "" {
		hr.payloadHash = h
	}
	_, span := tracing.StartSpan(ctx, "SignRequest")
	endTimer := startMetricTimer(ctx, metricSigningDuration)
	err := m.c.sign(ctx, m.o, req.Request, &hr)
	endTimer()
	span.End()
	if err != nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, err
	}
	if m.o.ClientLogMode.IsRequest() || m.o.ClientLogMode.IsRequestWithBody() {
		logRequest(m.o, req.Request, hr.body)
	}
	return next.HandleFinalize(ctx, in)
}

// deserializeMiddleware turns the raw *smithyhttp.Response into the output
// or the error (Deserialize step), as the direct path does.
type deserializeMiddleware stackCall

// ID returns the ID of the official clients' deserializer.
func (*deserializeMiddleware) ID() string { return "OperationDeserializer" }

// HandleDeserialize reads the response of one attempt.
func (m *deserializeMiddleware) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if err != nil {
		if ok {
			smithyhttp.CloseResponseBody(ctx, resp, false, err)
		}
		return out, md, err
	}
	if !ok || resp == nil || resp.Response == nil {
		return out, md, &smithy.DeserializationError{Err: fmt.Errorf("unexpected transport type %T", out.RawResponse)}
	}

	_, span := tracing.StartSpan(ctx, "OperationDeserializer")
	endTimer := startMetricTimer(ctx, metricDeserializationDuration)
	result := m.newOutput()
	err = m.c.handleResponse(m.o, resp.Response, &m.b.dec, result)
	endTimer()
	span.End()
	// The direct path's request ID, for the header RequestIDRetriever
	// does not read.
	if id := RequestID(*result.metadata()); id != "" {
		awsmiddleware.SetRequestIDMetadata(&md, id)
	}
	if err != nil {
		return out, md, err
	}
	out.Result = result
	return out, md, nil
}

// guardedHTTPClient sends with sendRequest, so that the stack path has the
// redirect guard of the direct path (see RedirectError).
type guardedHTTPClient struct{ o *Options }

// Do sends req with the options' HTTPClient and checks the answer.
func (g guardedHTTPClient) Do(req *http.Request) (*http.Response, error) {
	return sendRequest(g.o, req)
}
