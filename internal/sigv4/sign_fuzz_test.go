package sigv4

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/logging"
)

// captureLogger keeps the last message v4.Signer logged.
type captureLogger struct{ msg string }

func (l *captureLogger) Logf(_ logging.Classification, format string, v ...any) {
	l.msg = fmt.Sprintf(format, v...)
}

// diffInput is one request of the differential test, built twice: once
// for each signer, since both change the request they sign.
type diffInput struct {
	method, scheme, urlHost, host   string
	path, rawPath, opaque, rawQuery string
	headers                         [][2]string
	body                            []byte
	contentLength                   int64
	unsigned                        bool
	at                              time.Time
	region, service                 string
	creds                           Credentials
}

func (in *diffInput) request() *http.Request {
	r := &http.Request{Method: in.method, Host: in.host, Header: http.Header{}, ContentLength: in.contentLength,
		URL: &url.URL{Scheme: in.scheme, Host: in.urlHost, Path: in.path, RawPath: in.rawPath, Opaque: in.opaque, RawQuery: in.rawQuery}}
	for _, h := range in.headers {
		r.Header[h[0]] = append(r.Header[h[0]], h[1])
	}
	return r
}

func (in *diffInput) payloadHash() string {
	if in.unsigned {
		return unsignedPayload
	}
	sum := sha256.Sum256(in.body)
	return hex.EncodeToString(sum[:])
}

// sameLowerKeys reports whether two header keys of the request lower-case to
// the same name: v4.Signer then joins their values in map order, which is
// random, so the request has no one signature to compare.
func (in *diffInput) sameLowerKeys() bool {
	seen := map[string]string{"x-amz-date": headerDate}
	if in.creds.SessionToken != "" {
		seen["x-amz-security-token"] = headerToken
	}
	for _, h := range in.headers {
		l := strings.ToLower(h[0])
		if k, ok := seen[l]; ok && k != h[0] {
			return true
		}
		seen[l] = h[0]
	}
	return false
}

// refused reports whether Sign may refuse in, and why (see SignError).
func (in *diffInput) refused() string {
	switch {
	case in.creds.AccessKeyID == "":
		return "access key ID"
	case in.creds.SecretAccessKey == "":
		return "secret access key"
	case in.service == "" || strings.Contains(in.service, "/"):
		return "signing name"
	case in.region == "" || strings.Contains(in.region, "/"):
		return "region"
	case in.at.UTC().Year() < 0 || in.at.UTC().Year() > 9999:
		return "signing time"
	case strings.Count(in.rawQuery, "&") >= maxQueryParams:
		return "query"
	}
	return ""
}

// checkSameSignature signs in with Sign and with v4.Signer and fails t
// when the headers set, the canonical request or the string to sign differ.
func checkSameSignature(t *testing.T, s *Signer, in *diffInput) {
	t.Helper()
	ours := in.request()
	var tr Trace
	err := s.Sign(ours, in.creds, in.payloadHash(), in.service, in.region, in.at, &tr)
	if why := in.refused(); why != "" {
		var se *SignError
		if !errors.As(err, &se) || se.Input != why {
			t.Fatalf("Sign: got %v, want a *SignError for the %s", err, why)
		}
		// The error does not depend on the secret (nor on the token).
		other := *in
		if other.creds.SecretAccessKey != "" {
			other.creds.SecretAccessKey = "another secret"
		}
		other.creds.SessionToken = ""
		if err2 := s.Sign(other.request(), other.creds, other.payloadHash(), other.service, other.region, other.at, nil); err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("the error depends on the secret: %v, then %v", err, err2)
		}
		return
	}
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}

	theirs := in.request()
	log := &captureLogger{}
	ref := v4.NewSigner(func(o *v4.SignerOptions) { o.Logger, o.LogSigning = log, true })
	creds := aws.Credentials{AccessKeyID: in.creds.AccessKeyID, SecretAccessKey: in.creds.SecretAccessKey, SessionToken: in.creds.SessionToken}
	if err := ref.SignHTTP(context.Background(), creds, theirs, in.payloadHash(), in.service, in.region, in.at); err != nil {
		t.Fatalf("v4.Signer: %v", err)
	}
	for _, k := range []string{headerAuthorization, headerDate, headerToken} {
		if o, r := ours.Header[k], theirs.Header[k]; strings.Join(o, "\x00") != strings.Join(r, "\x00") {
			t.Errorf("%s: ours %q, v4.Signer's %q", k, o, r)
		}
	}
	if ours.Host != theirs.Host {
		t.Errorf("Host: ours %q, v4.Signer's %q", ours.Host, theirs.Host)
	}
	if want := redactLogged(log.msg, in.loggedToken()); tr.LogMessage() != want {
		t.Errorf("signing log:\n ours %q\nv4's %q", tr.LogMessage(), want)
	}
	if t.Failed() {
		t.Fatalf("request %#v", in)
	}
}

// loggedToken returns the line of in's canonical request that holds a
// session token, "\nx-amz-security-token:" and its canonical value (the
// credentials' token or, without one, the trimmed values of the request's
// own header of that name, joined by ','), and "" when there is none.
func (in *diffInput) loggedToken() string {
	const key = "\nx-amz-security-token:"
	if in.creds.SessionToken != "" {
		return key + string(appendTrimmed(nil, in.creds.SessionToken))
	}
	var b []byte
	found := false
	for _, h := range in.headers {
		if strings.ToLower(h[0]) != "x-amz-security-token" {
			continue
		}
		if found {
			b = append(b, ',')
		}
		found = true
		b = appendTrimmed(b, h[1])
	}
	if !found {
		return ""
	}
	return key + string(b)
}

// redactLogged replaces the value of the token's line (see loggedToken) in
// v4.Signer's log with "[REDACTED]", as Trace does.
func redactLogged(msg, line string) string {
	if line == "" {
		return msg
	}
	return strings.Replace(msg, line+"\n", "\nx-amz-security-token:[REDACTED]\n", 1)
}

// FuzzSignDifferential signs random requests with Sign and with
// v4.Signer: method, path (labels of any bytes, escaped or raw, or opaque),
// query, headers, body, time, region, service and credentials (session
// token included). The headers set and the signing logs must be equal.
//
//	go test -run '^$' -fuzz FuzzSignDifferential -fuzztime 1000000x ./internal/sigv4
func FuzzSignDifferential(f *testing.F) {
	f.Add("GET", "devices.iot1click.us-west-2.amazonaws.com", "/devices", "", "maxResults=100&deviceType=button",
		"Amz-Sdk-Invocation-Id:0f6f5a2e-1c1b-4b8e-9a7e-000000000000\nAmz-Sdk-Request:attempt=1; max=3\nUser-Agent:aws-sdk-go-v2/1.0",
		[]byte(nil), int64(1709251170), "us-west-2", "iot1click", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", uint8(0))
	f.Add("PUT", "127.0.0.1:8443", "/devices/a\x00b\xff/c%2F d/state", "", "",
		"Content-Type:application/json\nX-Foo:  a   b  \nX-Foo:c", []byte(`{"enabled":true}`), int64(0), "eu-central-1", "iot1click",
		"ASIA", "s", "FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+/=", uint8(1))
	f.Add("DELETE", "h:443", "/tags/arn:aws:iot1click:us-west-2:123456789012:devices/G030", "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030",
		"tagKeys=a&tagKeys=b&tagKeys=a%20b&x=%zz&y;z&&+=+", "user-agent:x\nÄ-X:ü\nHost:ignored", []byte("x"), int64(253402300799), "r", "s",
		"k", "s", "t", uint8(2))
	f.Add("POST", "[::1]:80", "//./../x/", "", "a=1&a=0&b&=&%41=%61", "Content-Length:99\nExpect:100-continue", []byte("\x00\x01"),
		int64(-62135596800), "us-gov-west-1", "iot1click", "AKID", "secret", "", uint8(7))
	f.Add("", "", "", "", "", "", []byte(nil), int64(1<<40), "", "", "", "", "", uint8(255))
	// A session token in the request's own header, without one in the
	// credentials: signed, and redacted in the log.
	f.Add("GET", "h", "/projects", "", "", "X-Amz-Security-Token: hdr  tok \nX-Amz-Security-Token:second", []byte(nil),
		int64(1709251170), "us-west-2", "iot1click", "AKID", "secret", "", uint8(0))
	f.Add("GET", "h", "/projects", "", "", "X-Amz-Security-Token:", []byte(nil),
		int64(1709251170), "us-west-2", "iot1click", "AKID", "secret", "", uint8(0))
	s := &Signer{}
	f.Fuzz(func(t *testing.T, method, host, path, rawPath, query, headers string, body []byte, sec int64,
		region, service, akid, secret, token string, flags uint8,
	) {
		in := &diffInput{method: method, scheme: "https", urlHost: host, rawQuery: query, body: body,
			at: time.Unix(sec, int64(flags)*1e6), region: region, service: service,
			creds: Credentials{AccessKeyID: akid, SecretAccessKey: secret, SessionToken: token}}
		if flags&1 != 0 {
			in.scheme = "http"
		}
		switch flags >> 1 & 3 {
		case 0:
			in.path, in.rawPath = path, rawPath
		case 1:
			in.opaque = "//" + host + path
		case 2:
			in.opaque = path
		case 3:
			in.path = path
		}
		if flags&8 != 0 {
			in.host, in.urlHost = host, "other.example"
		}
		if flags&16 != 0 {
			in.contentLength = int64(len(body))
		} else if flags&32 != 0 {
			in.contentLength = -1
		}
		in.unsigned = flags&64 != 0
		for line := range strings.SplitSeq(headers, "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				in.headers = append(in.headers, [2]string{k, v})
			}
		}
		if in.sameLowerKeys() {
			t.Skip("two header keys of one lower-case name: v4.Signer's order is random")
		}
		checkSameSignature(t, s, in)
	})
}
