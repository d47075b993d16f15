package sigv4

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Cross-check against the real SDK signer: everything it signs for a
// non-S3 service must verify.

const (
	sdkAKID    = "AKIAIOSFODNN7EXAMPLE"
	sdkSecret  = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	sdkService = "iot1click"
	sdkRegion  = "us-west-2"
	sdkHost    = "devices.iot1click.us-west-2.amazonaws.com"
)

var sdkTime = time.Date(2024, 2, 29, 23, 59, 30, 0, time.UTC)

func sdkVerifier() *Verifier {
	return &Verifier{
		Service: sdkService,
		Region:  sdkRegion,
		Lookup: func(id string) (string, bool) {
			if id == sdkAKID {
				return sdkSecret, true
			}
			return "", false
		},
		Now: func() time.Time { return sdkTime.Add(90 * time.Second) },
	}
}

type sdkCase struct {
	name     string
	method   string
	path     string // decoded
	rawPath  string // escaped; "" when the default encoding is used
	rawQuery string
	body     string
	token    string
	headers  map[string]string
}

var sdkCases = []sdkCase{
	{name: "device", method: "GET", path: "/devices/G030PM0123456789"},
	{name: "escaped-label", method: "GET", path: "/devices/a/b?c#d%e/state", rawPath: "/devices/a%2Fb%3Fc%23d%25e/state"},
	{name: "arn-label", method: "GET", path: "/tags/arn:aws:iot1click:us-west-2:123456789012:devices/G030",
		rawPath: "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030"},
	{name: "untag", method: "DELETE", path: "/tags/arn:aws:iot1click:us-west-2:123456789012:projects/p1",
		rawPath:  "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Aprojects%2Fp1",
		rawQuery: "tagKeys=a&tagKeys=b&tagKeys=a%20b"},
	{name: "unicode-label", method: "GET", path: "/projects/Ünïcødé 名前/placements/p 1",
		rawPath: "/projects/%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E5%90%8D%E5%89%8D/placements/p%201"},
	{name: "plus-and-space-label", method: "GET", path: "/projects/a+b c/devices", rawPath: "/projects/a%2Bb%20c/devices"},
	{name: "percent-in-label", method: "GET", path: "/projects/100%/x", rawPath: "/projects/100%25/x"},
	{name: "query-space-unicode-plus", method: "GET", path: "/projects",
		rawQuery: "nextToken=" + url.QueryEscape("abc+/= déf") + "&maxResults=10&filter=%E5%90%8D%20x%2By"},
	{name: "query-plus-form", method: "GET", path: "/devices", rawQuery: "deviceType=a+b&nextToken=x%2By"},
	{name: "query-empty-value", method: "GET", path: "/devices", rawQuery: "flag&deviceType="},
	{name: "json-body", method: "PUT", path: "/devices/G030PM0123456789/state", body: `{"enabled":true}`,
		headers: map[string]string{"Content-Type": "application/json"}},
	{name: "post-body-token", method: "POST", path: "/projects", body: `{"projectName":"p","description":"δ"}`,
		token: "FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+/=", headers: map[string]string{"Content-Type": "application/json"}},
	{name: "invoke-method", method: "POST", path: "/devices/G030PM0123456789/methods", body: `{"deviceMethod":{"methodName":"x"}}`,
		headers: map[string]string{"Content-Type": "application/json", "X-Amz-User-Agent": "aws-sdk-go-v2/1.0  test   ua",
			"Amz-Sdk-Invocation-Id": "0f6f5a2e-1c1b-4b8e-9a7e-000000000000", "Amz-Sdk-Request": "attempt=1; max=3"}},
	{name: "binary-body", method: "POST", path: "/x", body: "\x00\x01\xff\xfe binary"},
	// The SDK signer does not normalize: a "." label or an empty segment is signed
	// as sent, and the verifier falls back to the path as sent.
	{name: "dot-segments", method: "GET", path: "/projects/./devices//x/../y"},
}

func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// newSDKRequest builds the request the way an SDK client may: with
// Path/RawPath (opaque=false) or with URL.Opaque (opaque=true).
func newSDKRequest(t *testing.T, c sdkCase, scheme, host string, opaque bool) *http.Request {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = bytes.NewReader([]byte(c.body))
	}
	r, err := http.NewRequest(c.method, scheme+"://"+host+"/", body)
	if err != nil {
		t.Fatal(err)
	}
	escaped := c.rawPath
	if escaped == "" {
		escaped = (&url.URL{Path: c.path}).EscapedPath()
	}
	if opaque {
		r.URL = &url.URL{Scheme: scheme, Host: host, Opaque: "//" + host + escaped, RawQuery: c.rawQuery}
	} else {
		r.URL = &url.URL{Scheme: scheme, Host: host, Path: c.path, RawPath: c.rawPath, RawQuery: c.rawQuery}
		if got := r.URL.EscapedPath(); got != escaped {
			t.Fatalf("EscapedPath %q, want %q", got, escaped)
		}
	}
	for k, v := range c.headers {
		r.Header.Set(k, v)
	}
	return r
}

func sdkSign(t *testing.T, r *http.Request, c sdkCase, at time.Time) {
	t.Helper()
	creds := aws.Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret, SessionToken: c.token}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hashHex([]byte(c.body)), sdkService, sdkRegion, at); err != nil {
		t.Fatal(err)
	}
}

func TestSDKSignerInMemory(t *testing.T) {
	v := sdkVerifier()
	for _, c := range sdkCases {
		for _, opaque := range []bool{false, true} {
			name := c.name + "/rawpath"
			if opaque {
				name = c.name + "/opaque"
			}
			t.Run(name, func(t *testing.T) {
				r := newSDKRequest(t, c, "https", sdkHost, opaque)
				sdkSign(t, r, c, sdkTime)
				if err := v.Verify(r, []byte(c.body)); err != nil {
					t.Fatalf("Verify: %v\nAuthorization: %s", err, r.Header.Get("Authorization"))
				}
				assertMismatch(t, v.Verify(r, []byte(c.body+"!")), "body")
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), sdkRegion, "us-east-1", 1))
				var e *Error
				if err := v.Verify(r, []byte(c.body)); !errors.As(err, &e) || e.Message != "Credential should be scoped to a valid region." {
					t.Fatalf("region: %v", err)
				}
			})
		}
	}
}

// TestSDKSignerLoopback sends SDK-signed requests through net/http to a
// loopback server whose handler verifies them, so the verifier sees exactly
// what a real emulator sees.
func TestSDKSignerLoopback(t *testing.T) {
	v := sdkVerifier()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		if err := v.Verify(r, body); err != nil {
			var e *Error
			errors.As(err, &e)
			http.Error(w, e.Code+": "+e.Message+" (request-target "+r.RequestURI+")", e.StatusCode)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")

	send := func(t *testing.T, r *http.Request) (int, string) {
		t.Helper()
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	for _, c := range sdkCases {
		for _, opaque := range []bool{false, true} {
			name := c.name + "/rawpath"
			if opaque {
				name = c.name + "/opaque"
			}
			t.Run(name, func(t *testing.T) {
				r := newSDKRequest(t, c, "http", host, opaque)
				sdkSign(t, r, c, sdkTime)
				if code, msg := send(t, r); code != http.StatusNoContent {
					t.Fatalf("got %d %s", code, msg)
				}

				// A signed header changed in transit.
				r = newSDKRequest(t, c, "http", host, opaque)
				sdkSign(t, r, c, sdkTime)
				r.Header.Set("X-Amz-Date", sdkTime.Add(time.Second).Format(amzDateLayout))
				if code, msg := send(t, r); code != 403 || !strings.Contains(msg, msgMismatch) {
					t.Fatalf("tampered date: got %d %s", code, msg)
				}
			})
		}
	}

	t.Run("presigned", func(t *testing.T) {
		for _, c := range sdkCases[:5] {
			r := newSDKRequest(t, c, "http", host, false)
			creds := aws.Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret, SessionToken: "tok+/="}
			signed, hdr, err := v4.NewSigner().PresignHTTP(context.Background(), creds, r, hashHex(nil), sdkService, sdkRegion, sdkTime)
			if err != nil {
				t.Fatal(err)
			}
			pr, err := http.NewRequest(c.method, signed, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, vs := range hdr {
				if k != "Host" {
					pr.Header[k] = vs
				}
			}
			if err := v.Verify(pr, nil); err != nil {
				t.Fatalf("%s in memory: %v (%s)", c.name, err, signed)
			}
			if code, msg := send(t, pr); code != http.StatusNoContent {
				t.Fatalf("%s: got %d %s", c.name, code, msg)
			}
		}
	})
}

// TestSDKSignerNonDefaultOrder: the SDK rewrites URL.RawQuery into canonical
// order when signing; a request whose query is sent in another order (as
// a hand-written client may) still verifies, since the verifier sorts.
func TestSDKSignerQueryReordered(t *testing.T) {
	c := sdkCase{method: "GET", path: "/devices", rawQuery: "b=2&a=1&a=0"}
	r := newSDKRequest(t, c, "https", sdkHost, false)
	sdkSign(t, r, c, sdkTime)
	if r.URL.RawQuery != "a=0&a=1&b=2" {
		t.Fatalf("SDK query %q", r.URL.RawQuery)
	}
	r.URL.RawQuery = "b=2&a=1&a=0"
	if err := sdkVerifier().Verify(r, nil); err != nil {
		t.Fatal(err)
	}
}

func newSigner() *v4.Signer { return v4.NewSigner() }
func ctx() context.Context  { return context.Background() }
func creds(token string) aws.Credentials {
	return aws.Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret, SessionToken: token}
}
