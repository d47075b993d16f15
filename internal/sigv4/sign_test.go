package sigv4

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// normalizedVectors are the suite's normalize-path vectors: they sign the
// path after removing "." and ".." segments and empty ones, which the
// verifier does and a REST-JSON client (v4.Signer, Sign) does not: a
// client sends and signs the path of its labels as it is.
var normalizedVectors = map[string]bool{
	"get-relative": true, "get-relative-relative": true, "get-slash": true,
	"get-slash-dot-slash": true, "get-slash-pointless-dot": true, "get-slashes": true,
}

// signingVectors are the published vectors that apply to a REST-JSON
// client's requests.
func signingVectors() []suiteVector {
	var out []suiteVector
	for _, sv := range suiteVectors {
		if !normalizedVectors[sv.name] {
			out = append(out, sv)
		}
	}
	return out
}

// clientRequest turns a vector into the request a client would sign: the
// path as it appears on the request line (URL.Opaque), its headers but for
// X-Amz-Date and X-Amz-Security-Token (the signer sets them) and
// Content-Length when the vector does not sign it. It returns the session
// token the vector signs.
func clientRequest(t *testing.T, sv suiteVector) (*http.Request, string) {
	t.Helper()
	raw := parseRaw(t, sv.req, sv.body)
	target := raw.RequestURI
	path, query, _ := strings.Cut(target, "?")
	r := &http.Request{Method: raw.Method, Host: raw.Host, Header: http.Header{},
		URL: &url.URL{Scheme: "https", Host: raw.Host, Opaque: path, RawQuery: query}}
	token := ""
	for k, vs := range raw.Header {
		switch k {
		case "X-Amz-Date", "Content-Length":
		case "X-Amz-Security-Token":
			token = vs[0]
		default:
			r.Header[k] = vs
		}
	}
	if strings.Contains(sv.signedHeaders, "content-length") {
		r.ContentLength = int64(len(sv.body))
	}
	return r, token
}

// TestSignPublishedVectors signs the requests of the published vectors
// that apply to REST-JSON: the Authorization header, the canonical request
// and the string to sign must be the published ones, v4.Signer must agree,
// and the verifier must accept the request.
func TestSignPublishedVectors(t *testing.T) {
	vectors := signingVectors()
	if len(vectors) != 23 {
		t.Fatalf("%d vectors apply, want 23", len(vectors))
	}
	var s Signer
	for _, sv := range vectors {
		t.Run(sv.name, func(t *testing.T) {
			r, token := clientRequest(t, sv)
			var tr Trace
			creds := Credentials{AccessKeyID: suiteAKID, SecretAccessKey: suiteSecret, SessionToken: token}
			if err := s.Sign(r, creds, hashHex([]byte(sv.body)), sv.svc(), "us-east-1", suiteTime, &tr); err != nil {
				t.Fatal(err)
			}
			if got, want := r.Header.Get("Authorization"), sv.authorization(); got != want {
				t.Errorf("Authorization:\n got %s\nwant %s", got, want)
			}
			if got := r.Header.Get("X-Amz-Date"); got != suiteDate {
				t.Errorf("X-Amz-Date %q", got)
			}
			if got := r.Header.Get("X-Amz-Security-Token"); got != token {
				t.Errorf("X-Amz-Security-Token %q, want %q", got, token)
			}
			wantCreq := sv.creq
			if token != "" {
				wantCreq = strings.Replace(wantCreq, "x-amz-security-token:"+token+"\n", "x-amz-security-token:[REDACTED]\n", 1)
			}
			if tr.CanonicalRequest != wantCreq {
				t.Errorf("canonical request:\n got %q\nwant %q", tr.CanonicalRequest, wantCreq)
			}
			if strings.Contains(tr.LogMessage(), suiteSecret) || token != "" && strings.Contains(tr.LogMessage(), token) {
				t.Error("the trace holds a secret")
			}
			if sv.stsHash != "" {
				want := "AWS4-HMAC-SHA256\n" + suiteDate + "\n20150830/us-east-1/" + sv.svc() + "/aws4_request\n" + sv.stsHash
				if tr.StringToSign != want {
					t.Errorf("string to sign:\n got %q\nwant %q", tr.StringToSign, want)
				}
			}

			ref, _ := clientRequest(t, sv)
			awsCreds := aws.Credentials{AccessKeyID: suiteAKID, SecretAccessKey: suiteSecret, SessionToken: token}
			if err := v4.NewSigner().SignHTTP(context.Background(), awsCreds, ref, hashHex([]byte(sv.body)), sv.svc(), "us-east-1", suiteTime); err != nil {
				t.Fatal(err)
			}
			if got, want := r.Header.Get("Authorization"), ref.Header.Get("Authorization"); got != want {
				t.Errorf("v4.Signer signs\n%s", want)
			}

			// The verifier accepts what was signed, as a server receives it.
			r.RequestURI = r.URL.Opaque
			if r.URL.RawQuery != "" {
				r.RequestURI += "?" + r.URL.RawQuery
			}
			if r.ContentLength > 0 {
				r.Header.Set("Content-Length", fmt.Sprint(r.ContentLength))
			}
			if err := suiteVerifier(sv.svc()).Verify(r, []byte(sv.body)); err != nil {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

// iot1clickRequest is a ListDevices request as the client sends it.
func iot1clickRequest() *http.Request {
	r := &http.Request{Method: "GET", Host: sdkHost, ContentLength: 0,
		URL: &url.URL{Scheme: "https", Host: sdkHost, Path: "/devices", RawQuery: "deviceType=button&maxResults=100"},
		Header: http.Header{
			"User-Agent":            {"aws-sdk-go-v2/1.36.3 ua/2.1 os/linux lang/go#1.26.8 md/GOOS#linux md/GOARCH#amd64 api/iot1clickdevicesservice#1.0.0"},
			"Amz-Sdk-Invocation-Id": {"0f6f5a2e-1c1b-4b8e-9a7e-000000000000"},
			"Amz-Sdk-Request":       {"attempt=1; max=3"},
		}}
	return r
}

var sdkCreds = Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret}

// TestSignAllocs holds the allocation budget: signing one request makes at
// most 3 allocations (2 today: the string of X-Amz-Date and Authorization,
// and the array behind the header values).
func TestSignAllocs(t *testing.T) {
	var s Signer
	for _, token := range []string{"", "session-token"} {
		r := iot1clickRequest()
		creds := sdkCreds
		creds.SessionToken = token
		n := testing.AllocsPerRun(200, func() {
			if err := s.Sign(r, creds, emptyPayloadHash, sdkService, sdkRegion, sdkTime, nil); err != nil {
				t.Fatal(err)
			}
		})
		if n > 3 {
			t.Errorf("token %q: %v allocations to sign one request, want at most 3", token, n)
		}
	}
}

// BenchmarkSign signs the client's ListDevices request with Sign and with
// v4.Signer, in one run:
//
//	go test -run '^$' -bench BenchmarkSign -benchmem ./internal/sigv4
func BenchmarkSign(b *testing.B) {
	b.Run("sigv4.Signer", func(b *testing.B) {
		var s Signer
		r := iot1clickRequest()
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(r, sdkCreds, emptyPayloadHash, sdkService, sdkRegion, sdkTime, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("v4.Signer", func(b *testing.B) {
		s := v4.NewSigner()
		r := iot1clickRequest()
		creds := aws.Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret}
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if err := s.SignHTTP(ctx, creds, r, emptyPayloadHash, sdkService, sdkRegion, sdkTime); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSignConcurrent signs with one Signer from many goroutines, with
// secrets, days and regions that change the cached signing key, and
// verifies every request; run with -race.
func TestSignConcurrent(t *testing.T) {
	var s Signer
	regions := []string{"us-west-2", "eu-west-1", "ap-northeast-1"}
	secrets := []string{sdkSecret, sdkSecret + "2"}
	var wg sync.WaitGroup
	errc := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				region, secret := regions[(g+i)%len(regions)], secrets[(g*i)%len(secrets)]
				at := sdkTime.Add(time.Duration(i%3) * 24 * time.Hour)
				r := iot1clickRequest()
				if err := s.Sign(r, Credentials{AccessKeyID: sdkAKID, SecretAccessKey: secret}, emptyPayloadHash, sdkService, region, at, nil); err != nil {
					errc <- err
					return
				}
				v := &Verifier{Service: sdkService, Region: region, Now: func() time.Time { return at },
					Lookup: func(string) (string, bool) { return secret, true }}
				if err := v.Verify(r, nil); err != nil {
					errc <- fmt.Errorf("%s %s: %w", region, at, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
}

// TestSignErrors: inputs that cannot be signed are a *SignError naming the
// input, before the request changes; no error holds a secret.
func TestSignErrors(t *testing.T) {
	good := func() (*http.Request, Credentials, string, string, string, time.Time) {
		return iot1clickRequest(), Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret, SessionToken: "tok"},
			emptyPayloadHash, sdkService, sdkRegion, sdkTime
	}
	cases := []struct {
		input string
		tweak func(r **http.Request, c *Credentials, hash, service, region *string, at *time.Time)
	}{
		{"request", func(r **http.Request, _ *Credentials, _, _, _ *string, _ *time.Time) { *r = nil }},
		{"request URL", func(r **http.Request, _ *Credentials, _, _, _ *string, _ *time.Time) { (*r).URL = nil }},
		{"access key ID", func(_ **http.Request, c *Credentials, _, _, _ *string, _ *time.Time) { c.AccessKeyID = "" }},
		{"secret access key", func(_ **http.Request, c *Credentials, _, _, _ *string, _ *time.Time) { c.SecretAccessKey = "" }},
		{"signing name", func(_ **http.Request, _ *Credentials, _, s, _ *string, _ *time.Time) { *s = "" }},
		{"signing name", func(_ **http.Request, _ *Credentials, _, s, _ *string, _ *time.Time) { *s = "a/b" }},
		{"region", func(_ **http.Request, _ *Credentials, _, _, g *string, _ *time.Time) { *g = "" }},
		{"region", func(_ **http.Request, _ *Credentials, _, _, g *string, _ *time.Time) { *g = "us-west-2/x" }},
		{"payload hash", func(_ **http.Request, _ *Credentials, h, _, _ *string, _ *time.Time) { *h = "" }},
		{"payload hash", func(_ **http.Request, _ *Credentials, h, _, _ *string, _ *time.Time) {
			*h = strings.ToUpper(emptyPayloadHash)
		}},
		{"signing time", func(_ **http.Request, _ *Credentials, _, _, _ *string, at *time.Time) {
			*at = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
		}},
		{"query", func(r **http.Request, _ *Credentials, _, _, _ *string, _ *time.Time) {
			(*r).URL.RawQuery = strings.Repeat("a=1&", maxQueryParams)
		}},
	}
	var s Signer
	for _, c := range cases {
		r, creds, hash, service, region, at := good()
		c.tweak(&r, &creds, &hash, &service, &region, &at)
		var before http.Header
		if r != nil {
			before = r.Header.Clone()
		}
		err := s.Sign(r, creds, hash, service, region, at, nil)
		var se *SignError
		if !errors.As(err, &se) || se.Input != c.input {
			t.Errorf("%s: got %v, want a *SignError for it", c.input, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "sigv4: cannot sign: "+c.input+" ") ||
			strings.Contains(msg, sdkSecret) || strings.Contains(msg, "tok") {
			t.Errorf("%s: message %q", c.input, msg)
		}
		if r != nil && fmt.Sprint(r.Header) != fmt.Sprint(before) {
			t.Errorf("%s: the request changed", c.input)
		}
	}
}

// TestSignTraceLog: the log message is v4.Signer's, the session token
// redacted in it.
func TestSignTraceLog(t *testing.T) {
	var s Signer
	r := iot1clickRequest()
	var tr Trace
	creds := Credentials{AccessKeyID: sdkAKID, SecretAccessKey: sdkSecret, SessionToken: "secret-token"}
	if err := s.Sign(r, creds, emptyPayloadHash, sdkService, sdkRegion, sdkTime, &tr); err != nil {
		t.Fatal(err)
	}
	want := "Request Signature:\n---[ CANONICAL STRING  ]-----------------------------\n" +
		"GET\n/devices\ndeviceType=button&maxResults=100\n" +
		"amz-sdk-invocation-id:0f6f5a2e-1c1b-4b8e-9a7e-000000000000\namz-sdk-request:attempt=1; max=3\n" +
		"host:" + sdkHost + "\nx-amz-date:20240229T235930Z\nx-amz-security-token:[REDACTED]\n\n" +
		"amz-sdk-invocation-id;amz-sdk-request;host;x-amz-date;x-amz-security-token\n" + emptyPayloadHash +
		"\n---[ STRING TO SIGN ]--------------------------------\n" + tr.StringToSign +
		"\n-----------------------------------------------------"
	if got := tr.LogMessage(); got != want {
		t.Errorf("log:\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(tr.StringToSign, "AWS4-HMAC-SHA256\n20240229T235930Z\n20240229/us-west-2/iot1click/aws4_request\n") {
		t.Errorf("string to sign %q", tr.StringToSign)
	}
}

// BenchmarkVerify verifies the client's signed ListDevices request, as the
// emulator does for each request.
//
//	go test -run '^$' -bench BenchmarkVerify -benchmem ./internal/sigv4
func BenchmarkVerify(b *testing.B) {
	r := iot1clickRequest()
	if err := new(Signer).Sign(r, sdkCreds, emptyPayloadHash, sdkService, sdkRegion, sdkTime, nil); err != nil {
		b.Fatal(err)
	}
	v := sdkVerifier()
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Verify(r, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSignTraceRedactsTokenHeader: a session token the request carries in
// its own X-Amz-Security-Token header (set by a middleware, with
// credentials that have none) is signed as v4.Signer signs it, and is
// redacted in the trace as the credentials' token is.
func TestSignTraceRedactsTokenHeader(t *testing.T) {
	var s Signer
	r := iot1clickRequest()
	r.Header.Set("X-Amz-Security-Token", " header-token ")
	var tr Trace
	if err := s.Sign(r, sdkCreds, emptyPayloadHash, sdkService, sdkRegion, sdkTime, &tr); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(tr.LogMessage(), "header-token") {
		t.Errorf("the trace holds the token:\n%s", tr.LogMessage())
	}
	if !strings.Contains(tr.CanonicalRequest, "\nx-amz-security-token:[REDACTED]\n") {
		t.Errorf("canonical request %q, want the token line redacted", tr.CanonicalRequest)
	}
	ref := iot1clickRequest()
	ref.Header.Set("X-Amz-Security-Token", " header-token ")
	awsCreds := aws.Credentials{AccessKeyID: sdkCreds.AccessKeyID, SecretAccessKey: sdkCreds.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), awsCreds, ref, emptyPayloadHash, sdkService, sdkRegion, sdkTime); err != nil {
		t.Fatal(err)
	}
	if got, want := r.Header.Get("Authorization"), ref.Header.Get("Authorization"); got != want {
		t.Errorf("Authorization %s, v4.Signer's %s", got, want)
	}
}
