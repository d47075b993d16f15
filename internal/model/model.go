// Package model holds the facts of the service model that both the client
// and the emulator need: identity, and the modelled exceptions with their
// HTTP statuses (models/iot1click-devices-2018-05-14.api.json).
package model

const (
	// ServiceID is the service's SDK ID.
	ServiceID = "IoT 1Click Devices Service"
	// APIVersion is the API version of the model.
	APIVersion = "2018-05-14"
	// SigningName is the SigV4 signing name.
	SigningName = "iot1click"
	// EndpointEnvVar names the environment variable of the
	// service-specific endpoint override, as the Go SDK reads it.
	EndpointEnvVar = "AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE"
)

// Exception is a modelled exception and the status the service answers it
// with.
type Exception struct {
	Code   string
	Status int
}

// Exceptions are the service's seven modelled exceptions.
var Exceptions = []Exception{
	{"InvalidRequestException", 400},
	{"ForbiddenException", 403},
	{"ResourceNotFoundException", 404},
	{"ResourceConflictException", 409},
	{"PreconditionFailedException", 412},
	{"RangeNotSatisfiableException", 416},
	{"InternalFailureException", 500},
}

// StatusOf returns the status of a modelled exception.
func StatusOf(code string) (int, bool) {
	for _, e := range Exceptions {
		if e.Code == code {
			return e.Status, true
		}
	}
	return 0, false
}

// ExceptionFor returns the modelled exception answered with status, or ""
// when none is.
func ExceptionFor(status int) string {
	for _, e := range Exceptions {
		if e.Status == status {
			return e.Code
		}
	}
	return ""
}
