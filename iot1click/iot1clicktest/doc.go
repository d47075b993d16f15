// Package iot1clicktest provides an in-process emulator of AWS IoT 1-Click,
// both its services, in the style of net/http/httptest. A Handler
// (NewHandler) is an http.Handler that speaks the REST-JSON wire protocol
// of the Devices Service (thirteen operations) and of the Projects service
// (sixteen), on one address, verifies SigV4 signatures and keeps the state
// of devices, claims, tags, callbacks, events, projects and placements in
// memory; mount it in a server of your own. NewServer serves a Handler on a loopback port, with
// httptest.Server underneath. This comment is the emulator's behaviour
// contract.
//
// AWS retired the service on 2024-12-16. This emulator follows the frozen
// service model and the behaviour documented for the service; where the
// documentation is silent, the choices are listed below and are part of the
// emulator's contract.
//
// A typical test:
//
//	srv := iot1clicktest.NewServer(iot1clicktest.WithFleet(3))
//	defer srv.Close()
//	client := srv.Client()
//	out, err := client.ListDevices(ctx, nil)
//
// Mounted in a server of the test's own:
//
//	h := iot1clicktest.NewHandler(iot1clicktest.WithFleet(3))
//	mux.Handle("/", h) // at the root: a signature covers the path as sent
//	ts := httptest.NewServer(mux)
//	client := h.NewClient(ts.URL)
//
// The errors of NewServer's HTTP server go to WithLogf, such as t.Logf, or
// else to os.Stderr.
//
// # Accounts and credentials
//
// The server has a default account (123456789012) with the access key
// DefaultAccessKeyID and the secret DefaultSecretAccessKey, changed with
// WithAccountID and WithCredentials. WithAccount adds further accounts, each
// with its own key. Every request must be signed with SigV4 for the service
// "iot1click", the server's region and a known key; the key selects the
// account the request acts for. A device belongs to at most one account.
//
// # Wire behaviour
//
// Responses carry X-Amzn-RequestId (a random UUID) and a Date header from the
// server's clock. Errors carry X-Amzn-ErrorType and a JSON body
// {"code":"<Name>","message":"..."}. Choices where the service documentation
// is silent:
//
//   - A path or method that matches no operation: 404 UnknownOperationException.
//   - A body that is not valid JSON or has members of the wrong type: 400
//     InvalidRequestException (unknown members are ignored).
//   - A body larger than the limit (WithMaxBodyBytes, 1 MiB by default): 413
//     RequestEntityTooLargeException, checked before the signature.
//   - Signature failures (from internal/sigv4): 403 (or 400) with the
//     verifier's code, such as MissingAuthenticationTokenException,
//     IncompleteSignatureException, InvalidSignatureException (also for
//     "Signature expired") and UnrecognizedClientException. A request more
//     than five minutes off the server clock is refused.
//   - maxResults must be an integer from 1 to 250 (default 100), otherwise 400
//     InvalidRequestException.
//   - ListDeviceEvents returns events with fromTimeStamp <= time < toTimeStamp,
//     oldest first, events of the same time in the order recorded (even when
//     the server clock was set back between clicks). The timestamps are
//     RFC 3339 date-times, 't' and 'z' in either case; a missing or
//     unparsable timestamp, or fromTimeStamp after toTimeStamp, is 400
//     InvalidRequestException. Only events recorded while
//     the device belonged to (or was being claimed by) the caller's account
//     are listed.
//   - Page tokens are opaque and signed with a per-server key. They are bound
//     to the operation, the account and the query (maxResults excepted), and
//     valid for 24 hours of server time and until Reset. A forged, altered,
//     expired or foreign token is 416 RangeNotSatisfiableException. Pages are
//     keyed by the last item returned, so no item is repeated, and an item
//     added between pages is listed if it sorts after that item.
//   - Tags: at most 50 per device, keys of 1 to 128 characters not starting
//     with "aws:", values of at most 256 characters; otherwise 400.
//     TagResource requires the tags member; an empty map is accepted.
//   - A device ARN of another region or account, or of a device the caller
//     does not own, is 404 ResourceNotFoundException.
//
// # Projects
//
// The Projects service's operations share the address. Each is built from
// the service's description in the model; /tags/{arn} goes to the Projects
// service when the ARN's resource type is projects/, and to the Devices
// service otherwise. Projects and placements belong to the caller's
// account. Its rules:
//
//   - Names are checked on the server: project names ^[0-9A-Za-z_-]+$,
//     placement and device template names ^[a-zA-Z0-9_-]+$, each of 1 to 128
//     characters; a description of at most 500 characters; attribute names
//     of 1 to 128 and values of at most 800; callback names of 1 to 128 and
//     values of at most 200; tag keys ^(?!aws:)[a-zA-Z+-=._:/]+$ of 1 to 128,
//     values of at most 256, at most 50 tags; UpdatePlacement sets at most 50
//     attributes. Anything else is 400 InvalidRequestException.
//   - CreateProject of a taken name, and CreatePlacement of a taken
//     placement name, are 409 ResourceConflictException. A missing project,
//     placement, device template or placed device is 404
//     ResourceNotFoundException.
//   - DeleteProject is refused while the project has placements, and
//     DeletePlacement while the placement has devices: 400
//     InvalidRequestException.
//   - Device template names are fixed once the project exists: UpdateProject
//     naming a template the project lacks, or changing a template's
//     deviceType, is 400. UpdateProject changes the description, the default
//     attributes and the templates' callbackOverrides; UpdatePlacement the
//     placement's attributes. Updates change only the members given, key by
//     key for maps, and "" clears a value.
//   - AssociateDeviceWithPlacement places a device the caller has claimed
//     (404 otherwise) under a template of the project whose deviceType, when
//     set, is the device's (400 otherwise); a device placed elsewhere, or a
//     template slot holding another device, is 409. Associating the same
//     device in the same slot again succeeds. While placed, the device's
//     attributes in the Devices service are projectRegion, projectName,
//     placementName and deviceTemplateName over its own; disassociating it,
//     unclaiming it or replacing it (AddDevices) clears them.
//   - ListProjects and ListPlacements page as ListDevices does (maxResults 1
//     to 250, default 100, sorted by name), but a bad token is 400
//     InvalidRequestException: the Projects model has no
//     RangeNotSatisfiableException. Timestamps are epoch seconds with
//     milliseconds. Operations with nothing to return answer 200 and {}.
//
// # Claim lifecycle
//
// ListDevices lists the caller's claimed devices, sorted by device ID.
// DescribeDevice and ListDeviceEvents also accept a device whose claim the
// caller initiated. Every other operation on a device requires the device to
// be claimed by the caller; anything else is 404 ResourceNotFoundException.
//
//   - InitiateDeviceClaim: 404 for an unknown device; 409
//     ResourceConflictException when the device is claimed, or being claimed,
//     by another account, or already claimed by the caller. Initiating again a
//     claim the caller already initiated restarts it (a new click is needed).
//     Pending claims do not expire.
//   - FinalizeDeviceClaim: 404 for an unknown device, 409 when the caller
//     already owns it, 412 PreconditionFailedException when the caller did
//     not initiate its claim or when the device was not clicked since. On
//     success the device is CLAIMED, disabled, and has the tags of the body.
//   - UnclaimDevice releases a claimed device, or cancels the caller's
//     pending claim: the device leaves the account, disabled, with no tags
//     and no callbacks.
//   - ClaimDevicesByClaimCode: codes start with "C-" and have 12 to 40
//     characters (400 otherwise). An unknown code, a code claimed by another
//     account, or a code whose devices belong to another account is 403
//     ForbiddenException. Devices claimed by code are CLAIMED and disabled.
//     Claiming the same code again is idempotent.
//   - UpdateDeviceState requires the enabled member (400 otherwise).
//
// # Device methods
//
// Every device has the "device" methods getDeviceHealthParameters,
// setDeviceHealthMonitorCallback and getDeviceHealthMonitorCallback; a button
// also has the "button" methods setOnClickCallback and getOnClickCallback.
// Methods work whether or not the device is enabled. A set method requires
// deviceMethodParameters holding a JSON object and answers "{}"; the matching
// get method answers the stored object ("{}" before any set). A get method
// with deviceMethodParameters present but empty, an unknown method, or a
// method of another device type is 400 InvalidRequestException.
//
// # Clicks and events
//
// Server.Click (or POST /_iot1click/click) presses a button: it records an
// event whose stdEvent holds clickType, reportedTime (server clock, UTC, with
// milliseconds), certificateId (64 hex digits, fixed per device),
// remainingLife and testMode (false), and marks a pending claim as clicked.
// Clicks are recorded whether or not the device is enabled or owned.
//
// # Lambda: the click event
//
// ClickEvent builds, from a click's record, the event AWS IoT 1-Click sent
// the Lambda function of the device's project (a clickevent.Event: the
// click, deviceInfo, and, for a placed device, placementInfo with the
// placement's attributes over the project's defaults and its devices).
// Clicks are routed as AWS routed them: a placed device's to the function
// whose ARN is its template's onClickCallback (CallbackOnClick); another
// device's to the function its setOnClickCallback method named; the rest
// to WithClickHandler's function in process and WithClickURL's URL.
// WithLambda maps an ARN to a function in process, WithLambdaURL to a URL
// the event's JSON is POSTed to, such as the invocation URL of the AWS
// Lambda Runtime Interface Emulator. Click, and POST /_iot1click/click,
// return after the delivery, whose failure is logged and recorded
// (Deliveries) and never fails the click; so is a click that goes nowhere
// (a template with no onClickCallback, an ARN with no function).
//
// # Scale
//
// The emulator serves fleets of 100,000 devices and devices with 100,000
// events. A ListDevices page costs O(log n + page), with or without
// deviceType: the server keeps, for each account, the IDs of its claimed
// devices in order, of every type and of each type, and a page starts with a
// binary search for the ID after the token's. A claim or an unclaim moves
// the IDs after the device's in those lists, O(n) as one memmove; AddFleet
// and large AddDevices calls merge sorted batches. A ListDeviceEvents page
// costs O(log n + page) too, plus the events of other accounts in its
// window that it skips. Logging a request costs O(1): the request log is a
// ring. Requests that only read the state run at the same time.
//
// # Control surface
//
// Tests drive the server through its Go methods (AddDevices, AddFleet,
// AddClaimCode, AddProjects, Click, SetClock, AdvanceClock, InjectFault,
// Requests, Deliveries, Device, Project, Reset and others). Programs in other languages use the same controls over
// HTTP under the reserved, unsigned prefix /_iot1click/; bodies are JSON,
// errors are {"message":"..."} with a 4xx status. So that a web page cannot
// drive it, the control API answers 403 to a request whose Host is not a
// loopback name (localhost, 127.0.0.0/8, [::1]) or the address the request
// came in on (DNS rebinding) and to a request with any other Origin, and 415
// to a POST, PUT or DELETE without Content-Type: application/json:
//
//	GET    /_iot1click/info          region, accountId, accessKeyId, secretAccessKey, url
//	GET    /_iot1click/devices       all devices, sorted by ID (DeviceRecord as JSON)
//	POST   /_iot1click/devices       add or replace devices: a JSON list of DeviceRecord
//	GET    /_iot1click/devices/{id}  one device
//	POST   /_iot1click/fleet         {"count":n,"claimed":bool} -> {"deviceIds":[...]}
//	POST   /_iot1click/claim-codes   {"claimCode":"C-...","deviceIds":[...]}
//	GET    /_iot1click/projects      all projects with their placements (ProjectRecord as JSON)
//	POST   /_iot1click/projects      add or replace projects: a JSON list of ProjectRecord
//	GET    /_iot1click/projects/{n}  one project of the default account
//	GET    /_iot1click/deliveries    the outcomes of click deliveries (Delivery as JSON)
//	POST   /_iot1click/click         {"deviceId":"...","clickType":"SINGLE"} -> the event
//	GET    /_iot1click/clock         {"now":"<RFC 3339>"}
//	POST   /_iot1click/clock         {"now":"<RFC 3339>"} or {"advance":"10m"}
//	POST   /_iot1click/faults        {"operation":"ListDevices","throttle":true,"latency":"250ms",...}
//	DELETE /_iot1click/faults        clear all faults
//	GET    /_iot1click/requests      the request log (Request as JSON)
//	DELETE /_iot1click/requests      clear the request log
//	POST   /_iot1click/reset         back to the state NewServer made
//
// The members of a fault are those of Fault in JSON (statusCode, code,
// message, throttle, dropConnection, duplicatePageToken, times, probability,
// after), with latency as a Go duration string; an invalid fault, such as a
// status outside 400..599, is 400 and is not injected. POST fleet adds at
// most MaxFleet devices. Control requests are not recorded in the request
// log.
package iot1clicktest
