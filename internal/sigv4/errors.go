package sigv4

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// Error is a verification failure shaped like the answer of an AWS front door.
type Error struct {
	// StatusCode is the HTTP status to answer with: 403 for most failures,
	// 400 for IncompleteSignatureException.
	StatusCode int
	// Code is the AWS error code, e.g. "InvalidSignatureException",
	// "UnrecognizedClientException", "MissingAuthenticationTokenException" or
	// "IncompleteSignatureException".
	Code string
	// Message is AWS-like text. It never contains a secret key or a computed
	// signature.
	Message string
}

// Error returns the code and the message.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

func incomplete(format string, a ...any) *Error {
	return &Error{StatusCode: http.StatusBadRequest, Code: codeIncomplete, Message: fmt.Sprintf(format, a...)}
}

func invalid(format string, a ...any) *Error {
	return &Error{StatusCode: http.StatusForbidden, Code: codeInvalid, Message: fmt.Sprintf(format, a...)}
}

// clip makes client-supplied text safe to echo in a message: at most 64
// bytes, cut at a rune boundary (wire.Cut), control characters replaced.
func clip(s string) string {
	const limit = 64
	if len(s) > limit {
		s = wire.Cut(s, limit) + "..."
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
