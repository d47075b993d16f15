package iot1click

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// lockedBuffer collects log output from any goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	sb strings.Builder
}

func (b *lockedBuffer) printf(format string, v ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintf(&b.sb, format, v...)
	b.sb.WriteByte('\n')
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.String()
}

func (b *lockedBuffer) logger() logging.Logger {
	return logging.LoggerFunc(func(_ logging.Classification, format string, v ...any) { b.printf(format, v...) })
}

// TestLoggingRedactsSecrets logs everything the client can log, through a
// retried call with a body, and checks that the request and response lines
// are there and that no secret is: not the secret key, not the session
// token, not the signature of the Authorization header.
func TestLoggingRedactsSecrets(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				writeError(w, 503, "ServiceUnavailableException", "rid-1", `{"message":"busy"}`)
				return
			}
			testenv.WriteJSON(w, 200, "rid-2", `{"deviceMethodResponse":"{\"remainingLife\": 99.8}"}`)
		})
		var lb lockedBuffer
		c := srv.client(withFastRetries, func(o *Options) {
			o.Credentials = credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, testSessionToken)
			o.Logger = lb.logger()
			o.ClientLogMode = aws.LogRequestWithBody | aws.LogResponseWithBody | aws.LogRetries | aws.LogSigning
		})
		out, err := c.InvokeDeviceMethod(context.Background(), &InvokeDeviceMethodInput{
			DeviceId:               testDeviceID,
			DeviceMethod:           &DeviceMethod{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
			DeviceMethodParameters: `{"probe":"body-marker"}`,
		})
		if err != nil {
			t.Fatal(err)
		}
		if Attempts(out.ResultMetadata) != 2 {
			t.Errorf("Attempts %d, want 2", Attempts(out.ResultMetadata))
		}
		log := lb.String()

		for _, want := range []string{
			"POST /devices/G030PM0123456789/methods",      // request line
			`body-marker`,                                 // request body
			"Amz-Sdk-Request: attempt=2; max=3",           // request headers
			"Authorization: AWS4-HMAC-SHA256 Credential=", // redacted, not removed
			"HTTP/1.1 503",                                // response lines
			"HTTP/1.1 200",
			"rid-1",
			`remainingLife`, // response body
			"busy",
			"retrying",           // retries
			"attempt 2",          // retries
			"AWS4-HMAC-SHA256\n", // signing: the string to sign
		} {
			if !strings.Contains(log, want) {
				t.Errorf("log does not contain %q", want)
			}
		}

		var secrets []string
		for _, r := range srv.requests() {
			auth := r.Header.Get("Authorization")
			_, sig, ok := strings.Cut(auth, "Signature=")
			if !ok || len(sig) != 64 {
				t.Fatalf("Authorization %q", auth)
			}
			secrets = append(secrets, sig)
		}
		secrets = append(secrets, testSecretKey, testSessionToken)
		for _, s := range secrets {
			if strings.Contains(log, s) {
				t.Errorf("log contains the secret %q:\n%s", s, log)
			}
		}
		if t.Failed() {
			t.Logf("log:\n%s", log)
		}
	})
}

// TestLoggingOff checks that nothing is logged without ClientLogMode.
func TestLoggingOff(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "rid", `{"deviceDescription":{}}`)
		})
		var lb lockedBuffer
		c := srv.client(func(o *Options) { o.Logger = lb.logger() })
		if _, err := c.DescribeDevice(context.Background(), &DescribeDeviceInput{DeviceId: "d"}); err != nil {
			t.Fatal(err)
		}
		if s := lb.String(); s != "" {
			t.Errorf("logged without ClientLogMode:\n%s", s)
		}
	})
}

// TestLoggingWithoutBodies checks that LogRequest and LogResponse leave the
// bodies out.
func TestLoggingWithoutBodies(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "rid", `{"state":"response-marker"}`)
		})
		var lb lockedBuffer
		c := srv.client(func(o *Options) {
			o.Logger = lb.logger()
			o.ClientLogMode = aws.LogRequest | aws.LogResponse
		})
		if _, err := c.FinalizeDeviceClaim(context.Background(), &FinalizeDeviceClaimInput{DeviceId: "d", Tags: map[string]string{"k": "request-marker"}}); err != nil {
			t.Fatal(err)
		}
		log := lb.String()
		if !strings.Contains(log, "PUT /devices/d/finalize-claim") || !strings.Contains(log, "200 OK") {
			t.Errorf("log lacks the request or response line:\n%s", log)
		}
		for _, s := range []string{"request-marker", "response-marker"} {
			if strings.Contains(log, s) {
				t.Errorf("log contains body %q:\n%s", s, log)
			}
		}
	})
}

// TestLoggingSigningPerCall checks that ClientLogMode set for one call
// reaches the signer, and that the client's own mode stays as it was.
func TestLoggingSigningPerCall(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			testenv.WriteJSON(w, 200, "rid", `{"devices":[]}`)
		})
		var lb lockedBuffer
		c := srv.client(func(o *Options) { o.Logger = lb.logger() })
		ctx := context.Background()
		if _, err := c.ListDevices(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := lb.String(); got != "" {
			t.Fatalf("logging off, but got:\n%s", got)
		}
		if _, err := c.ListDevices(ctx, nil, func(o *Options) { o.ClientLogMode = aws.LogSigning }); err != nil {
			t.Fatal(err)
		}
		got := lb.String()
		if !strings.Contains(got, "Request Signature") || !strings.Contains(got, "GET\n/devices\n") {
			t.Errorf("per-call LogSigning logged no signing details:\n%s", got)
		}
		if strings.Contains(got, testSecretKey) {
			t.Error("the signing log holds the secret key")
		}
		before := lb.String()
		if _, err := c.ListDevices(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if lb.String() != before {
			t.Errorf("a later call without the option logged:\n%s", strings.TrimPrefix(lb.String(), before))
		}
	})
}
