package transport

import (
	"io"
	"net/http"
	"net/url"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// Redirects are never followed. A signed request is valid for one host,
// method and path only, and it carries credentials, which net/http copies
// to a redirect's target. An *http.Client or an *awshttp.BuildableClient is
// used through a copy whose CheckRedirect follows none (see sender), so a
// 3xx answer comes back as it is and becomes the service's redirect error;
// any other HTTPClient is opaque, and an answer it got by following a
// redirect is detected by checkAnswer. A service documents this on its
// public redirect error.

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

// checkAnswer checks that resp answers request sent: a response whose
// Request differs from sent in method, scheme, host or escaped path was got
// by following a redirect, and is the service's redirect error, its body
// unread. A response whose Request is nil gets sent.
func (c *Client) checkAnswer(sent *http.Request, resp *http.Response, f *responseFacts) error {
	got := resp.Request
	if got == nil {
		resp.Request = sent
		return nil
	}
	if got == sent || (got.Method == sent.Method && got.URL != nil && got.URL.Scheme == sent.URL.Scheme &&
		got.URL.Host == sent.URL.Host && got.URL.EscapedPath() == sent.URL.EscapedPath()) {
		return nil
	}
	host := ""
	if got.URL != nil {
		host = got.URL.Host
	}
	r := Redirect{
		StatusCode: resp.StatusCode,
		Host:       cutShort(host, wire.MaxExcerpt),
		Followed:   true,
		Sent:       describeRequest(sent),
		Answered:   describeRequest(got),
	}
	// The body is not read: it answers another request.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	resp.Request = sent
	return responseError(resp, f.reqID, c.svc.NewRedirectError(r))
}

// describeRequest returns "METHOD host/path" for a request, cut short.
func describeRequest(r *http.Request) string {
	if r.URL == nil {
		return cutShort(r.Method, wire.MaxExcerpt)
	}
	return cutShort(r.Method+" "+r.URL.Host+r.URL.EscapedPath(), wire.MaxExcerpt)
}

// redirectOf describes a 3xx answer.
func redirectOf(resp *http.Response) Redirect {
	e := Redirect{StatusCode: resp.StatusCode}
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
