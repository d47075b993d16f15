package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// newStackServer starts an emulator with a fleet of n devices, closed at
// the end of the test.
func newStackServer(t *testing.T, n int) *iot1clicktest.Server {
	t.Helper()
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(n))
	t.Cleanup(srv.Close)
	return srv
}

// emulatorConfig returns an aws.Config pointed at srv, as
// config.LoadDefaultConfig would load it for the emulator.
func emulatorConfig(srv *iot1clicktest.Server) aws.Config {
	return aws.Config{
		Region:       srv.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(srv.AccessKeyID(), srv.SecretAccessKey(), ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.HTTPClient(),
	}
}

// withAPIOption returns an option function that appends fn to APIOptions.
func withAPIOption(fn func(*middleware.Stack) error) func(*iot1click.Options) {
	return func(o *iot1click.Options) { o.APIOptions = append(o.APIOptions, fn) }
}

// TestOtelaws checks that otelaws, appended to cfg.APIOptions as for the
// official clients, traces each call with one span named after the service
// and the operation, carrying the region, the operation and the request ID.
func TestOtelaws(t *testing.T) {
	srv := newStackServer(t, 3)
	exporter := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	cfg := emulatorConfig(srv)
	otelaws.AppendMiddlewares(&cfg.APIOptions, otelaws.WithTracerProvider(tp))
	client := iot1click.NewFromConfig(cfg)

	ctx := context.Background()
	list, err := client.ListDevices(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Devices) != 3 {
		t.Fatalf("%d devices, want 3", len(list.Devices))
	}
	if _, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: list.Devices[0].DeviceId}); err != nil {
		t.Fatal(err)
	}
	_, err = client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PMNOSUCHDEV0"})
	if err == nil {
		t.Fatal("DescribeDevice of an unknown device succeeded")
	}

	reqs := srv.Requests()
	spans := exporter.GetSpans()
	if len(spans) != 3 || len(reqs) != 3 {
		t.Fatalf("%d spans for %d requests, want 3 and 3", len(spans), len(reqs))
	}
	for i, op := range []string{"ListDevices", "DescribeDevice", "DescribeDevice"} {
		s := spans[i]
		if want := "IoT 1Click Devices Service." + op; s.Name != want {
			t.Errorf("span %d named %q, want %q", i, s.Name, want)
		}
		attrs := map[attribute.Key]attribute.Value{}
		for _, kv := range s.Attributes {
			attrs[kv.Key] = kv.Value
		}
		for _, want := range []attribute.KeyValue{
			otelaws.RegionAttr(srv.Region()),
			otelaws.OperationAttr(op),
			otelaws.RequestIDAttr(reqs[i].RequestID),
		} {
			if got, ok := attrs[want.Key]; !ok || got != want.Value {
				t.Errorf("span %d (%s): attribute %s = %v, want %v", i, op, want.Key, got.Emit(), want.Value.Emit())
			}
		}
	}
}

// TestStackBuildHeader checks that a header set by a Build-step middleware
// reaches the wire, signed with the rest of the request.
func TestStackBuildHeader(t *testing.T) {
	srv := newStackServer(t, 1)
	client := srv.Client(withAPIOption(func(s *middleware.Stack) error {
		return s.Build.Add(middleware.BuildMiddlewareFunc("AddTeamHeader", func(
			ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler,
		) (middleware.BuildOutput, middleware.Metadata, error) {
			if req, ok := in.Request.(*smithyhttp.Request); ok {
				req.Header.Set("X-Team", "facilities")
			}
			return next.HandleBuild(ctx, in)
		}), middleware.After)
	}))
	if _, err := client.ListDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 5}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if got := r.Header.Get("X-Team"); got != "facilities" {
		t.Errorf("X-Team %q, want facilities", got)
	}
	if r.Path != "/devices" || r.RawQuery != "maxResults=5" || r.StatusCode != 200 {
		t.Errorf("request %s?%s answered %d", r.Path, r.RawQuery, r.StatusCode)
	}
	if !strings.Contains(r.Header.Get("Authorization"), "x-team") {
		t.Errorf("X-Team is not signed: %s", r.Header.Get("Authorization"))
	}
	if got := r.Header.Get("Amz-Sdk-Request"); got != "attempt=1; max=3" {
		t.Errorf("Amz-Sdk-Request %q", got)
	}
	if r.Header.Get("Amz-Sdk-Invocation-Id") == "" || !strings.HasPrefix(r.Header.Get("User-Agent"), "iot1click-go/") {
		t.Errorf("headers %v", r.Header)
	}
}

// TestStackDeserializeRawResponse checks that a Deserialize-step
// middleware sees the raw *smithyhttp.Response, and the result decoded
// from it.
func TestStackDeserializeRawResponse(t *testing.T) {
	srv := newStackServer(t, 2)
	var status int
	var requestID string
	var result any
	client := srv.Client(withAPIOption(func(s *middleware.Stack) error {
		return s.Deserialize.Add(middleware.DeserializeMiddlewareFunc("SeeResponse", func(
			ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler,
		) (middleware.DeserializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleDeserialize(ctx, in)
			if resp, ok := out.RawResponse.(*smithyhttp.Response); ok {
				status = resp.StatusCode
				requestID = resp.Header.Get("X-Amzn-RequestId")
			}
			result = out.Result
			return out, md, err
		}), middleware.Before)
	}))
	out, err := client.ListDevices(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if status != 200 || requestID == "" || requestID != reqs[0].RequestID {
		t.Errorf("raw response %d %q, want 200 %q", status, requestID, reqs[0].RequestID)
	}
	if result != any(out) {
		t.Errorf("result %T %p, want the output %p", result, result, out)
	}
	if got := iot1click.RequestID(out.ResultMetadata); got != requestID {
		t.Errorf("RequestID %q, want %q", got, requestID)
	}
	if raw, ok := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response); !ok || raw.StatusCode != 200 {
		t.Errorf("raw response in metadata: %T", awsmiddleware.GetRawResponse(out.ResultMetadata))
	}
}

// TestStackInitializeStub checks that an Initialize-step middleware can
// answer with a canned output, with no request sent, as users stub the
// official clients.
func TestStackInitializeStub(t *testing.T) {
	srv := newStackServer(t, 1)
	canned := &iot1click.ListDevicesOutput{
		Devices:   []iot1click.DeviceDescription{{DeviceId: "G030PMSTUB000001", Type: "button", Enabled: true}},
		NextToken: "next",
	}
	stub := withAPIOption(func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("Stub", func(
			context.Context, middleware.InitializeInput, middleware.InitializeHandler,
		) (middleware.InitializeOutput, middleware.Metadata, error) {
			return middleware.InitializeOutput{Result: canned}, middleware.Metadata{}, nil
		}), middleware.Before)
	})
	for _, tc := range []struct {
		name   string
		client *iot1click.Client
	}{
		{"emulator", srv.Client(stub)},
		// No region, no credentials, no endpoint: nothing is resolved
		// before the stub answers.
		{"unconfigured", iot1click.New(iot1click.Options{}, stub)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tc.client.ListDevices(context.Background(), &iot1click.ListDevicesInput{MaxResults: 1})
			if err != nil {
				t.Fatal(err)
			}
			if out != canned || out.Devices[0].DeviceId != "G030PMSTUB000001" || out.NextToken != "next" {
				t.Errorf("output %+v, want the canned one", out)
			}
			if n := iot1click.Attempts(out.ResultMetadata); n != 0 {
				t.Errorf("Attempts %d, want 0", n)
			}
		})
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Errorf("%d requests sent, want none", len(reqs))
	}

	// Per call: the stub answers that call only, and the client's options
	// stay as they were.
	plain := srv.Client()
	if out, err := plain.ListDevices(context.Background(), nil, stub); err != nil || out != canned {
		t.Errorf("per-call stub: %+v, %v", out, err)
	}
	if out, err := plain.ListDevices(context.Background(), nil); err != nil || out == canned || len(out.Devices) != 1 {
		t.Errorf("call after a per-call stub: %+v, %v", out, err)
	}
	if n := len(plain.Options().APIOptions); n != 0 || len(srv.Requests()) != 1 {
		t.Errorf("client has %d API options; %d requests, want 1", n, len(srv.Requests()))
	}

	// A result of another operation's type is an error, not a panic.
	wrong := iot1click.New(iot1click.Options{}, stub)
	_, err := wrong.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{DeviceId: "d"})
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.OperationName != "DescribeDevice" || !strings.Contains(err.Error(), "ListDevicesOutput") {
		t.Errorf("wrong result type: %v", err)
	}
}

// TestStackLayout checks the steps and IDs of the stack, and the values
// existing middleware read from the context.
func TestStackLayout(t *testing.T) {
	srv := newStackServer(t, 1)
	var ids [5][]string
	ctxValues := map[string]string{}
	client := srv.Client(withAPIOption(func(s *middleware.Stack) error {
		ids = [5][]string{s.Initialize.List(), s.Serialize.List(), s.Build.List(), s.Finalize.List(), s.Deserialize.List()}
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("ReadContext", func(
			ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler,
		) (middleware.FinalizeOutput, middleware.Metadata, error) {
			ctxValues["operation"] = middleware.GetOperationName(ctx)
			ctxValues["smithy service"] = middleware.GetServiceID(ctx)
			ctxValues["aws operation"] = awsmiddleware.GetOperationName(ctx)
			ctxValues["service"] = awsmiddleware.GetServiceID(ctx)
			ctxValues["region"] = awsmiddleware.GetRegion(ctx)
			//lint:ignore SA1019 the test checks what existing middleware reads.
			ctxValues["signing name"] = awsmiddleware.GetSigningName(ctx)
			//lint:ignore SA1019 the test checks what existing middleware reads.
			ctxValues["signing region"] = awsmiddleware.GetSigningRegion(ctx)
			return next.HandleFinalize(ctx, in)
		}), middleware.Before)
	}))
	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	want := [5][]string{
		{"RegisterServiceMetadata", "OperationInputValidation"},
		{"OperationSerializer"},
		{"ClientRequestID"},
		{"Retry", "ResolveEndpointV2", "ComputePayloadHash", "Signing"},
		{"AddRawResponseToMetadata", "RequestIDRetriever", "OperationDeserializer", "RecordResponseTiming"},
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("stack IDs\n got %q\nwant %q", ids, want)
	}
	wantCtx := map[string]string{
		"operation": "ListDevices", "smithy service": iot1click.ServiceID,
		"aws operation": "ListDevices", "service": iot1click.ServiceID,
		"region": srv.Region(), "signing name": iot1click.SigningName, "signing region": srv.Region(),
	}
	if !reflect.DeepEqual(ctxValues, wantCtx) {
		t.Errorf("context values %v, want %v", ctxValues, wantCtx)
	}
}

// TestStackErrorsAndRetries checks the stack path's errors, retries, clock
// skew correction and metadata.
func TestStackErrorsAndRetries(t *testing.T) {
	srv := newStackServer(t, 1)
	noop := withAPIOption(func(*middleware.Stack) error { return nil })
	fast := func(o *iot1click.Options) {
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		})
	}
	client := srv.Client(noop, fast)
	ctx := context.Background()

	t.Run("validation", func(t *testing.T) {
		_, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{})
		var ip *smithy.InvalidParamsError
		var oe *smithy.OperationError
		if !errors.As(err, &ip) || !errors.As(err, &oe) || oe.OperationName != "DescribeDevice" {
			t.Errorf("error %v, want an InvalidParamsError in an OperationError", err)
		}
	})
	t.Run("not found", func(t *testing.T) {
		srv.ResetRequests()
		_, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PMNOSUCHDEV0"})
		var ae smithy.APIError
		var re *awshttp.ResponseError
		reqs := srv.Requests()
		if !errors.As(err, &ae) || ae.ErrorCode() != "ResourceNotFoundException" {
			t.Errorf("error %v, want ResourceNotFoundException", err)
		}
		if !errors.As(err, &re) || len(reqs) != 1 || re.ServiceRequestID() != reqs[0].RequestID || re.HTTPStatusCode() != 404 {
			t.Errorf("error %v: response error %+v", err, re)
		}
	})
	t.Run("retry", func(t *testing.T) {
		srv.ResetRequests()
		testenv.Must(t, srv.InjectFault("ListDevices", iot1clicktest.Fault{Throttle: true, Times: 2}))
		out, err := client.ListDevices(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		reqs := srv.Requests()
		if len(reqs) != 3 {
			t.Fatalf("%d requests, want 3", len(reqs))
		}
		for i, r := range reqs {
			if want := "attempt=" + string(rune('1'+i)) + "; max=3"; r.Header.Get("Amz-Sdk-Request") != want {
				t.Errorf("request %d: Amz-Sdk-Request %q, want %q", i, r.Header.Get("Amz-Sdk-Request"), want)
			}
		}
		if n := iot1click.Attempts(out.ResultMetadata); n != 3 {
			t.Errorf("Attempts %d, want 3", n)
		}
		if res, ok := retry.GetAttemptResults(out.ResultMetadata); !ok || len(res.Results) != 3 {
			t.Errorf("attempt results %+v", res)
		}
		if got := iot1click.RequestID(out.ResultMetadata); got != reqs[2].RequestID {
			t.Errorf("RequestID %q, want %q", got, reqs[2].RequestID)
		}
		if st, ok := awsmiddleware.GetServerTime(out.ResultMetadata); !ok || st.IsZero() {
			t.Errorf("server time %v %v", st, ok)
		}
	})
	t.Run("canceled", func(t *testing.T) {
		srv.ResetRequests()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := client.ListDevices(cctx, nil)
		if !errors.Is(err, context.Canceled) || len(srv.Requests()) != 0 {
			t.Errorf("error %v after %d requests, want context.Canceled and none", err, len(srv.Requests()))
		}
	})
	t.Run("clock skew", func(t *testing.T) {
		srv.ResetRequests()
		srv.SetClock(time.Now().Add(20 * time.Minute))
		skewed := srv.Client(noop, fast)
		if _, err := skewed.ListDevices(ctx, nil); err != nil {
			t.Fatalf("skewed call: %v", err)
		}
		reqs := srv.Requests()
		if len(reqs) != 2 || reqs[0].ErrorCode != "InvalidSignatureException" || reqs[1].StatusCode != 200 {
			t.Errorf("requests %+v", reqs)
		}
	})
}

// TestStackLogging checks that the stack path logs requests and responses
// with their secrets redacted, as the direct path does.
func TestStackLogging(t *testing.T) {
	srv := newStackServer(t, 1)
	var mu sync.Mutex
	var logs []string
	logger := logging.LoggerFunc(func(_ logging.Classification, format string, v ...any) {
		mu.Lock()
		defer mu.Unlock()
		logs = append(logs, fmt.Sprintf(format, v...))
	})
	client := srv.Client(withAPIOption(func(*middleware.Stack) error { return nil }), func(o *iot1click.Options) {
		o.Logger = logger
		o.ClientLogMode = aws.LogRequest | aws.LogResponse
	})
	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(logs, "\n")
	if !strings.Contains(all, "GET /devices HTTP/1.1") || !strings.Contains(all, "HTTP/1.1 200 OK") {
		t.Errorf("request and response not logged:\n%s", all)
	}
	if !strings.Contains(all, "Signature=[REDACTED]") || strings.Contains(all, srv.SecretAccessKey()) {
		t.Errorf("signature not redacted:\n%s", all)
	}
}

// TestClientOnlyBuildHasNoTestDependencies checks that a program importing
// only iot1click compiles none of the modules used by the tests alone.
func TestClientOnlyBuildHasNoTestDependencies(t *testing.T) {
	deps := testenv.ClientOnlyDeps(t, "github.com/iot1click-sdk/iot1click-go/iot1click")
	for _, mod := range []string{"go.opentelemetry.io/", "github.com/google/go-cmp", "go.uber.org/goleak", "github.com/stretchr/"} {
		if strings.Contains(deps, mod) {
			t.Errorf("a client-only program compiles %s:\n%s", mod, deps)
		}
	}
}

// TestNewFromConfigCopiesAPIOptions checks that NewFromConfig takes
// cfg.APIOptions as they are then: changing cfg later leaves the client
// unchanged.
func TestNewFromConfigCopiesAPIOptions(t *testing.T) {
	srv := newStackServer(t, 1)
	var ran []string
	record := func(name string) func(*middleware.Stack) error {
		return func(*middleware.Stack) error { ran = append(ran, name); return nil }
	}
	cfg := emulatorConfig(srv)
	cfg.APIOptions = append(make([]func(*middleware.Stack) error, 0, 4), record("first"))
	client := iot1click.NewFromConfig(cfg)
	cfg.APIOptions[0] = record("replaced")
	cfg.APIOptions = append(cfg.APIOptions, record("appended"))

	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ran, []string{"first"}) {
		t.Errorf("API options run: %q, want [first]", ran)
	}
}

// TestStackOfficialHelpers checks that aws-sdk-go-v2's own APIOptions
// helpers work on the stack: a user agent key lands beside this SDK's
// user agent.
func TestStackOfficialHelpers(t *testing.T) {
	srv := newStackServer(t, 1)
	client := srv.Client(withAPIOption(awsmiddleware.AddUserAgentKey("inventory-job")))
	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ua := srv.Requests()[0].Header.Get("User-Agent")
	if !strings.Contains(ua, "inventory-job") || !strings.Contains(ua, "iot1click-go/"+iot1click.Version) {
		t.Errorf("User-Agent %q", ua)
	}
}
