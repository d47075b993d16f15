package iot1click

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// testAttemptHeaders checks the amz-sdk-request header of each request, and
// that all attempts share one invocation ID and each carries a valid, fresh
// signature.
func testAttemptHeaders(t *testing.T, reqs []capturedRequest, max int) {
	t.Helper()
	sigs := map[string]bool{}
	for i, r := range reqs {
		testHeader(t, r, "Amz-Sdk-Request", fmt.Sprintf("attempt=%d; max=%d", i+1, max))
		if got, want := r.Header.Get("Amz-Sdk-Invocation-Id"), reqs[0].Header.Get("Amz-Sdk-Invocation-Id"); got != want {
			t.Errorf("attempt %d: invocation ID %q, want %q as on attempt 1", i+1, got, want)
		}
		testSignature(t, r)
		sig := r.Header.Get("Authorization")
		if sigs[sig] {
			t.Errorf("attempt %d reuses the Authorization of an earlier attempt", i+1)
		}
		sigs[sig] = true
	}
}

// TestRetryThrottling checks that throttling errors are retried and the call
// then succeeds.
func TestRetryThrottling(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct{ name, header string }{
			{"ThrottlingException", "ThrottlingException"},
			{"TooManyRequestsException", "TooManyRequestsException"},
			{"429 without a code", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					if n == 1 {
						writeError(w, 429, tc.header, "throttled", `{"message":"Rate exceeded"}`)
						return
					}
					testenv.WriteJSON(w, 200, "ok-id", `{"deviceDescription":{"deviceId":"d"}}`)
				})
				out, err := srv.client(withFastRetries).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
				if err != nil {
					t.Fatal(err)
				}
				if Attempts(out.ResultMetadata) != 2 || RequestID(out.ResultMetadata) != "ok-id" {
					t.Errorf("Attempts %d RequestID %q, want 2 ok-id", Attempts(out.ResultMetadata), RequestID(out.ResultMetadata))
				}
				reqs := srv.requests()
				if len(reqs) != 2 {
					t.Fatalf("server saw %d requests, want 2", len(reqs))
				}
				testAttemptHeaders(t, reqs, 3)
			})
		}
	})
}

// TestRetryBodyResent checks that a retried request resends its whole body.
func TestRetryBodyResent(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n < 3 {
				writeError(w, 503, "ServiceUnavailableException", "", `{}`)
				return
			}
			testenv.WriteJSON(w, 204, "ok", "")
		})
		tags := map[string]string{"team": "facilities"}
		out, err := srv.client(withFastRetries).TagResource(context.Background(), &TagResourceInput{ResourceArn: testDeviceArn, Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		if Attempts(out.ResultMetadata) != 3 {
			t.Errorf("Attempts %d, want 3", Attempts(out.ResultMetadata))
		}
		reqs := srv.requests()
		testAttemptHeaders(t, reqs, 3)
		for _, r := range reqs {
			testJSONBody(t, r.Body, `{"tags":{"team":"facilities"}}`)
			testHeader(t, r, "Content-Type", "application/json")
		}
	})
}

// TestRetryServerErrorsExhausted checks that 5xx errors are retried until
// the attempts run out, and the final error says so.
func TestRetryServerErrorsExhausted(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			status int
			header string
			check  func(t *testing.T, err error)
		}{
			{500, "InternalFailureException", func(t *testing.T, err error) {
				var e *InternalFailureException
				if !errors.As(err, &e) {
					t.Errorf("error %v has no InternalFailureException", err)
				}
			}},
			{503, "", nil},
			{502, "", nil},
			{504, "", nil},
		} {
			t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					writeError(w, tc.status, tc.header, fmt.Sprintf("rid-%d", n), `{"message":"internal"}`)
				})
				out, err := srv.client(withFastRetries).ListDevices(context.Background(), nil)
				if err == nil {
					t.Fatalf("no error: %+v", out)
				}
				reqs := srv.requests()
				if len(reqs) != 3 {
					t.Fatalf("server saw %d requests, want 3", len(reqs))
				}
				testAttemptHeaders(t, reqs, 3)
				testOperationError(t, err, "ListDevices")
				var me *retry.MaxAttemptsError
				if !errors.As(err, &me) || me.Attempt != 3 {
					t.Errorf("error %v: no *retry.MaxAttemptsError with Attempt 3 (%+v)", err, me)
				}
				testResponseError(t, err, tc.status, "rid-3")
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorFault() != smithy.FaultServer {
					t.Errorf("error %v: API error %v, want a server fault", err, api)
				}
				if tc.check != nil {
					tc.check(t, err)
				}
			})
		}
	})
}

// TestRetryClientErrorNotRetried checks that 4xx errors other than
// throttling are not retried.
func TestRetryClientErrorNotRetried(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			status int
			code   string
		}{
			{400, "InvalidRequestException"},
			{404, "ResourceNotFoundException"},
			{409, "ResourceConflictException"},
			{412, "PreconditionFailedException"},
			{403, "ForbiddenException"},
		} {
			t.Run(tc.code, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					writeError(w, tc.status, tc.code, "rid", `{"message":"A request parameter was invalid."}`)
				})
				_, err := srv.client(withFastRetries).InvokeDeviceMethod(context.Background(), &InvokeDeviceMethodInput{
					DeviceId: "d", DeviceMethod: &DeviceMethod{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
				})
				if n := len(srv.requests()); n != 1 {
					t.Errorf("server saw %d requests, want 1", n)
				}
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != tc.code {
					t.Errorf("error %v, want %s", err, tc.code)
				}
				var me *retry.MaxAttemptsError
				if errors.As(err, &me) {
					t.Errorf("error %v has a MaxAttemptsError", err)
				}
			})
		}
	})
}

// TestRetryMaxAttemptsPerCall checks RetryMaxAttempts set for one call and
// RetryMaxAttempts on the client.
func TestRetryMaxAttemptsPerCall(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name       string
			clientMax  int
			callMax    int
			wantReqs   int
			wantHeader int
		}{
			{"call 1", 0, 1, 1, 1},
			{"call 5", 0, 5, 5, 5},
			{"client 2", 2, 0, 2, 2},
			{"client 2 call 4", 2, 4, 4, 4},
		} {
			t.Run(tc.name, func(t *testing.T) {
				srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					writeError(w, 503, "", "rid", `{}`)
				})
				c := srv.client(withFastRetries, func(o *Options) { o.RetryMaxAttempts = tc.clientMax })
				var opts []func(*Options)
				if tc.callMax != 0 {
					opts = append(opts, func(o *Options) { o.RetryMaxAttempts = tc.callMax })
				}
				_, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}, opts...)
				var me *retry.MaxAttemptsError
				if !errors.As(err, &me) || me.Attempt != tc.wantReqs {
					t.Errorf("error %v, want MaxAttemptsError after %d attempts", err, tc.wantReqs)
				}
				reqs := srv.requests()
				if len(reqs) != tc.wantReqs {
					t.Fatalf("server saw %d requests, want %d", len(reqs), tc.wantReqs)
				}
				testAttemptHeaders(t, reqs, tc.wantHeader)
			})
		}
	})
}

// hijackServer answers its first fails requests by closing the connection
// without a response, then succeeds.
func hijackServer(t *testing.T, fails int) *testServer {
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= fails {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			conn.Close()
			return
		}
		testenv.WriteJSON(w, 200, "ok", `{"state":"UNCLAIMED"}`)
	})
}

// TestRetryConnectionErrors checks that a connection closed without a
// response is retried.
func TestRetryConnectionErrors(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := hijackServer(t, 2)
		out, err := srv.client(withFastRetries).UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if Attempts(out.ResultMetadata) != 3 || out.State != StateUnclaimed {
			t.Errorf("output %+v, want 3 attempts", out)
		}
		reqs := srv.requests()
		if len(reqs) != 3 {
			t.Fatalf("server saw %d requests, want 3", len(reqs))
		}
		testAttemptHeaders(t, reqs, 3)

		// Always closed: the attempts run out with a connection error.
		srv = hijackServer(t, 100)
		_, err = srv.client(withFastRetries).UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
		var me *retry.MaxAttemptsError
		if !errors.As(err, &me) || me.Attempt != 3 {
			t.Errorf("error %v, want MaxAttemptsError after 3 attempts", err)
		}
		if n := len(srv.requests()); n != 3 {
			t.Errorf("server saw %d requests, want 3", n)
		}
		testOperationError(t, err, "UnclaimDevice")
	})
}

// TestRetryConnectionRefused checks that a refused connection is retried
// and reported.
func TestRetryConnectionRefused(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		var dials atomic.Int32
		hc := &http.Client{Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
				dials.Add(1)
				return (&net.Dialer{}).DialContext(ctx, network, a)
			},
		}}
		c := newOnPath(t, Options{Region: testRegion, BaseEndpoint: aws.String("http://" + addr), HTTPClient: hc, Retryer: newFastRetryer(time.Millisecond)})
		_, err = c.ListDevices(context.Background(), nil)
		var me *retry.MaxAttemptsError
		if !errors.As(err, &me) || me.Attempt != 3 {
			t.Errorf("error %v, want MaxAttemptsError after 3 attempts", err)
		}
		if n := dials.Load(); n != 3 {
			t.Errorf("%d dials, want 3", n)
		}
		if !strings.Contains(err.Error(), "connection refused") && !strings.Contains(err.Error(), "connect") {
			t.Errorf("error %q does not name the connection failure", err)
		}
	})
}

// TestRetryContextCanceledDuringBackoff checks that canceling the context
// while the client waits to retry returns at once.
func TestRetryContextCanceledDuringBackoff(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		const backoff = 10 * time.Second
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			writeError(w, 503, "", "rid", `{}`)
			// The client now waits 10s before its second attempt: cancel soon.
			time.AfterFunc(20*time.Millisecond, cancel)
		})
		c := srv.client(func(o *Options) { o.Retryer = newFastRetryer(backoff) })
		start := time.Now()
		_, err := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: "d"})
		elapsed := time.Since(start)
		if elapsed > 2*time.Second {
			t.Errorf("call returned after %v, want promptly after the cancel", elapsed)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v is not context.Canceled", err)
		}
		// As aws-sdk-go-v2's retry middleware says of a cancelled wait.
		var rc *aws.RequestCanceledError
		if !errors.As(err, &rc) {
			t.Errorf("error %v has no *aws.RequestCanceledError", err)
		}
		testOperationError(t, err, "DescribeDevice")
		if n := len(srv.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
}

// TestRetryDeadlineDuringBackoff checks a deadline that expires while the
// client waits to retry.
func TestRetryDeadlineDuringBackoff(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			writeError(w, 500, "InternalFailureException", "rid", `{"message":"boom"}`)
		})
		c := srv.client(func(o *Options) { o.Retryer = newFastRetryer(10 * time.Second) })
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.DescribeDevice(ctx, &DescribeDeviceInput{DeviceId: "d"})
		if elapsed := time.Since(start); elapsed > 3*time.Second {
			t.Errorf("call returned after %v, want about 100ms", elapsed)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v is not context.DeadlineExceeded", err)
		}
		var rc *aws.RequestCanceledError
		if !errors.As(err, &rc) {
			t.Errorf("error %v has no *aws.RequestCanceledError", err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
}

// TestContextCanceledInFlight checks a context canceled while a request is
// in flight, and one canceled before the call.
func TestContextCanceledInFlight(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		release := make(chan struct{})
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		})
		defer close(release)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := srv.client(withFastRetries).ListDevices(ctx, nil)
		if elapsed := time.Since(start); elapsed > 3*time.Second {
			t.Errorf("call returned after %v", elapsed)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v is not context.DeadlineExceeded", err)
		}
		var ce *smithy.CanceledError
		if !errors.As(err, &ce) {
			t.Errorf("error %v has no *smithy.CanceledError", err)
		}
		if strings.Contains(err.Error(), "retry") {
			t.Errorf("error %q: a canceled request was taken for a retryable failure", err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}

		canceled, cancel2 := context.WithCancel(context.Background())
		cancel2()
		_, err = srv.client().ListDevices(canceled, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v is not context.Canceled", err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("a canceled call sent a request: server saw %d", n)
		}
	})
}

// TestClockSkewCorrection checks that a "Signature expired" refusal with a
// Date 15 minutes ahead makes the client sign with the service's clock and
// retry, and that later calls keep the correction.
func TestClockSkewCorrection(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		const skew = 15 * time.Minute
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			serverNow := time.Now().Add(skew).UTC()
			signed, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
			w.Header().Set("Date", serverNow.Format(http.TimeFormat))
			if serverNow.Sub(signed).Abs() > 5*time.Minute {
				w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
				w.Header().Set("X-Amzn-RequestId", "expired")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprintf(w, `{"message":"Signature expired: %s is now earlier than %s (%s - 5 min.)"}`,
					signed.Format("20060102T150405Z"), serverNow.Add(-5*time.Minute).Format("20060102T150405Z"), serverNow.Format("20060102T150405Z"))
				return
			}
			w.Header().Set("X-Amzn-RequestId", "ok")
			w.WriteHeader(200)
			fmt.Fprint(w, `{"state":"UNCLAIMED"}`)
		})

		t.Run("corrected", func(t *testing.T) {
			srv.mu.Lock()
			srv.reqs = nil
			srv.mu.Unlock()
			c := srv.client(withFastRetries)
			out, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
			if err != nil {
				t.Fatal(err)
			}
			if Attempts(out.ResultMetadata) != 2 || RequestID(out.ResultMetadata) != "ok" {
				t.Errorf("Attempts %d RequestID %q, want 2 ok", Attempts(out.ResultMetadata), RequestID(out.ResultMetadata))
			}
			reqs := srv.requests()
			if len(reqs) != 2 {
				t.Fatalf("server saw %d requests, want 2", len(reqs))
			}
			testAttemptHeaders(t, reqs, 3)
			testSkewed(t, reqs[0], 0)
			testSkewed(t, reqs[1], skew)

			// The next call is signed with the corrected clock at once.
			out, err = c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
			if err != nil {
				t.Fatal(err)
			}
			if Attempts(out.ResultMetadata) != 1 {
				t.Errorf("second call took %d attempts, want 1", Attempts(out.ResultMetadata))
			}
			reqs = srv.requests()
			testSkewed(t, reqs[2], skew)
		})

		t.Run("disabled", func(t *testing.T) {
			srv.mu.Lock()
			srv.reqs = nil
			srv.mu.Unlock()
			c := srv.client(withFastRetries, func(o *Options) { o.DisableClockSkewCorrection = true })
			_, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" {
				t.Fatalf("error %v, want InvalidSignatureException", err)
			}
			if !strings.Contains(err.Error(), "Signature expired") {
				t.Errorf("error %q lost the service's message", err)
			}
			testResponseError(t, err, 403, "expired")
			reqs := srv.requests()
			if len(reqs) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(reqs))
			}
			testSkewed(t, reqs[0], 0)
		})
	})
}

// testSkewed checks that a request was signed about skew ahead of now.
func testSkewed(t *testing.T, r capturedRequest, skew time.Duration) {
	t.Helper()
	signed, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatalf("X-Amz-Date %q: %v", r.Header.Get("X-Amz-Date"), err)
	}
	if off := time.Until(signed) - skew; off.Abs() > time.Minute {
		t.Errorf("X-Amz-Date %s is %v off now+%v", r.Header.Get("X-Amz-Date"), off.Round(time.Second), skew)
	}
}

// TestClockSkewSmallOffsetIgnored checks that a signature error with a
// Date close to the local clock is not put down to clock skew.
func TestClockSkewSmallOffsetIgnored(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Date", time.Now().Add(time.Minute).UTC().Format(http.TimeFormat))
			writeErrorNoDate(w, 403, "InvalidSignatureException", `{"message":"The request signature we calculated does not match the signature you provided."}`)
		})
		_, err := srv.client(withFastRetries).UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" {
			t.Fatalf("error %v", err)
		}
		if n := len(srv.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
}

// writeErrorNoDate writes an error response keeping the Date header set by
// the handler.
func writeErrorNoDate(w http.ResponseWriter, status int, errorType, body string) {
	w.Header().Set("X-Amzn-ErrorType", errorType)
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// TestRetryMetadataFromLastAttempt checks that the request ID and server
// time of a failed attempt are not reported for the response that
// succeeded after it without them.
func TestRetryMetadataFromLastAttempt(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				w.Header().Set("Date", "Wed, 25 Nov 2026 12:00:00 GMT")
				writeError(w, 500, "InternalFailureException", "failed-attempt-id", `{"message":"boom"}`)
				return
			}
			w.Header()["Date"] = nil // net/http would set one
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(200)
			fmt.Fprint(w, `{"deviceDescription":{"deviceId":"d"}}`)
		})
		out, err := srv.client(withFastRetries).DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if id := RequestID(out.ResultMetadata); id != "" {
			t.Errorf("RequestID %q, want none: it is the failed attempt's", id)
		}
		if st, ok := awsmiddleware.GetServerTime(out.ResultMetadata); ok {
			t.Errorf("server time %v, want none: it is the failed attempt's", st)
		}
		if n := Attempts(out.ResultMetadata); n != 2 {
			t.Errorf("Attempts %d, want 2", n)
		}
	})
}
