// Package iot1click is a client for the AWS IoT 1-Click Devices Service
// (API version 2018-05-14): all 13 operations, SigV4-signed and retried,
// with paginators, range-over-func iterators, a claim helper and typed
// button events.
//
// AWS retired the service on 2024-12-16. The package
// [github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest] emulates
// it in-process, and the client works against any endpoint that speaks the
// API (Options.BaseEndpoint).
//
// # Making calls
//
// Create one Client and share it; it is safe for concurrent use. Every
// operation has the same shape:
//
//	func (c *Client) Op(ctx context.Context, params *OpInput, optFns ...func(*Options)) (*OpOutput, error)
//
// A nil params is an empty input. optFns change a copy of the client's
// Options for that call only. Every output carries ResultMetadata, a
// middleware.Metadata as in the official clients: RequestID and Attempts
// read the request ID and the attempt count from it;
// awsmiddleware.GetRequestIDMetadata and awsmiddleware.GetServerTime work
// too.
//
//	cfg, err := config.LoadDefaultConfig(ctx)
//	if err != nil {
//		return err
//	}
//	client := iot1click.NewFromConfig(cfg)
//	out, err := client.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: "G030PM0123456789"})
//
// Input and output fields are plain values wherever the zero value is
// never a valid wire value: an empty DeviceId or NextToken, or a zero
// MaxResults, is not sent. Fields whose zero value means something keep a
// pointer (DeviceDescription.RemainingLife) or are always sent
// (UpdateDeviceStateInput.Enabled).
//
// # Middleware and tracing
//
// Options.APIOptions has the official meaning: with it, a call runs through
// a smithy-go middleware.Stack with the official steps and middleware IDs,
// so otelaws.AppendMiddlewares(&cfg.APIOptions), header middleware and
// stubbed outputs work as with the official clients. Options.TracerProvider
// and Options.MeterProvider emit the official clients' spans and metrics.
// Without any of these, calls take a direct path that builds no stack.
//
// # Errors
//
// A failed call returns a *smithy.OperationError (service ID and operation
// name). An answer of the service is wrapped in an *awshttp.ResponseError
// (HTTP status and request ID) around one of the modelled exceptions, such
// as *ResourceNotFoundException, or a *smithy.GenericAPIError; errors.As
// finds each layer. Each exception holds the service's Message and Code,
// the body's code member as sent (empty when absent): this service
// documents it as an HTTP status such as "404", so ErrorCode, not Code,
// names the exception. Invalid input is refused before any I/O with a
// *smithy.InvalidParamsError listing every problem, and a malformed answer
// gives a *smithy.DeserializationError. An answer without the service's
// error shape (an X-Amzn-ErrorType header, or a JSON body with a code),
// such as a proxy's HTML page, is a *smithy.GenericAPIError whose message
// names the status and the kind of body and quotes an excerpt of it.
// Errors quote at most a short excerpt of what a server sent: about 100
// bytes, 256 for the service's codes and messages. Redirects are never
// followed: a 3xx answer, or an answer to another request than the one
// sent, is a *RedirectError.
//
// # Retries, clock skew and endpoints
//
// Calls are retried through an aws.Retryer, the standard retryer by
// default: 5xx answers, 429 and throttling codes, and connection errors,
// with backoff. When the service refuses a signature because the local
// clock is minutes off its own, the client learns the offset for that
// endpoint host, re-signs and retries; an offset over 24 hours is refused
// as implausible, unless the endpoint is a loopback one (an emulator). Endpoints follow the service's rules in every AWS partition,
// with FIPS and dual-stack variants; NewFromConfig honours the
// AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE variable and the
// iot_1click_devices_service section of the shared configuration.
//
// # Beyond single calls
//
// NewListDevicesPaginator and NewListDeviceEventsPaginator walk pages;
// Client.AllDevices and Client.AllDeviceEvents range over items across
// pages. Client.ClaimDevice runs a whole claim: initiate, wait for the
// click, finalize and enable. ParseButtonEvent decodes the payload of a
// button's event.
package iot1click
