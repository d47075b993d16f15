package iot1click

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// wrappingClient is an HTTPClient the SDK cannot see into: it sends with an
// *http.Client that follows redirects as net/http does by default.
type wrappingClient struct{ c *http.Client }

func (w wrappingClient) Do(r *http.Request) (*http.Response, error) { return w.c.Do(r) }

// recordingServer is a server on another host (port) that records every
// request reaching it and answers each with 200 and a body that any
// operation reads as a success.
type recordingServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []capturedRequest
}

func newRecordingServer(t *testing.T) *recordingServer {
	t.Helper()
	s := &recordingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.seen = append(s.seen, capturedRequest{Method: r.Method, RequestURI: r.RequestURI, Host: r.Host, Header: r.Header.Clone(), Body: body})
		s.mu.Unlock()
		testenv.WriteJSON(w, 200, "foreign", `{"deviceDescription":{"deviceId":"foreign"}}`)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *recordingServer) requests() []capturedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]capturedRequest(nil), s.seen...)
}

// redirectClients are the kinds of HTTPClient the redirect tests run with.
var redirectClients = []struct {
	name string
	// opaque marks an HTTPClient the SDK cannot stop from following a
	// redirect: the SDK only refuses its answer.
	opaque bool
	make   func() HTTPClient
}{
	{"default", false, func() HTTPClient { return nil }},
	{"http.Client", false, func() HTTPClient { return &http.Client{} }},
	{"BuildableClient", false, func() HTTPClient { return awshttp.NewBuildableClient() }},
	{"wrapping", true, func() HTTPClient { return wrappingClient{&http.Client{}} }},
}

// redirectPaths are the direct call path and the middleware stack that
// APIOptions turn on: both send through the same redirect guard.
var redirectPaths = []struct {
	name       string
	apiOptions []func(*middleware.Stack) error
}{
	{"direct", nil},
	{"stack", []func(*middleware.Stack) error{func(*middleware.Stack) error { return nil }}},
}

// redirectOps are a read (GET, no body) and a write (PUT with a body).
var redirectOps = []struct {
	name, method string
	call         func(*Client) error
}{
	{"DescribeDevice", "GET", func(c *Client) error {
		_, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: testDeviceID})
		return err
	}},
	{"UpdateDeviceState", "PUT", func(c *Client) error {
		_, err := c.UpdateDeviceState(context.Background(), &UpdateDeviceStateInput{DeviceId: testDeviceID, Enabled: true})
		return err
	}},
}

// TestRedirectToAnotherHost checks that a redirect to another host, with
// temporary credentials, is an error, never a success, and is not retried;
// and that with an *http.Client, however given, nothing reaches the other
// host, so neither the session token nor the signature does. An opaque
// HTTPClient that follows redirects is outside the SDK's control: the
// answer it brings back is refused.
func TestRedirectToAnotherHost(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, path := range redirectPaths {
			for _, hc := range redirectClients {
				for _, op := range redirectOps {
					for _, status := range []int{301, 302, 303, 307, 308} {
						t.Run(fmt.Sprintf("%s/%s/%s/%d", path.name, hc.name, op.name, status), func(t *testing.T) {
							foreign := newRecordingServer(t)
							srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
								w.Header().Set("Location", foreign.URL+r.URL.Path)
								w.WriteHeader(status)
							})
							c := newOnPath(t, Options{
								Region:       testRegion,
								Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, testSessionToken),
								BaseEndpoint: aws.String(srv.URL),
								HTTPClient:   hc.make(),
								Retryer:      newFastRetryer(0),
								APIOptions:   path.apiOptions,
							})
							err := op.call(c)
							if err == nil {
								t.Fatal("redirect reported as a success")
							}
							testOperationError(t, err, op.name)
							var re *RedirectError
							if !errors.As(err, &re) {
								t.Fatalf("error %v (%T), want a *RedirectError", err, errors.Unwrap(err))
							}
							if n := len(srv.requests()); n != 1 {
								t.Errorf("endpoint saw %d requests, want 1 (a redirect is not retried)", n)
							}
							r := srv.onlyRequest(t)
							testHeader(t, r, "X-Amz-Security-Token", testSessionToken)
							foreignHost := strings.TrimPrefix(foreign.URL, "http://")
							if re.Host != foreignHost {
								t.Errorf("RedirectError.Host %q, want %q", re.Host, foreignHost)
							}
							if !strings.Contains(err.Error(), foreignHost) {
								t.Errorf("error %q does not name the host %s", err, foreignHost)
							}

							seen := foreign.requests()
							if !hc.opaque {
								if len(seen) != 0 {
									t.Errorf("other host saw %d requests (first: %s %s, token %q, Authorization %q)", len(seen),
										seen[0].Method, seen[0].RequestURI, seen[0].Header.Get("X-Amz-Security-Token"), seen[0].Header.Get("Authorization"))
								}
								if re.Followed || re.StatusCode != status {
									t.Errorf("RedirectError Followed %v StatusCode %d, want false %d", re.Followed, re.StatusCode, status)
								}
								testResponseError(t, err, status, "")
								return
							}
							// net/http follows 307 and 308 only when it can send the
							// body again, which the SDK's requests do not allow.
							followed := op.method == "GET" || status < 307
							if re.Followed != followed {
								t.Errorf("RedirectError.Followed %v, want %v: %v", re.Followed, followed, err)
							}
							if followed && len(seen) != 1 {
								t.Errorf("other host saw %d requests, want the 1 the wrapping client sent", len(seen))
							}
							if !followed && len(seen) != 0 {
								t.Errorf("other host saw %d requests, want none", len(seen))
							}
						})
					}
				}
			}
		}
	})
}

// TestRedirectSameHost checks that a redirect to another path of the same
// host is an error: the answer would be to another request.
func TestRedirectSameHost(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, hc := range redirectClients {
			for _, op := range redirectOps {
				for _, status := range []int{302, 307} {
					t.Run(fmt.Sprintf("%s/%s/%d", hc.name, op.name, status), func(t *testing.T) {
						srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
							if strings.HasPrefix(r.URL.Path, "/elsewhere") {
								testenv.WriteJSON(w, 200, "elsewhere", `{"deviceDescription":{"deviceId":"elsewhere"}}`)
								return
							}
							w.Header().Set("Location", "/elsewhere"+r.URL.Path)
							w.WriteHeader(status)
						})
						srv.checkSig = false // a followed redirect is not signed for its path
						c := srv.client(func(o *Options) {
							o.HTTPClient = hc.make()
							o.Retryer = newFastRetryer(0)
						})
						err := op.call(c)
						var re *RedirectError
						if !errors.As(err, &re) {
							t.Fatalf("error %v, want a *RedirectError", err)
						}
						host := strings.TrimPrefix(srv.URL, "http://")
						if re.Host != host {
							t.Errorf("RedirectError.Host %q, want %q", re.Host, host)
						}
						reqs := srv.requests()
						if !hc.opaque && len(reqs) != 1 {
							t.Errorf("server saw %d requests, want 1 (the redirect not followed)", len(reqs))
						}
						if re.Followed && !strings.Contains(re.Answered, "/elsewhere/") {
							t.Errorf("RedirectError.Answered %q does not name the path answered", re.Answered)
						}
					})
				}
			}
		}
	})
}

// TestRedirectPutBecomesGet checks the fake write of issue 9: an opaque
// HTTPClient follows a 303 from UpdateDeviceState's PUT with a GET that
// another host answers 200; the call must fail and say why.
func TestRedirectPutBecomesGet(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		foreign := newRecordingServer(t)
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Location", foreign.URL+r.URL.Path)
			w.WriteHeader(http.StatusSeeOther)
		})
		c := srv.client(func(o *Options) { o.HTTPClient = wrappingClient{&http.Client{}} })
		_, err := c.UpdateDeviceState(context.Background(), &UpdateDeviceStateInput{DeviceId: testDeviceID, Enabled: true})
		var re *RedirectError
		if !errors.As(err, &re) || !re.Followed {
			t.Fatalf("error %v, want a followed *RedirectError", err)
		}
		seen := foreign.requests()
		if len(seen) != 1 || seen[0].Method != "GET" {
			t.Fatalf("other host saw %+v, want the GET net/http made of the PUT", seen)
		}
		host := strings.TrimPrefix(srv.URL, "http://")
		foreignHost := strings.TrimPrefix(foreign.URL, "http://")
		wantSent := "PUT " + host + "/devices/" + testDeviceID + "/state"
		wantAnswered := "GET " + foreignHost + "/devices/" + testDeviceID + "/state"
		if re.Sent != wantSent || re.Answered != wantAnswered || re.StatusCode != 200 {
			t.Errorf("RedirectError Sent %q Answered %q StatusCode %d, want %q %q 200", re.Sent, re.Answered, re.StatusCode, wantSent, wantAnswered)
		}
		testResponseError(t, err, 200, "foreign")
	})
}

// TestResponseToClonedRequest checks that an HTTPClient that sends a clone
// of the request, and answers with it, is not mistaken for a redirect.
func TestResponseToClonedRequest(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &countingDoer{}
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String("https://example.test:8443/base"), HTTPClient: d})
		if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "a b"}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestResponseWithoutRequest checks that an HTTPClient whose responses
// carry no Request is trusted, as before.
func TestResponseWithoutRequest(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := doerFunc(func(*http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"deviceDescription":{"deviceId":"x"}}`))}, nil
		})
		// The client's own HTTPClient is an *http.Client: a call switching to
		// a func type must not compare the two (func values panic).
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String("https://example.test"), HTTPClient: &http.Client{}})
		out, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "x"}, func(o *Options) { o.HTTPClient = d })
		if err != nil || out.DeviceDescription == nil || out.DeviceDescription.DeviceId != "x" {
			t.Fatalf("out %+v err %v", out, err)
		}
	})
}

// TestRedirectLocationQuotedShort checks that a huge Location, valid or
// not, is quoted short in the error.
func TestRedirectLocationQuotedShort(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, loc := range []string{
			"http://" + strings.Repeat("a", 1<<20) + ".example/",
			"http://[" + strings.Repeat("z", 1<<20),
		} {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Location", loc)
				w.WriteHeader(http.StatusFound)
			})
			err := redirectOps[0].call(srv.client(func(o *Options) { o.RetryMaxAttempts = 1 }))
			if err == nil {
				t.Fatal("no error")
			}
			if n := len(err.Error()); n > 600 {
				t.Errorf("error of %d bytes: %.300s", n, err)
			}
			var re *RedirectError
			var se *smithyhttp.RequestSendError
			if !errors.As(err, &re) && !(errors.As(err, &se) && strings.Contains(err.Error(), "failed to parse Location header")) {
				t.Errorf("error %.300v, want a *RedirectError or net/http's refusal of the Location", err)
			}
		}
	})
}

// doerFunc is an HTTPClient made of a function; its values are not
// comparable.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestResponseFromAnotherScheme checks that an opaque HTTPClient's answer
// to the same host and path over another scheme (an https request
// redirected to http) is refused.
func TestResponseFromAnotherScheme(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := doerFunc(func(r *http.Request) (*http.Response, error) {
			followed := r.Clone(r.Context())
			followed.URL.Scheme = "http"
			return &http.Response{StatusCode: 200, Header: http.Header{}, Request: followed,
				Body: io.NopCloser(strings.NewReader(`{"deviceDescription":{"deviceId":"x"}}`))}, nil
		})
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String("https://example.test"), HTTPClient: d,
			Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")})
		_, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "x"})
		var re *RedirectError
		if !errors.As(err, &re) || !re.Followed {
			t.Fatalf("err %v, want a *RedirectError with Followed", err)
		}
	})
}
