package iot1click_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// exampleStandIn starts a tiny stand-in for the service that answers the
// requests the examples make. Real programs talk to AWS (or to the
// emulator in iot1clicktest) instead.
func exampleStandIn() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-RequestId", "8e8d0a4c-7a6c-4d1e-9f6b-0123456789ab")
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/devices/G030PM0123456789":
			io.WriteString(w, `{"deviceDescription":{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789",`+
				`"attributes":{"projectName":"office","placementName":"lobby"},"deviceId":"G030PM0123456789",`+
				`"enabled":true,"remainingLife":99.85,"type":"button"}}`)
		case r.Method == http.MethodGet && r.URL.Path == "/devices":
			io.WriteString(w, `{"devices":[`+
				`{"deviceId":"G030PM0123456789","enabled":true,"remainingLife":99.85,"type":"button"},`+
				`{"deviceId":"G030PM9876543210","enabled":false,"remainingLife":5.0,"type":"button"}]}`)
		case r.Method == http.MethodPut && r.URL.Path == "/devices/G030PM0123456789/state":
			body, _ := io.ReadAll(r.Body)
			if string(body) != `{"enabled":false}` {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			io.WriteString(w, `{}`)
		default:
			w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"code":"404","message":"No device with id `+strings.TrimPrefix(r.URL.Path, "/devices/")+`"}`)
		}
	}))
}

// exampleStandInClient returns a client of srv with static example credentials.
func exampleStandInClient(srv *httptest.Server) *iot1click.Client {
	return iot1click.New(iot1click.Options{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	})
}

func ExampleClient_DescribeDevice() {
	srv := exampleStandIn()
	defer srv.Close()
	client := exampleStandInClient(srv)

	out, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{
		DeviceId: "G030PM0123456789",
	})
	if err != nil {
		log.Fatal(err)
	}
	d := out.DeviceDescription
	fmt.Println(d.DeviceId, d.Type, "enabled:", d.Enabled)
	fmt.Println("placement:", d.Attributes["projectName"]+"/"+d.Attributes["placementName"])
	fmt.Printf("remaining life: %.2f%%\n", *d.RemainingLife)
	fmt.Println("request ID:", iot1click.RequestID(out.ResultMetadata))
	// Output:
	// G030PM0123456789 button enabled: true
	// placement: office/lobby
	// remaining life: 99.85%
	// request ID: 8e8d0a4c-7a6c-4d1e-9f6b-0123456789ab
}

func ExampleClient_ListDevices() {
	srv := exampleStandIn()
	defer srv.Close()
	client := exampleStandInClient(srv)

	out, err := client.ListDevices(context.Background(), &iot1click.ListDevicesInput{
		DeviceType: "button",
		MaxResults: 50,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range out.Devices {
		fmt.Printf("%s enabled=%t battery=%.1f%%\n", d.DeviceId, d.Enabled, *d.RemainingLife)
	}
	fmt.Printf("more pages: %t\n", out.NextToken != "")
	// Output:
	// G030PM0123456789 enabled=true battery=99.8%
	// G030PM9876543210 enabled=false battery=5.0%
	// more pages: false
}

func ExampleClient_UpdateDeviceState() {
	srv := exampleStandIn()
	defer srv.Close()
	client := exampleStandInClient(srv)

	// Enabled false is sent as {"enabled":false}: the device is disabled.
	out, err := client.UpdateDeviceState(context.Background(), &iot1click.UpdateDeviceStateInput{
		DeviceId: "G030PM0123456789",
		Enabled:  false,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("disabled; attempts:", iot1click.Attempts(out.ResultMetadata))
	// Output:
	// disabled; attempts: 1
}

// Errors are layered: the operation, the HTTP response, then the service's
// exception. errors.As reaches each layer.
func Example_errorHandling() {
	srv := exampleStandIn()
	defer srv.Close()
	client := exampleStandInClient(srv)

	_, err := client.DescribeDevice(context.Background(), &iot1click.DescribeDeviceInput{
		DeviceId: "G030PM0000000000",
	})

	var notFound *iot1click.ResourceNotFoundException
	if errors.As(err, &notFound) {
		fmt.Println("not found:", notFound.ErrorMessage())
	}
	var opErr *smithy.OperationError
	if errors.As(err, &opErr) {
		fmt.Println("operation:", opErr.Service(), opErr.Operation())
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("code:", apiErr.ErrorCode(), "fault:", apiErr.ErrorFault())
	}
	// Output:
	// not found: No device with id G030PM0000000000
	// operation: IoT 1Click Devices Service DescribeDevice
	// code: ResourceNotFoundException fault: client
}
