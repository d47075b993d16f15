package iot1click_test

import (
	"context"
	"sort"
	"sync"
	"testing"

	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// recorder records the spans and metrics of fakeTracerProvider and
// fakeMeterProvider.
type recorder struct {
	mu          sync.Mutex
	scopes      map[string]bool
	spans       []*fakeSpan
	instruments map[string]string // name -> unit
	records     []metricRecord
}

type metricRecord struct {
	name  string
	props map[any]any
}

func newRecorder() *recorder {
	return &recorder{scopes: map[string]bool{}, instruments: map[string]string{}}
}

// fakeTracerProvider is a tracing.TracerProvider that records its spans.
type fakeTracerProvider struct{ r *recorder }

func (p fakeTracerProvider) Tracer(scope string, _ ...tracing.TracerOption) tracing.Tracer {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	p.r.scopes["tracer "+scope] = true
	return fakeTracer(p)
}

type fakeTracer struct{ r *recorder }

func (t fakeTracer) StartSpan(ctx context.Context, name string, opts ...tracing.SpanOption) (context.Context, tracing.Span) {
	var o tracing.SpanOptions
	for _, fn := range opts {
		fn(&o)
	}
	s := &fakeSpan{r: t.r, name: name, kind: o.Kind, props: o.Properties.Values()}
	if s.props == nil {
		s.props = map[any]any{}
	}
	if parent, ok := tracing.GetSpan(ctx); ok {
		if p, ok := parent.(*fakeSpan); ok {
			s.parent = p.name
		}
	}
	t.r.mu.Lock()
	t.r.spans = append(t.r.spans, s)
	t.r.mu.Unlock()
	return tracing.WithSpan(ctx, s), s
}

type fakeSpan struct {
	r      *recorder
	name   string
	parent string
	kind   tracing.SpanKind
	props  map[any]any
	status tracing.SpanStatus
	ended  bool
}

func (s *fakeSpan) Name() string                            { return s.name }
func (s *fakeSpan) Context() tracing.SpanContext            { return tracing.SpanContext{} }
func (s *fakeSpan) AddEvent(string, ...tracing.EventOption) {}
func (s *fakeSpan) SetStatus(st tracing.SpanStatus)         { s.status = st }
func (s *fakeSpan) SetProperty(k, v any)                    { s.r.mu.Lock(); s.props[k] = v; s.r.mu.Unlock() }
func (s *fakeSpan) End()                                    { s.r.mu.Lock(); s.ended = true; s.r.mu.Unlock() }
func (s *fakeSpan) prop(k string) any {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	return s.props[k]
}

func (r *recorder) find(name string) (out []*fakeSpan) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.spans {
		if s.name == name {
			out = append(out, s)
		}
	}
	return out
}

// fakeMeterProvider is a metrics.MeterProvider that records the
// instruments made and the values recorded on the counters and histograms.
type fakeMeterProvider struct{ r *recorder }

func (p fakeMeterProvider) Meter(scope string, _ ...metrics.MeterOption) metrics.Meter {
	p.r.mu.Lock()
	defer p.r.mu.Unlock()
	p.r.scopes["meter "+scope] = true
	return fakeMeter{Meter: metrics.NopMeterProvider{}.Meter(scope), r: p.r}
}

type fakeMeter struct {
	metrics.Meter
	r *recorder
}

func (m fakeMeter) instrument(name string, opts []metrics.InstrumentOption) fakeInstrument {
	var o metrics.InstrumentOptions
	for _, fn := range opts {
		fn(&o)
	}
	m.r.mu.Lock()
	m.r.instruments[name] = o.UnitLabel
	m.r.mu.Unlock()
	return fakeInstrument{name: name, r: m.r}
}

func (m fakeMeter) Int64Counter(name string, opts ...metrics.InstrumentOption) (metrics.Int64Counter, error) {
	return m.instrument(name, opts), nil
}

func (m fakeMeter) Float64Histogram(name string, opts ...metrics.InstrumentOption) (metrics.Float64Histogram, error) {
	return m.instrument(name, opts), nil
}

type fakeInstrument struct {
	name string
	r    *recorder
}

func (i fakeInstrument) record(opts []metrics.RecordMetricOption) {
	var o metrics.RecordMetricOptions
	for _, fn := range opts {
		fn(&o)
	}
	i.r.mu.Lock()
	i.r.records = append(i.r.records, metricRecord{name: i.name, props: o.Properties.Values()})
	i.r.mu.Unlock()
}

func (i fakeInstrument) Add(_ context.Context, _ int64, opts ...metrics.RecordMetricOption) {
	i.record(opts)
}

func (i fakeInstrument) Record(_ context.Context, _ float64, opts ...metrics.RecordMetricOption) {
	i.record(opts)
}

// TestTracerAndMeterProviders checks that a call made with a
// TracerProvider and a MeterProvider emits the spans and metrics of the
// official clients, under their names, units and attributes.
func TestTracerAndMeterProviders(t *testing.T) {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(1))
	t.Cleanup(srv.Close)
	r := newRecorder()
	client := srv.Client(func(o *iot1click.Options) {
		o.TracerProvider = fakeTracerProvider{r}
		o.MeterProvider = fakeMeterProvider{r}
	})
	ctx := context.Background()
	if _, err := client.ListDevices(ctx, nil); err != nil {
		t.Fatal(err)
	}
	_, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PMNOSUCHDEV0"})
	if err == nil {
		t.Fatal("DescribeDevice of an unknown device succeeded")
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}

	const scope = "github.com/iot1click-sdk/iot1click-go/iot1click"
	if !r.scopes["tracer "+scope] || !r.scopes["meter "+scope] {
		t.Errorf("scopes %v, want tracer and meter %s", r.scopes, scope)
	}

	for i, op := range []string{"ListDevices", "DescribeDevice"} {
		spans := r.find("IoT 1Click Devices Service." + op)
		if len(spans) != 1 {
			t.Fatalf("%d spans for %s, want 1", len(spans), op)
		}
		s := spans[0]
		if s.kind != tracing.SpanKindClient || !s.ended || s.parent != "" {
			t.Errorf("%s span: kind %v ended %v parent %q", op, s.kind, s.ended, s.parent)
		}
		for k, want := range map[string]any{
			"rpc.system": "aws-api", "rpc.method": op, "rpc.service": iot1click.ServiceID,
			"error": i == 1,
		} {
			if got := s.prop(k); got != want {
				t.Errorf("%s span: %s = %v, want %v", op, k, got, want)
			}
		}
		wantStatus := tracing.SpanStatusOK
		if i == 1 {
			wantStatus = tracing.SpanStatusError
			if s.prop("api.error_code") != "ResourceNotFoundException" || s.prop("exception.type") == nil {
				t.Errorf("error span properties %v", s.props)
			}
		}
		if s.status != wantStatus {
			t.Errorf("%s span status %v, want %v", op, s.status, wantStatus)
		}
	}
	// The retry loop, the attempt, serialization, signing and the HTTP
	// request get their spans too; the request ID lands on the attempt's
	// span, as in the official clients.
	for _, name := range []string{"RetryLoop", "Attempt", "OperationSerializer", "SignRequest", "OperationDeserializer", "DoHTTPRequest"} {
		if len(r.find(name)) != 2 {
			t.Errorf("%d %s spans, want 2", len(r.find(name)), name)
		}
	}
	if got := r.find("Attempt")[0].prop("aws.request_id"); got != reqs[0].RequestID {
		t.Errorf("aws.request_id %v, want %s", got, reqs[0].RequestID)
	}

	wantUnits := map[string]string{
		"client.call.duration":                  "s",
		"client.call.serialization_duration":    "s",
		"client.call.resolve_endpoint_duration": "s",
		"client.call.auth.signing_duration":     "s",
		"client.call.deserialization_duration":  "s",
		"client.call.attempts":                  "{attempt}",
		"client.call.errors":                    "{error}",
		"client.call.attempt_duration":          "s",
		"client.http.do_request_duration":       "s",
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, unit := range wantUnits {
		if got, ok := r.instruments[name]; !ok || got != unit {
			t.Errorf("instrument %s: unit %q (%v), want %q", name, got, ok, unit)
		}
	}
	counts := map[string]int{}
	for _, rec := range r.records {
		if _, ok := wantUnits[rec.name]; !ok {
			continue
		}
		counts[rec.name]++
		if rec.props["rpc.service"] != iot1click.ServiceID || (rec.props["rpc.method"] != "ListDevices" && rec.props["rpc.method"] != "DescribeDevice") {
			t.Errorf("%s recorded with %v", rec.name, rec.props)
		}
	}
	var names []string
	for name := range wantUnits {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		want := 2
		if name == "client.call.errors" {
			want = 1
		}
		if counts[name] != want {
			t.Errorf("%s recorded %d times, want %d", name, counts[name], want)
		}
	}
}
