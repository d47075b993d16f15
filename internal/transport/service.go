package transport

import "github.com/iot1click-sdk/iot1click-go/internal/model"

// Service describes one service to the engine: its identity, its endpoint
// rules' parameters, its modelled exceptions and the constructors of the
// public errors the engine returns on its behalf. A service package makes
// one, at package level, and never changes it.
type Service struct {
	// ID is the SDK ID, as in errors, spans and the service-specific
	// endpoint settings: "IoT 1Click Devices Service".
	ID string

	// SigningName is the SigV4 signing name: "iot1click".
	SigningName string

	// EndpointPrefix is the first label of the service's host names, as in
	// its endpoint rule set: "devices.iot1click" gives
	// devices.iot1click.us-west-2.amazonaws.com and the FIPS variant
	// devices.iot1click-fips.us-west-2.amazonaws.com.
	EndpointPrefix string

	// EndpointEnvVar is the environment variable of the service-specific
	// endpoint, read ahead of AWS_ENDPOINT_URL by OptionsFromConfig:
	// "AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE".
	EndpointEnvVar string

	// ConfigKey is the service's section in the services section of the
	// shared config, "iot_1click_devices_service". The config module finds
	// it from ID; it is here for documentation and tests.
	ConfigKey string

	// Scope names the tracer and meter of the service's calls: the service
	// package's import path, as the official clients use theirs.
	Scope string

	// Exceptions are the service's modelled exceptions. An error answer
	// whose code is one of them becomes the error New returns; an answer
	// with the service's error shape but no usable code gets the code of
	// the exception modelled for its HTTP status.
	Exceptions []Exception

	// NewRedirectError returns the service's public redirect error (see
	// Redirect). Required.
	NewRedirectError func(Redirect) error

	// Walk holds the public errors of the service's paginators.
	Walk WalkErrors
}

// Exception is one modelled exception of a service.
type Exception struct {
	// Code is the exception's name, such as "ResourceNotFoundException".
	Code string

	// Status is the HTTP status the service answers it with.
	Status int

	// New returns the service's typed error, given the service's message
	// and the body's code member as sent (both already cut short).
	New func(message, code string) error
}

// Redirect describes a redirect the engine refused to follow, or an answer
// an HTTPClient got by following one. A service turns it into its public
// error type with Service.NewRedirectError.
type Redirect struct {
	// StatusCode is the status of the answer.
	StatusCode int

	// Host is the Location's host, or the host of the request the
	// HTTPClient ended with, cut short.
	Host string

	// Followed reports that the HTTPClient followed the redirect.
	Followed bool

	// Sent and Answered describe the request sent and the one answered,
	// as "METHOD host/path", cut short.
	Sent, Answered string
}

// exception returns the exception of code, nil when the service models
// none.
func (s *Service) exception(code string) *Exception {
	for i := range s.Exceptions {
		if s.Exceptions[i].Code == code {
			return &s.Exceptions[i]
		}
	}
	return nil
}

// exceptionFor returns the code of the exception modelled for an HTTP
// status, "" when none is.
func (s *Service) exceptionFor(status int) string {
	for i := range s.Exceptions {
		if s.Exceptions[i].Status == status {
			return s.Exceptions[i].Code
		}
	}
	return ""
}

// Exceptions returns the Exceptions of a Service: the modelled exceptions
// of its model, each with the constructor named by its code. It panics,
// when the service package is initialized, if a modelled exception has no
// constructor or a constructor no exception.
func Exceptions(modelled []model.Exception, constructors map[string]func(message, code string) error) []Exception {
	if len(constructors) != len(modelled) {
		panic("transport: the exceptions and their constructors differ")
	}
	out := make([]Exception, len(modelled))
	for i, e := range modelled {
		fn := constructors[e.Code]
		if fn == nil {
			panic("transport: no constructor for " + e.Code)
		}
		out[i] = Exception{Code: e.Code, Status: e.Status, New: fn}
	}
	return out
}
