package projects_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/aws/smithy-go/middleware"
	"github.com/aws/smithy-go/tracing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// spanRecorder is a tracing.TracerProvider that records the scopes asked
// for and the spans started.
type spanRecorder struct {
	mu     sync.Mutex
	scopes []string
	spans  []*recordedSpan
}

type recordedSpan struct {
	tracing.Span
	name  string
	props map[any]any
	ended bool
}

func (s *recordedSpan) Name() string                            { return s.name }
func (s *recordedSpan) SetProperty(k, v any)                    { s.props[k] = v }
func (s *recordedSpan) SetStatus(tracing.SpanStatus)            {}
func (s *recordedSpan) AddEvent(string, ...tracing.EventOption) {}
func (s *recordedSpan) Context() tracing.SpanContext            { return tracing.SpanContext{} }
func (s *recordedSpan) End()                                    { s.ended = true }

func (r *spanRecorder) Tracer(scope string, _ ...tracing.TracerOption) tracing.Tracer {
	r.mu.Lock()
	r.scopes = append(r.scopes, scope)
	r.mu.Unlock()
	return r
}

func (r *spanRecorder) StartSpan(ctx context.Context, name string, opts ...tracing.SpanOption) (context.Context, tracing.Span) {
	var o tracing.SpanOptions
	for _, fn := range opts {
		fn(&o)
	}
	s := &recordedSpan{name: name, props: map[any]any{}}
	for _, k := range []string{"rpc.system", "rpc.service", "rpc.method"} {
		s.props[k] = o.Properties.Get(k)
	}
	r.mu.Lock()
	r.spans = append(r.spans, s)
	r.mu.Unlock()
	return ctx, s
}

// TestTracingSpanNames checks that every operation's span is named
// "IoT 1Click Projects.<Operation>" under the package's scope, and ends.
func TestTracingSpanNames(t *testing.T) {
	for _, tc := range operationCases() {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { testenv.WriteJSON(w, 200, "req", tc.resp) })
			tr := &spanRecorder{}
			if _, err := tc.call(context.Background(), rec.client(func(o *projects.Options) { o.TracerProvider = tr })); err != nil {
				t.Fatal(err)
			}
			tr.mu.Lock()
			defer tr.mu.Unlock()
			if !slices.Contains(tr.scopes, "github.com/iot1click-sdk/iot1click-go/iot1click/projects") {
				t.Errorf("tracer scopes %q", tr.scopes)
			}
			var found *recordedSpan
			for _, s := range tr.spans {
				if s.name == "IoT 1Click Projects."+tc.op {
					found = s
				}
			}
			if found == nil || !found.ended || found.props["rpc.service"] != "IoT 1Click Projects" || found.props["rpc.method"] != tc.op {
				t.Errorf("no ended span IoT 1Click Projects.%s with its rpc properties among %d spans", tc.op, len(tr.spans))
			}
		})
	}
}

// TestAPIOptions checks that a middleware added with APIOptions runs in
// the stack of each call, with the operation's name and input, and can
// answer instead of the service.
func TestAPIOptions(t *testing.T) {
	rec := newRecorder(t, nil)
	var seen []string
	stub := func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("stub", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			seen = append(seen, middleware.GetOperationName(ctx))
			if p, ok := in.Parameters.(*projects.DescribeProjectInput); ok {
				return middleware.InitializeOutput{Result: &projects.DescribeProjectOutput{Project: &projects.ProjectDescription{ProjectName: p.ProjectName + "-stubbed"}}}, middleware.Metadata{}, nil
			}
			return next.HandleInitialize(ctx, in)
		}), middleware.Before)
	}
	c := rec.client(func(o *projects.Options) { o.APIOptions = append(o.APIOptions, stub) })
	out, err := c.DescribeProject(context.Background(), &projects.DescribeProjectInput{ProjectName: testProject})
	if err != nil {
		t.Fatal(err)
	}
	if out.Project == nil || out.Project.ProjectName != "lobby-stubbed" {
		t.Errorf("DescribeProject answered %+v, want the stub's", out.Project)
	}
	if _, err := c.ListProjects(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []string{"DescribeProject", "ListProjects"}) {
		t.Errorf("middleware saw operations %q", seen)
	}
	if n := len(rec.requests()); n != 1 {
		t.Errorf("%d requests, want 1 (the stubbed call sends none)", n)
	}
}
