package iot1click

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/aws/smithy-go"
)

// skewThreshold is how far the service's clock may be from the signing
// clock before a signature error is put down to clock skew.
const skewThreshold = 4 * time.Minute

// clockSkewError marks a signature error caused by clock skew: the signing
// clock has been corrected, and the call is retried.
type clockSkewError struct {
	Err  error
	Skew time.Duration
}

func (e *clockSkewError) Error() string {
	return fmt.Sprintf("clock skew of %v corrected: %v", e.Skew.Round(time.Second), e.Err)
}

func (e *clockSkewError) Unwrap() error { return e.Err }

// RetryableError reports that the call may be retried with the corrected
// clock.
func (e *clockSkewError) RetryableError() bool { return true }

var clockSkewCodes = map[string]bool{
	"InvalidSignatureException": true,
	"SignatureDoesNotMatch":     true,
	"AuthFailure":               true,
	"RequestTimeTooSkewed":      true,
	"RequestExpired":            true,
	"RequestInTheFuture":        true,
}

// checkSkew corrects the signing clock when err is a signature error and
// the service's clock is over skewThreshold from the signing clock. The
// service's time is its Date header or, without one, the time an AWS
// "Signature expired" message quotes.
func (c *Client) checkSkew(o *Options, resp *http.Response, err error, server time.Time) error {
	if o.DisableClockSkewCorrection {
		return err
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) || !clockSkewCodes[ae.ErrorCode()] {
		return err
	}
	if server.IsZero() {
		server = serverTimeInMessage(ae.ErrorMessage())
		if server.IsZero() {
			return err
		}
	}
	skew := time.Until(server)
	current := time.Duration(c.skew.Load())
	diff := skew - current
	if diff < 0 {
		diff = -diff
	}
	if diff <= skewThreshold {
		return err
	}
	c.skew.Store(int64(skew))
	return &clockSkewError{Err: err, Skew: skew}
}

// skewMessage matches the server time in AWS's signature time errors:
// "Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z
// (20150830T125100Z - 5 min.)" and "Signature not yet current: … is still
// later than … (20150830T125100Z + 5 min.)".
var skewMessage = regexp.MustCompile(`\((\d{8}T\d{6}Z) [-+] \d+ min\.\)`)

// serverTimeInMessage returns the server time an error message quotes, or
// the zero time.
func serverTimeInMessage(msg string) time.Time {
	m := skewMessage.FindStringSubmatch(msg)
	if m == nil {
		return time.Time{}
	}
	t, err := time.Parse("20060102T150405Z", m[1])
	if err != nil {
		return time.Time{}
	}
	return t
}
