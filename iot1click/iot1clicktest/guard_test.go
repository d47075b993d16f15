package iot1clicktest_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// rawControl sends a control request with the given Host, Origin and
// Content-Type (empty: not sent) and returns the status.
func rawControl(t *testing.T, srv *iot1clicktest.Server, method, path, host, origin, contentType, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+iot1clicktest.ControlPrefix+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func TestControlRefusesWebPages(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1))
	const json = "application/json"
	for _, tc := range []struct {
		name                                    string
		method, path, host, origin, ctype, body string
		want                                    int
	}{
		{"own address", "GET", "info", "", "", "", "", 200},
		{"localhost", "GET", "info", "localhost:4566", "", "", "", 200},
		{"localhost without port", "GET", "info", "localhost", "", "", "", 200},
		{"other loopback", "GET", "info", "127.1.2.3:80", "", "", "", 200},
		{"IPv6 loopback", "GET", "info", "[::1]:4566", "", "", "", 200},
		{"DNS rebinding", "GET", "info", "attacker.example:4566", "", "", "", 403},
		{"localhost suffix", "GET", "info", "localhost.attacker.example", "", "", "", 403},
		{"LAN address", "GET", "info", "192.168.1.10:4566", "", "", "", 403},
		{"same origin", "GET", "info", "", "http://127.0.0.1:4566", "", "", 200},
		{"localhost origin", "POST", "reset", "", "http://localhost:3000", json, "{}", 204},
		{"foreign origin", "GET", "info", "", "https://attacker.example", "", "", 403},
		{"foreign origin write", "POST", "reset", "", "https://attacker.example", json, "{}", 403},
		{"null origin", "POST", "reset", "", "null", json, "{}", 403},
		{"text/plain write", "POST", "reset", "", "", "text/plain", "{}", 415},
		{"form write", "POST", "fleet", "", "", "application/x-www-form-urlencoded", `{"count":100000}`, 415},
		{"no content type", "POST", "fleet", "", "", "", `{"count":1}`, 415},
		{"delete without JSON", "DELETE", "requests", "", "", "", "", 415},
		{"JSON with charset", "POST", "fleet", "", "", "application/json; charset=utf-8", `{"count":1}`, 200},
		{"delete with JSON", "DELETE", "requests", "", "", json, "", 204},
	} {
		if got := rawControl(t, srv, tc.method, tc.path, tc.host, tc.origin, tc.ctype, tc.body); got != tc.want {
			t.Errorf("%s: %s %s Host %q Origin %q Content-Type %q: status %d, want %d",
				tc.name, tc.method, tc.path, tc.host, tc.origin, tc.ctype, got, tc.want)
		}
	}
	// The refused writes changed nothing: one generated device, and the
	// one added by the accepted fleet request.
	if n := len(srv.Devices()); n != 2 {
		t.Errorf("%d devices, want 2", n)
	}
}

// TestControlAcceptsOwnAddress checks that the control API answers a
// request to the non-loopback address it came in on, as when the emulator
// listens on every interface, and no other.
func TestControlAcceptsOwnAddress(t *testing.T) {
	h := iot1clicktest.NewHandler()
	local := &net.TCPAddr{IP: net.ParseIP("192.168.1.10"), Port: 4566}
	for host, want := range map[string]int{
		"192.168.1.10:4566": 200,
		"192.168.1.10":      200,
		"192.168.1.11:4566": 403,
		"0.0.0.0:4566":      403,
	} {
		req := httptest.NewRequest("GET", "http://"+host+iot1clicktest.ControlPrefix+"info", nil)
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s on %s: %d, want %d: %s", host, local, rec.Code, want, rec.Body)
		}
	}
}
