package transport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/logging"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// retryableStatusCodes are the statuses retried besides the standard
// retryer's own (500, 502, 503, 504 and the throttling codes): any 5xx but
// 501 Not Implemented and 505 HTTP Version Not Supported, which no retry
// mends, and 429 whatever code the service gives it.
var retryableStatusCodes = func() map[int]struct{} {
	m := map[int]struct{}{429: {}}
	for s := 500; s < 600; s++ {
		if s != 501 && s != 505 {
			m[s] = struct{}{}
		}
	}
	return m
}()

// newDefaultRetryer returns the retryer used when Options.Retryer is nil.
func newDefaultRetryer(mode aws.RetryMode) aws.Retryer {
	std := func(so *retry.StandardOptions) {
		so.Retryables = append(so.Retryables, retry.RetryableHTTPStatusCode{Codes: retryableStatusCodes})
	}
	if mode == aws.RetryModeAdaptive {
		return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
			ao.StandardOptions = append(ao.StandardOptions, std)
		})
	}
	return retry.NewStandard(std)
}

// roundTrips sends the request until it succeeds or may not be retried.
// Its decisions are those of aws-sdk-go-v2's retry middleware (retry.Attempt),
// which the stack path runs: the same tokens, the same errors (the context's
// own error before an attempt, *retry.MaxAttemptsError, an
// *aws.RequestCanceledError when the wait for a retry is cancelled) and the
// same delay, X-Amz-Retry-After included.
func (c *Client) roundTrips(ctx context.Context, o *Options, ep resolvedEndpoint, op operation, b *Request, out any) error {
	req, hr := c.newRequest(ctx, o, ep, b, true)

	retryer := o.Retryer
	maxAttempts := retryer.MaxAttempts()
	hr.maxAttempts = maxAttempts
	var releaseRetry func(error) error
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			if releaseRetry != nil {
				_ = releaseRetry(err)
			}
			return err
		}
		// Every attempt asks for a token, so that adaptive retry mode can
		// rate-limit retries and learn from their throttles.
		var releaseAttempt func(error) error
		if r2, ok := retryer.(aws.RetryerV2); ok {
			var err error
			if releaseAttempt, err = r2.GetAttemptToken(ctx); err != nil {
				return fmt.Errorf("failed to get retry Send token, %w", err)
			}
		} else if attempt == 1 {
			releaseAttempt = retryer.GetInitialToken()
		}
		if attempt > 1 {
			// A new request for each retry: the HTTPClient may still hold
			// the previous one. It is signed afresh, with the headers it
			// was built with and without what the last signing set: the
			// retry's credentials may have no session token, and the stack
			// path's retries, cloned from the unsigned request, have none.
			req = req.Clone(ctx)
			for _, k := range signingHeaders {
				delete(req.Header, k)
				if v, ok := ep.headers[k]; ok {
					req.Header[k] = slices.Clip(v)
				}
			}
		}

		if attempt > 1 && o.ClientLogMode.IsRetries() {
			o.Logger.Logf(logging.Debug, "retrying request %s/%s, attempt %d", c.svc.ID, op.name(), attempt)
		}
		err := c.attempt(ctx, o, op, req, hr, attempt, out)
		if releaseRetry != nil {
			_ = releaseRetry(err)
			releaseRetry = nil
		}
		if releaseAttempt != nil {
			_ = releaseAttempt(err)
		}
		if err == nil {
			setAttempts(op.metadata(out), attempt)
			return nil
		}
		if !retryer.IsErrorRetryable(err) {
			if o.ClientLogMode.IsRetries() {
				o.Logger.Logf(logging.Debug, "request failed with unretryable error %v", err)
			}
			return err
		}
		if maxAttempts > 0 && attempt >= maxAttempts {
			if o.ClientLogMode.IsRetries() {
				o.Logger.Logf(logging.Debug, "max retry attempts exhausted, max %d", maxAttempts)
			}
			return &retry.MaxAttemptsError{Attempt: attempt, Err: err}
		}
		rel, terr := retryer.GetRetryToken(ctx, err)
		if terr != nil {
			return errors.Join(err, terr)
		}
		releaseRetry = rel
		delay, derr := retryer.RetryDelay(attempt, err)
		if derr != nil {
			_ = releaseRetry(derr)
			return derr
		}
		delay = retryAfter(delay, err, o)
		if werr := Sleep(ctx, delay); werr != nil {
			_ = releaseRetry(werr)
			return &aws.RequestCanceledError{Err: werr}
		}
	}
}

// signingHeaders are the headers a signing sets on a request.
var signingHeaders = [...]string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token"}

// maxRetryAfter is how far X-Amz-Retry-After may lengthen the retryer's
// delay, as in aws-sdk-go-v2.
const maxRetryAfter = 5 * time.Second

// retryAfter adjusts the retryer's delay to the X-Amz-Retry-After header
// (milliseconds) of the failed response, as aws-sdk-go-v2's retry
// middleware does: the header's value, clamped to [delay, delay+5s]; an
// invalid value is ignored.
func retryAfter(delay time.Duration, err error, o *Options) time.Duration {
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.Response == nil || re.Response.Response == nil {
		return delay
	}
	v := re.Response.Header.Get("X-Amz-Retry-After")
	if v == "" {
		return delay
	}
	ms, perr := strconv.ParseInt(v, 10, 64)
	if perr != nil || ms < 0 {
		if o.ClientLogMode.IsRetries() {
			o.Logger.Logf(logging.Debug, "ignoring invalid x-amz-retry-after header value %s", wire.Excerpt(v))
		}
		return delay
	}
	return min(max(time.Duration(ms)*time.Millisecond, delay), delay+maxRetryAfter)
}

// sdkRequestValues holds the common values of the amz-sdk-request header,
// indexed by max attempts and attempt.
var sdkRequestValues = func() [][]string {
	t := make([][]string, 11)
	for m := 1; m < len(t); m++ {
		t[m] = make([]string, m+1)
		for a := 1; a <= m; a++ {
			t[m][a] = "attempt=" + strconv.Itoa(a) + "; max=" + strconv.Itoa(m)
		}
	}
	return t
}()

// sdkRequestHeader returns the amz-sdk-request header value of an attempt.
func sdkRequestHeader(attempt, maxAttempts int) string {
	if maxAttempts > 0 && maxAttempts < len(sdkRequestValues) && attempt <= maxAttempts {
		return sdkRequestValues[maxAttempts][attempt]
	}
	if maxAttempts <= 0 {
		return "attempt=" + strconv.Itoa(attempt)
	}
	return "attempt=" + strconv.Itoa(attempt) + "; max=" + strconv.Itoa(maxAttempts)
}

// Sleep waits for d or until ctx is done, and returns ctx's error then.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
