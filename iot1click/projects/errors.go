package projects

import (
	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// The five exceptions below are the service's modelled errors. A failed
// call wraps them in a *smithy.OperationError and an
// *awshttp.ResponseError; errors.As finds them:
//
//	var nf *projects.ResourceNotFoundException
//	if errors.As(err, &nf) {
//		// ...
//	}

// InternalFailureException is returned (500) when the service failed.
type InternalFailureException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "500".
	Code string
}

// Error returns the error code and message.
func (e *InternalFailureException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "InternalFailureException".
func (e *InternalFailureException) ErrorCode() string { return "InternalFailureException" }

// ErrorMessage returns the service's message.
func (e *InternalFailureException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultServer.
func (e *InternalFailureException) ErrorFault() smithy.ErrorFault { return smithy.FaultServer }

// InvalidRequestException is returned (400) when a request parameter is invalid.
type InvalidRequestException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "400".
	Code string
}

// Error returns the error code and message.
func (e *InvalidRequestException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "InvalidRequestException".
func (e *InvalidRequestException) ErrorCode() string { return "InvalidRequestException" }

// ErrorMessage returns the service's message.
func (e *InvalidRequestException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *InvalidRequestException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// ResourceConflictException is returned (409) when the resource already exists, such as a project or placement of the same name.
type ResourceConflictException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "409".
	Code string
}

// Error returns the error code and message.
func (e *ResourceConflictException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "ResourceConflictException".
func (e *ResourceConflictException) ErrorCode() string { return "ResourceConflictException" }

// ErrorMessage returns the service's message.
func (e *ResourceConflictException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *ResourceConflictException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// ResourceNotFoundException is returned (404) when the project, placement, device or resource does not exist for the caller.
type ResourceNotFoundException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "404".
	Code string
}

// Error returns the error code and message.
func (e *ResourceNotFoundException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "ResourceNotFoundException".
func (e *ResourceNotFoundException) ErrorCode() string { return "ResourceNotFoundException" }

// ErrorMessage returns the service's message.
func (e *ResourceNotFoundException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *ResourceNotFoundException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// TooManyRequestsException is returned (429) when the caller sent too many requests.
type TooManyRequestsException struct {
	// Message is the service's message.
	Message string

	// Code is the body's code member as sent, such as "429".
	Code string
}

// Error returns the error code and message.
func (e *TooManyRequestsException) Error() string { return formatAPIError(e.ErrorCode(), e.Message) }

// ErrorCode returns "TooManyRequestsException".
func (e *TooManyRequestsException) ErrorCode() string { return "TooManyRequestsException" }

// ErrorMessage returns the service's message.
func (e *TooManyRequestsException) ErrorMessage() string { return e.Message }

// ErrorFault returns smithy.FaultClient.
func (e *TooManyRequestsException) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

// exceptions are the service's modelled exceptions, with their statuses
// from internal/model, for the engine to build from an error answer.
var exceptions = transport.Exceptions(model.ProjectsExceptions, map[string]func(msg, code string) error{
	"InvalidRequestException": func(msg, code string) error {
		return &InvalidRequestException{Message: msg, Code: code}
	},
	"ResourceNotFoundException": func(msg, code string) error {
		return &ResourceNotFoundException{Message: msg, Code: code}
	},
	"ResourceConflictException": func(msg, code string) error {
		return &ResourceConflictException{Message: msg, Code: code}
	},
	"TooManyRequestsException": func(msg, code string) error {
		return &TooManyRequestsException{Message: msg, Code: code}
	},
	"InternalFailureException": func(msg, code string) error {
		return &InternalFailureException{Message: msg, Code: code}
	},
})

// formatAPIError returns an exception's message: its code, and the
// service's message after a colon when there is one.
func formatAPIError(code, msg string) string {
	if msg == "" {
		return code
	}
	return code + ": " + msg
}

// RedirectError reports a redirect: a 3xx answer, which the client does not
// follow, or an answer to a request other than the one sent, when an
// HTTPClient followed a redirect. It is wrapped in a *smithy.OperationError
// and an *awshttp.ResponseError, and is never retried. A signed request is
// valid for one host, method and path only, and carries credentials: see
// iot1click.RedirectError for what each kind of HTTPClient guarantees.
type RedirectError struct {
	// StatusCode is the status of the answer: the 3xx status when the
	// redirect was not followed.
	StatusCode int

	// Host is the host the redirect points to, or the host of the request
	// the HTTPClient ended with, cut short when long.
	Host string

	// Followed reports that the HTTPClient followed the redirect.
	Followed bool

	// Sent and Answered describe the request sent and, when Followed, the
	// request answered, as "METHOD host/path", cut short when long.
	Sent, Answered string
}

// Error describes the redirect.
func (e *RedirectError) Error() string {
	return (*transport.Redirect)(e).Message()
}

// RetryableError reports false: the same request would be redirected again.
func (e *RedirectError) RetryableError() bool { return false }
