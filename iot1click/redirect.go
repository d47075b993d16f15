package iot1click

import "github.com/iot1click-sdk/iot1click-go/internal/transport"

// RedirectError reports a redirect: a 3xx answer, which the client does not
// follow, or an answer to a request other than the one sent, when an
// HTTPClient followed a redirect. It is wrapped in a *smithy.OperationError
// and an *awshttp.ResponseError, and is never retried.
//
// Redirects are never followed. A signed request is valid for one host,
// method and path only, and it carries credentials: the Authorization
// header and, with temporary credentials, X-Amz-Security-Token, which
// net/http copies to a redirect's target whatever its host (and
// Authorization too when only the port differs). What is guaranteed
// depends on the HTTPClient:
//
//   - An *http.Client or an *awshttp.BuildableClient (the default) is used
//     through a copy, made when the options are resolved, whose
//     CheckRedirect follows no redirect. No request leaves for a host
//     other than the endpoint's, and a 3xx answer is a RedirectError with
//     the status and the Location's host. Later changes to the fields of
//     the given *http.Client are not seen by the client; changes made
//     through its Transport are.
//   - Any other HTTPClient is opaque: the client cannot stop it from
//     following a redirect, nor keep headers off the redirected request
//     (net/http copies them from the original request before sending). It
//     checks the answer instead: a response whose Request differs from the
//     one sent in host, method or escaped path is a RedirectError with
//     Followed set, never a success. Such an HTTPClient must not follow
//     redirects itself if credentials are never to reach another host.
type RedirectError struct {
	// StatusCode is the status of the answer: the 3xx status when the
	// redirect was not followed.
	StatusCode int

	// Host is the host the redirect points to: the Location header's host
	// (the header itself when it is not a URL), or the host of the request
	// the HTTPClient ended with. It is cut short when long.
	Host string

	// Followed reports that the HTTPClient followed the redirect, so that
	// the answer is to another request.
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
