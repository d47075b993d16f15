package iot1click

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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
// signed, both for a plausible skew, which is corrected for its own host,
// and for an implausible one, which is refused.
func TestClockSkewPerHost(t *testing.T) {
	for _, tc := range []struct {
		name      string
		skew      time.Duration
		corrected bool
	}{
		{"plausible", 3 * time.Hour, true},
		{"year 9999", time.Until(time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)), false},
		{"25h behind", -25 * time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := skewedServer(t, 0)
			b := skewedServer(t, tc.skew)
			c := a.client(withFastRetries)
			toB := WithBaseEndpoint(b.URL)

			_, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}, toB)
			reqs := b.requests()
			if tc.corrected {
				if err != nil {
					t.Fatalf("call to B: %v", err)
				}
				if len(reqs) != 2 {
					t.Fatalf("B saw %d requests, want 2", len(reqs))
				}
				testSkewed(t, reqs[1], tc.skew)
			} else {
				var api smithy.APIError
				if !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" {
					t.Fatalf("call to B: error %v, want InvalidSignatureException", err)
				}
				if !strings.Contains(err.Error(), "not corrected, beyond the 24h0m0s bound") {
					t.Errorf("error %q does not say the skew was refused", err)
				}
				if len(reqs) != 1 {
					t.Fatalf("B saw %d requests, want 1 (a refused skew is not retried)", len(reqs))
				}
			}

			for i := 0; i < 2; i++ {
				if _, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}); err != nil {
					t.Fatalf("call %d to A after B: %v", i+1, err)
				}
			}
			for _, r := range a.requests() {
				testSkewed(t, r, 0)
			}
			if n := len(a.requests()); n != 2 {
				t.Errorf("A saw %d requests, want 2 (no skew retry)", n)
			}

			// B keeps its own correction, or none.
			_, err = c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}, toB)
			reqs = b.requests()
			last := reqs[len(reqs)-1]
			if tc.corrected {
				if err != nil {
					t.Fatal(err)
				}
				testSkewed(t, last, tc.skew)
			} else {
				testSkewed(t, last, 0)
			}
		})
	}
}

// TestClockSkewImplausibleRefused checks that an implausible Date from the
// client's own endpoint is refused, logged as a warning, and leaves the
// signing clock as it was, while a plausible one later still corrects it.
func TestClockSkewImplausibleRefused(t *testing.T) {
	var mu sync.Mutex
	date := "Fri, 31 Dec 9999 23:59:59 GMT"
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		d := date
		mu.Unlock()
		w.Header().Set("Date", d)
		writeErrorNoDate(w, 403, "InvalidSignatureException", `{"message":"Signature not yet current"}`)
	})
	var logs []string
	logger := logging.LoggerFunc(func(c logging.Classification, format string, v ...interface{}) {
		mu.Lock()
		defer mu.Unlock()
		logs = append(logs, string(c)+" "+fmt.Sprintf(format, v...))
	})
	c := srv.client(withFastRetries, func(o *Options) { o.Logger = logger })
	_, err := c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"})
	if err == nil || !strings.Contains(err.Error(), "not corrected") {
		t.Fatalf("error %v, want the refused skew named", err)
	}
	if got := c.skew.get(strings.TrimPrefix(srv.URL, "http://")); got != 0 {
		t.Errorf("skew %v learned", got)
	}
	mu.Lock()
	if len(logs) != 1 || !strings.HasPrefix(logs[0], "WARN clock skew of ") || !strings.Contains(logs[0], "24h0m0s bound") {
		t.Errorf("logs %q, want one warning", logs)
	}
	date = time.Now().Add(20 * time.Hour).UTC().Format(http.TimeFormat)
	mu.Unlock()

	_, err = c.UnclaimDevice(context.Background(), &UnclaimDeviceInput{DeviceId: "d"}, WithRetryMaxAttempts(1))
	var cs *clockSkewError
	if !errors.As(err, &cs) {
		t.Fatalf("error %v, want the skew corrected", err)
	}
	if got := c.skew.get(strings.TrimPrefix(srv.URL, "http://")); (got - 20*time.Hour).Abs() > time.Minute {
		t.Errorf("skew %v learned, want about 20h", got)
	}
}

// TestSkewTableBounded checks that the table of learned skews keeps at most
// maxSkewHosts hosts, always keeps the latest, and is safe for concurrent
// use.
func TestSkewTableBounded(t *testing.T) {
	var st skewTable
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3*maxSkewHosts; i++ {
				host := fmt.Sprintf("h%d-%d:443", g, i)
				st.set(host, time.Duration(i+1)*time.Minute)
				st.get(host)
			}
		}()
	}
	wg.Wait()
	if n := len(*st.m.Load()); n > maxSkewHosts {
		t.Errorf("table holds %d hosts, want at most %d", n, maxSkewHosts)
	}
	st.set("last:443", time.Hour)
	if got := st.get("last:443"); got != time.Hour {
		t.Errorf("latest skew %v, want 1h", got)
	}
	if n := len(*st.m.Load()); n != maxSkewHosts {
		t.Errorf("table holds %d hosts, want %d", n, maxSkewHosts)
	}
}
