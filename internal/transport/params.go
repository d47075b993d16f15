package transport

import (
	"fmt"

	"github.com/aws/smithy-go"
)

// ParamError returns the validation error of field for reason, for an
// operation's Validate to add to its smithy.InvalidParamsError.
func ParamError(field, reason string) smithy.InvalidParamError {
	return &paramError{field: field, reason: reason}
}

// paramError is a validation failure other than a missing member.
type paramError struct {
	context string
	nested  string
	field   string
	reason  string
}

func (e *paramError) Error() string {
	return fmt.Sprintf("%s, %s.", e.reason, e.Field())
}

// Field returns the field, with its context, that failed validation.
func (e *paramError) Field() string {
	f := e.context
	if f != "" {
		f += "."
	}
	if e.nested != "" {
		f += e.nested + "."
	}
	return f + e.field
}

func (e *paramError) SetContext(ctx string) { e.context = ctx }

func (e *paramError) AddNestedContext(ctx string) {
	if e.nested == "" {
		e.nested = ctx
	} else {
		e.nested = ctx + "." + e.nested
	}
}
