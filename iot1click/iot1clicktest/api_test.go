package iot1clicktest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

const (
	otherKey     = "AKIDOTHERACCOUNT"
	otherSecret  = "other-secret"
	otherAccount = "210987654321"
)

func otherSigner(srv *iot1clicktest.Server) signer {
	return signer{accessKeyID: otherKey, secret: otherSecret, region: srv.Region(), service: "iot1click"}
}

func TestServerBasics(t *testing.T) {
	srv := newServer(t)
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+$`).MatchString(srv.URL) {
		t.Errorf("URL %q", srv.URL)
	}
	if srv.Region() != "us-west-2" || srv.AccountID() != "123456789012" || srv.AccessKeyID() != iot1clicktest.DefaultAccessKeyID || srv.SecretAccessKey() == "" {
		t.Errorf("defaults: %s %s %s", srv.Region(), srv.AccountID(), srv.AccessKeyID())
	}
	srv.Close()
	srv.Close()

	srv2 := newServer(t, iot1clicktest.WithRegion("eu-west-1"), iot1clicktest.WithAccountID("111122223333"),
		iot1clicktest.WithCredentials("AKIDX", "sx"))
	if srv2.Region() != "eu-west-1" || srv2.AccountID() != "111122223333" || srv2.AccessKeyID() != "AKIDX" || srv2.SecretAccessKey() != "sx" {
		t.Errorf("options not applied")
	}
	r := call(t, srv2, "GET", "/devices", "", nil)
	wantStatus(t, r, 200, "")

	var mu sync.Mutex
	var lines []string
	srv3 := newServer(t, iot1clicktest.WithAddr("127.0.0.1:0"), iot1clicktest.WithLogf(func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}))
	wantStatus(t, call(t, srv3, "GET", "/devices", "", nil), 200, "")
	wantStatus(t, call(t, srv3, "GET", devicePath("x"), "", nil), 404, "ResourceNotFoundException")
	srv3.Close()
	want := []string{"iot1clicktest: ListDevices GET /devices -> 200 OK", "iot1clicktest: DescribeDevice GET /devices/x -> 404 ResourceNotFoundException"}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("log (-want +got)\n%s", diff)
	}
}

func TestResponseHeaders(t *testing.T) {
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	srv := newServer(t, iot1clicktest.WithFleet(1), iot1clicktest.WithClock(func() time.Time { return at }))
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for i := 0; i < 5; i++ {
		sg := defaultSigner(srv)
		sg.at = at
		r := send(t, srv, sg, "GET", "/devices", "", nil)
		wantStatus(t, r, 200, "")
		id := r.Header.Get("X-Amzn-RequestId")
		if !uuid.MatchString(id) || seen[id] {
			t.Errorf("request ID %q not a fresh UUID", id)
		}
		seen[id] = true
		if got := r.Header.Get("Date"); got != "Wed, 01 May 2024 12:00:00 GMT" {
			t.Errorf("Date %q", got)
		}
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
		}
	}
	// The header names are sent in AWS's spelling.
	r := call(t, srv, "GET", "/nope", "", nil)
	if _, ok := r.Header["X-Amzn-Requestid"]; !ok {
		t.Errorf("headers %v", r.Header)
	}
}

func TestListDevices(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(7), iot1clicktest.WithUnclaimedDevices(3),
		iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{DeviceId: "X-SENSOR-1", Type: "sensor", AccountId: iot1clicktest.DefaultAccountID, RemainingLife: 50}))

	r := call(t, srv, "GET", "/devices", "", nil)
	wantStatus(t, r, 200, "")
	var out struct {
		Devices []struct {
			Arn           string            `json:"arn"`
			Attributes    map[string]string `json:"attributes"`
			DeviceID      string            `json:"deviceId"`
			Enabled       *bool             `json:"enabled"`
			RemainingLife *float64          `json:"remainingLife"`
			Tags          map[string]string `json:"tags"`
			Type          string            `json:"type"`
		} `json:"devices"`
		NextToken *string `json:"nextToken"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Devices) != 8 || out.NextToken != nil {
		t.Fatalf("got %d devices, token %v: %s", len(out.Devices), out.NextToken, r.body)
	}
	if strings.Contains(string(r.body), "null") {
		t.Errorf("body has null: %s", r.body)
	}
	ids := []string{}
	for _, d := range out.Devices {
		ids = append(ids, d.DeviceID)
		if d.Arn != "arn:aws:iot1click:us-west-2:123456789012:devices/"+d.DeviceID || d.Enabled == nil || d.RemainingLife == nil || d.Tags == nil || d.Attributes == nil {
			t.Errorf("device %+v", d)
		}
		if d.Type == "button" {
			// No project holds a generated device: no placement attributes.
			if !regexp.MustCompile(`^G030PM\d{10}$`).MatchString(d.DeviceID) || len(d.Attributes) != 0 {
				t.Errorf("fleet device %+v", d)
			}
			if *d.RemainingLife < 5 || *d.RemainingLife > 100 {
				t.Errorf("remaining life %v", *d.RemainingLife)
			}
		}
	}
	if !sort.StringsAreSorted(ids) {
		t.Errorf("not sorted: %v", ids)
	}

	// deviceType filters.
	r = call(t, srv, "GET", "/devices", "deviceType=sensor", nil)
	wantStatus(t, r, 200, "")
	if m := r.json(t); len(m["devices"].([]any)) != 1 {
		t.Errorf("sensor filter: %s", r.body)
	}
	r = call(t, srv, "GET", "/devices", "deviceType=nothing", nil)
	if string(r.body) != `{"devices":[]}` {
		t.Errorf("empty list: %s", r.body)
	}

	// Pages of 3, then of other sizes, cover the list exactly once.
	for _, size := range []int{1, 2, 3, 8, 9, 250} {
		var got []string
		token := ""
		for page := 0; ; page++ {
			q := fmt.Sprintf("maxResults=%d", size)
			if token != "" {
				q += "&nextToken=" + token
			}
			r := call(t, srv, "GET", "/devices", q, nil)
			wantStatus(t, r, 200, "")
			var p struct {
				Devices []struct {
					DeviceID string `json:"deviceId"`
				} `json:"devices"`
				NextToken string `json:"nextToken"`
			}
			if err := json.Unmarshal(r.body, &p); err != nil {
				t.Fatal(err)
			}
			if len(p.Devices) > size {
				t.Fatalf("page of %d with maxResults %d", len(p.Devices), size)
			}
			for _, d := range p.Devices {
				got = append(got, d.DeviceID)
			}
			if p.NextToken == "" {
				break
			}
			if page > 20 {
				t.Fatal("too many pages")
			}
			token = p.NextToken
		}
		if diff := cmp.Diff(ids, got); diff != "" {
			t.Errorf("size %d: (-want +got)\n%s", size, diff)
		}
	}

	// Bounds of maxResults.
	for _, q := range []string{"maxResults=0", "maxResults=251", "maxResults=-1", "maxResults=abc", "maxResults=", "maxResults=1.5"} {
		wantStatus(t, call(t, srv, "GET", "/devices", q, nil), 400, "InvalidRequestException")
	}
	wantStatus(t, call(t, srv, "GET", "/devices", "maxResults=250", nil), 200, "")
	wantStatus(t, call(t, srv, "GET", "/devices", "maxResults=1", nil), 200, "")

	// Another account sees none of these devices.
	srv2 := newServer(t, iot1clicktest.WithFleet(2), iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	r = send(t, srv2, otherSigner(srv2), "GET", "/devices", "", nil)
	if string(r.body) != `{"devices":[]}` {
		t.Errorf("other account: %s", r.body)
	}
}

func TestListDevicesDefaultPageSize(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(120))
	r := call(t, srv, "GET", "/devices", "", nil)
	m := r.json(t)
	if n := len(m["devices"].([]any)); n != 100 || m["nextToken"] == nil {
		t.Fatalf("first page has %d devices, token %v", n, m["nextToken"])
	}
	r = call(t, srv, "GET", "/devices", "nextToken="+m["nextToken"].(string), nil)
	m = r.json(t)
	if n := len(m["devices"].([]any)); n != 20 || m["nextToken"] != nil {
		t.Fatalf("second page has %d devices, token %v", n, m["nextToken"])
	}
}

func firstToken(t *testing.T, srv *iot1clicktest.Server, sg signer, query string) string {
	t.Helper()
	r := send(t, srv, sg, "GET", "/devices", query, nil)
	wantStatus(t, r, 200, "")
	tok, _ := r.json(t)["nextToken"].(string)
	if tok == "" {
		t.Fatalf("no nextToken: %s", r.body)
	}
	return tok
}

func TestPageTokens(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(5), iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	sg := defaultSigner(srv)
	tok := firstToken(t, srv, sg, "maxResults=2")
	wantStatus(t, call(t, srv, "GET", "/devices", "maxResults=2&nextToken="+tok, nil), 200, "")
	// The page size may change between pages.
	wantStatus(t, call(t, srv, "GET", "/devices", "maxResults=3&nextToken="+tok, nil), 200, "")

	for name, q := range map[string]string{
		"forged":         "nextToken=abc",
		"altered":        "nextToken=" + tok[:5] + "x" + tok[6:],
		"base64 garbage": "nextToken=eyJvIjoiTGlzdERldmljZXMifQ.AAAA",
		"other query":    "deviceType=button&nextToken=" + tok,
	} {
		r := call(t, srv, "GET", "/devices", q, nil)
		if r.StatusCode != 416 {
			t.Errorf("%s: status %d", name, r.StatusCode)
			continue
		}
		wantStatus(t, r, 416, "RangeNotSatisfiableException")
	}
	// Another account cannot use the token.
	wantStatus(t, send(t, srv, otherSigner(srv), "GET", "/devices", "nextToken="+tok, nil), 416, "RangeNotSatisfiableException")
	// Another server refuses it.
	srv2 := newServer(t, iot1clicktest.WithFleet(5))
	wantStatus(t, call(t, srv2, "GET", "/devices", "nextToken="+tok, nil), 416, "RangeNotSatisfiableException")
	// Tokens expire after 24 hours of server time.
	srv.SetClock(time.Now())
	tok = firstToken(t, srv, signer{accessKeyID: srv.AccessKeyID(), secret: srv.SecretAccessKey(), region: srv.Region(), service: "iot1click"}, "maxResults=1")
	srv.AdvanceClock(25 * time.Hour)
	sg.at = srv.Now()
	wantStatus(t, send(t, srv, sg, "GET", "/devices", "nextToken="+tok, nil), 416, "RangeNotSatisfiableException")
	// Reset makes old tokens stale.
	srv.Reset()
	tok = firstToken(t, srv, defaultSigner(srv), "maxResults=1")
	srv.Reset()
	wantStatus(t, call(t, srv, "GET", "/devices", "nextToken="+tok, nil), 416, "RangeNotSatisfiableException")
}

func TestPagesAreStableUnderChanges(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithDevices(
		iot1clicktest.DeviceRecord{DeviceId: "B", AccountId: iot1clicktest.DefaultAccountID},
		iot1clicktest.DeviceRecord{DeviceId: "D", AccountId: iot1clicktest.DefaultAccountID},
		iot1clicktest.DeviceRecord{DeviceId: "F", AccountId: iot1clicktest.DefaultAccountID},
	))
	tok := firstToken(t, srv, defaultSigner(srv), "maxResults=1") // after B
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: "A", AccountId: iot1clicktest.DefaultAccountID}, iot1clicktest.DeviceRecord{DeviceId: "C", AccountId: iot1clicktest.DefaultAccountID}); err != nil {
		t.Fatal(err)
	}
	r := call(t, srv, "GET", "/devices", "nextToken="+tok, nil)
	var p struct {
		Devices []struct {
			DeviceID string `json:"deviceId"`
		} `json:"devices"`
	}
	_ = json.Unmarshal(r.body, &p)
	var got []string
	for _, d := range p.Devices {
		got = append(got, d.DeviceID)
	}
	if diff := cmp.Diff([]string{"C", "D", "F"}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestDescribeDevice(t *testing.T) {
	dev := iot1clicktest.DeviceRecord{
		DeviceId: "G030PM0123456789", Attributes: map[string]string{"projectName": "p"}, Enabled: true,
		RemainingLife: 99.85, Tags: map[string]string{"k": "v"}, AccountId: iot1clicktest.DefaultAccountID,
	}
	srv := newServer(t, iot1clicktest.WithDevices(dev), iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	r := call(t, srv, "GET", devicePath(dev.DeviceId), "", nil)
	wantStatus(t, r, 200, "")
	want := `{"deviceDescription":{"arn":"arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789",` +
		`"attributes":{"projectName":"p"},"deviceId":"G030PM0123456789","enabled":true,"remainingLife":99.85,"tags":{"k":"v"},"type":"button"}}`
	if string(r.body) != want {
		t.Errorf("body\n%s\nwant\n%s", r.body, want)
	}
	wantStatus(t, call(t, srv, "GET", devicePath("G030PM9999999999"), "", nil), 404, "ResourceNotFoundException")
	wantStatus(t, send(t, srv, otherSigner(srv), "GET", devicePath(dev.DeviceId), "", nil), 404, "ResourceNotFoundException")
	// A label with reserved characters is one segment.
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: "odd id/with:chars", AccountId: iot1clicktest.DefaultAccountID}); err != nil {
		t.Fatal(err)
	}
	r = call(t, srv, "GET", devicePath("odd id/with:chars"), "", nil)
	wantStatus(t, r, 200, "")
	if !strings.Contains(string(r.body), `"deviceId":"odd id/with:chars"`) {
		t.Errorf("body %s", r.body)
	}
}

func TestClaimLifecycle(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	id := srv.AddUnclaimedDevices(1)[0]
	other := otherSigner(srv)

	wantStatus(t, call(t, srv, "PUT", devicePath("G030PM0000000000", "initiate-claim"), "", nil), 404, "ResourceNotFoundException")
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 404, "ResourceNotFoundException")
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "finalize-claim"), "", nil), 412, "PreconditionFailedException")

	r := call(t, srv, "PUT", devicePath(id, "initiate-claim"), "", nil)
	wantStatus(t, r, 200, "")
	if string(r.body) != `{"state":"CLAIM_INITIATED"}` {
		t.Errorf("initiate: %s", r.body)
	}
	d, _ := srv.Device(id)
	if d.State != iot1clicktest.StateClaimInitiated || d.AccountId != srv.AccountID() || d.ClaimInitiatedAt.IsZero() {
		t.Errorf("device %+v", d)
	}
	// Pending: visible to Describe, not to ListDevices or state changes.
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 200, "")
	if r := call(t, srv, "GET", "/devices", "", nil); string(r.body) != `{"devices":[]}` {
		t.Errorf("list while pending: %s", r.body)
	}
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "state"), "", []byte(`{"enabled":true}`)), 404, "ResourceNotFoundException")
	// Another account conflicts.
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "initiate-claim"), "", nil), 409, "ResourceConflictException")
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "finalize-claim"), "", nil), 412, "PreconditionFailedException")

	// No click yet.
	r = call(t, srv, "PUT", devicePath(id, "finalize-claim"), "", []byte(`{"tags":{"site":"hq"}}`))
	wantStatus(t, r, 412, "PreconditionFailedException")
	if !strings.Contains(r.json(t)["message"].(string), "click") {
		t.Errorf("message %s", r.body)
	}
	if _, err := srv.Click(id, iot1click.ClickTypeSingle); err != nil {
		t.Fatal(err)
	}
	// Bad tags are refused before anything changes.
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "finalize-claim"), "", []byte(`{"tags":{"aws:x":"y"}}`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "finalize-claim"), "", []byte(`{"tags":`)), 400, "InvalidRequestException")
	r = call(t, srv, "PUT", devicePath(id, "finalize-claim"), "", []byte(`{"tags":{"site":"hq"}}`))
	wantStatus(t, r, 200, "")
	if string(r.body) != `{"state":"CLAIMED"}` {
		t.Errorf("finalize: %s", r.body)
	}
	r = call(t, srv, "GET", devicePath(id), "", nil)
	dd := r.json(t)["deviceDescription"].(map[string]any)
	if dd["enabled"] != false || dd["tags"].(map[string]any)["site"] != "hq" {
		t.Errorf("after finalize: %s", r.body)
	}
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "finalize-claim"), "", nil), 409, "ResourceConflictException")
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "initiate-claim"), "", nil), 409, "ResourceConflictException")
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "initiate-claim"), "", nil), 409, "ResourceConflictException")
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "unclaim"), "", nil), 404, "ResourceNotFoundException")

	r = call(t, srv, "PUT", devicePath(id, "unclaim"), "", nil)
	wantStatus(t, r, 200, "")
	if string(r.body) != `{"state":"UNCLAIMED"}` {
		t.Errorf("unclaim: %s", r.body)
	}
	d, _ = srv.Device(id)
	if d.State != iot1clicktest.StateUnclaimed || d.AccountId != "" || d.Enabled || len(d.Tags) != 0 {
		t.Errorf("after unclaim %+v", d)
	}
	wantStatus(t, call(t, srv, "GET", devicePath(id), "", nil), 404, "ResourceNotFoundException")
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "unclaim"), "", nil), 404, "ResourceNotFoundException")

	// Now the other account can claim it; a re-initiation restarts the claim.
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "initiate-claim"), "", nil), 200, "")
	if _, err := srv.Click(id, iot1click.ClickTypeDouble); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "initiate-claim"), "", nil), 200, "")
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "finalize-claim"), "", nil), 412, "PreconditionFailedException")
	// Unclaim cancels a pending claim.
	wantStatus(t, send(t, srv, other, "PUT", devicePath(id, "unclaim"), "", nil), 200, "")
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "initiate-claim"), "", nil), 200, "")
}

func TestClaimDevicesByClaimCode(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	ids := srv.AddUnclaimedDevices(9)
	if err := srv.AddClaimCode("C-123EXAMPLE", ids...); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"C-SHORT", "X-123EXAMPLE", "C-" + strings.Repeat("A", 39)} {
		wantStatus(t, call(t, srv, "PUT", "/claims/"+escapeLabel(code), "", nil), 400, "InvalidRequestException")
	}
	wantStatus(t, call(t, srv, "PUT", "/claims/C-UNKNOWN0000", "", nil), 403, "ForbiddenException")
	r := call(t, srv, "PUT", "/claims/C-123EXAMPLE", "", nil)
	wantStatus(t, r, 200, "")
	if string(r.body) != `{"claimCode":"C-123EXAMPLE","total":9}` {
		t.Errorf("body %s", r.body)
	}
	r = call(t, srv, "GET", "/devices", "", nil)
	if n := len(r.json(t)["devices"].([]any)); n != 9 {
		t.Errorf("%d devices after claim", n)
	}
	d, _ := srv.Device(ids[0])
	if d.State != iot1clicktest.StateClaimed || d.Enabled {
		t.Errorf("device %+v", d)
	}
	wantStatus(t, call(t, srv, "PUT", "/claims/C-123EXAMPLE", "", nil), 200, "")
	wantStatus(t, send(t, srv, otherSigner(srv), "PUT", "/claims/C-123EXAMPLE", "", nil), 403, "ForbiddenException")

	// A code whose device another account owns is forbidden.
	more := srv.AddUnclaimedDevices(2)
	if err := srv.AddClaimCode("C-SECONDCODE1", more...); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, send(t, srv, otherSigner(srv), "PUT", devicePath(more[1], "initiate-claim"), "", nil), 200, "")
	wantStatus(t, call(t, srv, "PUT", "/claims/C-SECONDCODE1", "", nil), 403, "ForbiddenException")
	if d, _ := srv.Device(more[0]); d.State != "" {
		t.Errorf("a refused code claimed a device: %+v", d)
	}
}

func TestUpdateDeviceState(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1))
	id := srv.Devices()[0].DeviceId
	p := devicePath(id, "state")
	wantStatus(t, call(t, srv, "PUT", p, "", nil), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "PUT", p, "", []byte(`{}`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "PUT", p, "", []byte(`{"enabled":"yes"}`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "PUT", p, "", []byte(`{"enabled":tru`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "PUT", p, "", []byte(`[true]`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "PUT", devicePath("nope", "state"), "", []byte(`{"enabled":true}`)), 404, "ResourceNotFoundException")
	for _, v := range []bool{false, true, false} {
		r := call(t, srv, "PUT", p, "", mustJSON(t, map[string]bool{"enabled": v}))
		wantStatus(t, r, 200, "")
		if string(r.body) != `{}` {
			t.Errorf("body %s", r.body)
		}
		if d, _ := srv.Device(id); d.Enabled != v {
			t.Errorf("enabled %v, want %v", d.Enabled, v)
		}
	}
	// Unknown members are ignored.
	wantStatus(t, call(t, srv, "PUT", p, "", []byte(`{"enabled":true,"extra":[1]}`)), 200, "")
}

func invoke(t *testing.T, srv *iot1clicktest.Server, id, deviceType, method string, params *string) response {
	t.Helper()
	in := map[string]any{"deviceMethod": map[string]string{"deviceType": deviceType, "methodName": method}}
	if params != nil {
		in["deviceMethodParameters"] = *params
	}
	return call(t, srv, "POST", devicePath(id, "methods"), "", mustJSON(t, in))
}

func ptr[T any](v T) *T { return &v }

func TestDeviceMethods(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithDevices(
		iot1clicktest.DeviceRecord{DeviceId: "B1", AccountId: iot1clicktest.DefaultAccountID, RemainingLife: 99.8},
		iot1clicktest.DeviceRecord{DeviceId: "S1", Type: "sensor", AccountId: iot1clicktest.DefaultAccountID, RemainingLife: 5},
	))
	r := call(t, srv, "GET", devicePath("B1", "methods"), "", nil)
	wantStatus(t, r, 200, "")
	want := `{"deviceMethods":[{"deviceType":"device","methodName":"getDeviceHealthParameters"},` +
		`{"deviceType":"device","methodName":"setDeviceHealthMonitorCallback"},` +
		`{"deviceType":"device","methodName":"getDeviceHealthMonitorCallback"},` +
		`{"deviceType":"button","methodName":"setOnClickCallback"},` +
		`{"deviceType":"button","methodName":"getOnClickCallback"}]}`
	if string(r.body) != want {
		t.Errorf("methods %s", r.body)
	}
	r = call(t, srv, "GET", devicePath("S1", "methods"), "", nil)
	if n := len(r.json(t)["deviceMethods"].([]any)); n != 3 {
		t.Errorf("sensor has %d methods", n)
	}
	wantStatus(t, call(t, srv, "GET", devicePath("nope", "methods"), "", nil), 404, "ResourceNotFoundException")

	r = invoke(t, srv, "B1", "device", "getDeviceHealthParameters", nil)
	wantStatus(t, r, 200, "")
	if string(r.body) != `{"deviceMethodResponse":"{\"remainingLife\":99.8}"}` {
		t.Errorf("health %s", r.body)
	}
	wantStatus(t, invoke(t, srv, "B1", "device", "getDeviceHealthParameters", ptr("")), 400, "InvalidRequestException")
	if m := invoke(t, srv, "B1", "device", "getDeviceHealthParameters", ptr("")).json(t); m["message"] != "A request parameter was invalid." {
		t.Errorf("message %v", m["message"])
	}
	wantStatus(t, invoke(t, srv, "B1", "device", "getDeviceHealthParameters", ptr("{}")), 200, "")

	// Callbacks round-trip.
	r = invoke(t, srv, "B1", "button", "getOnClickCallback", nil)
	if string(r.body) != `{"deviceMethodResponse":"{}"}` {
		t.Errorf("empty callback %s", r.body)
	}
	cb := `{"deviceId": "B1", "callback": {"awsLambdaArn": "arn:aws:lambda:us-west-2:123456789012:function:f"}}`
	r = invoke(t, srv, "B1", "button", "setOnClickCallback", &cb)
	wantStatus(t, r, 200, "")
	r = invoke(t, srv, "B1", "button", "getOnClickCallback", nil)
	var resp struct {
		DeviceMethodResponse string `json:"deviceMethodResponse"`
	}
	_ = json.Unmarshal(r.body, &resp)
	if resp.DeviceMethodResponse != `{"deviceId":"B1","callback":{"awsLambdaArn":"arn:aws:lambda:us-west-2:123456789012:function:f"}}` {
		t.Errorf("stored callback %q", resp.DeviceMethodResponse)
	}
	hm := `{"callback":{"awsLambdaArn":"arn:x"},"threshold":20}`
	wantStatus(t, invoke(t, srv, "S1", "device", "setDeviceHealthMonitorCallback", &hm), 200, "")
	r = invoke(t, srv, "S1", "device", "getDeviceHealthMonitorCallback", nil)
	_ = json.Unmarshal(r.body, &resp)
	if resp.DeviceMethodResponse != hm {
		t.Errorf("health monitor %q", resp.DeviceMethodResponse)
	}

	for name, r := range map[string]response{
		"set without params":   invoke(t, srv, "B1", "button", "setOnClickCallback", nil),
		"set with bad JSON":    invoke(t, srv, "B1", "button", "setOnClickCallback", ptr("{")),
		"set with non-object":  invoke(t, srv, "B1", "button", "setOnClickCallback", ptr("[1]")),
		"unknown method":       invoke(t, srv, "B1", "button", "selfDestruct", nil),
		"wrong device type":    invoke(t, srv, "B1", "device", "getOnClickCallback", nil),
		"button method sensor": invoke(t, srv, "S1", "button", "getOnClickCallback", nil),
		"no deviceMethod":      call(t, srv, "POST", devicePath("B1", "methods"), "", []byte(`{}`)),
		"bad body":             call(t, srv, "POST", devicePath("B1", "methods"), "", []byte(`{"deviceMethod":1}`)),
	} {
		if r.StatusCode != 400 {
			t.Errorf("%s: status %d %s", name, r.StatusCode, r.body)
		}
		wantStatus(t, r, 400, "InvalidRequestException")
	}
	wantStatus(t, invoke(t, srv, "nope", "device", "getDeviceHealthParameters", nil), 404, "ResourceNotFoundException")
	// Methods work on a disabled device.
	if d, _ := srv.Device("B1"); d.Enabled {
		t.Fatal("B1 should be disabled")
	}
}

type eventsPage struct {
	Events []struct {
		Device struct {
			Attributes map[string]string `json:"attributes"`
			DeviceID   string            `json:"deviceId"`
			Type       string            `json:"type"`
		} `json:"device"`
		StdEvent string `json:"stdEvent"`
	} `json:"events"`
	NextToken string `json:"nextToken"`
}

func TestListDeviceEvents(t *testing.T) {
	t0 := time.Date(2024, 3, 28, 15, 45, 12, 880_000_000, time.UTC)
	srv := newServer(t, iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	srv.SetClock(t0)
	sg := defaultSigner(srv)
	sg.at = t0
	id := srv.AddFleet(1)[0]
	types := []string{"SINGLE", "DOUBLE", "LONG", "SINGLE", "DOUBLE"}
	for i, ct := range types {
		ev, err := srv.Click(id, ct)
		if err != nil {
			t.Fatal(err)
		}
		if !ev.Time.Equal(t0.Add(time.Duration(i) * time.Minute)) {
			t.Errorf("event time %v", ev.Time)
		}
		srv.AdvanceClock(time.Minute)
	}
	srv.SetClock(t0)
	base := devicePath(id, "events")

	r := send(t, srv, sg, "GET", base, "fromTimeStamp="+ts(t0)+"&toTimeStamp="+ts(t0.Add(time.Hour)), nil)
	wantStatus(t, r, 200, "")
	var p eventsPage
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 5 || p.NextToken != "" {
		t.Fatalf("events %s", r.body)
	}
	d, _ := srv.Device(id)
	for i, e := range p.Events {
		if e.Device.DeviceID != id || e.Device.Type != "button" || e.Device.Attributes["projectName"] != d.Attributes["projectName"] {
			t.Errorf("event device %+v", e.Device)
		}
		var std struct {
			ClickType     string   `json:"clickType"`
			ReportedTime  string   `json:"reportedTime"`
			CertificateId string   `json:"certificateId"`
			RemainingLife *float64 `json:"remainingLife"`
			TestMode      *bool    `json:"testMode"`
		}
		if err := json.Unmarshal([]byte(e.StdEvent), &std); err != nil {
			t.Fatal(err)
		}
		wantTime := t0.Add(time.Duration(i) * time.Minute).Format("2006-01-02T15:04:05.000Z")
		if std.ClickType != types[i] || std.ReportedTime != wantTime || !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(std.CertificateId) ||
			std.RemainingLife == nil || *std.RemainingLife != d.RemainingLife || std.TestMode == nil || *std.TestMode {
			t.Errorf("stdEvent %s", e.StdEvent)
		}
	}

	// from <= time < to, in any RFC 3339 spelling.
	from := "2024-03-28T15:46:12.88Z"
	to := "2024-03-28T17:48:12.880+02:00"
	r = send(t, srv, sg, "GET", base, "fromTimeStamp="+from+"&toTimeStamp="+strings.ReplaceAll(to, "+", "%2B"), nil)
	p = eventsPage{}
	_ = json.Unmarshal(r.body, &p)
	if len(p.Events) != 2 {
		t.Errorf("window: %s", r.body)
	}

	// Pages of two.
	var all []string
	token := ""
	for i := 0; i < 10; i++ {
		q := "maxResults=2&fromTimeStamp=" + ts(t0) + "&toTimeStamp=" + ts(t0.Add(time.Hour))
		if token != "" {
			q += "&nextToken=" + token
		}
		r := send(t, srv, sg, "GET", base, q, nil)
		wantStatus(t, r, 200, "")
		p = eventsPage{}
		_ = json.Unmarshal(r.body, &p)
		for _, e := range p.Events {
			all = append(all, e.StdEvent)
		}
		if token = p.NextToken; token == "" {
			break
		}
	}
	if len(all) != 5 {
		t.Errorf("paged %d events", len(all))
	}
	// A token for another window is refused.
	r = send(t, srv, sg, "GET", base, "maxResults=2&fromTimeStamp="+ts(t0)+"&toTimeStamp="+ts(t0.Add(time.Hour)), nil)
	tok := r.json(t)["nextToken"].(string)
	wantStatus(t, send(t, srv, sg, "GET", base, "fromTimeStamp="+ts(t0)+"&toTimeStamp="+ts(t0.Add(2*time.Hour))+"&nextToken="+tok, nil), 416, "RangeNotSatisfiableException")
	// A device's token is refused for ListDevices.
	wantStatus(t, send(t, srv, sg, "GET", "/devices", "nextToken="+tok, nil), 416, "RangeNotSatisfiableException")

	for name, q := range map[string]string{
		"no from":       "toTimeStamp=" + ts(t0),
		"no to":         "fromTimeStamp=" + ts(t0),
		"bad from":      "fromTimeStamp=yesterday&toTimeStamp=" + ts(t0),
		"from after to": "fromTimeStamp=" + ts(t0.Add(time.Hour)) + "&toTimeStamp=" + ts(t0),
		"maxResults":    "maxResults=0&fromTimeStamp=" + ts(t0) + "&toTimeStamp=" + ts(t0),
	} {
		r := send(t, srv, sg, "GET", base, q, nil)
		if r.StatusCode != 400 {
			t.Errorf("%s: status %d", name, r.StatusCode)
		}
		wantStatus(t, r, 400, "InvalidRequestException")
	}
	window := "fromTimeStamp=" + ts(t0) + "&toTimeStamp=" + ts(t0.Add(time.Hour))
	wantStatus(t, send(t, srv, sg, "GET", devicePath("nope", "events"), window, nil), 404, "ResourceNotFoundException")
	osg := otherSigner(srv)
	osg.at = t0
	wantStatus(t, send(t, srv, osg, "GET", base, window, nil), 404, "ResourceNotFoundException")

	// After a change of owner, the new owner sees only its own events.
	wantStatus(t, send(t, srv, sg, "PUT", devicePath(id, "unclaim"), "", nil), 200, "")
	wantStatus(t, send(t, srv, osg, "PUT", devicePath(id, "initiate-claim"), "", nil), 200, "")
	if _, err := srv.Click(id, "LONG"); err != nil {
		t.Fatal(err)
	}
	r = send(t, srv, osg, "GET", base, window, nil)
	wantStatus(t, r, 200, "")
	p = eventsPage{}
	_ = json.Unmarshal(r.body, &p)
	if len(p.Events) != 1 || !strings.Contains(p.Events[0].StdEvent, `"LONG"`) {
		t.Errorf("new owner's events: %s", r.body)
	}
}

func TestTags(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{DeviceId: "G030PM0123456789", AccountId: iot1clicktest.DefaultAccountID}),
		iot1clicktest.WithAccount(otherKey, otherSecret, otherAccount))
	arn := "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789"
	p := tagsPath(arn)
	if p != "/tags/arn%3Aaws%3Aiot1click%3Aus-west-2%3A123456789012%3Adevices%2FG030PM0123456789" {
		t.Fatalf("path %s", p)
	}
	r := call(t, srv, "GET", p, "", nil)
	wantStatus(t, r, 200, "")
	if string(r.body) != `{"tags":{}}` {
		t.Errorf("tags %s", r.body)
	}
	r = call(t, srv, "POST", p, "", []byte(`{"tags":{"a":"1","b":"2","c":"3"}}`))
	wantStatus(t, r, 204, "")
	if len(r.body) != 0 || r.Header.Get("Content-Type") != "" {
		t.Errorf("204 with body %q, content type %q", r.body, r.Header.Get("Content-Type"))
	}
	wantStatus(t, call(t, srv, "POST", p, "", []byte(`{"tags":{"c":"33"}}`)), 204, "")
	wantStatus(t, call(t, srv, "DELETE", p, "tagKeys=a&tagKeys=b&tagKeys=zz", nil), 204, "")
	r = call(t, srv, "GET", p, "", nil)
	if string(r.body) != `{"tags":{"c":"33"}}` {
		t.Errorf("tags %s", r.body)
	}

	wantStatus(t, call(t, srv, "POST", p, "", []byte(`{}`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "POST", p, "", nil), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "POST", p, "", []byte(`{"tags":{"aws:k":"v"}}`)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "POST", p, "", []byte(`{"tags":{"k":1}}`)), 400, "InvalidRequestException")
	many := map[string]map[string]string{"tags": {}}
	for i := 0; i < 50; i++ {
		many["tags"][fmt.Sprint("k", i)] = "v"
	}
	wantStatus(t, call(t, srv, "POST", p, "", mustJSON(t, many)), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "DELETE", p, "", nil), 400, "InvalidRequestException")
	wantStatus(t, call(t, srv, "POST", p, "", []byte(`{"tags":{}}`)), 204, "")

	for _, bad := range []string{
		"arn:aws:iot1click:us-west-2:123456789012:devices/G030PM9999999999",
		"arn:aws:iot1click:us-east-1:123456789012:devices/G030PM0123456789",
		"arn:aws:iot1click:us-west-2:210987654321:devices/G030PM0123456789",
		"arn:aws:iot:us-west-2:123456789012:devices/G030PM0123456789",
		"arn:aws:iot1click:us-west-2:123456789012:projects/G030PM0123456789",
		"G030PM0123456789",
	} {
		wantStatus(t, call(t, srv, "GET", tagsPath(bad), "", nil), 404, "ResourceNotFoundException")
		wantStatus(t, call(t, srv, "POST", tagsPath(bad), "", []byte(`{"tags":{"a":"b"}}`)), 404, "ResourceNotFoundException")
		wantStatus(t, call(t, srv, "DELETE", tagsPath(bad), "tagKeys=a", nil), 404, "ResourceNotFoundException")
	}
	wantStatus(t, send(t, srv, otherSigner(srv), "GET", p, "", nil), 404, "ResourceNotFoundException")
}

func TestRoutesAndBodies(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(1), iot1clicktest.WithMaxBodyBytes(100))
	id := srv.Devices()[0].DeviceId
	for _, c := range []struct{ method, path string }{
		{"POST", "/"}, // GET / is the console
		{"GET", "/nothing"},
		{"POST", "/devices"},
		{"DELETE", devicePath(id)},
		{"GET", devicePath(id, "initiate-claim")},
		{"GET", devicePath(id, "unknown")},
		{"GET", "/devices/"},
		{"GET", "/devices//methods"},
		{"PUT", "/claims"},
		{"PATCH", tagsPath("arn")},
		{"GET", "/tags/a/b"},
	} {
		r := call(t, srv, c.method, c.path, "", nil)
		if r.StatusCode != 404 {
			t.Errorf("%s %s: status %d", c.method, c.path, r.StatusCode)
			continue
		}
		wantStatus(t, r, 404, "UnknownOperationException")
	}
	big := []byte(`{"enabled":true,"padding":"` + strings.Repeat("x", 200) + `"}`)
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "state"), "", big), 413, "RequestEntityTooLargeException")
	wantStatus(t, call(t, srv, "PUT", devicePath(id, "state"), "", []byte(`{"enabled":true}`)), 200, "")
	// A body of unknown length (chunked) is limited too.
	req, _ := http.NewRequest("PUT", srv.URL+devicePath(id, "state"), io.MultiReader(bytes.NewReader(big)))
	signRequest(t, srv, req, big)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 || resp.Header.Get("X-Amzn-ErrorType") != "RequestEntityTooLargeException" || req.ContentLength != 0 {
		t.Errorf("chunked body: %d %v", resp.StatusCode, resp.Header)
	}

	// Every operation names itself in the log.
	srv.ResetRequests()
	arn := srv.Devices()[0].ARN
	cbody := []byte(`{"deviceMethod":{"deviceType":"device","methodName":"getDeviceHealthParameters"}}`)
	for _, c := range []struct {
		op, method, path, query string
		body                    []byte
	}{
		{"ListDevices", "GET", "/devices", "", nil},
		{"DescribeDevice", "GET", devicePath(id), "", nil},
		{"GetDeviceMethods", "GET", devicePath(id, "methods"), "", nil},
		{"InvokeDeviceMethod", "POST", devicePath(id, "methods"), "", cbody},
		{"ListDeviceEvents", "GET", devicePath(id, "events"), "fromTimeStamp=2020-01-01T00:00:00Z&toTimeStamp=2030-01-01T00:00:00Z", nil},
		{"UpdateDeviceState", "PUT", devicePath(id, "state"), "", []byte(`{"enabled":false}`)},
		{"ListTagsForResource", "GET", tagsPath(arn), "", nil},
		{"TagResource", "POST", tagsPath(arn), "", []byte(`{"tags":{"a":"b"}}`)},
		{"UntagResource", "DELETE", tagsPath(arn), "tagKeys=a", nil},
		{"ClaimDevicesByClaimCode", "PUT", "/claims/C-000000000000", "", nil},
		{"UnclaimDevice", "PUT", devicePath(id, "unclaim"), "", nil},
		{"InitiateDeviceClaim", "PUT", devicePath(id, "initiate-claim"), "", nil},
		{"FinalizeDeviceClaim", "PUT", devicePath(id, "finalize-claim"), "", nil},
	} {
		call(t, srv, c.method, c.path, c.query, c.body)
		reqs := srv.Requests()
		last := reqs[len(reqs)-1]
		gotQuery, _ := url.ParseQuery(last.RawQuery)
		wantQuery, _ := url.ParseQuery(c.query)
		if last.Operation != c.op || last.Method != c.method || last.Path != c.path || !cmp.Equal(gotQuery, wantQuery) ||
			string(last.Body) != string(c.body) || last.AccountId != srv.AccountID() || last.AccessKeyID != srv.AccessKeyID() {
			t.Errorf("%s: logged %+v", c.op, last)
		}
		if last.StatusCode == 0 || last.RequestID == "" || last.Time.IsZero() || last.Header.Get("Authorization") == "" {
			t.Errorf("%s: logged %+v", c.op, last)
		}
	}
	if n := len(srv.Requests()); n != 13 {
		t.Errorf("%d requests logged", n)
	}
	srv.ResetRequests()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests", n)
	}
}

func TestRequestLogLimit(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithMaxRequestLog(3))
	for i := 0; i < 5; i++ {
		call(t, srv, "GET", "/devices", fmt.Sprint("maxResults=", i+1), nil)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || reqs[0].RawQuery != "maxResults=3" || reqs[2].RawQuery != "maxResults=5" {
		t.Errorf("log %+v", reqs)
	}
	if reqs[0].StatusCode != http.StatusOK {
		t.Errorf("status %d", reqs[0].StatusCode)
	}
}
