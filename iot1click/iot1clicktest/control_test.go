package iot1clicktest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func control(t *testing.T, srv *iot1clicktest.Server, method, path, body string, status int) []byte {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, _ := http.NewRequest(method, srv.URL+"/_iot1click/"+path, rd)
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, b)
	}
	return b
}

func TestHTTPControl(t *testing.T) {
	srv := newServer(t)
	var info map[string]string
	_ = json.Unmarshal(control(t, srv, "GET", "info", "", 200), &info)
	if info["url"] != srv.URL || info["accessKeyId"] != srv.AccessKeyID() || info["secretAccessKey"] != srv.SecretAccessKey() ||
		info["region"] != "us-west-2" || info["accountId"] != "123456789012" {
		t.Errorf("info %v", info)
	}

	var ids struct {
		DeviceIDs []string `json:"deviceIds"`
	}
	_ = json.Unmarshal(control(t, srv, "POST", "fleet", `{"count":3}`, 200), &ids)
	if len(ids.DeviceIDs) != 3 {
		t.Fatalf("fleet %v", ids)
	}
	_ = json.Unmarshal(control(t, srv, "POST", "fleet", `{"count":2,"claimed":false}`, 200), &ids)
	unclaimed := ids.DeviceIDs
	control(t, srv, "POST", "devices", `[{"deviceId":"X1","accountId":"123456789012","remainingLife":42.5,"tags":{"a":"b"}}]`, 200)
	control(t, srv, "POST", "devices", `[{"deviceId":""}]`, 400)
	control(t, srv, "POST", "devices", `{`, 400)

	var devs []iot1clicktest.DeviceRecord
	_ = json.Unmarshal(control(t, srv, "GET", "devices", "", 200), &devs)
	if len(devs) != 6 {
		t.Fatalf("%d devices", len(devs))
	}
	var x1 iot1clicktest.DeviceRecord
	_ = json.Unmarshal(control(t, srv, "GET", "devices/X1", "", 200), &x1)
	if x1.State != "CLAIMED" || x1.RemainingLife != 42.5 || x1.Tags["a"] != "b" || x1.ARN != "arn:aws:iot1click:us-west-2:123456789012:devices/X1" {
		t.Errorf("X1 %+v", x1)
	}
	control(t, srv, "GET", "devices/nope", "", 404)

	control(t, srv, "POST", "claim-codes", `{"claimCode":"C-HTTPCODE0001","deviceIds":["`+unclaimed[0]+`"]}`, 200)
	control(t, srv, "POST", "claim-codes", `{"claimCode":"bad","deviceIds":[]}`, 400)
	control(t, srv, "POST", "claim-codes", `{"claimCode":"C-HTTPCODE0002","deviceIds":["nope"]}`, 404)
	wantStatus(t, call(t, srv, "PUT", "/claims/C-HTTPCODE0001", "", nil), 200, "")

	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	control(t, srv, "POST", "clock", `{"now":"2024-01-02T03:04:05Z"}`, 200)
	var clock map[string]time.Time
	_ = json.Unmarshal(control(t, srv, "POST", "clock", `{"advance":"1m"}`, 200), &clock)
	if !clock["now"].Equal(at.Add(time.Minute)) || !srv.Now().Equal(at.Add(time.Minute)) {
		t.Errorf("clock %v", clock)
	}
	_ = json.Unmarshal(control(t, srv, "GET", "clock", "", 200), &clock)
	if !clock["now"].Equal(at.Add(time.Minute)) {
		t.Errorf("clock %v", clock)
	}
	control(t, srv, "POST", "clock", `{"advance":"soon"}`, 400)

	var ev iot1clicktest.EventRecord
	_ = json.Unmarshal(control(t, srv, "POST", "click", `{"deviceId":"X1","clickType":"DOUBLE"}`, 200), &ev)
	if ev.DeviceId != "X1" || ev.ClickType != "DOUBLE" || !ev.Time.Equal(at.Add(time.Minute)) || ev.StdEvent == "" || ev.AccountId != "123456789012" {
		t.Errorf("event %+v", ev)
	}
	control(t, srv, "POST", "click", `{"deviceId":"nope"}`, 404)
	control(t, srv, "POST", "click", `{"deviceId":"X1","clickType":"TRIPLE"}`, 400)

	srv.SetClock(time.Now())
	control(t, srv, "POST", "faults", `{"operation":"ListDevices","statusCode":500,"times":1,"latency":"1ms"}`, 204)
	control(t, srv, "POST", "faults", `{"operation":"Nope"}`, 400)
	control(t, srv, "POST", "faults", `{"operation":"ListDevices","latency":"x"}`, 400)
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 500, "InternalFailureException")
	control(t, srv, "POST", "faults", `{"operation":"*","throttle":true}`, 204)
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 429, "ThrottlingException")
	control(t, srv, "DELETE", "faults", "", 204)
	wantStatus(t, call(t, srv, "GET", "/devices", "", nil), 200, "")

	var reqs []map[string]any
	_ = json.Unmarshal(control(t, srv, "GET", "requests", "", 200), &reqs)
	if len(reqs) != 4 || reqs[0]["operation"] != "ClaimDevicesByClaimCode" || reqs[3]["statusCode"] != float64(200) {
		t.Errorf("requests %v", reqs)
	}
	control(t, srv, "DELETE", "requests", "", 204)
	if len(srv.Requests()) != 0 {
		t.Errorf("requests not cleared")
	}
	wantStatus(t, call(t, srv, "PUT", devicePath("X1", "state"), "", []byte(`{"enabled":true}`)), 200, "")
	_ = json.Unmarshal(control(t, srv, "GET", "requests", "", 200), &reqs)
	if reqs[0]["body"] != `{"enabled":true}` {
		t.Errorf("logged body %v", reqs[0]["body"])
	}

	control(t, srv, "POST", "reset", "", 204)
	if n := len(srv.Devices()); n != 0 {
		t.Errorf("%d devices after reset", n)
	}
	control(t, srv, "GET", "nothing", "", 404)
	control(t, srv, "PUT", "devices", "", 404)
}

func TestGoControl(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithFleet(2), iot1clicktest.WithUnclaimedDevices(1))
	initial := srv.Devices()

	for name, d := range map[string]iot1clicktest.DeviceRecord{
		"no ID":         {},
		"bad state":     {DeviceId: "A", State: "LOST"},
		"life":          {DeviceId: "A", RemainingLife: 101},
		"negative life": {DeviceId: "A", RemainingLife: -1},
		"bad event":     {DeviceId: "A", Events: []iot1clicktest.EventRecord{{ClickType: "TRIPLE"}}},
		"bad callback":  {DeviceId: "A", OnClickCallback: "[]"},
	} {
		if err := srv.AddDevices(d); !errors.Is(err, iot1clicktest.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, ok := srv.Device("A"); ok {
		t.Errorf("an invalid device was added")
	}
	// Seeded events and defaults.
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: "A", State: iot1clicktest.StateClaimed, Attributes: map[string]string{"k": "v"},
		Events: []iot1clicktest.EventRecord{{ClickType: "SINGLE", Time: t0}}}); err != nil {
		t.Fatal(err)
	}
	a, _ := srv.Device("A")
	if a.Type != "button" || a.AccountId != srv.AccountID() || len(a.Events) != 1 || a.Events[0].AccountId != srv.AccountID() ||
		a.Events[0].StdEvent != `{"clickType":"SINGLE","reportedTime":"2023-01-01T00:00:00.000Z","certificateId":"`+a.Events[0].CertificateId+`","remainingLife":0,"testMode":false}` {
		t.Errorf("A %+v", a)
	}
	// Snapshots are copies.
	a.Attributes["k"] = "changed"
	a.Events[0].Attributes["k"] = "changed"
	if b, _ := srv.Device("A"); b.Attributes["k"] != "v" || b.Events[0].Attributes["k"] != "v" {
		t.Errorf("snapshot shares maps")
	}

	// Clicks.
	if _, err := srv.Click("nope", "SINGLE"); !errors.Is(err, iot1clicktest.ErrDeviceNotFound) {
		t.Errorf("click unknown: %v", err)
	}
	if _, err := srv.Click("A", "TRIPLE"); !errors.Is(err, iot1clicktest.ErrInvalid) {
		t.Errorf("click type: %v", err)
	}
	ev, err := srv.Click("A", "")
	if err != nil || ev.ClickType != "SINGLE" {
		t.Errorf("default click: %+v %v", ev, err)
	}
	ev2, _ := srv.Click("A", "LONG")
	if ev.CertificateId != ev2.CertificateId || len(ev.CertificateId) != 64 {
		t.Errorf("certificate IDs %q %q", ev.CertificateId, ev2.CertificateId)
	}

	// Claim codes.
	if err := srv.AddClaimCode("C-1", "A"); !errors.Is(err, iot1clicktest.ErrInvalid) {
		t.Errorf("short code: %v", err)
	}
	if err := srv.AddClaimCode("C-VALIDCODE01", "nope"); !errors.Is(err, iot1clicktest.ErrDeviceNotFound) {
		t.Errorf("unknown device: %v", err)
	}

	// Clock.
	srv.SetClock(t0)
	srv.AdvanceClock(time.Hour)
	if !srv.Now().Equal(t0.Add(time.Hour)) {
		t.Errorf("now %v", srv.Now())
	}

	// Reset restores the initial state, fleet included.
	srv.Reset()
	if diff := cmp.Diff(initial, srv.Devices()); diff != "" {
		t.Errorf("after reset (-want +got)\n%s", diff)
	}
	if time.Since(srv.Now()) > time.Minute {
		t.Errorf("clock not reset: %v", srv.Now())
	}
}

func TestFleetIsDeterministic(t *testing.T) {
	a := newServer(t, iot1clicktest.WithFleet(20), iot1clicktest.WithSeed(42)).Devices()
	b := newServer(t, iot1clicktest.WithFleet(20), iot1clicktest.WithSeed(42)).Devices()
	c := newServer(t, iot1clicktest.WithFleet(20), iot1clicktest.WithSeed(43)).Devices()
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different fleets:\n%s", diff)
	}
	if cmp.Equal(a, c) {
		t.Errorf("different seeds, same fleet")
	}
	tagged, enabled := 0, 0
	for _, d := range a {
		if len(d.Tags) > 0 {
			tagged++
		}
		if d.Enabled {
			enabled++
		}
	}
	if tagged == 0 || tagged == len(a) || enabled == 0 {
		t.Errorf("%d of %d tagged, %d enabled", tagged, len(a), enabled)
	}
}

func TestNewServerPanicsOnInvalidDevices(t *testing.T) {
	if err := catchPanic(func() { iot1clicktest.NewServer(iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{})).Close() }); err == nil {
		t.Errorf("no panic")
	}
}

func TestCloseWaitsForRequests(t *testing.T) {
	// The server reads its clock as a request arrives, before any injected
	// latency: once armed, the first read tells that the request is in the
	// handler, so Close surely finds it in flight.
	var armed atomic.Bool
	arrived := make(chan struct{})
	var once sync.Once
	srv := newServer(t, iot1clicktest.WithClock(func() time.Time {
		if armed.Load() {
			once.Do(func() { close(arrived) })
		}
		return time.Now()
	}))
	// Far longer than the test may take: Close must cut it short.
	testenv.Must(t, srv.InjectFault(iot1clicktest.OpListDevices, iot1clicktest.Fault{Latency: time.Hour}))
	req, _ := http.NewRequest("GET", srv.URL+"/devices", nil)
	signRequest(t, srv, req, nil)
	armed.Store(true)
	done := make(chan int, 1)
	go func() {
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			done <- -1
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	select {
	case <-arrived:
	case status := <-done:
		t.Fatalf("request answered (%d) before Close", status)
	case <-time.After(10 * time.Second):
		t.Fatal("the request did not reach the server")
	}
	start := time.Now()
	srv.Close()
	elapsed := time.Since(start)
	// The request is logged as it is answered: Close waited for that.
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].StatusCode != 200 || !reqs[0].Fault {
		t.Errorf("request log after Close: %+v", reqs)
	}
	if status := <-done; status != 200 {
		t.Errorf("in-flight request got %d", status)
	}
	if elapsed > 10*time.Second {
		t.Errorf("Close took %v: the injected latency was not cut short", elapsed)
	}
	srv.Close()
}
