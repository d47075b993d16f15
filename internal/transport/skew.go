package transport

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"

	"github.com/iot1click-sdk/iot1click-go/internal/loopback"
	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// maxCorrectedSkew bounds the clock skew the client corrects: a service clock more
// than a day from the local one is implausible (a broken or hostile answer,
// or a wrong endpoint), and the signature error is returned as it is, with
// the refused offset in its message. A loopback endpoint is exempt: it is
// an emulator on this machine, whose clock a test may set years away.
const maxCorrectedSkew = 24 * time.Hour

// maxSkewHosts bounds how many endpoint hosts a client keeps a learned clock
// skew for; past it, learning a new host forgets another.
const maxSkewHosts = 64

// skewTable holds the clock skew learned for each endpoint host (host[:port]
// of the request URL). Reads take no lock; writes, rare, copy the map.
type skewTable struct {
	mu sync.Mutex // serializes writers
	m  atomic.Pointer[map[string]time.Duration]
}

// get returns the skew learned for host, or zero.
func (t *skewTable) get(host string) time.Duration {
	m := t.m.Load()
	if m == nil {
		return 0
	}
	return (*m)[host]
}

// set records the skew of host.
func (t *skewTable) set(host string, skew time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	m := map[string]time.Duration{}
	if old := t.m.Load(); old != nil {
		m = maps.Clone(*old)
	}
	if _, ok := m[host]; !ok && len(m) >= maxSkewHosts {
		for k := range m {
			delete(m, k)
			break
		}
	}
	m[strings.Clone(host)] = skew
	t.m.Store(&m)
}

// skewRefusedError marks a signature error whose service clock is more than
// maxCorrectedSkew from the local one: the clock was not corrected.
type skewRefusedError struct {
	Err  error
	Skew time.Duration
}

func (e *skewRefusedError) Error() string {
	return fmt.Sprintf("clock skew of %v not corrected, beyond the %v bound: %v", e.Skew.Round(time.Second), maxCorrectedSkew, e.Err)
}

func (e *skewRefusedError) Unwrap() error { return e.Err }

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

// checkSkew corrects the signing clock of the response's endpoint host
// when err is a signature error and the service's clock is over
// skewThreshold from that host's signing clock, and, unless the host is a
// loopback one, no more than maxCorrectedSkew from the local clock. The service's time is its Date header or, without
// one, the time an AWS "Signature expired" message quotes. A skew beyond
// maxCorrectedSkew is refused: err comes back wrapped, saying so, and is logged as a
// warning.
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
	if resp.Request == nil || resp.Request.URL == nil {
		return err
	}
	host := resp.Request.URL.Host
	skew := time.Until(server)
	if (skew - c.skew.get(host)).Abs() <= skewThreshold {
		return err
	}
	if skew.Abs() > maxCorrectedSkew && !loopback.IsHost(resp.Request.URL.Hostname()) {
		o.Logger.Logf(logging.Warn, "clock skew of %v for %s not corrected: beyond the %v bound", skew.Round(time.Second), wire.Excerpt(host), maxCorrectedSkew)
		return &skewRefusedError{Err: err, Skew: skew}
	}
	c.skew.set(host, skew)
	return &clockSkewError{Err: err, Skew: skew}
}

// serverTimeInMessage returns the server time an error message quotes, or
// the zero time. AWS's signature time errors end with it: "Signature
// expired: 20150830T123600Z is now earlier than 20150830T124600Z
// (20150830T125100Z - 5 min.)" and "Signature not yet current: … is still
// later than … (20150830T125100Z + 5 min.)": the time is the first
// "(YYYYMMDDTHHMMSSZ ± N min.)" of the message. It is matched by hand, not
// with package regexp, which would cost every program 250 KB.
func serverTimeInMessage(msg string) time.Time {
	for rest := msg; ; {
		i := strings.IndexByte(rest, '(')
		if i < 0 {
			return time.Time{}
		}
		rest = rest[i+1:]
		if t, ok := quotedServerTime(rest); ok {
			return t
		}
	}
}

// quotedServerTime reads "YYYYMMDDTHHMMSSZ ± N min.)" at the start of s.
func quotedServerTime(s string) (time.Time, bool) {
	const layout = "20060102T150405Z"
	if len(s) < len(layout)+len(" - 0 min.)") {
		return time.Time{}, false
	}
	stamp, rest := s[:len(layout)], s[len(layout):]
	for i := 0; i < len(stamp); i++ {
		c := stamp[i]
		switch {
		case i == 8 && c == 'T', i == 15 && c == 'Z':
		case i != 8 && i != 15 && c >= '0' && c <= '9':
		default:
			return time.Time{}, false
		}
	}
	if len(rest) < 3 || rest[0] != ' ' || (rest[1] != '-' && rest[1] != '+') || rest[2] != ' ' {
		return time.Time{}, false
	}
	rest = rest[3:]
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 || !strings.HasPrefix(rest[n:], " min.)") {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, stamp)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}
