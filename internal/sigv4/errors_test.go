package sigv4

import (
	"encoding/hex"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// baseRequest is an SDK-signed iot1click request (signed at sdkTime).
func baseRequest(t *testing.T, c sdkCase) *http.Request {
	t.Helper()
	if c.method == "" {
		c.method, c.path = "GET", "/devices/G030PM0123456789"
	}
	r := newSDKRequest(t, c, "https", sdkHost, false)
	sdkSign(t, r, c, sdkTime)
	return r
}

func signatureOf(r *http.Request) string {
	a := r.Header.Get("Authorization")
	if i := strings.Index(a, "Signature="); i >= 0 {
		return a[i+len("Signature="):]
	}
	return ""
}

// resign signs r with this package's own canonicalization (for shapes the SDK
// cannot produce, e.g. the Date header); used only for plumbing tests.
func resign(t *testing.T, v *Verifier, r *http.Request, body []byte) {
	t.Helper()
	p, e := v.prepare(r, body)
	if e != nil {
		t.Fatalf("prepare: %v", e)
	}
	sum := hmacSHA256(p.key, []byte(p.stringsToSign[0]))
	sig := hex.EncodeToString(sum[:])
	r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), p.auth.signature, sig, 1))
}

func setAuth(r *http.Request, old, new string) {
	r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, new, 1))
}

func TestFailures(t *testing.T) {
	at := func(d time.Duration) func() time.Time { return func() time.Time { return sdkTime.Add(d) } }
	cases := []struct {
		name   string
		req    func(t *testing.T) (*http.Request, []byte)
		tweak  func(v *Verifier)
		status int
		code   string
		msg    string // exact message, or a regexp when it starts with "^"
	}{
		{name: "no authorization", status: 403, code: codeMissingToken, msg: "Missing Authentication Token",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Del("Authorization")
				return r, nil
			}},
		{name: "empty authorization", status: 403, code: codeMissingToken, msg: "Missing Authentication Token",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Set("Authorization", "  ")
				return r, nil
			}},
		{name: "nil request", status: 403, code: codeMissingToken, msg: "Missing Authentication Token",
			req: func(t *testing.T) (*http.Request, []byte) { return nil, nil }},
		{name: "wrong algorithm", status: 400, code: codeIncomplete,
			msg: "Unsupported authorization algorithm 'AWS4-HMAC-SHA512'; only 'AWS4-HMAC-SHA256' is supported.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")
				return r, nil
			}},
		{name: "sigv2 header", status: 400, code: codeIncomplete, msg: "^Unsupported authorization algorithm 'AWS'",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Set("Authorization", "AWS "+sdkAKID+":frJIUN8DYpKDtOLCwo//yllqDzg=")
				return r, nil
			}},
		{name: "missing credential", status: 400, code: codeIncomplete, msg: "Authorization header requires 'Credential' parameter.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "Credential=", "Credentials=")
				return r, nil
			}},
		{name: "missing signed headers", status: 400, code: codeIncomplete, msg: "Authorization header requires 'SignedHeaders' parameter.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "SignedHeaders=host;x-amz-date, ", "")
				return r, nil
			}},
		{name: "missing signature", status: 400, code: codeIncomplete, msg: "Authorization header requires 'Signature' parameter.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				a := r.Header.Get("Authorization")
				r.Header.Set("Authorization", a[:strings.Index(a, ", Signature=")])
				return r, nil
			}},
		{name: "nothing but the algorithm", status: 400, code: codeIncomplete,
			msg: "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
				"Authorization header requires 'SignedHeaders' parameter.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Set("Authorization", "AWS4-HMAC-SHA256")
				return r, nil
			}},
		{name: "credential with 4 elements", status: 400, code: codeIncomplete,
			msg: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" +
				sdkAKID + "/20240229/us-west-2/aws4_request'",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "/iot1click/", "/")
				return r, nil
			}},
		{name: "credential with an empty 6th element", status: 400, code: codeIncomplete,
			msg: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" +
				sdkAKID + "/20240229/us-west-2/iot1click/aws4_request/'",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "/aws4_request", "/aws4_request/")
				return r, nil
			}},
		{name: "malformed signed headers", status: 400, code: codeIncomplete, msg: "^SignedHeaders must be a ';'-separated list",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "host;x-amz-date", "host;;x-amz-date")
				return r, nil
			}},
		{name: "no date", status: 400, code: codeIncomplete,
			msg: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Del("X-Amz-Date")
				return r, nil
			}},
		{name: "unparseable x-amz-date", status: 400, code: codeIncomplete,
			msg: "Date must be in ISO-8601 'basic format'. Got '2024-02-29T23:59:30Z'. See http://en.wikipedia.org/wiki/ISO_8601",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Set("X-Amz-Date", "2024-02-29T23:59:30Z")
				return r, nil
			}},
		{name: "unparseable date header", status: 400, code: codeIncomplete, msg: "Date header is not a valid HTTP date: 'yesterday'.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Del("X-Amz-Date")
				r.Header.Set("Date", "yesterday")
				return r, nil
			}},
		{name: "host not signed", status: 400, code: codeIncomplete,
			msg: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "SignedHeaders=host;", "SignedHeaders=")
				return r, nil
			}},
		{name: "x-amz-date not signed", status: 400, code: codeIncomplete,
			msg: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "host;x-amz-date", "host")
				return r, nil
			}},
		{name: "date header not signed", status: 400, code: codeIncomplete,
			msg: "'Date' must be a 'SignedHeader' in the AWS Authorization.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Del("X-Amz-Date")
				r.Header.Set("Date", sdkTime.Format(http.TimeFormat))
				return r, nil
			}},
		{name: "token not signed", status: 400, code: codeIncomplete,
			msg: "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Header.Set("X-Amz-Security-Token", "added-after-signing")
				return r, nil
			}},
		{name: "unknown access key", status: 403, code: codeUnrecognized, msg: "The security token included in the request is invalid.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, sdkAKID, "AKIAUNKNOWN000000000")
				return r, nil
			}},
		{name: "nil lookup", status: 403, code: codeUnrecognized, msg: "The security token included in the request is invalid.",
			tweak: func(v *Verifier) { v.Lookup = nil },
			req:   func(t *testing.T) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "scope date differs", status: 403, code: codeInvalid,
			msg: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240228' != '20240229', from '20240229T235930Z'.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "/20240229/", "/20240228/")
				return r, nil
			}},
		{name: "wrong region", status: 403, code: codeInvalid, msg: "Credential should be scoped to a valid region.",
			req: func(t *testing.T) (*http.Request, []byte) {
				c := sdkCase{method: "GET", path: "/devices"}
				r := newSDKRequest(t, c, "https", sdkHost, false)
				if err := newSigner().SignHTTP(ctx(), creds(""), r, emptySHA, sdkService, "eu-west-1", sdkTime); err != nil {
					t.Fatal(err)
				}
				return r, nil
			}},
		{name: "wrong service", status: 403, code: codeInvalid, msg: "Credential should be scoped to correct service: 'iot1click'.",
			req: func(t *testing.T) (*http.Request, []byte) {
				c := sdkCase{method: "GET", path: "/devices"}
				r := newSDKRequest(t, c, "https", sdkHost, false)
				if err := newSigner().SignHTTP(ctx(), creds(""), r, emptySHA, "iot1click-devices", sdkRegion, sdkTime); err != nil {
					t.Fatal(err)
				}
				return r, nil
			}},
		{name: "wrong terminator", status: 403, code: codeInvalid,
			msg: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, "/aws4_request", "/aws5_request")
				return r, nil
			}},
		{name: "expired", status: 403, code: codeInvalid, tweak: func(v *Verifier) { v.Now = at(15 * time.Minute) },
			msg: "Signature expired: 20240229T235930Z is now earlier than 20240301T000930Z (20240301T001430Z - 5 min.)",
			req: func(t *testing.T) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "not yet current", status: 403, code: codeInvalid, tweak: func(v *Verifier) { v.Now = at(-10 * time.Minute) },
			msg: "Signature not yet current: 20240229T235930Z is still later than 20240229T235430Z (20240229T234930Z + 5 min.)",
			req: func(t *testing.T) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "expired with custom skew", status: 403, code: codeInvalid,
			tweak: func(v *Verifier) { v.Now, v.MaxSkew = at(45*time.Second), 30*time.Second },
			msg:   "Signature expired: 20240229T235930Z is now earlier than 20240229T235945Z (20240301T000015Z - 30 sec.)",
			req:   func(t *testing.T) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "wrong secret", status: 403, code: codeInvalid, msg: msgMismatch,
			tweak: func(v *Verifier) { v.Lookup = func(string) (string, bool) { return sdkSecret + "x", true } },
			req:   func(t *testing.T) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "body tampered", status: 403, code: codeInvalid, msg: msgMismatch,
			req: func(t *testing.T) (*http.Request, []byte) {
				return baseRequest(t, sdkCase{method: "PUT", path: "/devices/d/state", body: `{"enabled":true}`}), []byte(`{"enabled":false}`)
			}},
		{name: "method changed", status: 403, code: codeInvalid, msg: msgMismatch,
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				r.Method = "DELETE"
				return r, nil
			}},
		{name: "signature upper-case hex", status: 403, code: codeInvalid, msg: msgMismatch,
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				sig := signatureOf(r)
				setAuth(r, sig, strings.ToUpper(sig))
				return r, nil
			}},
		{name: "signature not hex", status: 403, code: codeInvalid, msg: msgMismatch,
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{})
				setAuth(r, signatureOf(r), "not-a-signature")
				return r, nil
			}},
		{name: "signed content sha256 wrong", status: 403, code: codeInvalid, msg: msgPayloadHash,
			req: func(t *testing.T) (*http.Request, []byte) {
				c := sdkCase{method: "PUT", path: "/devices/d/state", body: `{"a":1}`,
					headers: map[string]string{"X-Amz-Content-Sha256": emptySHA}}
				return baseRequest(t, c), []byte(c.body)
			}},
		{name: "header and query auth", status: 400, code: codeIncomplete, msg: "^Only one authentication mechanism is allowed",
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{method: "GET", path: "/devices", rawQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256"})
				return r, nil
			}},
		{name: "presigned missing parameters", status: 400, code: codeIncomplete, msg: msgPresignMissing,
			req: func(t *testing.T) (*http.Request, []byte) {
				r := baseRequest(t, sdkCase{method: "GET", path: "/devices", rawQuery: "X-Amz-Credential=x"})
				r.Header.Del("Authorization")
				return r, nil
			}},
		{name: "presigned bad expires", status: 400, code: codeIncomplete, msg: "^X-Amz-Expires must be a whole number",
			req: func(t *testing.T) (*http.Request, []byte) {
				return presigned(t, "X-Amz-Expires=604801"), nil
			}},
		{name: "presigned expired", status: 403, code: codeInvalid, tweak: func(v *Verifier) { v.Now = at(61 * time.Second) },
			msg: "Signature expired: 20240301T000030Z is now earlier than 20240301T000031Z (20240229T235930Z + 60 sec.)",
			req: func(t *testing.T) (*http.Request, []byte) { return presigned(t, "X-Amz-Expires=60"), nil }},
		{name: "presigned tampered", status: 403, code: codeInvalid, msg: msgMismatch,
			req: func(t *testing.T) (*http.Request, []byte) {
				r := presigned(t, "")
				r.URL.RawQuery += "&extra=1"
				return r, nil
			}},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := sdkVerifier()
			if tc.tweak != nil {
				tc.tweak(v)
			}
			r, body := tc.req(t)
			var secrets []string
			if r != nil {
				secrets = append(secrets, signatureOf(r))
				// Every signature the verifier could have computed for this request.
				if p, e := sdkVerifier().prepare(r, body); e == nil {
					for _, sts := range p.stringsToSign {
						sum := hmacSHA256(p.key, []byte(sts))
						secrets = append(secrets, hex.EncodeToString(sum[:]))
					}
				}
			}
			err := v.Verify(r, body)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (%T), want *Error", err, err)
			}
			if e.StatusCode != tc.status || e.Code != tc.code {
				t.Errorf("got %d %s, want %d %s (%s)", e.StatusCode, e.Code, tc.status, tc.code, e.Message)
			}
			if strings.HasPrefix(tc.msg, "^") {
				if !regexp.MustCompile(regexp.QuoteMeta(tc.msg[1:])).MatchString(e.Message) {
					t.Errorf("message %q does not start with %q", e.Message, tc.msg[1:])
				}
			} else if e.Message != tc.msg {
				t.Errorf("message\n got %q\nwant %q", e.Message, tc.msg)
			}
			if err.Error() != e.Code+": "+e.Message {
				t.Errorf("Error() = %q", err.Error())
			}
			if strings.Contains(e.Message, sdkSecret) || strings.Contains(e.Message, "bPxRfiCYEXAMPLEKEY") {
				t.Errorf("message leaks the secret: %q", e.Message)
			}
			for _, s := range secrets {
				if len(s) >= 16 && strings.Contains(e.Message, s) {
					t.Errorf("message leaks a signature: %q", e.Message)
				}
			}
		})
	}
}

// presigned returns an SDK-presigned GET (empty body) with extra query parameters.
func presigned(t *testing.T, extra string) *http.Request {
	t.Helper()
	c := sdkCase{method: "GET", path: "/devices", rawQuery: extra}
	r := newSDKRequest(t, c, "https", sdkHost, false)
	u, _, err := newSigner().PresignHTTP(ctx(), creds(""), r, emptySHA, sdkService, sdkRegion, sdkTime)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

func TestAccepted(t *testing.T) {
	at := func(d time.Duration) func() time.Time { return func() time.Time { return sdkTime.Add(d) } }
	cases := []struct {
		name  string
		req   func(t *testing.T, v *Verifier) (*http.Request, []byte)
		tweak func(v *Verifier)
	}{
		{name: "exactly 5 min old", tweak: func(v *Verifier) { v.Now = at(5 * time.Minute) },
			req: func(t *testing.T, v *Verifier) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "exactly 5 min ahead", tweak: func(v *Verifier) { v.Now = at(-5 * time.Minute) },
			req: func(t *testing.T, v *Verifier) (*http.Request, []byte) { return baseRequest(t, sdkCase{}), nil }},
		{name: "empty service and region accept any scope", tweak: func(v *Verifier) { v.Service, v.Region = "", "" },
			req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
				r := newSDKRequest(t, sdkCase{method: "GET", path: "/x"}, "https", sdkHost, false)
				if err := newSigner().SignHTTP(ctx(), creds(""), r, emptySHA, "other", "eu-west-1", sdkTime); err != nil {
					t.Fatal(err)
				}
				return r, nil
			}},
		{name: "signed content sha256 matches", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			c := sdkCase{method: "PUT", path: "/d", body: "abc", headers: map[string]string{"X-Amz-Content-Sha256": hashHex([]byte("abc"))}}
			return baseRequest(t, c), []byte(c.body)
		}},
		{name: "signed UNSIGNED-PAYLOAD", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			r := newSDKRequest(t, sdkCase{method: "PUT", path: "/d", body: "abc"}, "https", sdkHost, false)
			r.Header.Set("X-Amz-Content-Sha256", unsignedPayload)
			if err := newSigner().SignHTTP(ctx(), creds(""), r, unsignedPayload, sdkService, sdkRegion, sdkTime); err != nil {
				t.Fatal(err)
			}
			return r, []byte("anything")
		}},
		{name: "unsigned content sha256 ignored", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			r := baseRequest(t, sdkCase{method: "PUT", path: "/d", body: "abc"})
			r.Header.Set("X-Amz-Content-Sha256", "garbage")
			return r, []byte("abc")
		}},
		{name: "session token", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			return baseRequest(t, sdkCase{method: "GET", path: "/d", token: "any token value"}), nil
		}},
		{name: "date header instead of x-amz-date", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			r := baseRequest(t, sdkCase{})
			r.Header.Del("X-Amz-Date")
			r.Header.Set("Date", sdkTime.Format(http.TimeFormat))
			setAuth(r, "host;x-amz-date", "date;host")
			resign(t, v, r, nil)
			if p, _ := v.prepare(r, nil); !strings.Contains(p.stringsToSign[0], "\n20240229T235930Z\n") {
				t.Fatalf("string to sign %q", p.stringsToSign[0])
			}
			return r, nil
		}},
		{name: "presigned with expiry", tweak: func(v *Verifier) { v.Now = at(59 * time.Minute) },
			req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
				return presigned(t, "X-Amz-Expires=3600"), nil
			}},
		{name: "signed header absent from map is empty", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			r := baseRequest(t, sdkCase{method: "GET", path: "/d", headers: map[string]string{"X-Custom": ""}})
			r.Header.Del("X-Custom")
			return r, nil
		}},
		{name: "lower-case header keys", req: func(t *testing.T, v *Verifier) (*http.Request, []byte) {
			r := baseRequest(t, sdkCase{method: "GET", path: "/d", headers: map[string]string{"X-Custom": "v"}})
			delete(r.Header, "X-Custom")
			r.Header["x-custom"] = []string{"v"}
			return r, nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := sdkVerifier()
			if tc.tweak != nil {
				tc.tweak(v)
			}
			r, body := tc.req(t, v)
			if err := v.Verify(r, body); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBodyNotRead: Verify uses the body argument, never r.Body.
func TestBodyNotRead(t *testing.T) {
	r := baseRequest(t, sdkCase{method: "PUT", path: "/d", body: "abc"})
	r.Body = failingBody{t}
	if err := sdkVerifier().Verify(r, []byte("abc")); err != nil {
		t.Fatal(err)
	}
}

type failingBody struct{ t *testing.T }

func (b failingBody) Read([]byte) (int, error) {
	b.t.Error("r.Body was read")
	return 0, errors.New("no")
}
func (b failingBody) Close() error { return nil }

func TestNormalizePath(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/": "/", "//": "/", "/./": "/", "/a/..": "/", "/a/b/../..": "/", "/../a": "/a",
		"/./a": "/a", "//a//": "/a/", "/a/./b/": "/a/b/", "/a%2F..%2Fb/..": "/", "/a/%2E%2E/b": "/a/%2E%2E/b",
	} {
		if got := normalizePath(in); got != want {
			t.Errorf("normalizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "",
		"b=2&a=1&a=0":           "a=0&a=1&b=2",
		"a=x y&a=x+y&a=x%20y":   "a=x%20y&a=x%20y&a=x%20y",
		"k=%2B&k=%2F&k=-":       "k=%2B&k=%2F&k=-",
		"a-b=1&a%2Fb=2":         "a%2Fb=2&a-b=1",
		"e&e=&f=%E5%90%8D~._-":  "e=&e=&f=%E5%90%8D~._-",
		"bad=%zz&ok=1&semi;x=2": "ok=1",
		"&&x=1&&":               "x=1",
	} {
		if got := canonicalQuery(in, ""); got != want {
			t.Errorf("canonicalQuery(%q) = %q, want %q", in, got, want)
		}
	}
}
