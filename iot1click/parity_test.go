package iot1click

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/logging"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// TestRetryAfterHeader checks that X-Amz-Retry-After lengthens the
// retryer's delay on both paths, as aws-sdk-go-v2's retry middleware does,
// and that a value that is not a number of milliseconds is ignored.
func TestRetryAfterHeader(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			header   string
			min, max time.Duration
		}{
			{"300", 300 * time.Millisecond, 5 * time.Second},
			{"not a number", 0, time.Second},
			{"-5", 0, time.Second},
		} {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.Header().Set("X-Amz-Retry-After", tc.header)
					writeError(w, 503, "", "rid-1", `{}`)
					return
				}
				testenv.WriteJSON(w, 200, "rid-2", `{"state":"UNCLAIMED"}`)
			})
			// No backoff of the retryer's own: the header alone sets the wait.
			c := srv.client(func(o *Options) { o.Retryer = newFastRetryer(0) })
			start := time.Now()
			out, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("X-Amz-Retry-After %q: %v", tc.header, err)
			}
			if Attempts(out.ResultMetadata) != 2 {
				t.Errorf("X-Amz-Retry-After %q: %d attempts, want 2", tc.header, Attempts(out.ResultMetadata))
			}
			if elapsed < tc.min || elapsed > tc.max {
				t.Errorf("X-Amz-Retry-After %q: the call took %v, want %v to %v", tc.header, elapsed, tc.min, tc.max)
			}
		}
	})
}

// TestOneInvocationID checks that every attempt of a call carries one
// Amz-Sdk-Invocation-Id value, the same for all the call's attempts, a
// random UUID, and that two calls have two, on both paths.
func TestOneInvocationID(t *testing.T) {
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n%3 != 0 {
				writeError(w, 503, "", "rid", `{}`)
				return
			}
			testenv.WriteJSON(w, 200, "rid", `{"state":"UNCLAIMED"}`)
		})
		c := srv.client(withFastRetries)
		for i := 0; i < 2; i++ {
			if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}); err != nil {
				t.Fatal(err)
			}
		}
		reqs := srv.requests()
		if len(reqs) != 6 {
			t.Fatalf("%d requests, want 6", len(reqs))
		}
		for i, r := range reqs {
			ids := r.Header.Values("Amz-Sdk-Invocation-Id")
			if len(ids) != 1 || !uuid.MatchString(ids[0]) {
				t.Fatalf("request %d: invocation IDs %q, want one random UUID", i+1, ids)
			}
			if first := reqs[i/3*3].Header.Get("Amz-Sdk-Invocation-Id"); ids[0] != first {
				t.Errorf("request %d: invocation ID %s, want the call's %s", i+1, ids[0], first)
			}
		}
		if reqs[0].Header.Get("Amz-Sdk-Invocation-Id") == reqs[3].Header.Get("Amz-Sdk-Invocation-Id") {
			t.Error("two calls share an invocation ID")
		}
	})
}

// failingDoer is an HTTPClient whose every send fails with err.
type failingDoer struct{ err error }

func (d failingDoer) Do(*http.Request) (*http.Response, error) { return nil, d.err }

// TestSendErrorCutShort checks that a send error with a long message (as
// net/http's may quote a whole Location header) is cut short alike on both
// paths, a *smithyhttp.RequestSendError that still wraps the original.
func TestSendErrorCutShort(t *testing.T) {
	long := errors.New("dial tcp: " + strings.Repeat("x", 2000))
	msgs := map[string]string{}
	bothPaths(t, func(t *testing.T) {
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String("https://example.test"),
			HTTPClient: failingDoer{long}, RetryMaxAttempts: 1})
		_, err := c.ListDevices(context.Background(), nil)
		var se *smithyhttp.RequestSendError
		if !errors.As(err, &se) || !errors.Is(err, long) {
			t.Fatalf("error %v (%T), want a RequestSendError wrapping the HTTPClient's", err, err)
		}
		if n := len(err.Error()); n > 500 {
			t.Errorf("error of %d bytes, want at most 500", n)
		}
		msgs[t.Name()] = err.Error()
	})
	if msgs[t.Name()+"/fast"] != msgs[t.Name()+"/stack"] {
		t.Errorf("the paths' messages differ:\nfast  %s\nstack %s", msgs[t.Name()+"/fast"], msgs[t.Name()+"/stack"])
	}
}

// changingCreds returns session credentials (with a token) the first time
// and credentials without a session token afterwards, as a provider chain
// whose first source ran out would. The first credentials have expired,
// so that the client's credentials cache asks again.
type changingCreds struct {
	mu sync.Mutex
	n  int
}

func (c *changingCreds) Retrieve(context.Context) (aws.Credentials, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	if c.n == 1 {
		return aws.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: testSecretKey, SessionToken: "first-token",
			CanExpire: true, Expires: time.Now().Add(-time.Second)}, nil
	}
	return aws.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: testSecretKey}, nil
}

// TestRetryDropsStaleSessionToken checks that a retry is signed with the
// credentials of its own attempt alone, on both paths: when the first
// attempt's credentials had a session token and the retry's have none, the
// retry sends no X-Amz-Security-Token (the first attempt's would be sent,
// signed, and logged unredacted in the signing log).
func TestRetryDropsStaleSessionToken(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				writeError(w, 503, "", "rid-1", `{}`)
				return
			}
			testenv.WriteJSON(w, 200, "rid-2", `{"state":"UNCLAIMED"}`)
		})
		var log strings.Builder
		var mu sync.Mutex
		c := srv.client(withFastRetries, func(o *Options) {
			o.Credentials = &changingCreds{}
			o.ClientLogMode = aws.LogSigning
			o.Logger = logging.LoggerFunc(func(_ logging.Classification, format string, v ...any) {
				mu.Lock()
				defer mu.Unlock()
				fmt.Fprintf(&log, format+"\n", v...)
			})
		})
		if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		if len(reqs) != 2 {
			t.Fatalf("%d requests, want 2", len(reqs))
		}
		if got := reqs[0].Header.Get("X-Amz-Security-Token"); got != "first-token" {
			t.Errorf("first attempt: X-Amz-Security-Token %q, want first-token", got)
		}
		if got := reqs[1].Header.Values("X-Amz-Security-Token"); len(got) != 0 {
			t.Errorf("retry: X-Amz-Security-Token %q, want none", got)
		}
		if strings.Contains(log.String(), "first-token") {
			t.Errorf("the signing log holds the session token:\n%s", log.String())
		}
	})
}

// headerResolver resolves to url with the headers h, as an
// EndpointResolverV2 may.
type headerResolver struct {
	url string
	h   http.Header
}

func (r headerResolver) ResolveEndpoint(ctx context.Context, _ EndpointParameters) (smithyendpoints.Endpoint, error) {
	ep, err := NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, EndpointParameters{Region: aws.String(testRegion), Endpoint: aws.String(r.url)})
	ep.Headers = r.h
	return ep, err
}

// TestRetryKeepsEndpointHeaders checks that a retry carries the headers of
// the resolved endpoint, a session token among them, as the first attempt
// does, on both paths: a retry drops only what the last signing set.
func TestRetryKeepsEndpointHeaders(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				writeError(w, 503, "", "rid-1", `{}`)
				return
			}
			testenv.WriteJSON(w, 200, "rid-2", `{"state":"UNCLAIMED"}`)
		})
		h := http.Header{"X-Amz-Security-Token": {"endpoint-token"}}
		c := srv.client(withFastRetries, func(o *Options) { o.EndpointResolverV2 = headerResolver{srv.URL, h} })
		if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		if len(reqs) != 2 {
			t.Fatalf("%d requests, want 2", len(reqs))
		}
		for i, r := range reqs {
			if got := r.Header.Values("X-Amz-Security-Token"); len(got) != 1 || got[0] != "endpoint-token" {
				t.Errorf("attempt %d: X-Amz-Security-Token %q, want the endpoint's", i+1, got)
			}
		}
	})
}
