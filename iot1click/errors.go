package iot1click

import (
	"fmt"

	"github.com/aws/smithy-go"
)

// The seven exceptions below are the service's modelled errors. A failed
// call wraps them in a *smithy.OperationError and an
// *awshttp.ResponseError; errors.As finds them:
//
//	var nf *iot1click.ResourceNotFoundException
//	if errors.As(err, &nf) {
//		// ...
//	}

// ForbiddenException is returned (403) when a claim code cannot be used by
// the caller.
type ForbiddenException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// InternalFailureException is returned (500) when the service failed.
type InternalFailureException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// InvalidRequestException is returned (400) when a request parameter is
// invalid.
type InvalidRequestException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// PreconditionFailedException is returned (412) when the device is not in a
// state that allows the operation, such as finalizing a claim before the
// device was clicked.
type PreconditionFailedException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// RangeNotSatisfiableException is returned (416) when a page token cannot
// be honoured.
type RangeNotSatisfiableException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// ResourceConflictException is returned (409) when the device is claimed by
// another account, or already claimed.
type ResourceConflictException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// ResourceNotFoundException is returned (404) when the device or resource
// does not exist for the caller.
type ResourceNotFoundException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

func formatAPIError(code, msg string) string {
	if msg == "" {
		return code
	}
	return fmt.Sprintf("%s: %s", code, msg)
}

// Error returns the error code and message.
func (e *ForbiddenException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "ForbiddenException".
func (e *ForbiddenException) ErrorCode() string { return "ForbiddenException" }

// ErrorMessage returns the service's message.
func (e *ForbiddenException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *ForbiddenException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// Error returns the error code and message.
func (e *InternalFailureException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "InternalFailureException".
func (e *InternalFailureException) ErrorCode() string { return "InternalFailureException" }

// ErrorMessage returns the service's message.
func (e *InternalFailureException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultServer.
func (e *InternalFailureException) ErrorFault() smithy.ErrorFault { return smithy.FaultServer }

// Error returns the error code and message.
func (e *InvalidRequestException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "InvalidRequestException".
func (e *InvalidRequestException) ErrorCode() string { return "InvalidRequestException" }

// ErrorMessage returns the service's message.
func (e *InvalidRequestException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *InvalidRequestException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// Error returns the error code and message.
func (e *PreconditionFailedException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "PreconditionFailedException".
func (e *PreconditionFailedException) ErrorCode() string { return "PreconditionFailedException" }

// ErrorMessage returns the service's message.
func (e *PreconditionFailedException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *PreconditionFailedException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// Error returns the error code and message.
func (e *RangeNotSatisfiableException) Error() string {
	return formatAPIError(e.ErrorCode(), e.Message)
}

// ErrorCode returns "RangeNotSatisfiableException".
func (e *RangeNotSatisfiableException) ErrorCode() string { return "RangeNotSatisfiableException" }

// ErrorMessage returns the service's message.
func (e *RangeNotSatisfiableException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *RangeNotSatisfiableException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// Error returns the error code and message.
func (e *ResourceConflictException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "ResourceConflictException".
func (e *ResourceConflictException) ErrorCode() string { return "ResourceConflictException" }

// ErrorMessage returns the service's message.
func (e *ResourceConflictException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *ResourceConflictException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// Error returns the error code and message.
func (e *ResourceNotFoundException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "ResourceNotFoundException".
func (e *ResourceNotFoundException) ErrorCode() string { return "ResourceNotFoundException" }

// ErrorMessage returns the service's message.
func (e *ResourceNotFoundException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *ResourceNotFoundException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }
