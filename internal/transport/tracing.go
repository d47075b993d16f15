package transport

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/tracing"
)

// The names below are those of the official generated clients (see
// api_client.go of any aws-sdk-go-v2 service), so that dashboards built for
// them keep working. The retry middleware records client.call.attempts,
// client.call.errors and client.call.attempt_duration. Of smithy-go's
// client.http.* metrics, only client.http.do_request_duration is recorded
// (by sendHandler): the others need net/http/httptrace.
const (
	metricCallDuration            = "client.call.duration"
	metricSerializationDuration   = "client.call.serialization_duration"
	metricResolveEndpointDuration = "client.call.resolve_endpoint_duration"
	metricSigningDuration         = "client.call.auth.signing_duration"
	metricDeserializationDuration = "client.call.deserialization_duration"
	metricDoRequestDuration       = "client.http.do_request_duration"
)

// operationMetrics are the histograms of one call.
type operationMetrics struct {
	Duration                metrics.Float64Histogram
	SerializeDuration       metrics.Float64Histogram
	ResolveEndpointDuration metrics.Float64Histogram
	SignRequestDuration     metrics.Float64Histogram
	DeserializeDuration     metrics.Float64Histogram
	DoRequestDuration       metrics.Float64Histogram
}

func (m *operationMetrics) histogramFor(name string) metrics.Float64Histogram {
	switch name {
	case metricCallDuration:
		return m.Duration
	case metricSerializationDuration:
		return m.SerializeDuration
	case metricResolveEndpointDuration:
		return m.ResolveEndpointDuration
	case metricSigningDuration:
		return m.SignRequestDuration
	case metricDeserializationDuration:
		return m.DeserializeDuration
	case metricDoRequestDuration:
		return m.DoRequestDuration
	}
	return nil
}

type operationMetricsKey struct{}

// withOperationMetrics returns ctx carrying the histograms of meter
// provider mp for the service package scope, or ctx itself for the no-op provider.
func withOperationMetrics(ctx context.Context, mp metrics.MeterProvider, scope string) (context.Context, error) {
	if _, ok := mp.(metrics.NopMeterProvider); ok {
		return ctx, nil
	}
	meter := mp.Meter(scope)
	om := &operationMetrics{}
	for _, h := range []struct {
		dst        *metrics.Float64Histogram
		name, desc string
	}{
		{&om.Duration, metricCallDuration,
			"Overall call duration (including retries and time to send or receive request and response body)"},
		{&om.SerializeDuration, metricSerializationDuration,
			"The time it takes to serialize a message body"},
		{&om.ResolveEndpointDuration, metricResolveEndpointDuration,
			"The time it takes to resolve an endpoint (endpoint resolver, not DNS) for the request"},
		{&om.SignRequestDuration, metricSigningDuration,
			"The time it takes to sign a request"},
		{&om.DeserializeDuration, metricDeserializationDuration,
			"The time it takes to deserialize a message body"},
		{&om.DoRequestDuration, metricDoRequestDuration,
			"The time it takes to send the request and receive the response headers"},
	} {
		var err error
		*h.dst, err = meter.Float64Histogram(h.name, func(o *metrics.InstrumentOptions) {
			o.UnitLabel = "s"
			o.Description = h.desc
		})
		if err != nil {
			return nil, err
		}
	}
	return context.WithValue(ctx, operationMetricsKey{}, om), nil
}

// startMetricTimer starts timing metric name and returns the function that
// records the time taken; it does nothing without a meter provider.
func startMetricTimer(ctx context.Context, name string) func() {
	om, _ := ctx.Value(operationMetricsKey{}).(*operationMetrics)
	if om == nil {
		return func() {}
	}
	instr := om.histogramFor(name)
	start := time.Now()
	return func() {
		instr.Record(ctx, float64(time.Since(start))/1e9, withOperationMetadata(ctx))
	}
}

// withOperationMetadata adds the service and operation to a metric, as the
// official clients do.
func withOperationMetadata(ctx context.Context) metrics.RecordMetricOption {
	return func(o *metrics.RecordMetricOptions) {
		o.Properties.Set("rpc.service", middleware.GetServiceID(ctx))
		o.Properties.Set("rpc.method", middleware.GetOperationName(ctx))
	}
}

// startOperationSpan starts the span of a call, named and described as the
// official clients name and describe theirs.
func startOperationSpan(ctx context.Context, tp tracing.TracerProvider, svc *Service, op string) (context.Context, tracing.Span) {
	tracer := tp.Tracer(svc.Scope)
	ctx = tracing.WithOperationTracer(ctx, tracer)
	return tracer.StartSpan(ctx, svc.ID+"."+op, func(o *tracing.SpanOptions) {
		o.Kind = tracing.SpanKindClient
		o.Properties.Set("rpc.system", "aws-api")
		o.Properties.Set("rpc.method", op)
		o.Properties.Set("rpc.service", svc.ID)
	})
}

// endOperationSpan records the outcome of a call on its span and ends it.
func endOperationSpan(span tracing.Span, err error) {
	if err != nil {
		span.SetProperty("exception.type", fmt.Sprintf("%T", err))
		span.SetProperty("exception.message", err.Error())
		var aerr smithy.APIError
		if errors.As(err, &aerr) {
			span.SetProperty("api.error_code", aerr.ErrorCode())
			span.SetProperty("api.error_message", aerr.ErrorMessage())
			span.SetProperty("api.error_fault", aerr.ErrorFault().String())
		}
	}
	span.SetProperty("error", err != nil)
	if err == nil {
		span.SetStatus(tracing.SpanStatusOK)
	} else {
		span.SetStatus(tracing.SpanStatusError)
	}
	span.End()
}
