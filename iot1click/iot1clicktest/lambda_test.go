package iot1clicktest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// clickTime is the server time of the clicks below; the event keeps its
// milliseconds only.
var clickTime = time.Date(2018, 5, 4, 23, 26, 33, 747_654_321, time.UTC)

// dumpsterArn is the function of the placed devices' first template.
const dumpsterArn = "arn:aws:lambda:us-west-2:123456789012:function:dumpster"

// placedDevices are devices of one placement, whose first template routes
// clicks to dumpsterArn, a device of another account placed in its own
// project of the same name, and a device placed nowhere.
func placedDevices() []iot1clicktest.Option {
	return []iot1clicktest.Option{
		iot1clicktest.WithDevices(
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000001", State: iot1clicktest.StateClaimed, Enabled: true, RemainingLife: 5},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000002", State: iot1clicktest.StateClaimed, RemainingLife: 80},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000003", AccountId: "210987654321", RemainingLife: 80},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000004", State: iot1clicktest.StateClaimed, RemainingLife: 99.85},
		),
		iot1clicktest.WithProjects(
			iot1clicktest.ProjectRecord{
				ProjectName:       "AnytownDumpsters",
				DefaultAttributes: map[string]string{"equipment": "dumpster", "location": "unknown"},
				DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{
					"empty-dumpster-request": {DeviceType: "button", CallbackOverrides: map[string]string{iot1clicktest.CallbackOnClick: dumpsterArn}},
					"call-driver":            {DeviceType: "button"},
				},
				Placements: []iot1clicktest.PlacementRecord{{
					PlacementName: "customer217",
					Attributes:    map[string]string{"location": "123 Any Street"},
					Devices:       map[string]string{"empty-dumpster-request": "G030PM0000000001", "call-driver": "G030PM0000000002"},
				}},
			},
			iot1clicktest.ProjectRecord{
				AccountId:       "210987654321",
				ProjectName:     "AnytownDumpsters",
				DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"other-account": {}},
				Placements: []iot1clicktest.PlacementRecord{{
					PlacementName: "customer217",
					Devices:       map[string]string{"other-account": "G030PM0000000003"},
				}},
			},
		),
	}
}

// placedEvent is the event of a SINGLE click of G030PM0000000001 at
// clickTime.
const placedEvent = `{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE","reportedTime":"2018-05-04T23:26:33.747Z"}},` +
	`"deviceInfo":{"attributes":{"deviceTemplateName":"empty-dumpster-request","placementName":"customer217","projectName":"AnytownDumpsters","projectRegion":"us-west-2"},` +
	`"type":"button","deviceId":"G030PM0000000001","remainingLife":5},` +
	`"placementInfo":{"projectName":"AnytownDumpsters","placementName":"customer217",` +
	`"attributes":{"equipment":"dumpster","location":"123 Any Street"},` +
	`"devices":{"call-driver":"G030PM0000000002","empty-dumpster-request":"G030PM0000000001"}}}`

func newClickServer(t *testing.T, opts ...iot1clicktest.Option) *iot1clicktest.Server {
	t.Helper()
	srv := newServer(t, append(placedDevices(), opts...)...)
	return srv
}

func TestClickEvent(t *testing.T) {
	srv := newClickServer(t)
	srv.SetClock(clickTime)
	for _, tc := range []struct {
		id, clickType, want string
	}{
		{"G030PM0000000001", "SINGLE", placedEvent},
		// Placed nowhere: no placementInfo.
		{"G030PM0000000004", "LONG", `{"deviceEvent":{"buttonClicked":{"clickType":"LONG","reportedTime":"2018-05-04T23:26:33.747Z"}},` +
			`"deviceInfo":{"attributes":{},"type":"button","deviceId":"G030PM0000000004","remainingLife":99.85}}`},
	} {
		rec, err := srv.Click(tc.id, tc.clickType)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := srv.ClickEvent(rec)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("event of %s:\n got %s\nwant %s", tc.id, b, tc.want)
		}
		// The event as built is the event as the function reads it.
		parsed, err := clickevent.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(*parsed, ev); diff != "" {
			t.Errorf("event of %s differs from its JSON read back (-read +built):\n%s", tc.id, diff)
		}
	}

	// The device's attributes are those of the click, not of later changes.
	rec, _ := srv.Click("G030PM0000000001", "")
	d, _ := srv.Device("G030PM0000000001")
	d.Attributes = nil
	d.Events = nil
	if err := srv.AddDevices(d); err != nil {
		t.Fatal(err)
	}
	ev, err := srv.ClickEvent(rec)
	if err != nil || ev.Placement == nil || ev.Device.Attributes["projectName"] != "AnytownDumpsters" ||
		ev.Placement.Devices["empty-dumpster-request"] != "G030PM0000000001" {
		t.Errorf("event of a click before the device was unplaced: %+v, %v", ev, err)
	}

	for _, rec := range []iot1clicktest.EventRecord{{}, {DeviceId: "G030PM0000000001", ClickType: "TRIPLE"}} {
		if _, err := srv.ClickEvent(rec); !errors.Is(err, iot1clicktest.ErrInvalid) {
			t.Errorf("ClickEvent(%+v): %v, want ErrInvalid", rec, err)
		}
	}
}

// logLines collects the lines of WithLogf.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// deliveries returns the lines about deliveries.
func (l *logLines) deliveries() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, s := range l.lines {
		if strings.Contains(s, " delivered to ") {
			out = append(out, s)
		}
	}
	return out
}

func TestClickHandler(t *testing.T) {
	var (
		log    logLines
		mu     sync.Mutex
		got    []clickevent.Event
		client *iot1click.Client
	)
	fn := func(ctx context.Context, ev clickevent.Event) error {
		mu.Lock()
		got = append(got, ev)
		mu.Unlock()
		if ev.ClickType == iot1click.ClickTypeDouble {
			return errors.New("the function failed")
		}
		// The handler calls back into the emulator.
		_, err := client.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: ev.Device.DeviceId, Enabled: ev.ClickType == iot1click.ClickTypeSingle})
		return err
	}
	srv := newClickServer(t, iot1clicktest.WithLogf(log.logf), iot1clicktest.WithClickHandler(fn), iot1clicktest.WithLambda(dumpsterArn, fn))
	client = srv.Client()

	rec, err := srv.Click("G030PM0000000004", "LONG")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := srv.ClickEvent(rec)
	mu.Lock()
	if diff := cmp.Diff([]clickevent.Event{want}, got); diff != "" {
		t.Errorf("events delivered (-want +got):\n%s", diff)
	}
	mu.Unlock()
	// The handler's callback is done when Click returns.
	if d, _ := srv.Device("G030PM0000000004"); d.Enabled {
		t.Error("device enabled after a LONG click, want the handler to have disabled it")
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Operation != iot1clicktest.OpUpdateDeviceState || reqs[0].StatusCode != 200 ||
		string(reqs[0].Body) != `{"enabled":false}` {
		t.Errorf("requests %+v, want the handler's UpdateDeviceState", reqs)
	}

	// A function's failure does not fail the click; it is logged.
	if _, err := srv.Click("G030PM0000000001", "DOUBLE"); err != nil {
		t.Fatalf("click with a failing function: %v", err)
	}
	// The control API's click delivers too.
	control(t, srv, "POST", "click", `{"deviceId":"G030PM0000000004","clickType":"SINGLE"}`, 200)
	if d, _ := srv.Device("G030PM0000000004"); !d.Enabled {
		t.Error("device disabled after a SINGLE click through the control API, want the handler to have enabled it")
	}
	wantLog := []string{
		"iot1clicktest: LONG click of G030PM0000000004 delivered to the click handler",
		"iot1clicktest: DOUBLE click of G030PM0000000001 delivered to the function of " + dumpsterArn + " failed: the function failed",
		"iot1clicktest: SINGLE click of G030PM0000000004 delivered to the click handler",
	}
	if diff := cmp.Diff(wantLog, log.deliveries()); diff != "" {
		t.Errorf("logged deliveries (-want +got):\n%s", diff)
	}
	mu.Lock()
	if len(got) != 3 || got[1].Placement == nil || got[2].ClickType != "SINGLE" {
		t.Errorf("events delivered: %+v", got)
	}
	mu.Unlock()
}

// invocationPath is the path of the Lambda Runtime Interface Emulator's
// invocation URL.
const invocationPath = "/2015-03-31/functions/function/invocations"

// verifyNoLeaks checks, at the end of the test, after the cleanups
// registered later, that no goroutine started by the test is left.
func verifyNoLeaks(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

func TestClickURL(t *testing.T) {
	verifyNoLeaks(t)
	type post struct {
		Method, Path, ContentType, Body string
	}
	posts := make(chan post, 10)
	fn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		posts <- post{r.Method, r.URL.Path, r.Header.Get("Content-Type"), string(b)}
		switch {
		case strings.Contains(string(b), `"DOUBLE"`):
			// The Lambda Invoke API's answer for a function's error.
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			fmt.Fprint(w, `{"errorMessage":"boom","errorType":"errorString"}`)
		case strings.Contains(string(b), `"LONG"`):
			http.Error(w, "bad gateway", http.StatusBadGateway)
		default:
			fmt.Fprint(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(fn.Close)
	var log logLines
	srv := newClickServer(t, iot1clicktest.WithLogf(log.logf), iot1clicktest.WithClickURL(fn.URL+invocationPath),
		iot1clicktest.WithLambdaURL(dumpsterArn, fn.URL+invocationPath))
	srv.SetClock(clickTime)

	if _, err := srv.Click("G030PM0000000001", "SINGLE"); err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-posts:
		if diff := cmp.Diff(post{"POST", invocationPath, "application/json", placedEvent}, p); diff != "" {
			t.Errorf("POST of the event (-want +got):\n%s", diff)
		}
	default:
		t.Fatal("Click returned before the event was delivered")
	}
	for _, ct := range []string{"DOUBLE", "LONG"} {
		if _, err := srv.Click("G030PM0000000001", ct); err != nil {
			t.Errorf("%s click with a failing function: %v", ct, err)
		}
		<-posts
	}
	url := fn.URL + invocationPath + " of " + dumpsterArn
	wantLog := []string{
		"iot1clicktest: SINGLE click of G030PM0000000001 delivered to " + url,
		"iot1clicktest: DOUBLE click of G030PM0000000001 delivered to " + url +
			` failed: function error Unhandled: "{\"errorMessage\":\"boom\",\"errorType\":\"errorString\"}"`,
		"iot1clicktest: LONG click of G030PM0000000001 delivered to " + url + ` failed: status 502: "bad gateway"`,
	}
	if diff := cmp.Diff(wantLog, log.deliveries()); diff != "" {
		t.Errorf("logged deliveries (-want +got):\n%s", diff)
	}

	// The control API's click delivers too.
	control(t, srv, "POST", "click", `{"deviceId":"G030PM0000000004"}`, 200)
	if p := <-posts; !strings.Contains(p.Body, `"deviceId":"G030PM0000000004"`) {
		t.Errorf("event of a control API click: %s", p.Body)
	}
}

func TestClickURLCancelledByClose(t *testing.T) {
	verifyNoLeaks(t)
	arrived := make(chan struct{})
	fn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // then the server notices when the client goes away
		close(arrived)
		<-r.Context().Done() // a function that never answers
	}))
	t.Cleanup(fn.Close)
	var log logLines
	srv := iot1clicktest.NewServer(append(placedDevices(), iot1clicktest.WithLogf(log.logf), iot1clicktest.WithLambdaURL(dumpsterArn, fn.URL))...)
	defer srv.Close()

	done := make(chan error)
	go func() {
		_, err := srv.Click("G030PM0000000001", "SINGLE")
		done <- err
	}()
	<-arrived
	srv.Close()
	if err := <-done; err != nil {
		t.Errorf("click cut short by Close: %v", err)
	}
	if got := log.deliveries(); len(got) != 1 || !strings.Contains(got[0], "context canceled") {
		t.Errorf("logged deliveries %q, want one cancelled", got)
	}
}

// TestClickURLTimeout checks that a function that never answers holds a
// click no longer than the delivery timeout, even on a Handler that no
// Server closes.
func TestClickURLTimeout(t *testing.T) {
	verifyNoLeaks(t)
	iot1clicktest.SetClickDeliveryTimeout(t, 100*time.Millisecond)
	release := make(chan struct{})
	fn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		select { // a function that never answers, until the test ends
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(fn.Close)
	t.Cleanup(func() { close(release) })
	var log logLines
	h := iot1clicktest.NewHandler(append(placedDevices(), iot1clicktest.WithLogf(log.logf), iot1clicktest.WithLambdaURL(dumpsterArn, fn.URL))...)
	if _, err := h.Click("G030PM0000000001", "SINGLE"); err != nil {
		t.Fatalf("click: %v", err)
	}
	if got := log.deliveries(); len(got) != 1 || !strings.Contains(got[0], "deadline exceeded") {
		t.Errorf("logged deliveries %q, want one timed out", got)
	}
}

func TestClickURLInvalid(t *testing.T) {
	for _, u := range []string{"", "/2015-03-31/functions/function/invocations", "ftp://127.0.0.1/x", "http://", "http://[::1"} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "click URL") {
					t.Errorf("WithClickURL(%q): panic %v, want one about the click URL", u, r)
				}
			}()
			iot1clicktest.NewHandler(iot1clicktest.WithClickURL(u))
		}()
	}
}
