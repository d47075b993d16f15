package iot1click

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

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
	if e.Followed {
		return fmt.Sprintf("the HTTPClient followed a redirect: the answer (HTTP %d) is to %s, not to %s as sent",
			e.StatusCode, wire.Excerpt(e.Answered), wire.Excerpt(e.Sent))
	}
	if e.Host == "" {
		return fmt.Sprintf("redirect (HTTP %d) without a Location host not followed", e.StatusCode)
	}
	return fmt.Sprintf("redirect (HTTP %d) to host %s not followed", e.StatusCode, wire.Excerpt(e.Host))
}

// RetryableError reports false: the same request would be redirected again.
func (e *RedirectError) RetryableError() bool { return false }

// sender is how a client sends with its HTTPClient. For an *http.Client or
// an *awshttp.BuildableClient, hc is a copy that follows no redirect, made
// from the HTTPClient from.
type sender struct {
	from HTTPClient
	hc   *http.Client
}

// badHTTPRedirectLocation is the Location an *awshttp.BuildableClient's
// transport gives a 301 or 302 that has none.
const badHTTPRedirectLocation = "https://amazonaws.com/badhttpredirectlocation"

// refuseRedirect is the CheckRedirect of the clients the SDK sends with: the
// 3xx answer is returned as it is.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// newSender returns the sender of an HTTPClient.
func newSender(c HTTPClient) sender {
	var hc *http.Client
	switch v := c.(type) {
	case *http.Client:
		hc = v
	case *awshttp.BuildableClient:
		hc, _ = v.Freeze().(*http.Client)
	}
	if hc == nil {
		return sender{}
	}
	cp := *hc
	cp.CheckRedirect = refuseRedirect
	return sender{from: c, hc: &cp}
}

// sendRequest sends req with o's HTTPClient and checks that the answer is
// to req: see RedirectError. A response whose Request is nil gets req.
func sendRequest(o *Options, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	if o.sender.hc != nil && o.sender.from == o.HTTPClient {
		resp, err = o.sender.hc.Do(req)
	} else {
		resp, err = o.HTTPClient.Do(req)
	}
	if err != nil {
		return nil, err
	}
	got := resp.Request
	if got == nil {
		resp.Request = req
		return resp, nil
	}
	if got == req || (got.Method == req.Method && got.URL != nil && got.URL.Scheme == req.URL.Scheme &&
		got.URL.Host == req.URL.Host && got.URL.EscapedPath() == req.URL.EscapedPath()) {
		return resp, nil
	}
	host := ""
	if got.URL != nil {
		host = got.URL.Host
	}
	rerr := &RedirectError{
		StatusCode: resp.StatusCode,
		Host:       cutShort(host, wire.MaxExcerpt),
		Followed:   true,
		Sent:       describeRequest(req),
		Answered:   describeRequest(got),
	}
	// The body is not read: it answers another request.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	resp.Request = req
	return nil, responseError(resp, requestID(resp.Header), rerr)
}

// describeRequest returns "METHOD host/path" for a request, cut short.
func describeRequest(r *http.Request) string {
	if r.URL == nil {
		return cutShort(r.Method, wire.MaxExcerpt)
	}
	return cutShort(r.Method+" "+r.URL.Host+r.URL.EscapedPath(), wire.MaxExcerpt)
}

// redirectError returns the error of a 3xx answer.
func redirectError(resp *http.Response) *RedirectError {
	e := &RedirectError{StatusCode: resp.StatusCode}
	loc := resp.Header.Get("Location")
	if loc == "" || loc == badHTTPRedirectLocation {
		return e
	}
	var u *url.URL
	var err error
	if resp.Request != nil && resp.Request.URL != nil {
		u, err = resp.Request.URL.Parse(loc)
	} else {
		u, err = url.Parse(loc)
	}
	if err == nil {
		e.Host = cutShort(u.Host, wire.MaxExcerpt)
	} else {
		e.Host = cutShort(loc, wire.MaxExcerpt)
	}
	return e
}

// isRedirectError reports whether err is a *RedirectError.
func isRedirectError(err error) bool {
	var re *RedirectError
	return errors.As(err, &re)
}
