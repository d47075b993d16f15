package iot1clicktest_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func TestSignatures(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1), iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	good := defaultSigner(srv)

	wantStatus(t, send(t, srv, good, "GET", "/devices", "", nil), 200, "")
	wantStatus(t, send(t, srv, otherSigner(srv), "GET", "/devices", "", nil), 200, "")

	cases := []struct {
		name   string
		sg     func(signer) signer
		status int
		code   string
	}{
		{"unsigned", func(s signer) signer { s.unsigned = true; return s }, 403, "MissingAuthenticationTokenException"},
		{"wrong secret", func(s signer) signer { s.secret = "wrong"; return s }, 403, "InvalidSignatureException"},
		{"unknown key", func(s signer) signer { s.accessKeyID = "AKIDUNKNOWN"; return s }, 403, "UnrecognizedClientException"},
		{"wrong region", func(s signer) signer { s.region = "us-east-1"; return s }, 403, "InvalidSignatureException"},
		{"wrong service", func(s signer) signer { s.service = "iot"; return s }, 403, "InvalidSignatureException"},
		{"signed 10 minutes ago", func(s signer) signer { s.at = time.Now().Add(-10 * time.Minute); return s }, 403, "InvalidSignatureException"},
		{"signed 10 minutes ahead", func(s signer) signer { s.at = time.Now().Add(10 * time.Minute); return s }, 403, "InvalidSignatureException"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := send(t, srv, c.sg(good), "GET", "/devices", "", nil)
			wantStatus(t, r, c.status, c.code)
			if strings.Contains(string(r.body), srv.SecretAccessKey()) {
				t.Errorf("the secret leaked: %s", r.body)
			}
			reqs := srv.Requests()
			if last := reqs[len(reqs)-1]; last.ErrorCode != c.code || last.AccountId != "" {
				t.Errorf("logged %+v", last)
			}
		})
	}

	// A forged signature.
	req, _ := http.NewRequest("GET", srv.URL+"/devices", nil)
	req.Header.Set("X-Amz-Date", time.Now().UTC().Format("20060102T150405Z"))
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+srv.AccessKeyID()+"/"+time.Now().UTC().Format("20060102")+
		"/us-west-2/iot1click/aws4_request, SignedHeaders=host;x-amz-date, Signature="+strings.Repeat("0", 64))
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || resp.Header.Get("X-Amzn-ErrorType") != "InvalidSignatureException" {
		t.Errorf("forged: %d %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"))
	}

	// A body changed after signing.
	id := srv.Devices()[0].DeviceId
	r := send(t, srv, good, "PUT", devicePath(id, "state"), "", []byte(`{"enabled":true}`))
	wantStatus(t, r, 200, "")
	req, _ = http.NewRequest("PUT", srv.URL+devicePath(id, "state"), bytes.NewReader([]byte(`{"enabled":false}`)))
	signed := r.Request
	req.Header = signed.Header.Clone()
	resp, err = srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("tampered body: %d", resp.StatusCode)
	}
	if d, _ := srv.Device(id); !d.Enabled {
		t.Errorf("a tampered request took effect")
	}
}

func TestSignatureExpiredByServerClock(t *testing.T) {
	srv := newServer(t)
	ahead := time.Now().Add(10 * time.Minute).Truncate(time.Second)
	srv.SetClock(ahead)
	r := call(t, srv, "GET", "/devices", "", nil)
	wantStatus(t, r, 403, "InvalidSignatureException")
	if msg := r.json(t)["message"].(string); !strings.HasPrefix(msg, "Signature expired") {
		t.Errorf("message %q", msg)
	}
	date, _ := http.ParseTime(r.Header.Get("Date"))
	if !date.Equal(ahead) {
		t.Errorf("Date %v, want the server time %v", date, ahead)
	}
	// Signing with the server's time works.
	sg := defaultSigner(srv)
	sg.at = srv.Now()
	wantStatus(t, send(t, srv, sg, "GET", "/devices", "", nil), 200, "")
	// Four minutes off is tolerated.
	sg.at = srv.Now().Add(-4 * time.Minute)
	wantStatus(t, send(t, srv, sg, "GET", "/devices", "", nil), 200, "")
}
