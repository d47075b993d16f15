package projects_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/sigv4"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

const (
	testRegion    = "us-west-2"
	testAccessKey = "AKIDPROJECTSTEST"
	testSecretKey = "projects-test-secret"
	testAccount   = "123456789012"
	testProject   = "lobby"
	testArn       = "arn:aws:iot1click:us-west-2:123456789012:projects/lobby"
	testArnPath   = "arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Aprojects%2Flobby"
)

// seenRequest is a request as the test server saw it on the wire.
type seenRequest struct {
	Method     string
	RequestURI string // escaped path and query, as sent
	Header     http.Header
	Body       []byte
	SigErr     error
}

// Path returns the escaped path, as sent.
func (r seenRequest) Path() string { p, _, _ := strings.Cut(r.RequestURI, "?"); return p }

// RawQuery returns the raw query, as sent.
func (r seenRequest) RawQuery() string { _, q, _ := strings.Cut(r.RequestURI, "?"); return q }

// recorder is an httptest server that records every request, verifies its
// SigV4 signature with the verifier the emulator uses, and answers with a
// handler.
type recorder struct {
	*httptest.Server
	t *testing.T

	mu      sync.Mutex
	reqs    []seenRequest
	handler http.HandlerFunc
}

// newRecorder starts a recorder answering with handler; a nil handler
// answers 200 with {}.
func newRecorder(t *testing.T, handler http.HandlerFunc) *recorder {
	t.Helper()
	if handler == nil {
		handler = func(w http.ResponseWriter, r *http.Request) { testenv.WriteJSON(w, 200, "req-1", "{}") }
	}
	rec := &recorder{t: t, handler: handler}
	rec.Server = httptest.NewServer(http.HandlerFunc(rec.serve))
	t.Cleanup(rec.Close)
	return rec
}

func (rec *recorder) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		rec.t.Errorf("server: reading the body: %v", err)
	}
	seen := seenRequest{Method: r.Method, RequestURI: r.RequestURI, Header: r.Header.Clone(), Body: body}
	seen.SigErr = verifySignature(r, body)
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, seen)
	rec.mu.Unlock()
	if seen.SigErr != nil {
		rec.t.Errorf("server: %s %s: bad signature: %v", r.Method, r.RequestURI, seen.SigErr)
		w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
		w.WriteHeader(http.StatusForbidden)
		return
	}
	rec.handler(w, r)
}

// requests returns the requests seen so far.
func (rec *recorder) requests() []seenRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seenRequest(nil), rec.reqs...)
}

// only returns the one request the server saw.
func (rec *recorder) only(t *testing.T) seenRequest {
	t.Helper()
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// client returns a client of the server with static test credentials.
func (rec *recorder) client(optFns ...func(*projects.Options)) *projects.Client {
	return projects.New(projects.Options{
		Region:       testRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
		BaseEndpoint: aws.String(rec.URL),
		HTTPClient:   rec.Client(),
	}, optFns...)
}

// sameJSON reports the difference between two JSON documents, "" when they
// hold the same members and values; an empty string is no document.
func sameJSON(want, got string) string {
	if want == "" || got == "" {
		if want != got {
			return fmt.Sprintf("body %q, want %q", got, want)
		}
		return ""
	}
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		return "bad want: " + err.Error()
	}
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		return fmt.Sprintf("body %q is not JSON: %v", got, err)
	}
	if bytes.Contains([]byte(got), []byte("null")) {
		return fmt.Sprintf("body %s holds a null", got)
	}
	return cmp.Diff(w, g)
}

// operationError returns the *smithy.OperationError of err, checking its
// service and operation.
func operationError(t *testing.T, err error, op string) *smithy.OperationError {
	t.Helper()
	var oe *smithy.OperationError
	if !errors.As(err, &oe) {
		t.Fatalf("error %v (%T) is not a *smithy.OperationError", err, err)
	}
	if oe.ServiceID != "IoT 1Click Projects" || oe.OperationName != op {
		t.Errorf("operation error of %q/%q, want %q/%q", oe.ServiceID, oe.OperationName, "IoT 1Click Projects", op)
	}
	return oe
}

// verifier checks signatures with the code the emulator verifies with.
var verifier = &sigv4.Verifier{
	Service: "iot1click",
	Region:  testRegion,
	Lookup:  func(id string) (string, bool) { return testSecretKey, id == testAccessKey },
}

// verifySignature checks the SigV4 signature of a request as the server
// received it.
func verifySignature(r *http.Request, body []byte) error {
	return verifier.Verify(r, body)
}

// TestVerifierCatchesBadSignatures checks that the wire tests' signature
// check can fail: a request signed with another secret, or changed after
// signing, is refused.
func TestVerifierCatchesBadSignatures(t *testing.T) {
	for _, tc := range []struct {
		name   string
		secret string
		tamper func(*http.Request)
		ok     bool
	}{
		{"good", testSecretKey, func(*http.Request) {}, true},
		{"other secret", "not-the-secret", func(*http.Request) {}, false},
		{"path changed", testSecretKey, func(r *http.Request) { r.URL.Path = "/projects/other"; r.URL.RawPath = "" }, false},
		{"query added", testSecretKey, func(r *http.Request) { r.URL.RawQuery = "maxResults=1" }, false},
	} {
		d := &capturingDoer{}
		c := projects.New(projects.Options{
			Region:      testRegion,
			Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, tc.secret, ""),
			HTTPClient:  d,
		})
		if _, err := c.DescribeProject(context.Background(), &projects.DescribeProjectInput{ProjectName: testProject}); err != nil {
			t.Fatal(err)
		}
		r := d.reqs[0]
		tc.tamper(r)
		if err := verifySignature(r, nil); (err == nil) != tc.ok {
			t.Errorf("%s: verify = %v", tc.name, err)
		}
	}
}
