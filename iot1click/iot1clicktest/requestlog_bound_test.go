package iot1clicktest_test

import (
	"bytes"
	"net/http"
	"testing"
)

// TestRequestLogRefusedKeepsNoBody is the probe's first defect: unsigned
// requests with large bodies filled the request log (400 PUTs of 1 MiB took
// the server to 560 MB). A refused request is logged without its body.
func TestRequestLogRefusedKeepsNoBody(t *testing.T) {
	srv := newServer(t)
	body := bytes.Repeat([]byte("x"), 1<<20)
	for range 8 {
		req, err := http.NewRequest(http.MethodPut, srv.URL+"/devices/G030PM0000000001/state", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("an unsigned request got %d, want 403", resp.StatusCode)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 8 {
		t.Fatalf("the log holds %d requests, want 8", len(reqs))
	}
	for _, r := range reqs {
		if r.Body != nil || r.StatusCode != http.StatusForbidden || r.AccountId != "" {
			t.Errorf("refused request logged with a body of %d bytes, status %d, account %q", len(r.Body), r.StatusCode, r.AccountId)
		}
	}
}
