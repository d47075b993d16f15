// Package iot1clickgo is the root of iot1click-go, a Go SDK for AWS IoT
// 1-Click: the Devices Service and the Projects service (API version
// 2018-05-14).
//
// AWS retired IoT 1-Click on 2024-12-16 and removed it from its SDKs in
// January 2025. The API is frozen; this module keeps complete, typed
// clients for it together with a faithful emulator of both services, so
// that programs and tests written against them keep working without AWS.
//
// The module holds:
//
//   - [github.com/iot1click-sdk/iot1click-go/iot1click]: the Devices client.
//     All 13 operations, SigV4-signed, retried through aws.Retryer, with
//     errors that errors.As peels like the official SDKs'
//     (smithy.OperationError, awshttp.ResponseError, the modelled
//     exceptions); paginators and range-over-func iterators over ListDevices
//     and ListDeviceEvents; a claim helper that chains InitiateDeviceClaim,
//     waiting for the click and FinalizeDeviceClaim; typed button events.
//   - [github.com/iot1click-sdk/iot1click-go/iot1click/projects]: the
//     Projects client, on the same call engine. All 16 operations:
//     projects whose device templates route clicks to Lambda functions,
//     placements, devices associated with them, tags; paginators and
//     iterators over ListProjects and ListPlacements.
//   - [github.com/iot1click-sdk/iot1click-go/iot1click/clickevent]: the event
//     a Lambda function gets for a click or a health alert, typed, with the
//     placement's information: read from JSON or aws-lambda-go's
//     events.IoTOneClickEvent, and written back.
//   - [github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest]: an
//     in-process emulator of both services on one address, httptest style,
//     that checks every signature, follows the services' rules and routes a
//     placed device's clicks to its template's function.
//   - examples/: programs to copy: quickstart, emulator (standalone, with a
//     state file and a console, for other languages and the AWS CLI), claim,
//     paginate, lambda and projects.
//
// Start with:
//
//	go run ./examples/quickstart
//	go test -race ./...
package iot1clickgo
