package iot1click_test

// The "after" side of the migration guides MIGRATING-v1.md and
// MIGRATING-v2.md: each Example here compiles and runs, against the
// emulator, the code a guide shows.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// migrateDeviceID is the claimed, enabled button of migrateServer.
const migrateDeviceID = "G030PM0123456789"

// migrateServer starts an emulator holding one claimed, enabled button with
// attributes and tags, and one button nobody has claimed yet.
func migrateServer() *iot1clicktest.Server {
	return iot1clicktest.NewServer(iot1clicktest.WithDevices(
		iot1clicktest.DeviceRecord{
			DeviceId:      migrateDeviceID,
			State:         iot1clicktest.StateClaimed,
			Enabled:       true,
			RemainingLife: 99.85,
			Attributes:    map[string]string{"projectName": "office", "placementName": "lobby"},
			Tags:          map[string]string{"site": "hq"},
		},
		iot1clicktest.DeviceRecord{DeviceId: "G030PM9876543210", RemainingLife: 100},
	))
}

// NewFromConfig takes the aws.Config that config.LoadDefaultConfig returns,
// as the official clients do. Here the config is built by hand so that the
// example does not read the machine's AWS settings, and BaseEndpoint points
// the client at the emulator.
func ExampleNewFromConfig_migrate() {
	srv := migrateServer()
	defer srv.Close()

	cfg := aws.Config{ // in a program: cfg, err := config.LoadDefaultConfig(ctx)
		Region:      srv.Region(),
		Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKeyID(), srv.SecretAccessKey(), ""),
		HTTPClient:  srv.HTTPClient(),
	}
	client := iot1click.NewFromConfig(cfg, func(o *iot1click.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
	})

	out, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{DeviceId: migrateDeviceID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.DeviceDescription.DeviceId, "in", client.Options().Region)
	// Output:
	// G030PM0123456789 in us-west-2
}

// New takes Options directly, without the config module: the counterpart of
// aws-sdk-go v1's session.NewSession plus New.
func ExampleNew_migrate() {
	srv := migrateServer()
	defer srv.Close()

	client := iot1click.New(iot1click.Options{
		Region:           "us-west-2",
		Credentials:      credentials.NewStaticCredentialsProvider(srv.AccessKeyID(), srv.SecretAccessKey(), ""),
		BaseEndpoint:     aws.String(srv.URL), // v1: aws.Config{Endpoint: ...}
		RetryMaxAttempts: 5,                   // v1: MaxRetries: aws.Int(4)
		HTTPClient:       srv.HTTPClient(),
	})

	out, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{DeviceId: migrateDeviceID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.DeviceDescription.DeviceId, "max attempts:", client.Options().Retryer.MaxAttempts())
	// Output:
	// G030PM0123456789 max attempts: 5
}

// A hand-written NextToken loop, as aws-sdk-go v1 and the retired v2 client
// needed, carries over with string tokens. NewListDevicesPaginator and
// Client.AllDevices replace it.
func ExampleClient_ListDevices_nextTokenLoop() {
	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(5))
	defer srv.Close()
	client := srv.Client()

	in := &iot1click.ListDevicesInput{MaxResults: 2}
	pages, devices := 0, 0
	for {
		out, err := client.ListDevices(context.Background(), in)
		if err != nil {
			log.Fatal(err)
		}
		pages++
		devices += len(out.Devices)
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	fmt.Println(devices, "devices in", pages, "pages")
	// Output:
	// 5 devices in 3 pages
}

// FinalizeDeviceClaim sends its tags as a map[string]string. The claim is
// the usual sequence: initiate, a click of the button (here the emulator's
// Click), finalize. Client.ClaimDevice does all three.
func ExampleClient_FinalizeDeviceClaim_migrate() {
	srv := migrateServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	const id = "G030PM9876543210"

	if _, err := client.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: id}); err != nil {
		log.Fatal(err)
	}
	if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
		log.Fatal(err)
	}
	out, err := client.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{
		DeviceId: id,
		Tags:     map[string]string{"site": "hq", "floor": "2"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.State)

	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	fmt.Println(last.Method, last.Path, string(last.Body))
	// Output:
	// CLAIMED
	// PUT /devices/G030PM9876543210/finalize-claim {"tags":{"floor":"2","site":"hq"}}
}

// UpdateDeviceState always sends Enabled, so false disables the device:
// no aws.Bool(false) needed.
func ExampleClient_UpdateDeviceState_migrate() {
	srv := migrateServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.UpdateDeviceState(context.Background(), &iot1click.UpdateDeviceStateInput{
		DeviceId: "G030PM0123456789",
		Enabled:  false,
	})
	if err != nil {
		log.Fatal(err)
	}

	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	fmt.Println(last.Method, last.Path, string(last.Body))
	d, _ := srv.Device(migrateDeviceID)
	fmt.Println("enabled:", d.Enabled)
	// Output:
	// PUT /devices/G030PM0123456789/state {"enabled":false}
	// enabled: false
}

// TagResource, ListTagsForResource and UntagResource take the device's ARN,
// from DeviceDescription.Arn; tags are a map[string]string and tag keys a
// []string.
func ExampleClient_TagResource_migrate() {
	srv := migrateServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	const arn = "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789"
	if _, err := client.TagResource(ctx, &iot1click.TagResourceInput{
		ResourceArn: arn,
		Tags:        map[string]string{"team": "facilities"},
	}); err != nil {
		log.Fatal(err)
	}
	if _, err := client.UntagResource(ctx, &iot1click.UntagResourceInput{
		ResourceArn: arn,
		TagKeys:     []string{"site"},
	}); err != nil {
		log.Fatal(err)
	}
	out, err := client.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Tags)
	// Output:
	// map[team:facilities]
}

// Where aws-sdk-go v1 code compared awserr.Error codes, and v2 code used
// errors.As with the types package, errors.As reaches this package's
// exceptions, the smithy.APIError interface (ErrorCode, the code v1's
// Code() returned) and the *awshttp.ResponseError (HTTP status and request
// ID, v1's awserr.RequestFailure).
func Example_migrateErrorHandling() {
	srv := migrateServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{
		DeviceId: "G030PM0000000404",
	})

	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode() {
		case "ResourceNotFoundException":
			fmt.Println("code:", apiErr.ErrorCode(), "fault:", apiErr.ErrorFault())
		}
	}
	var notFound *iot1click.ResourceNotFoundException
	if errors.As(err, &notFound) {
		fmt.Println("not found:", notFound.Message)
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		fmt.Println("status:", respErr.HTTPStatusCode(), "request ID set:", respErr.ServiceRequestID() != "")
	}
	var opErr *smithy.OperationError
	if errors.As(err, &opErr) {
		fmt.Println("operation:", opErr.Operation())
	}
	// Output:
	// code: ResourceNotFoundException fault: client
	// not found: The requested device could not be found: G030PM0000000404
	// status: 404 request ID set: true
	// operation: DescribeDevice
}

// Invalid input is refused before any request is sent, with every problem
// listed, as the official clients' validation does.
func Example_migrateInvalidParams() {
	srv := migrateServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.TagResource(context.Background(), &iot1click.TagResourceInput{})
	var invalid *smithy.InvalidParamsError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Len(), "invalid fields")
	}
	fmt.Println("requests sent:", len(srv.Requests()))
	// Output:
	// 2 invalid fields
	// requests sent: 0
}

// The HTTPClient option takes any client with a Do method, so a wrapping
// transport sees every attempt, with its headers, as in the official
// clients.
func ExampleOptions_migrateHTTPClient() {
	srv := migrateServer()
	defer srv.Close()

	var seen []string
	client := srv.Client(func(o *iot1click.Options) {
		o.HTTPClient = doerFunc(func(r *http.Request) (*http.Response, error) {
			seen = append(seen, r.Method+" "+r.URL.Path)
			return srv.HTTPClient().Do(r)
		})
	})
	if _, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{DeviceId: migrateDeviceID}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(seen)
	// Output:
	// [GET /devices/G030PM0123456789]
}

// doerFunc adapts a function to iot1click.HTTPClient.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
