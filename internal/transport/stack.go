package transport

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
// TracerProvider or a MeterProvider. The stack's middleware are the
// engine's own pieces, those the fast path runs, under the official IDs:
//
//	Initialize:  RegisterServiceMetadata, OperationInputValidation
//	Serialize:   OperationSerializer
//	Build:       ClientRequestID
//	Finalize:    Retry, ResolveEndpointV2, ComputePayloadHash, Signing
//	Deserialize: AddRawResponseToMetadata, RequestIDRetriever,
//	             OperationDeserializer, RecordResponseTiming
//
// RegisterServiceMetadata, Retry and AddRawResponseToMetadata are
// aws-sdk-go-v2's own: Retry makes the same decisions as the fast path's
// loop (roundTrips) and records the attempts (retry.GetAttemptResults) and
// the retry metrics. The invocation ID, the payload hash, the request ID and
// the server time are each made and recorded once per call or attempt.
//
// The handler at the end of the stack is the engine's send (sendHandler).
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
	op    operation
	b     *Request
	hr    *httpRequest // set by the serializer

	// facts are those of the response facts describe, read once by the
	// first middleware that needs them.
	factsOf *http.Response
	facts   responseFacts

	newOutput func() any
}

// responseFacts returns the facts of resp, read once per response.
func (sc *stackCall) responseFacts(resp *http.Response) *responseFacts {
	if sc.factsOf != resp {
		sc.factsOf, sc.facts = resp, newResponseFacts(resp)
	}
	return &sc.facts
}

// invokeStack builds the stack of one call and runs it, as the official
// clients' invokeOperation does.
func (c *Client) invokeStack(ctx context.Context, o *Options, ep resolvedEndpoint, epErr error, op operation,
	in any, newOutput func() any) (result any, md middleware.Metadata, err error) {
	svc := c.svc
	// The values existing middleware read, set before the stack as the
	// generated clients' resolveServiceMetadata does, so that middleware
	// added ahead of RegisterServiceMetadata sees them too.
	ctx = middleware.ClearStackValues(ctx)
	ctx = middleware.WithServiceID(ctx, svc.ID)
	ctx = middleware.WithOperationName(ctx, op.name())
	ctx = awsmiddleware.SetServiceID(ctx, svc.ID)
	ctx = awsmiddleware.SetOperationName(ctx, op.name())
	//lint:ignore SA1019 existing middleware (otelaws, users' own) still reads the signing name here, as the official clients set it.
	ctx = awsmiddleware.SetSigningName(ctx, svc.SigningName)
	if o.Region != "" {
		ctx = awsmiddleware.SetRegion(ctx, o.Region)
		//lint:ignore SA1019 existing middleware still reads the signing region here, as the official clients set it.
		ctx = awsmiddleware.SetSigningRegion(ctx, o.Region)
	}
	ctx = middleware.SetLogger(ctx, o.Logger)

	b := getBuilder()
	defer putBuilder(b)
	sc := &stackCall{c: c, o: o, ep: ep, epErr: epErr, op: op, b: b, newOutput: newOutput}
	opErr := func(err error) error {
		return &smithy.OperationError{ServiceID: svc.ID, OperationName: op.name(), Err: err}
	}

	mp := o.MeterProvider
	if mp == nil {
		mp = metrics.NopMeterProvider{}
	}
	meter := mp.Meter(svc.Scope)

	stack := middleware.NewStack(op.name(), smithyhttp.NewStackRequest)
	if err := sc.addMiddlewares(stack, meter); err != nil {
		return nil, md, opErr(err)
	}
	for _, fn := range o.APIOptions {
		if err := fn(stack); err != nil {
			return nil, md, opErr(err)
		}
	}

	ctx, err = withOperationMetrics(ctx, mp, svc.Scope)
	if err != nil {
		return nil, md, opErr(err)
	}
	tp := o.TracerProvider
	if tp == nil {
		tp = tracing.NopTracerProvider{}
	}
	ctx, span := startOperationSpan(ctx, tp, svc, op.name())
	endTimer := startMetricTimer(ctx, metricCallDuration)

	handler := sendHandler{o}
	result, md, err = middleware.DecorateHandler(handler, stack).Handle(ctx, in)
	endTimer()
	endOperationSpan(span, err)
	if err != nil {
		return nil, md, opErr(err)
	}
	return result, md, nil
}

// addMiddlewares adds the stack's own middleware, in the official order.
func (sc *stackCall) addMiddlewares(stack *middleware.Stack, meter metrics.Meter) error {
	o := sc.o
	steps := []func() error{
		func() error {
			return stack.Initialize.Add(&awsmiddleware.RegisterServiceMetadata{
				ServiceID: sc.c.svc.ID, SigningName: sc.c.svc.SigningName, Region: o.Region, OperationName: sc.op.name(),
			}, middleware.Before)
		},
		func() error { return stack.Initialize.Add((*validateMiddleware)(sc), middleware.After) },
		func() error { return stack.Serialize.Add((*serializeMiddleware)(sc), middleware.After) },
		func() error { return stack.Build.Add((*invocationIDMiddleware)(sc), middleware.After) },
		func() error {
			// Clock skew is corrected by the engine's own signing and
			// response handling, as on the fast path, so the retry
			// middleware's own correction stays off.
			return stack.Finalize.Add(retry.NewAttemptMiddleware(o.Retryer, smithyhttp.RequestCloner, func(a *retry.Attempt) {
				a.LogAttempts = o.ClientLogMode.IsRetries()
				a.OperationMeter = meter
				a.DisableClockSkewCorrection = true
			}), middleware.After)
		},
		func() error { return stack.Finalize.Add((*endpointMiddleware)(sc), middleware.After) },
		func() error { return stack.Finalize.Add((*payloadHashMiddleware)(sc), middleware.After) },
		func() error { return stack.Finalize.Add((*signMiddleware)(sc), middleware.After) },
		func() error { return awsmiddleware.AddRawResponseToMetadata(stack) },
		func() error { return stack.Deserialize.Add((*deserializeMiddleware)(sc), middleware.After) },
		func() error {
			return stack.Deserialize.Insert((*requestIDMiddleware)(sc), "OperationDeserializer", middleware.Before)
		},
		func() error { return stack.Deserialize.Add((*responseTimingMiddleware)(sc), middleware.After) },
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
	if err := validateInput(m.op, in.Parameters, &m.b.perr); err != nil {
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
		return middleware.SerializeOutput{}, middleware.Metadata{}, &smithy.SerializationError{Err: fmt.Errorf("unexpected transport type %T", in.Request)}
	}

	_, span := tracing.StartSpan(ctx, "OperationSerializer")
	endTimer := startMetricTimer(ctx, metricSerializationDuration)
	var err error
	m.op.serialize(in.Parameters, m.b)
	hreq, hr := m.c.newRequest(ctx, m.o, resolvedEndpoint{}, m.b, false)
	m.hr = hr
	req.Request = hreq
	if hr.body != nil {
		req, err = req.SetStream(bytes.NewReader(hr.body))
		in.Request = req
	}
	endTimer()
	span.End()
	if err != nil {
		return middleware.SerializeOutput{}, middleware.Metadata{}, &smithy.SerializationError{Err: err}
	}
	return next.HandleSerialize(ctx, in)
}

// invocationIDMiddleware sets the call's invocation ID (Build step): the
// same random UUID for every attempt, made once.
type invocationIDMiddleware stackCall

// ID returns the ID of the official clients' invocation ID middleware.
func (*invocationIDMiddleware) ID() string { return "ClientRequestID" }

// HandleBuild sets the Amz-Sdk-Invocation-Id header.
func (m *invocationIDMiddleware) HandleBuild(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (
	middleware.BuildOutput, middleware.Metadata, error,
) {
	req, ok := in.Request.(*smithyhttp.Request)
	if !ok {
		return middleware.BuildOutput{}, middleware.Metadata{}, fmt.Errorf("unknown transport type %T", in.Request)
	}
	req.Header[headerInvocationID] = []string{string(m.b.random.Append(nil))}
	return next.HandleBuild(ctx, in)
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

// payloadHashMiddleware gives the signer the payload hash the serializer
// computed (Finalize step), so that the body is hashed once per call.
type payloadHashMiddleware stackCall

// ID returns the ID of the official clients' payload hash middleware.
func (*payloadHashMiddleware) ID() string { return "ComputePayloadHash" }

// HandleFinalize records the payload hash in the context, where the
// Signing middleware (or one replacing it) reads it.
func (m *payloadHashMiddleware) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	if m.hr == nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, errors.New("the request was not serialized by OperationSerializer")
	}
	return next.HandleFinalize(v4.SetPayloadHash(ctx, m.hr.payloadHash), in)
}

// signMiddleware signs each attempt's request with SigV4, at the clock
// corrected by the learned skew, and logs it when asked (Finalize step).
type signMiddleware stackCall

// ID returns the ID of the official clients' signing middleware.
func (*signMiddleware) ID() string { return "Signing" }

// HandleFinalize signs the request with the payload hash in the context
// (set by ComputePayloadHash, or a middleware replacing it).
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

// rawResponse returns the *http.Response of a deserialize step's output,
// nil when there is none.
func rawResponse(out middleware.DeserializeOutput) *http.Response {
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok || resp == nil {
		return nil
	}
	return resp.Response
}

// requestIDMiddleware records the request ID of each attempt's response in
// the metadata and on the attempt's span (Deserialize step).
type requestIDMiddleware stackCall

// ID returns the ID of the official clients' request ID middleware.
func (*requestIDMiddleware) ID() string { return "RequestIDRetriever" }

// HandleDeserialize records the request ID, when the response has one.
func (m *requestIDMiddleware) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if resp := rawResponse(out); resp != nil {
		if id := (*stackCall)(m).responseFacts(resp).reqID; id != "" {
			awsmiddleware.SetRequestIDMetadata(&md, id)
			span, _ := tracing.GetSpan(ctx)
			span.SetProperty("aws.request_id", id)
		}
	}
	return out, md, err
}

// responseTimingMiddleware records the server time of each attempt's
// response in the metadata, where awsmiddleware.GetServerTime reads it
// (Deserialize step).
type responseTimingMiddleware stackCall

// ID returns the ID of the official clients' response timing middleware.
func (*responseTimingMiddleware) ID() string { return "RecordResponseTiming" }

// HandleDeserialize records the server time, when the response has one.
func (m *responseTimingMiddleware) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	if resp := rawResponse(out); resp != nil {
		setResponseMetadata(&md, "", (*stackCall)(m).responseFacts(resp).server)
	}
	return out, md, err
}

// deserializeMiddleware turns the raw *smithyhttp.Response into the output
// or the error (Deserialize step), with the fast path's readResponse.
type deserializeMiddleware stackCall

// ID returns the ID of the official clients' deserializer.
func (*deserializeMiddleware) ID() string { return "OperationDeserializer" }

// HandleDeserialize reads the response of one attempt.
func (m *deserializeMiddleware) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	raw, _ := out.RawResponse.(*smithyhttp.Response)
	if err != nil {
		if raw != nil {
			smithyhttp.CloseResponseBody(ctx, raw, false, err)
		}
		return out, md, err
	}
	resp := rawResponse(out)
	sent, _ := in.Request.(*smithyhttp.Request)
	if resp == nil || sent == nil {
		return out, md, &smithy.DeserializationError{Err: fmt.Errorf("unexpected transport type %T", out.RawResponse)}
	}

	_, span := tracing.StartSpan(ctx, "OperationDeserializer")
	endTimer := startMetricTimer(ctx, metricDeserializationDuration)
	result := m.newOutput()
	err = m.c.readResponse(ctx, m.o, m.op, sent.Request, resp, (*stackCall)(m).responseFacts(resp), &m.b.dec, result)
	endTimer()
	span.End()
	if err != nil {
		return out, md, err
	}
	out.Result = result
	return out, md, nil
}

// sendHandler is the stack's handler: it sends each attempt's request as the
// fast path does (send, sendError), under a "DoHTTPRequest" span, and
// records client.http.do_request_duration. It stands in for smithy-go's
// ClientHandler, whose connection metrics (through net/http/httptrace)
// would cost every program 53 KB.
type sendHandler struct{ o *Options }

// Handle sends the *smithyhttp.Request input and returns the
// *smithyhttp.Response: on a failure, an empty one and sendError's error,
// as smithy-go's ClientHandler does.
func (h sendHandler) Handle(ctx context.Context, input any) (any, middleware.Metadata, error) {
	ctx, span := tracing.StartSpan(ctx, "DoHTTPRequest")
	defer span.End()
	req, ok := input.(*smithyhttp.Request)
	if !ok {
		return nil, middleware.Metadata{}, fmt.Errorf("expect Smithy http.Request value as input, got unsupported type %T", input)
	}
	built := req.Build(ctx)
	span.SetProperty("http.method", built.Method)
	endTimer := startMetricTimer(ctx, metricDoRequestDuration)
	resp, err := send(h.o, built)
	endTimer()
	// The transport may not close the body in a timely manner; Build wrapped
	// it so that closing it here is safe.
	if built.Body != nil {
		_ = built.Body.Close()
	}
	if err != nil {
		return &smithyhttp.Response{Response: &http.Response{Header: http.Header{}, Body: http.NoBody}}, middleware.Metadata{}, sendError(ctx, err)
	}
	span.SetProperty("http.status_code", resp.StatusCode)
	return &smithyhttp.Response{Response: resp}, middleware.Metadata{}, nil
}
