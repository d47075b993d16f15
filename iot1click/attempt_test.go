package iot1click

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"
)

// scriptedDoer answers with the given statuses in turn (200 after them) and
// keeps every request it is given, as a recording HTTPClient might.
type scriptedDoer struct {
	mu       sync.Mutex
	statuses []int
	reqs     []*http.Request
}

func (d *scriptedDoer) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	status := http.StatusOK
	if n := len(d.reqs); n < len(d.statuses) {
		status = d.statuses[n]
	}
	d.reqs = append(d.reqs, r)
	body := `{"devices":[]}`
	h := http.Header{"X-Amzn-Requestid": {fmt.Sprint("rid-", len(d.reqs))}}
	if status != http.StatusOK {
		h["X-Amzn-Errortype"] = []string{"InternalFailureException"}
		body = `{"message":"boom"}`
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

func newScriptedClient(d *scriptedDoer, optFns ...func(*Options)) *Client {
	return New(Options{
		Region:       testRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
		BaseEndpoint: aws.String("https://example.test"),
		HTTPClient:   d,
		Retryer:      newFastRetryer(time.Millisecond),
	}, optFns...)
}

// TestRetryNewRequestPerAttempt checks that each attempt is a request of
// its own, so that an HTTPClient that keeps one sees it as it was sent.
// Through the middleware stack too, where each attempt's request is a clone
// of the unsigned one.
func TestRetryNewRequestPerAttempt(t *testing.T) {
	for _, path := range []struct {
		name   string
		optFns []func(*Options)
	}{{"direct", nil}, {"stack", []func(*Options){withEmptyAPIOption}}} {
		t.Run(path.name, func(t *testing.T) { testRetryNewRequestPerAttempt(t, path.optFns...) })
	}
}

func testRetryNewRequestPerAttempt(t *testing.T, optFns ...func(*Options)) {
	d := &scriptedDoer{statuses: []int{500, 503}}
	out, err := newScriptedClient(d, optFns...).ListDevices(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if Attempts(out.ResultMetadata) != 3 || len(d.reqs) != 3 {
		t.Fatalf("attempts %d, requests %d, want 3", Attempts(out.ResultMetadata), len(d.reqs))
	}
	auth := map[string]bool{}
	for i, r := range d.reqs {
		for j := 0; j < i; j++ {
			if d.reqs[j] == r {
				t.Errorf("attempts %d and %d share one *http.Request", j+1, i+1)
			}
		}
		if got, want := r.Header.Get("Amz-Sdk-Request"), fmt.Sprintf("attempt=%d; max=3", i+1); got != want {
			t.Errorf("request %d: Amz-Sdk-Request %q, want %q", i+1, got, want)
		}
		a := r.Header.Get("Authorization")
		if a == "" || auth[a] {
			t.Errorf("request %d: Authorization %q empty or seen before", i+1, a)
		}
		auth[a] = true
	}
}

// TestSignedHeadersOfKeptAttempts checks that each attempt's signed
// request keeps its own X-Amz-Date and Authorization headers when a
// middleware holds on to it: through the stack, every attempt signs a clone
// of the unsigned request, and the signer's header slots serve only the
// first.
func TestSignedHeadersOfKeptAttempts(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		var kept []*http.Request
		var seen []http.Header
		keep := middleware.FinalizeMiddlewareFunc("keep", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
			middleware.FinalizeOutput, middleware.Metadata, error,
		) {
			if r, ok := in.Request.(*smithyhttp.Request); ok {
				kept = append(kept, r.Request)
				seen = append(seen, r.Header.Clone())
			}
			return next.HandleFinalize(ctx, in)
		})
		d := &scriptedDoer{statuses: []int{500, 503}}
		c := newScriptedClient(d, func(o *Options) {
			o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
				return s.Finalize.Insert(keep, "Signing", middleware.After)
			})
		})
		if _, err := c.ListDevices(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if len(kept) != 3 {
			t.Fatalf("%d attempts signed, want 3", len(kept))
		}
		for i, r := range kept {
			if r.Header.Get("X-Amz-Date") == "" || r.Header.Get("Authorization") == "" {
				t.Errorf("attempt %d not signed: %v", i+1, r.Header)
			}
			if diff := cmp.Diff(seen[i], r.Header); diff != "" {
				t.Errorf("attempt %d: headers changed after signing (-signed +now):\n%s", i+1, diff)
			}
		}
	})
}

// tokenCountingRetryer counts the attempt tokens asked for and released.
type tokenCountingRetryer struct {
	aws.RetryerV2
	mu               sync.Mutex
	tokens, releases int
}

func (r *tokenCountingRetryer) GetAttemptToken(ctx context.Context) (func(error) error, error) {
	r.mu.Lock()
	r.tokens++
	r.mu.Unlock()
	return func(error) error {
		r.mu.Lock()
		r.releases++
		r.mu.Unlock()
		return nil
	}, nil
}

// TestAttemptTokenEveryAttempt checks that every attempt asks the retryer
// for a token and releases it, as adaptive retry mode needs.
func TestAttemptTokenEveryAttempt(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		r := &tokenCountingRetryer{RetryerV2: newFastRetryer(time.Millisecond).(aws.RetryerV2)}
		d := &scriptedDoer{statuses: []int{500, 500}}
		if _, err := newScriptedClient(d, func(o *Options) { o.Retryer = r }).ListDevices(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if r.tokens != 3 || r.releases != 3 {
			t.Errorf("%d attempt tokens, %d releases, want 3 and 3", r.tokens, r.releases)
		}
	})
}

// TestRetry501NotRetried checks that 501 Not Implemented is final.
func TestRetry501NotRetried(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &scriptedDoer{statuses: []int{501}}
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String("https://example.test"), HTTPClient: d})
		if _, err := c.ListDevices(context.Background(), nil); err == nil || len(d.reqs) != 1 {
			t.Errorf("error %v after %d requests, want an error after 1", err, len(d.reqs))
		}
	})
}

// TestContextCanceledReadingBody cancels the call while the response body
// is being read.
func TestContextCanceledReadingBody(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		release := make(chan struct{})
		defer close(release)
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(200)
			_, _ = io.WriteString(w, `{"devices":[`)
			w.(http.Flusher).Flush()
			cancel()
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		_, err := srv.client(withFastRetries).ListDevices(ctx, nil)
		// As the official client's handler says of a cancelled send.
		var ce *smithy.CanceledError
		if !errors.As(err, &ce) || !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v (%T), want a *smithy.CanceledError of context.Canceled", err, err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
}

// TestClockSkewFromMessage corrects the clock from the time an AWS
// "Signature expired" message quotes, when the answer has no Date header.
func TestClockSkewFromMessage(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		const skew = -20 * time.Minute
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header()["Date"] = nil // no Date header
			serverNow := time.Now().Add(skew).UTC()
			signed, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
			if serverNow.Sub(signed).Abs() > 5*time.Minute {
				w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprintf(w, `{"message":"Signature not yet current: %s is still later than %s (%s + 5 min.)"}`,
					signed.Format("20060102T150405Z"), serverNow.Add(5*time.Minute).Format("20060102T150405Z"), serverNow.Format("20060102T150405Z"))
				return
			}
			w.WriteHeader(200)
			fmt.Fprint(w, `{"state":"UNCLAIMED"}`)
		})
		out, err := srv.client(withFastRetries).UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if Attempts(out.ResultMetadata) != 2 {
			t.Errorf("Attempts %d, want 2", Attempts(out.ResultMetadata))
		}
		reqs := srv.requests()
		testSkewed(t, reqs[len(reqs)-1], skew)
	})
}

// ctxKey marks the context of a call, to see it reach the resolver.
type ctxKey struct{}

// countingResolver resolves to a fixed URL and counts its calls.
type countingResolver struct {
	mu    sync.Mutex
	calls int
	ctxs  []any
	url   string
}

func (r *countingResolver) ResolveEndpoint(ctx context.Context, p EndpointParameters) (smithyendpoints.Endpoint, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.ctxs = append(r.ctxs, ctx.Value(ctxKey{}))
	ep, err := NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, EndpointParameters{Region: p.Region, Endpoint: aws.String(r.url)})
	return ep, err
}

// TestEndpointResolverEveryCall checks that a caller's EndpointResolverV2
// is asked on every call, with the call's context.
func TestEndpointResolverEveryCall(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &scriptedDoer{}
		r := &countingResolver{url: "https://resolved.example.test/prefix"}
		c := newOnPath(t, Options{Region: testRegion, HTTPClient: d, EndpointResolverV2: r})
		calls := r.calls // New may resolve once
		for i := 0; i < 3; i++ {
			ctx := context.WithValue(context.Background(), ctxKey{}, i)
			if _, err := c.ListDevices(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
		if got := r.calls - calls; got != 3 {
			t.Fatalf("resolver asked %d times for 3 calls", got)
		}
		for i, v := range r.ctxs[calls:] {
			if v != i {
				t.Errorf("call %d: resolver saw context value %v", i, v)
			}
		}
		if got := d.reqs[0].URL.String(); got != "https://resolved.example.test/prefix/devices" {
			t.Errorf("request URL %s", got)
		}
	})
}

// TestAnonymousCredentials checks that aws.AnonymousCredentials sends
// requests unsigned, as the AWS SDKs do.
func TestAnonymousCredentials(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &scriptedDoer{}
		c := newScriptedClient(d, func(o *Options) { o.Credentials = aws.AnonymousCredentials{} })
		if _, err := c.ListDevices(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListDevices(context.Background(), nil, func(o *Options) { o.Credentials = &aws.AnonymousCredentials{} }); err != nil {
			t.Fatal(err)
		}
		for i, r := range d.reqs {
			// Not even an empty header: the signer's slots are only set for
			// signed requests.
			for _, k := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token"} {
				if v, ok := r.Header[k]; ok {
					t.Errorf("request %d has %s %q", i, k, v)
				}
			}
		}
	})
}

// TestAppIDPerCall checks that AppID set for one call reaches its
// User-Agent only.
func TestAppIDPerCall(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &scriptedDoer{}
		c := newScriptedClient(d, func(o *Options) { o.AppID = "client-app" })
		ctx := context.Background()
		if _, err := c.ListDevices(ctx, nil, func(o *Options) { o.AppID = "call-app" }); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListDevices(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if ua := d.reqs[0].Header.Get("User-Agent"); !strings.HasSuffix(ua, " app/call-app") {
			t.Errorf("per-call User-Agent %q", ua)
		}
		if ua := d.reqs[1].Header.Get("User-Agent"); !strings.HasSuffix(ua, " app/client-app") {
			t.Errorf("client User-Agent %q", ua)
		}
	})
}
