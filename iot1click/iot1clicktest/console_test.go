package iot1clicktest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// get sends GET path to srv with headers h and returns the status and body.
func get(t *testing.T, srv *iot1clicktest.Server, path string, h http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	client := &http.Client{Transport: srv.HTTPClient().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestHealth(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithControlToken("s3cret"))
	resp, body := get(t, srv, iot1clicktest.ControlPrefix+"health", nil)
	var h struct {
		Status        string `json:"status"`
		Version       string `json:"version"`
		Uptime        string `json:"uptime"`
		UptimeSeconds *int64 `json:"uptimeSeconds"`
	}
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatalf("health: %v: %s", err, body)
	}
	if resp.StatusCode != 200 || h.Status != "ok" || h.Version != iot1click.Version || h.Uptime == "" || h.UptimeSeconds == nil || *h.UptimeSeconds < 0 {
		t.Errorf("health (no token needed): %d %s", resp.StatusCode, body)
	}
}

// TestNoClickYet: before the first click, the deliveries of the control
// API and of the console's feed are empty lists, not null (the console read
// null as a failure of the emulator).
func TestNoClickYet(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1))
	if _, body := get(t, srv, iot1clicktest.ControlPrefix+"deliveries", nil); strings.TrimSpace(body) != "[]" {
		t.Errorf("GET deliveries before any click: %s, want []", body)
	}
	_, body := get(t, srv, iot1clicktest.ControlPrefix+"console/feed?after=0", nil)
	if !strings.Contains(body, `"deliveries":[]`) || !strings.Contains(body, `"events":[]`) {
		t.Errorf("console feed before any click: %s, want empty lists", body)
	}
	if d := srv.Deliveries(); d == nil || len(d) != 0 {
		t.Errorf("Deliveries() before any click = %#v, want an empty slice", d)
	}
}

func TestConsolePage(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(3))
	resp, body := get(t, srv, "/", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, `<script src="/_iot1click/console/app.js"`) {
		t.Fatalf("GET /: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("GET /: security headers %v", resp.Header)
	}
	for _, f := range []string{"app.js", "style.css"} {
		if resp, body := get(t, srv, iot1clicktest.ControlPrefix+"console/"+f, nil); resp.StatusCode != 200 || len(body) < 100 {
			t.Errorf("console file %s: %d, %d bytes", f, resp.StatusCode, len(body))
		}
	}
	if resp, _ := get(t, srv, iot1clicktest.ControlPrefix+"console/index.go", nil); resp.StatusCode != 404 {
		t.Errorf("an unknown console file: %d", resp.StatusCode)
	}
	// The console's data is refused to other sites, as the control API is.
	if resp, _ := get(t, srv, "/", http.Header{"Origin": {"http://evil.example"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("GET / from a foreign origin: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+iot1clicktest.ControlPrefix+"console/state", nil)
	req.Host = "evil.example"
	if resp, err := srv.HTTPClient().Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("console state for Host evil.example: %v, %v", resp, err)
	}

	// A click shows in the feed and in the device's row.
	id := srv.Devices()[1].DeviceId
	testenv.Must(t, func() error { _, err := srv.Click(id, "DOUBLE"); return err }())
	_, body = get(t, srv, iot1clicktest.ControlPrefix+"console/feed?after=0", nil)
	var feed struct {
		Events []struct {
			Seq       uint64 `json:"seq"`
			DeviceId  string `json:"deviceId"`
			ClickType string `json:"clickType"`
		} `json:"events"`
		Last uint64 `json:"last"`
	}
	if err := json.Unmarshal([]byte(body), &feed); err != nil || len(feed.Events) != 1 || feed.Events[0].DeviceId != id ||
		feed.Events[0].ClickType != "DOUBLE" || feed.Last != feed.Events[0].Seq {
		t.Errorf("feed after a click: %v %s", err, body)
	}
	_, body = get(t, srv, iot1clicktest.ControlPrefix+"console/feed?after=1", nil)
	if !strings.Contains(body, `"events":[]`) {
		t.Errorf("feed after the last event: %s", body)
	}
	_, body = get(t, srv, iot1clicktest.ControlPrefix+"console/state?q="+id, nil)
	var st struct {
		Total   int `json:"total"`
		Devices []struct {
			DeviceId string `json:"deviceId"`
			Events   int    `json:"events"`
		} `json:"devices"`
	}
	if err := json.Unmarshal([]byte(body), &st); err != nil || st.Total != 1 || len(st.Devices) != 1 || st.Devices[0].Events != 1 {
		t.Errorf("console state of %s: %v %s", id, err, body)
	}
}

// TestControlToken checks both cases: without a token (loopback) the
// control API and the console are open; with one, they need it, the
// SigV4 API does not, and a browser gets it from /?token= into a cookie.
func TestControlToken(t *testing.T) {
	open := newServer(t)
	for _, p := range []string{"/", iot1clicktest.ControlPrefix + "info", iot1clicktest.ControlPrefix + "console/state"} {
		if resp, _ := get(t, open, p, nil); resp.StatusCode != 200 {
			t.Errorf("GET %s without a token on a server with none: %d", p, resp.StatusCode)
		}
	}

	srv := newServer(t, iot1clicktest.WithControlToken("s3cret"), iot1clicktest.WithFleet(1))
	for _, p := range []string{"/", iot1clicktest.ControlPrefix + "info", iot1clicktest.ControlPrefix + "devices", iot1clicktest.ControlPrefix + "console/state", iot1clicktest.ControlPrefix + "console/feed"} {
		if resp, body := get(t, srv, p, nil); resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, srv.SecretAccessKey()) {
			t.Errorf("GET %s without the token: %d", p, resp.StatusCode)
		}
		if resp, _ := get(t, srv, p, http.Header{iot1clicktest.TokenHeader: {"wrong"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s with a wrong token: %d", p, resp.StatusCode)
		}
		if resp, _ := get(t, srv, p, http.Header{iot1clicktest.TokenHeader: {"s3cret"}}); resp.StatusCode != 200 {
			t.Errorf("GET %s with the token: %d", p, resp.StatusCode)
		}
		if resp, _ := get(t, srv, p, http.Header{"Authorization": {"Bearer s3cret"}}); resp.StatusCode != 200 {
			t.Errorf("GET %s with the token as a bearer: %d", p, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+iot1clicktest.ControlPrefix+"click", strings.NewReader(`{"deviceId":"`+srv.Devices()[0].DeviceId+`"}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, err := srv.HTTPClient().Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a click without the token: %v, %v", resp, err)
	}
	if len(srv.Devices()[0].Events) != 0 {
		t.Error("a click without the token was recorded")
	}
	// The SigV4 API needs no control token.
	if _, err := srv.Client().ListDevices(t.Context(), nil); err != nil {
		t.Errorf("ListDevices on a server with a control token: %v", err)
	}

	// A browser opens /?token=: the token goes into a cookie.
	if resp, _ := get(t, srv, "/?token=wrong", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /?token=wrong: %d", resp.StatusCode)
	}
	resp, _ := get(t, srv, "/?token=s3cret", nil)
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Value == "s3cret" {
			cookie = c
		}
	}
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" || cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("GET /?token=s3cret: %d, Location %q, cookies %v", resp.StatusCode, resp.Header.Get("Location"), resp.Cookies())
	}
	withCookie := http.Header{"Cookie": {cookie.Name + "=" + cookie.Value}}
	for _, p := range []string{"/", iot1clicktest.ControlPrefix + "console/state"} {
		if resp, _ := get(t, srv, p, withCookie); resp.StatusCode != 200 {
			t.Errorf("GET %s with the cookie: %d", p, resp.StatusCode)
		}
	}
}
