package iot1clicktest

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// Operation names, as InjectFault and Request.Operation use them.
const (
	// OpClaimDevicesByClaimCode names the ClaimDevicesByClaimCode operation.
	OpClaimDevicesByClaimCode = "ClaimDevicesByClaimCode"
	// OpDescribeDevice names the DescribeDevice operation.
	OpDescribeDevice = "DescribeDevice"
	// OpFinalizeDeviceClaim names the FinalizeDeviceClaim operation.
	OpFinalizeDeviceClaim = "FinalizeDeviceClaim"
	// OpGetDeviceMethods names the GetDeviceMethods operation.
	OpGetDeviceMethods = "GetDeviceMethods"
	// OpInitiateDeviceClaim names the InitiateDeviceClaim operation.
	OpInitiateDeviceClaim = "InitiateDeviceClaim"
	// OpInvokeDeviceMethod names the InvokeDeviceMethod operation.
	OpInvokeDeviceMethod = "InvokeDeviceMethod"
	// OpListDeviceEvents names the ListDeviceEvents operation.
	OpListDeviceEvents = "ListDeviceEvents"
	// OpListDevices names the ListDevices operation.
	OpListDevices = "ListDevices"
	// OpListTagsForResource names the ListTagsForResource operation.
	OpListTagsForResource = "ListTagsForResource"
	// OpTagResource names the TagResource operation.
	OpTagResource = "TagResource"
	// OpUnclaimDevice names the UnclaimDevice operation.
	OpUnclaimDevice = "UnclaimDevice"
	// OpUntagResource names the UntagResource operation.
	OpUntagResource = "UntagResource"
	// OpUpdateDeviceState names the UpdateDeviceState operation.
	OpUpdateDeviceState = "UpdateDeviceState"

	// AllOperations, given to InjectFault, matches every operation.
	AllOperations = "*"
)

// Names of the Projects service's operations. Its tag operations share
// the Devices service's names: OpListTagsForResource, OpTagResource and
// OpUntagResource name either, after the ARN they are given.
const (
	// OpAssociateDeviceWithPlacement names the AssociateDeviceWithPlacement operation.
	OpAssociateDeviceWithPlacement = "AssociateDeviceWithPlacement"
	// OpCreatePlacement names the CreatePlacement operation.
	OpCreatePlacement = "CreatePlacement"
	// OpCreateProject names the CreateProject operation.
	OpCreateProject = "CreateProject"
	// OpDeletePlacement names the DeletePlacement operation.
	OpDeletePlacement = "DeletePlacement"
	// OpDeleteProject names the DeleteProject operation.
	OpDeleteProject = "DeleteProject"
	// OpDescribePlacement names the DescribePlacement operation.
	OpDescribePlacement = "DescribePlacement"
	// OpDescribeProject names the DescribeProject operation.
	OpDescribeProject = "DescribeProject"
	// OpDisassociateDeviceFromPlacement names the DisassociateDeviceFromPlacement operation.
	OpDisassociateDeviceFromPlacement = "DisassociateDeviceFromPlacement"
	// OpGetDevicesInPlacement names the GetDevicesInPlacement operation.
	OpGetDevicesInPlacement = "GetDevicesInPlacement"
	// OpListPlacements names the ListPlacements operation.
	OpListPlacements = "ListPlacements"
	// OpListProjects names the ListProjects operation.
	OpListProjects = "ListProjects"
	// OpUpdatePlacement names the UpdatePlacement operation.
	OpUpdatePlacement = "UpdatePlacement"
	// OpUpdateProject names the UpdateProject operation.
	OpUpdateProject = "UpdateProject"
)

// Operations returns the names of the operations the emulator serves, the
// Devices service's then the Projects service's, in the order of their
// models, each name once, in a new slice.
func Operations() []string {
	var names []string
	for _, svc := range []*model.Service{model.Devices, model.Projects} {
		for _, op := range svc.Operations {
			if !slices.Contains(names, op.Name) {
				names = append(names, op.Name)
			}
		}
	}
	return names
}

func knownOperation(op string) bool {
	if op == AllOperations {
		return true
	}
	_, devices := model.Devices.Operation(op)
	_, projects := model.Projects.Operation(op)
	return devices || projects
}

// Fault describes a failure InjectFault makes the server produce. Faults
// apply to correctly signed requests only, after the signature check and
// before the operation runs.
//
// A fault that sets none of StatusCode, Code, Throttle, DropConnection,
// Latency and DuplicatePageToken answers 500 InternalFailureException.
// Latency alone, or DuplicatePageToken alone, lets the operation run.
type Fault struct {
	// StatusCode is the HTTP status of the error, from 400 to 599. When
	// zero it follows from Code, and is 500 when Code is unknown too.
	StatusCode int `json:"statusCode,omitempty"`

	// Code is the error type, such as InternalFailureException. When empty
	// it follows from StatusCode.
	Code string `json:"code,omitempty"`

	// Message is the error message, "Injected fault." when empty.
	Message string `json:"message,omitempty"`

	// Throttle answers 429 ThrottlingException "Rate exceeded.".
	Throttle bool `json:"throttle,omitempty"`

	// Latency delays the answer, whatever it is, by this long.
	Latency time.Duration `json:"latency,omitempty"`

	// DropConnection closes the connection without any response.
	DropConnection bool `json:"dropConnection,omitempty"`

	// DuplicatePageToken makes ListDevices or ListDeviceEvents answer with a
	// nextToken equal to the request's, or, for a first page, with a token
	// of the first page, so that a paginator that trusts the service loops.
	// That first-page token is a fresh one: hitting only the first page
	// (Times 1) repeats the first page under a token no client has seen,
	// which no token check can detect; hit a later page to test loop
	// detection.
	DuplicatePageToken bool `json:"duplicatePageToken,omitempty"`

	// Times is how many requests the fault hits; zero means all of them.
	Times int `json:"times,omitempty"`

	// Probability is the chance, from 0 to 1, that the fault hits a request,
	// drawn from the server's seeded random numbers; zero means always.
	Probability float64 `json:"probability,omitempty"`

	// After is how many matching requests pass untouched before the fault
	// starts hitting.
	After int `json:"after,omitempty"`
}

type faultState struct {
	f          Fault
	seen, hits int
}

// InjectFault makes requests of the operation op (such as
// OpListDevices, or AllOperations) fail as f says. Faults stay until
// ClearFaults or Reset. A request is offered to the faults of its operation
// in the order injected, then to those of AllOperations; the first fault
// that hits applies. InjectFault reports an error matching ErrInvalid, and
// injects nothing, if op is not an operation name or f is invalid: a
// StatusCode outside 400..599, a negative count or duration, or a
// probability outside 0..1.
func (s *Handler) InjectFault(op string, f Fault) error {
	if !knownOperation(op) {
		return fmt.Errorf("%w: unknown operation %q", ErrInvalid, op)
	}
	if f.StatusCode != 0 && (f.StatusCode < 400 || f.StatusCode > 599) {
		return fmt.Errorf("%w: fault status %d is outside 400..599", ErrInvalid, f.StatusCode)
	}
	if f.Probability < 0 || f.Probability > 1 || f.Times < 0 || f.After < 0 || f.Latency < 0 {
		return fmt.Errorf("%w: fault has a negative count or duration, or a probability outside 0..1", ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[op] = append(s.faults[op], &faultState{f: f})
	s.faultCount.Add(1)
	return nil
}

// ClearFaults removes every injected fault.
func (s *Handler) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string][]*faultState{}
	s.faultCount.Store(0)
}

// pickFaultLocked returns the fault that hits a request of op, if any.
func (s *Handler) pickFaultLocked(op string) (Fault, bool) {
	for _, key := range [2]string{op, AllOperations} {
		for _, fs := range s.faults[key] {
			fs.seen++
			if fs.seen <= fs.f.After {
				continue
			}
			if fs.f.Times > 0 && fs.hits >= fs.f.Times {
				continue
			}
			if fs.f.Probability > 0 && s.faultRNG.Float64() >= fs.f.Probability {
				continue
			}
			fs.hits++
			return fs.f, true
		}
	}
	return Fault{}, false
}

// failing reports whether the fault answers with an error.
func (f Fault) failing() bool {
	return f.StatusCode != 0 || f.Code != "" || f.Throttle ||
		(f.Latency == 0 && !f.DuplicatePageToken && !f.DropConnection)
}

// apiErr returns the error the fault answers with.
func (f Fault) apiErr() *apiError {
	if f.Throttle {
		return &apiError{status: http.StatusTooManyRequests, code: "ThrottlingException", msg: "Rate exceeded."}
	}
	status, code := f.StatusCode, f.Code
	if code == "" {
		code = codeForStatus(status)
	}
	if status == 0 {
		status = statusForCode(code)
	}
	msg := f.Message
	if msg == "" {
		msg = "Injected fault."
	}
	return &apiError{status: status, code: code, msg: msg}
}

// frontDoorErrors are the non-modelled errors faults may answer with, as
// AWS front doors give them.
var frontDoorErrors = []model.Exception{
	{Code: "ThrottlingException", Status: 429},
	{Code: "TooManyRequestsException", Status: 429},
	{Code: "BadGatewayException", Status: 502},
	{Code: "ServiceUnavailableException", Status: 503},
	{Code: "GatewayTimeoutException", Status: 504},
}

// statusForCode returns the status of an error code, 500 for unknown codes.
func statusForCode(code string) int {
	if st, ok := model.StatusOf(code); ok {
		return st
	}
	for _, e := range frontDoorErrors {
		if e.Code == code {
			return e.Status
		}
	}
	return 500
}

// codeForStatus returns the error code of a status: the modelled exception,
// a front door's error, or InvalidRequestException for other 4xx statuses
// and InternalFailureException for the rest.
func codeForStatus(status int) string {
	if code := model.ExceptionFor(status); code != "" {
		return code
	}
	for _, e := range frontDoorErrors {
		if e.Status == status {
			return e.Code
		}
	}
	if status >= 400 && status < 500 {
		return "InvalidRequestException"
	}
	return "InternalFailureException"
}
