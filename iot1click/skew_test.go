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
	"github.com/aws/smithy-go/logging"
)

// skewedServer answers 403 InvalidSignatureException with a Date off by
// skew from the local clock when a request's signing time is more than five
// minutes from that Date, and 200 otherwise: a service whose clock is skew
// away.
func skewedServer(t *testing.T, skew time.Duration) *testServer {
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		serverNow := time.Now().Add(skew).UTC()
		signed, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
		w.Header().Set("Date", serverNow.Format(http.TimeFormat))
		if serverNow.Sub(signed).Abs() > 5*time.Minute {
			writeErrorNoDate(w, 403, "InvalidSignatureException", `{"message":"Signature expired"}`)
			return
		}
		w.WriteHeader(200)
		fmt.Fprint(w, `{"state":"UNCLAIMED"}`)
	})
}

// TestClockSkewPerHost checks that the skew learned from one endpoint
// (a per-call BaseEndpoint) does not change how requests to another are
// signed. Both are loopback servers, from which any skew is learned, the
// 292 years of a year-9999 Date included.
func TestClockSkewPerHost(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		for _, tc := range []struct {
			name string
			skew time.Duration
		}{
			{"3h ahead", 3 * time.Hour},
			{"25h behind", -25 * time.Hour},
			{"year 9999", time.Until(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC))},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := skewedServer(t, 0)
				b := skewedServer(t, tc.skew)
				c := a.client(withFastRetries)
				toB := func(o *Options) { o.BaseEndpoint = aws.String(b.URL) }

				if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}, toB); err != nil {
					t.Fatalf("call to B: %v", err)
				}
				reqs := b.requests()
				if len(reqs) != 2 {
					t.Fatalf("B saw %d requests, want 2", len(reqs))
				}
				testSkewed(t, reqs[1], tc.skew)

				for i := 0; i < 2; i++ {
					if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}); err != nil {
						t.Fatalf("call %d to A after B: %v", i+1, err)
					}
				}
				if n := len(a.requests()); n != 2 {
					t.Errorf("A saw %d requests, want 2 (no skew retry)", n)
				}
				for _, r := range a.requests() {
					testSkewed(t, r, 0)
				}

				// B keeps its own correction.
				if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}, toB); err != nil {
					t.Fatal(err)
				}
				reqs = b.requests()
				testSkewed(t, reqs[len(reqs)-1], tc.skew)
			})
		}
	})
}

// TestClockSkewImplausibleRefused checks that a Date more than 24 hours
// from the local clock, from an endpoint that is not a loopback one, is
// refused: the call fails at once saying so, a warning is logged, and the
// signing clock stays as it was; while a plausible Date still corrects it.
func TestClockSkewImplausibleRefused(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		var mu sync.Mutex
		var date string
		var signed []string
		d := doerFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			defer mu.Unlock()
			signed = append(signed, r.Header.Get("X-Amz-Date"))
			return &http.Response{
				StatusCode: 403,
				Header: http.Header{
					"Date":             {date},
					"X-Amzn-Errortype": {"InvalidSignatureException"},
					"X-Amzn-Requestid": {"rid"},
				},
				Body:    io.NopCloser(strings.NewReader(`{"message":"Signature expired"}`)),
				Request: r,
			}, nil
		})
		var logs []string
		logger := logging.LoggerFunc(func(c logging.Classification, format string, v ...interface{}) {
			mu.Lock()
			defer mu.Unlock()
			logs = append(logs, string(c)+" "+fmt.Sprintf(format, v...))
		})
		const host = "devices.iot1click.example.test"
		c := newOnPath(t, Options{
			Region:       testRegion,
			Credentials:  credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
			BaseEndpoint: aws.String("https://" + host),
			HTTPClient:   d,
			Retryer:      newFastRetryer(0),
			Logger:       logger,
		})
		call := func(serverTime time.Time) error {
			mu.Lock()
			date, signed, logs = serverTime.UTC().Format(http.TimeFormat), nil, nil
			mu.Unlock()
			_, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
			return err
		}
		for _, serverTime := range []time.Time{
			time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
			time.Now().Add(25 * time.Hour),
			time.Now().Add(-25 * time.Hour),
		} {
			err := call(serverTime)
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" {
				t.Fatalf("Date %v: error %v, want InvalidSignatureException", serverTime, err)
			}
			if !strings.Contains(err.Error(), "not corrected, beyond the 24h0m0s bound") {
				t.Errorf("Date %v: error %q does not say the skew was refused", serverTime, err)
			}
			testResponseError(t, err, 403, "rid")
			mu.Lock()
			if len(signed) != 1 {
				t.Errorf("Date %v: %d requests, want 1 (a refused skew is not retried)", serverTime, len(signed))
			}
			if len(logs) != 1 || !strings.HasPrefix(logs[0], "WARN clock skew of ") || !strings.Contains(logs[0], host) {
				t.Errorf("Date %v: logs %q, want one warning naming the host", serverTime, logs)
			}
			mu.Unlock()
			if got := c.engine.Skew(host); got != 0 {
				t.Fatalf("Date %v: skew %v learned", serverTime, got)
			}
		}

		// A plausible offset is learned, and the retry is signed with it; the
		// retry's refusal, at the same Date, is no skew and ends the call.
		_ = call(time.Now().Add(20 * time.Hour))
		mu.Lock()
		defer mu.Unlock()
		if len(signed) != 2 {
			t.Fatalf("%d requests, want 2 (the first, and a retry with the corrected clock)", len(signed))
		}
		for i, want := range []time.Duration{0, 20 * time.Hour} {
			testSkewed(t, capturedRequest{Header: http.Header{"X-Amz-Date": {signed[i]}}}, want)
		}
		if got := c.engine.Skew(host); (got - 20*time.Hour).Abs() > time.Minute {
			t.Errorf("skew %v learned, want about 20h", got)
		}
	})
}
