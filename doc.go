// Package iot1clickgo is the root of iot1click-go, a Go SDK for the AWS IoT
// 1-Click Devices Service (API version 2018-05-14).
//
// AWS retired the service on 2024-12-16 and removed it from its SDKs in
// January 2025. The API is frozen; this module keeps a complete, typed
// client for it together with a faithful emulator, so that programs and
// tests written against the service keep working without AWS.
//
// The module holds:
//
//   - [github.com/iot1click-sdk/iot1click-go/iot1click]: the client. All 13
//     operations, SigV4-signed, retried through aws.Retryer, with errors
//     that errors.As peels like the official SDKs' (smithy.OperationError,
//     awshttp.ResponseError, the modelled exceptions); paginators and
//     range-over-func iterators over ListDevices and ListDeviceEvents; a
//     claim helper that chains InitiateDeviceClaim, waiting for the click
//     and FinalizeDeviceClaim; typed button events.
//   - [github.com/iot1click-sdk/iot1click-go/iot1click/clickevent]: the event
//     a Lambda function gets for a click or a health alert, typed: read from
//     JSON or aws-lambda-go's events.IoTOneClickEvent, and written back.
//   - [github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest]: an
//     in-process emulator of the whole service, httptest style, that checks
//     every signature and follows the service's claim rules.
//   - examples/: programs to copy: quickstart, emulator (standalone, for
//     other languages and the AWS CLI), claim, paginate and lambda.
//
// Start with:
//
//	go run ./examples/quickstart
//	go test -race ./...
package iot1clickgo
