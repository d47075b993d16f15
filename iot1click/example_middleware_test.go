package iot1click_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// A Build-step middleware sets a header on every request, as with the
// official clients. Setting APIOptions runs each call through a
// smithy-go middleware stack.
func ExampleOptions_buildStepHeader() {
	var seen atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.Header.Get("X-Team"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"devices":[]}`)
	}))
	defer srv.Close()

	addTeamHeader := middleware.BuildMiddlewareFunc("AddTeamHeader", func(
		ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler,
	) (middleware.BuildOutput, middleware.Metadata, error) {
		if req, ok := in.Request.(*smithyhttp.Request); ok {
			req.Header.Set("X-Team", "facilities")
		}
		return next.HandleBuild(ctx, in)
	})

	client := iot1click.New(iot1click.Options{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		BaseEndpoint: aws.String(srv.URL),
		APIOptions: []func(*middleware.Stack) error{
			func(stack *middleware.Stack) error {
				return stack.Build.Add(addTeamHeader, middleware.After)
			},
		},
	})
	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	fmt.Println("X-Team:", seen.Load())
	// Output:
	// X-Team: facilities
}

// An Initialize-step middleware answers with a canned output and nothing
// is sent, as users stub the official clients in tests.
func ExampleOptions_stubOutput() {
	stub := middleware.InitializeMiddlewareFunc("Stub", func(
		context.Context, middleware.InitializeInput, middleware.InitializeHandler,
	) (middleware.InitializeOutput, middleware.Metadata, error) {
		return middleware.InitializeOutput{Result: &iot1click.ListDevicesOutput{
			Devices: []iot1click.DeviceDescription{{DeviceId: "G030PM0123456789", Type: "button"}},
		}}, middleware.Metadata{}, nil
	})
	client := iot1click.New(iot1click.Options{
		APIOptions: []func(*middleware.Stack) error{
			func(stack *middleware.Stack) error {
				return stack.Initialize.Add(stub, middleware.Before)
			},
		},
	})

	out, err := client.ListDevices(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Devices[0].DeviceId, out.Devices[0].Type)
	// Output:
	// G030PM0123456789 button
}

// The request ID and the attempt count of a call are in its output's
// ResultMetadata, read by RequestID and Attempts, or by the official
// getters.
func ExampleRequestID() {
	srv := exampleStandIn()
	defer srv.Close()
	client := exampleStandInClient(srv)

	out, err := client.ListDevices(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("request ID:", iot1click.RequestID(out.ResultMetadata))
	fmt.Println("attempts:", iot1click.Attempts(out.ResultMetadata))

	id, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	fmt.Println("awsmiddleware:", id)
	// Output:
	// request ID: 8e8d0a4c-7a6c-4d1e-9f6b-0123456789ab
	// attempts: 1
	// awsmiddleware: 8e8d0a4c-7a6c-4d1e-9f6b-0123456789ab
}

// Attempts counts the retries a call took.
func ExampleAttempts() {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) == 1 {
			w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"Rate exceeded."}`)
			return
		}
		w.Header().Set("X-Amzn-RequestId", "second-attempt")
		fmt.Fprint(w, `{"devices":[]}`)
	}))
	defer srv.Close()
	client := exampleStandInClient(srv)

	out, err := client.ListDevices(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(iot1click.Attempts(out.ResultMetadata), "attempts, request", iot1click.RequestID(out.ResultMetadata))
	// Output:
	// 2 attempts, request second-attempt
}

// otelaws traces the calls of a client made by NewFromConfig, as it traces
// the official clients: one span per call, named after the service and the
// operation.
func ExampleNewFromConfig_otelaws() {
	srv := exampleStandIn()
	defer srv.Close()

	// A real program exports spans with its usual exporter.
	exporter := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	defer tp.Shutdown(context.Background())

	cfg := aws.Config{ // usually from config.LoadDefaultConfig
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		BaseEndpoint: aws.String(srv.URL),
	}
	otelaws.AppendMiddlewares(&cfg.APIOptions, otelaws.WithTracerProvider(tp))
	client := iot1click.NewFromConfig(cfg)

	if _, err := client.ListDevices(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	for _, span := range exporter.GetSpans() {
		fmt.Println(span.Name)
	}
	// Output:
	// IoT 1Click Devices Service.ListDevices
}
