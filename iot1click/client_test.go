package iot1click

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// Test credentials and settings shared by the tests of this package.
const (
	testAccessKey    = "AKIDEXAMPLE"
	testSecretKey    = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testSessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKENsecret+/=="
	testRegion       = "us-west-2"
	testDeviceID     = "G030PM0123456789"
	testDeviceArn    = "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789"
)

var uuidV4RE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// capturedRequest is a request as the test server saw it on the wire.
type capturedRequest struct {
	Method     string
	RequestURI string // the raw request target: escaped path and query
	Host       string
	Header     http.Header
	Body       []byte
	HasBody    bool  // the request carried a body (Content-Length or chunked)
	SigErr     error // the result of verifying the SigV4 signature
}

// Path returns the escaped path of the request, as sent.
func (r capturedRequest) Path() string {
	p, _, _ := strings.Cut(r.RequestURI, "?")
	return p
}

// RawQuery returns the raw query of the request, as sent.
func (r capturedRequest) RawQuery() string {
	_, q, _ := strings.Cut(r.RequestURI, "?")
	return q
}

// testServer is an httptest server that records every request, verifies its
// signature and answers it with a handler.
type testServer struct {
	*httptest.Server
	t *testing.T

	// region and secret the signature is checked with; unsigned requests are
	// accepted when checkSig is false.
	region   string
	secret   string
	checkSig bool

	mu      sync.Mutex
	reqs    []capturedRequest
	handler func(w http.ResponseWriter, r *http.Request, n int)
}

// newTestServer starts a server whose handler is called with the 1-based
// number of the request. Requests with a bad signature are answered 403
// InvalidSignatureException and reported as test errors.
func newTestServer(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int)) *testServer {
	t.Helper()
	s := &testServer{t: t, region: testRegion, secret: testSecretKey, checkSig: true, handler: handler}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.t.Errorf("server: reading request body: %v", err)
	}
	cr := capturedRequest{
		Method:     r.Method,
		RequestURI: r.RequestURI,
		Host:       r.Host,
		Header:     r.Header.Clone(),
		Body:       body,
		HasBody:    r.ContentLength > 0 || len(r.TransferEncoding) > 0,
	}
	s.mu.Lock()
	check, region, secret := s.checkSig, s.region, s.secret
	s.mu.Unlock()
	if check {
		cr.SigErr = verifySigV4(sigInput{
			Method: r.Method, RequestURI: r.RequestURI, Host: r.Host, Header: r.Header,
			ContentLength: r.ContentLength, Body: body,
		}, testAccessKey, secret, region, SigningName)
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, cr)
	n := len(s.reqs)
	s.mu.Unlock()
	if cr.SigErr != nil {
		s.t.Errorf("server: request %d %s %s: bad signature: %v", n, r.Method, r.RequestURI, cr.SigErr)
		w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `{"message":%q}`, cr.SigErr.Error())
		return
	}
	s.handler(w, r, n)
}

// requests returns the requests seen so far.
func (s *testServer) requests() []capturedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]capturedRequest(nil), s.reqs...)
}

// onlyRequest returns the single request the server saw, failing the test
// when it saw another number.
func (s *testServer) onlyRequest(t *testing.T) capturedRequest {
	t.Helper()
	reqs := s.requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// client returns a client of the server with static test credentials and
// the default retryer, configured further by optFns.
func (s *testServer) client(optFns ...func(*Options)) *Client {
	return newOnPath(s.t, Options{
		Region:       testRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
		BaseEndpoint: aws.String(s.URL),
		HTTPClient:   s.Client(),
	}, optFns...)
}

// writeError answers with an error response of the service.
func writeError(w http.ResponseWriter, status int, errorType, requestID, body string) {
	if errorType != "" {
		w.Header().Set("X-Amzn-ErrorType", errorType)
	}
	testenv.WriteJSON(w, status, requestID, body)
}

// fastRetryer is the client's default retryer with a tiny, fixed backoff.
type fastRetryer struct {
	aws.RetryerV2
	delay time.Duration
}

func (r fastRetryer) RetryDelay(int, error) (time.Duration, error) { return r.delay, nil }

// newFastRetryer returns the client's default retry policy with the given
// backoff between attempts.
func newFastRetryer(delay time.Duration) aws.Retryer {
	return fastRetryer{RetryerV2: New(Options{}).Options().Retryer.(aws.RetryerV2), delay: delay}
}

// withFastRetries makes a client retry with a 1ms backoff.
func withFastRetries(o *Options) { o.Retryer = newFastRetryer(time.Millisecond) }

// countingDoer is an HTTPClient that records every request and answers with
// a canned response, without any network I/O.
type countingDoer struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte
	status int
	body   string
}

func (d *countingDoer) Do(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	// The client sends the same *http.Request again on a retry, re-signed:
	// keep a deep copy of each attempt.
	r = r.Clone(r.Context())
	d.mu.Lock()
	d.reqs = append(d.reqs, r)
	d.bodies = append(d.bodies, body)
	status, respBody := d.status, d.body
	d.mu.Unlock()
	if status == 0 {
		status = http.StatusOK
	}
	if respBody == "" {
		respBody = `{"deviceDescription":{"deviceId":"G030PM0123456789","type":"button","enabled":true}}`
	}
	return &http.Response{
		StatusCode: status,
		Status:     strconv.Itoa(status) + " " + http.StatusText(status),
		Proto:      "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{
			"Content-Type":     {"application/json"},
			"X-Amzn-Requestid": {"canned-request-id"},
		},
		Body:    io.NopCloser(strings.NewReader(respBody)),
		Request: r,
	}, nil
}

func (d *countingDoer) requests() []*http.Request {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]*http.Request(nil), d.reqs...)
}

// clearAWSEnv unsets every AWS_* variable for the duration of the test and
// points the shared config and credentials files at empty temporary files,
// so that nothing of the machine's configuration leaks into the test.
func clearAWSEnv(t *testing.T) (configFile, credentialsFile string) {
	t.Helper()
	return testenv.ClearAWS(t)
}

// ---- SigV4 verification, by the emulator's verifier (internal/sigv4) ----

// sigInput is what a verifier needs of a request.
type sigInput struct {
	Method        string
	RequestURI    string // escaped path and raw query
	Host          string
	Header        http.Header
	ContentLength int64
	Body          []byte
}

// sigInputOf returns the sigInput of a request built by the client.
func sigInputOf(r *http.Request, body []byte) sigInput {
	return sigInput{
		Method: r.Method, RequestURI: r.URL.RequestURI(), Host: r.Host, Header: r.Header,
		ContentLength: r.ContentLength, Body: body,
	}
}

// verifySigV4 checks the SigV4 signature of a request for accessKey and
// secretKey in region with internal/sigv4's verifier, the emulator's, at
// the request's own time (clock skew is not this check's business), and
// that the headers the client sets are among the signed ones.
func verifySigV4(in sigInput, accessKey, secretKey, region, service string) error {
	r := &http.Request{Method: in.Method, RequestURI: in.RequestURI, Host: in.Host, Header: in.Header,
		ContentLength: in.ContentLength, URL: &url.URL{}}
	at, err := time.Parse("20060102T150405Z", in.Header.Get("X-Amz-Date"))
	if err != nil {
		at = time.Now()
	}
	v := &sigv4.Verifier{Service: service, Region: region, Now: func() time.Time { return at },
		Lookup: func(id string) (string, bool) { return secretKey, id == accessKey }}
	if err := v.Verify(r, in.Body); err != nil {
		return err
	}
	_, signed, _ := strings.Cut(in.Header.Get("Authorization"), "SignedHeaders=")
	signed, _, _ = strings.Cut(signed, ",")
	for _, must := range []string{"X-Amz-Security-Token", "Content-Type", "Amz-Sdk-Request", "Amz-Sdk-Invocation-Id"} {
		if len(in.Header.Values(must)) > 0 && !slices.Contains(strings.Split(signed, ";"), strings.ToLower(must)) {
			return fmt.Errorf("header %s is present but not signed (%s)", must, signed)
		}
	}
	return nil
}

// ---- small assertion helpers ----

func testMethod(t *testing.T, r capturedRequest, want string) {
	t.Helper()
	if r.Method != want {
		t.Errorf("request method: %s, want %s", r.Method, want)
	}
}

// testPath checks the escaped path exactly as sent on the wire.
func testPath(t *testing.T, r capturedRequest, want string) {
	t.Helper()
	if got := r.Path(); got != want {
		t.Errorf("request path on the wire: %q, want %q", got, want)
	}
}

// testQuery checks the raw query pairs, escaping included, as sent on the
// wire, in any order (the SigV4 signer sends them sorted).
func testQuery(t *testing.T, r capturedRequest, want ...string) {
	t.Helper()
	var got []string
	if q := r.RawQuery(); q != "" {
		got = strings.Split(q, "&")
	}
	sorted := func(s []string) []string {
		s = append([]string(nil), s...)
		sort.Strings(s)
		return s
	}
	if diff := cmp.Diff(sorted(want), sorted(got), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("raw query %q (-want +got):\n%s", r.RawQuery(), diff)
	}
}

func testHeader(t *testing.T, r capturedRequest, key, want string) {
	t.Helper()
	if got := r.Header.Values(key); len(got) != 1 || got[0] != want {
		t.Errorf("header %s: %q, want [%q]", key, got, want)
	}
}

func testNoHeader(t *testing.T, r capturedRequest, key string) {
	t.Helper()
	if got := r.Header.Values(key); len(got) != 0 {
		t.Errorf("header %s: %q, want none", key, got)
	}
}

// testJSONBody checks that got is the JSON document want: same members and
// values, no null anywhere.
func testJSONBody(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("request body %q is not JSON: %v", got, err)
		return
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want %q: %v", want, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("request body %s (-want +got):\n%s", got, diff)
	}
	if bytes.Contains(got, []byte("null")) {
		t.Errorf("request body %s contains null", got)
	}
}

// testSignature checks that the server accepted the request's signature.
func testSignature(t *testing.T, r capturedRequest) {
	t.Helper()
	if r.SigErr != nil {
		t.Errorf("signature of %s %s: %v", r.Method, r.RequestURI, r.SigErr)
	}
	if r.Header.Get("Authorization") == "" {
		t.Errorf("request %s %s is not signed", r.Method, r.RequestURI)
	}
}

// testOperationError returns the *smithy.OperationError of err, checking its
// service and operation.
func testOperationError(t *testing.T, err error, op string) *smithy.OperationError {
	t.Helper()
	var oe *smithy.OperationError
	if !errors.As(err, &oe) {
		t.Fatalf("error %v (%T) is not a *smithy.OperationError", err, err)
	}
	if oe.ServiceID != "IoT 1Click Devices Service" || oe.OperationName != op {
		t.Errorf("operation error for %q/%q, want %q/%q", oe.ServiceID, oe.OperationName, "IoT 1Click Devices Service", op)
	}
	return oe
}

// ---- tests of the client's construction and plumbing ----

func TestNewDefaults(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		c := newOnPath(t, Options{Region: testRegion})
		o := c.Options()
		if o.HTTPClient == nil {
			t.Error("HTTPClient left nil")
		}
		if o.Retryer == nil || o.Retryer.MaxAttempts() != 3 {
			t.Errorf("default retryer %v, want max 3 attempts", o.Retryer)
		}
		if o.Logger == nil {
			t.Error("Logger left nil")
		}
		if o.Credentials != nil {
			t.Errorf("Credentials %v, want nil", o.Credentials)
		}

		c = newOnPath(t, Options{Region: testRegion, Credentials: credentials.NewStaticCredentialsProvider("a", "b", "")})
		if _, ok := c.Options().Credentials.(*aws.CredentialsCache); !ok {
			t.Errorf("Credentials %T, want wrapped in *aws.CredentialsCache", c.Options().Credentials)
		}
		cache := aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("a", "b", ""))
		c = newOnPath(t, Options{Region: testRegion, Credentials: cache})
		if c.Options().Credentials != cache {
			t.Error("a CredentialsCache was wrapped again")
		}

		c = newOnPath(t, Options{Region: testRegion}, func(o *Options) { o.RetryMaxAttempts = 7 }, func(o *Options) { o.Region = "eu-west-1" })
		if got := c.Options().Retryer.MaxAttempts(); got != 7 {
			t.Errorf("MaxAttempts %d, want 7", got)
		}
		if got := c.Options().Region; got != "eu-west-1" {
			t.Errorf("Region %q, want eu-west-1", got)
		}
	})
}

// TestOptionsPerCallDoNotLeak checks that per-call option functions change
// a copy: the client's own options are untouched afterwards.
func TestOptionsPerCallDoNotLeak(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{}}`)
		})
		c := srv.client()
		in := &DescribeDeviceInput{DeviceId: testDeviceID}
		if _, err := c.DescribeDevice(context.Background(), in, func(o *Options) { o.RetryMaxAttempts = 5 }, func(o *Options) { o.AppID = "percall" }); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DescribeDevice(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		reqs := srv.requests()
		testHeader(t, reqs[0], "Amz-Sdk-Request", "attempt=1; max=5")
		testHeader(t, reqs[1], "Amz-Sdk-Request", "attempt=1; max=3")
		if o := c.Options(); o.RetryMaxAttempts != 0 || o.AppID != "" || o.Retryer.MaxAttempts() != 3 {
			t.Errorf("client options changed by a per-call option: %+v", o)
		}
	})
}

// TestUnsignedWithoutCredentials checks that a client without credentials
// sends requests without an Authorization header.
func TestUnsignedWithoutCredentials(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{}}`)
		})
		srv.checkSig = false
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client()})
		if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
			t.Fatal(err)
		}
		r := srv.onlyRequest(t)
		testNoHeader(t, r, "Authorization")
		testNoHeader(t, r, "X-Amz-Date")
	})
}

// TestSessionToken checks that a session token is sent in
// X-Amz-Security-Token and covered by the signature.
func TestSessionToken(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{}}`)
		})
		c := srv.client(func(o *Options) {
			o.Credentials = credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, testSessionToken)
		})
		if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: testDeviceID}); err != nil {
			t.Fatal(err)
		}
		r := srv.onlyRequest(t)
		testHeader(t, r, "X-Amz-Security-Token", testSessionToken)
		testSignature(t, r)
		if !strings.Contains(r.Header.Get("Authorization"), "x-amz-security-token") {
			t.Errorf("session token not in SignedHeaders: %s", r.Header.Get("Authorization"))
		}

		// A tampered token must break the signature: proof that it is signed.
		r.Header.Set("X-Amz-Security-Token", testSessionToken+"x")
		if err := verifySigV4(sigInput{Method: r.Method, RequestURI: r.RequestURI, Host: r.Host, Header: r.Header}, testAccessKey, testSecretKey, testRegion, SigningName); err == nil {
			t.Error("signature still valid with a tampered session token")
		}
	})
}

// TestCredentialsError checks that a failing credentials provider fails the
// call before any request is sent.
func TestCredentialsError(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			t.Errorf("unexpected request %s %s", r.Method, r.RequestURI)
		})
		c := srv.client(func(o *Options) {
			o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{}, errors.New("no credentials here")
			})
			o.Retryer = newFastRetryer(time.Millisecond)
		})
		_, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
		testOperationError(t, err, "DescribeDevice")
		if err == nil || !strings.Contains(err.Error(), "no credentials here") {
			t.Errorf("error %v, want the provider's error", err)
		}
		if n := len(srv.requests()); n != 0 {
			t.Errorf("server saw %d requests, want 0", n)
		}
	})
}

// TestNilContext checks that a nil context is treated as Background.
func TestNilContext(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "id", `{"deviceDescription":{"deviceId":"d"}}`)
		})
		//lint:ignore SA1012 a nil context is documented to work
		out, err := srv.client().DescribeDevice(nil, &DescribeDeviceInput{DeviceId: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if out.DeviceDescription == nil || out.DeviceDescription.DeviceId != "d" {
			t.Errorf("output %+v", out)
		}
	})
}

// TestConcurrentCalls uses one client from 50 goroutines; run with -race.
func TestConcurrentCalls(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			switch {
			case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/devices/"):
				id := strings.TrimPrefix(r.URL.Path, "/devices/")
				testenv.WriteJSON(w, 200, "req-"+id, fmt.Sprintf(`{"deviceDescription":{"deviceId":%q,"enabled":true}}`, id))
			case r.Method == http.MethodPut:
				testenv.WriteJSON(w, 200, "req-put", "")
			case r.Method == http.MethodPost:
				testenv.WriteJSON(w, 204, "req-tag", "")
			default:
				testenv.WriteJSON(w, 200, "req-list", `{"devices":[{"deviceId":"a"},{"deviceId":"b"}]}`)
			}
		})
		c := srv.client(withFastRetries)
		const workers = 50
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for i := 0; i < workers; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ctx := context.Background()
				id := fmt.Sprintf("dev/%d", i)
				switch i % 4 {
				case 0:
					out, err := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: id})
					if err != nil {
						errs <- err
						return
					}
					if out.DeviceDescription.DeviceId != id || RequestID(out.ResultMetadata) != "req-"+id {
						errs <- fmt.Errorf("DescribeDevice(%q) = %+v, %q", id, out.DeviceDescription, RequestID(out.ResultMetadata))
					}
				case 1:
					out, err := c.ListDevices(ctx, &ListDevicesInput{MaxResults: int32(i)})
					if err != nil {
						errs <- err
						return
					}
					if len(out.Devices) != 2 {
						errs <- fmt.Errorf("ListDevices: %d devices", len(out.Devices))
					}
				case 2:
					if _, err := c.UpdateDeviceState(ctx, &UpdateDeviceStateInput{DeviceId: id, Enabled: i%8 == 2}, func(o *Options) { o.RetryMaxAttempts = 2 }); err != nil {
						errs <- err
					}
				case 3:
					if _, err := c.TagResource(ctx, &TagResourceInput{ResourceArn: testDeviceArn, Tags: map[string]string{"n": strconv.Itoa(i)}}); err != nil {
						errs <- err
					}
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		reqs := srv.requests()
		if len(reqs) != workers {
			t.Fatalf("server saw %d requests, want %d", len(reqs), workers)
		}
		ids := map[string]bool{}
		for _, r := range reqs {
			testSignature(t, r)
			id := r.Header.Get("Amz-Sdk-Invocation-Id")
			if ids[id] {
				t.Errorf("invocation ID %s used twice", id)
			}
			ids[id] = true
			switch r.Method {
			case http.MethodPut:
				// Each goroutine's body went with its own path.
				var i int
				if _, err := fmt.Sscanf(r.RequestURI, "/devices/dev%%2F%d/state", &i); err != nil {
					t.Errorf("PUT %s: %v", r.RequestURI, err)
				}
				testJSONBody(t, r.Body, fmt.Sprintf(`{"enabled":%t}`, i%8 == 2))
			case http.MethodPost:
				var body struct{ Tags map[string]string }
				if err := json.Unmarshal(r.Body, &body); err != nil || len(body.Tags) != 1 || body.Tags["n"] == "" {
					t.Errorf("POST %s body %q", r.RequestURI, r.Body)
				}
			}
		}
	})
}

// keepingDoer keeps the requests it is given, as a recording HTTPClient
// might, without copying them.
type keepingDoer struct {
	mu   sync.Mutex
	reqs []*http.Request
	sent []http.Header // a copy of each request's headers as sent
}

func (d *keepingDoer) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.reqs = append(d.reqs, r)
	d.sent = append(d.sent, r.Header.Clone())
	d.mu.Unlock()
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"X-Amzn-Requestid": {"kept"}},
		Body:       io.NopCloser(strings.NewReader(`{"devices":[]}`)),
		Request:    r,
	}, nil
}

// TestRequestsKeptByHTTPClientStayIntact checks that a request an HTTPClient
// keeps after the call is not overwritten by later calls, whose buffers
// come from the same pools.
func TestRequestsKeptByHTTPClientStayIntact(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		d := &keepingDoer{}
		c := newOnPath(t, Options{
			Region:       "us-west-2",
			Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
			BaseEndpoint: aws.String("https://example.test"),
			HTTPClient:   d,
		})
		ctx := context.Background()
		// More calls than one batch of random bytes serves (32 invocation IDs).
		for i := 0; i < 100; i++ {
			in := &ListDevicesInput{DeviceType: fmt.Sprintf("type%d", i)}
			if _, err := c.ListDevices(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		ids := map[string]bool{}
		for i, r := range d.reqs {
			if got, want := r.URL.Query().Get("deviceType"), fmt.Sprintf("type%d", i); got != want {
				t.Errorf("request %d: deviceType %q, want %q", i, got, want)
			}
			id := r.Header.Get("Amz-Sdk-Invocation-Id")
			if id == "" || ids[id] {
				t.Errorf("request %d: invocation ID %q empty or seen before", i, id)
			}
			ids[id] = true
			if r.Header.Get("Authorization") == "" || r.Header.Get("User-Agent") == "" || r.Header.Get("Amz-Sdk-Request") != "attempt=1; max=3" {
				t.Errorf("request %d: headers lost: %v", i, r.Header)
			}
			if diff := cmp.Diff(d.sent[i], r.Header); diff != "" {
				t.Errorf("request %d: headers changed after it was sent (-sent +now):\n%s", i, diff)
			}
		}
	})
}

// Path parity: the tests of operations, retries, errors and hostile answers
// run on both paths of a call, the fast path and the middleware stack, as
// subtests "fast" and "stack" (bothPaths). Inside them, srv.client and
// newOnPath make clients on the subtest's path.

// bothPaths runs test twice, as the subtests "fast" and "stack".
func bothPaths(t *testing.T, test func(t *testing.T)) {
	t.Helper()
	t.Run("fast", test)
	t.Run("stack", test)
}

// onStack reports whether t runs on the stack path: it is, or is within,
// the "stack" subtest of bothPaths.
func onStack(t testing.TB) bool {
	return strings.Contains(t.Name()+"/", "/stack/")
}

// pathOption returns the option that puts a client on t's path.
func pathOption(t testing.TB) func(*Options) {
	if onStack(t) {
		return withEmptyAPIOption
	}
	return func(*Options) {}
}

// newOnPath is New on t's path: the path's option applies first.
func newOnPath(t testing.TB, o Options, optFns ...func(*Options)) *Client {
	return New(o, append([]func(*Options){pathOption(t)}, optFns...)...)
}
