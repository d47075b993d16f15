package iot1click

import (
	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// service describes the Devices service to the call engine.
var service = &transport.Service{
	ID:             ServiceID,
	SigningName:    SigningName,
	EndpointPrefix: model.EndpointPrefix,
	EndpointEnvVar: EndpointEnvVar,
	ConfigKey:      "iot_1click_devices_service",
	Scope:          "github.com/iot1click-sdk/iot1click-go/iot1click",
	Exceptions: transport.Exceptions(model.Exceptions, map[string]func(msg, code string) error{
		"InvalidRequestException": func(msg, code string) error {
			return &InvalidRequestException{Message: msg, Code: code}
		},
		"ForbiddenException": func(msg, code string) error {
			return &ForbiddenException{Message: msg, Code: code}
		},
		"ResourceNotFoundException": func(msg, code string) error {
			return &ResourceNotFoundException{Message: msg, Code: code}
		},
		"ResourceConflictException": func(msg, code string) error {
			return &ResourceConflictException{Message: msg, Code: code}
		},
		"PreconditionFailedException": func(msg, code string) error {
			return &PreconditionFailedException{Message: msg, Code: code}
		},
		"RangeNotSatisfiableException": func(msg, code string) error {
			return &RangeNotSatisfiableException{Message: msg, Code: code}
		},
		"InternalFailureException": func(msg, code string) error {
			return &InternalFailureException{Message: msg, Code: code}
		},
	}),
	NewRedirectError: func(r transport.Redirect) error { return (*RedirectError)(&r) },
	Walk: transport.WalkErrors{
		NoMorePages: ErrNoMorePages,
		Duplicate:   func(d transport.DuplicateToken) error { return (*DuplicateTokenError)(&d) },
		Limit:       func(l transport.WalkLimit) error { return (*WalkLimitError)(&l) },
	},
}
