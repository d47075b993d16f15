package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// loop is the click loop under test: the emulator delivers clicks to the
// handler, which calls back into the emulator.
type loop struct {
	srv     *iot1clicktest.Server
	handler *Handler

	mu        sync.Mutex
	responses []*Response
	logged    []string
}

func (l *loop) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := fmt.Sprintf(format, args...); strings.Contains(s, " delivered to ") {
		l.logged = append(l.logged, s)
	}
}

func (l *loop) respond(r *Response) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.responses = append(l.responses, r)
}

// functionArn is the function the placed device's template names.
const functionArn = "arn:aws:lambda:us-west-2:123456789012:function:dumpster"

// inProcess delivers the clicks to the handler in process: the placed
// device's as the function of functionArn, the others' as the click
// handler.
func inProcess(t *testing.T, l *loop) []iot1clicktest.Option {
	fn := func(ctx context.Context, ev clickevent.Event) error {
		resp, err := l.handler.Handle(ctx, ev)
		if err == nil {
			l.respond(resp)
		}
		return err
	}
	return []iot1clicktest.Option{iot1clicktest.WithClickHandler(fn), iot1clicktest.WithLambda(functionArn, fn)}
}

// overHTTP delivers the clicks over HTTP to InvokeHandler, what -serve
// serves, as the emulator's -on-click and -lambda do.
func overHTTP(t *testing.T, l *loop) []iot1clicktest.Option {
	fn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		InvokeHandler(l.handler, io.Discard).ServeHTTP(rec, r) // l.handler is set after NewServer
		if rec.Code == http.StatusOK && rec.Header().Get("X-Amz-Function-Error") == "" {
			var resp *Response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Errorf("handler's response %s: %v", rec.Body, err)
			}
			l.respond(resp)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(fn.Close)
	return []iot1clicktest.Option{iot1clicktest.WithClickURL(fn.URL + InvocationsPath), iot1clicktest.WithLambdaURL(functionArn, fn.URL+InvocationsPath)}
}

func TestClickLoop(t *testing.T) {
	for name, deliver := range map[string]func(*testing.T, *loop) []iot1clicktest.Option{
		"in process": inProcess,
		"over HTTP":  overHTTP,
	} {
		t.Run(name, func(t *testing.T) {
			// The emulator's clock stops at the test's time, to the
			// millisecond; the client signs with the real clock, close
			// enough.
			now := time.Now().UTC().Truncate(time.Millisecond)
			l := &loop{}
			l.srv = iot1clicktest.NewServer(append(deliver(t, l),
				iot1clicktest.WithLogf(l.logf),
				iot1clicktest.WithDevices(
					iot1clicktest.DeviceRecord{
						DeviceId: "G030PM0123456789", State: iot1clicktest.StateClaimed, Enabled: true, RemainingLife: 42.5,
						Events: []iot1clicktest.EventRecord{{ClickType: iot1click.ClickTypeSingle, Time: now}},
					},
					// A device of another account, placed nowhere: the
					// handler cannot describe it.
					iot1clicktest.DeviceRecord{DeviceId: "G030PM9999999999", AccountId: "210987654321"},
				),
				// The first device is placed: its clicks go to the
				// function of its template.
				iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{
					ProjectName: "AnytownDumpsters",
					DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"empty-dumpster-request": {
						DeviceType: "button", CallbackOverrides: map[string]string{iot1clicktest.CallbackOnClick: functionArn},
					}},
					Placements: []iot1clicktest.PlacementRecord{{
						PlacementName: "customer217",
						Devices:       map[string]string{"empty-dumpster-request": "G030PM0123456789"},
					}},
				}),
			)...)
			defer l.srv.Close()
			l.srv.SetClock(now)
			l.handler = &Handler{Client: l.srv.Client(), Now: func() time.Time { return now }}

			// A click: the handler is invoked with its event and calls back
			// into the emulator before Click returns.
			if _, err := l.srv.Click("G030PM0123456789", iot1click.ClickTypeDouble); err != nil {
				t.Fatal(err)
			}
			life := 42.5
			want := []*Response{{
				DeviceId:      "G030PM0123456789",
				ClickType:     "DOUBLE",
				ReportedTime:  now.Format(clickevent.ReportedTimeLayout),
				Project:       "AnytownDumpsters",
				Placement:     "customer217",
				Enabled:       true,
				RemainingLife: &life,
				ClicksToday:   2,
				Message:       "DOUBLE click on device G030PM0123456789: click 2 of the day (UTC).",
			}}
			l.mu.Lock()
			if diff := cmp.Diff(want, l.responses); diff != "" {
				t.Errorf("handler's responses (-want +got):\n%s", diff)
			}
			l.mu.Unlock()

			// The emulator served the handler's calls.
			var calls []string
			for _, r := range l.srv.Requests() {
				calls = append(calls, fmt.Sprintf("%s %s %d", r.Operation, r.Path, r.StatusCode))
			}
			wantCalls := []string{
				"DescribeDevice /devices/G030PM0123456789 200",
				"ListDeviceEvents /devices/G030PM0123456789/events 200",
			}
			if diff := cmp.Diff(wantCalls, calls); diff != "" {
				t.Errorf("requests the handler made (-want +got):\n%s", diff)
			}

			// The handler fails for a device it cannot describe: the click
			// stands, and the failed delivery is logged.
			if _, err := l.srv.Click("G030PM9999999999", ""); err != nil {
				t.Errorf("click with a failing handler: %v", err)
			}
			if d, _ := l.srv.Device("G030PM9999999999"); len(d.Events) != 1 {
				t.Errorf("%d events recorded for the click whose handler failed, want 1", len(d.Events))
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			if len(l.logged) != 2 || strings.Contains(l.logged[0], "failed") ||
				!strings.Contains(l.logged[1], "SINGLE click of G030PM9999999999 delivered to ") ||
				!strings.Contains(l.logged[1], "failed: ") || !strings.Contains(l.logged[1], "ResourceNotFoundException") {
				t.Errorf("logged deliveries %q, want a success and a failure with ResourceNotFoundException", l.logged)
			}
			if len(l.responses) != 1 {
				t.Errorf("%d responses, want 1", len(l.responses))
			}
		})
	}
}
