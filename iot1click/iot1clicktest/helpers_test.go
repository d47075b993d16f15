package iot1clicktest_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// newServer starts a server closed at the end of the test, with the AWS_*
// environment cleared so that nothing ambient leaks in.
func newServer(t *testing.T, opts ...iot1clicktest.Option) *iot1clicktest.Server {
	t.Helper()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
		"AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE",
		"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"} {
		t.Setenv(k, "")
	}
	srv := iot1clicktest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// escapeLabel percent-encodes every byte but A-Z a-z 0-9 - . _ ~, as the
// service's clients encode path labels.
func escapeLabel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	return b.String()
}

// signer signs hand-built requests.
type signer struct {
	accessKeyID, secret string
	region, service     string
	at                  time.Time // zero: now
	unsigned            bool
}

func defaultSigner(srv *iot1clicktest.Server) signer {
	return signer{accessKeyID: srv.AccessKeyID(), secret: srv.SecretAccessKey(), region: srv.Region(), service: "iot1click"}
}

func (sg signer) sign(t *testing.T, req *http.Request, body []byte) {
	t.Helper()
	at := sg.at
	if at.IsZero() {
		at = time.Now()
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: sg.accessKeyID, SecretAccessKey: sg.secret}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), sg.service, sg.region, at); err != nil {
		t.Fatal(err)
	}
}

// signRequest signs req with the default account's key.
func signRequest(t *testing.T, srv *iot1clicktest.Server, req *http.Request, body []byte) {
	t.Helper()
	defaultSigner(srv).sign(t, req, body)
}

// response is a received answer with its body read.
type response struct {
	*http.Response
	body []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response body %q is not a JSON object: %v", r.body, err)
	}
	return m
}

// send sends a request to the server, signed by sg. path is sent as is
// (already escaped); query is a raw query string.
func send(t *testing.T, srv *iot1clicktest.Server, sg signer, method, path, query string, body []byte) response {
	t.Helper()
	u := srv.URL + path
	if query != "" {
		u += "?" + query
	}
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if !sg.unsigned {
		sg.sign(t, req, body)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp, b}
}

// call sends a request signed with the default account's key.
func call(t *testing.T, srv *iot1clicktest.Server, method, path, query string, body []byte) response {
	t.Helper()
	return send(t, srv, defaultSigner(srv), method, path, query, body)
}

// wantStatus checks the status, and for an error the error type in the
// header and in the body.
func wantStatus(t *testing.T, r response, status int, code string) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.body)
	}
	if got := r.Header.Get("X-Amzn-ErrorType"); got != code {
		t.Fatalf("X-Amzn-ErrorType %q, want %q; body %s", got, code, r.body)
	}
	if r.Header.Get("X-Amzn-RequestId") == "" {
		t.Errorf("no X-Amzn-RequestId header")
	}
	if _, err := http.ParseTime(r.Header.Get("Date")); err != nil {
		t.Errorf("Date header %q: %v", r.Header.Get("Date"), err)
	}
	if code != "" {
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		m := r.json(t)
		if m["code"] != code {
			t.Errorf("body code %v, want %s", m["code"], code)
		}
		if msg, _ := m["message"].(string); msg == "" {
			t.Errorf("body has no message: %s", r.body)
		}
	}
}

func devicePath(id string, rest ...string) string {
	p := "/devices/" + escapeLabel(id)
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

func tagsPath(arn string) string { return "/tags/" + escapeLabel(arn) }

func ts(t time.Time) string { return url.QueryEscape(t.UTC().Format(time.RFC3339Nano)) }

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
