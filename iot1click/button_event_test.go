package iot1click_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

const testCertificateID = "fd5a8d0e7e5a4b8b3c3e6f1a2b9d7c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c"

func float64Ptr(v float64) *float64 { return &v }

func TestParseButtonEvent(t *testing.T) {
	tests := []struct {
		name, in string
		want     *iot1click.ButtonEvent
	}{
		{
			name: "single click, percentage life",
			in:   `{"clickType":"SINGLE","reportedTime":"2018-05-04T23:26:33.747Z","certificateId":"` + testCertificateID + `","remainingLife":99.85,"testMode":false}`,
			want: &iot1click.ButtonEvent{
				ClickType:     iot1click.ClickTypeSingle,
				ReportedTime:  time.Date(2018, 5, 4, 23, 26, 33, 747e6, time.UTC),
				RemainingLife: float64Ptr(99.85),
				CertificateId: testCertificateID,
			},
		},
		{
			name: "double click in test mode",
			in:   `{"clickType":"DOUBLE","reportedTime":"2018-03-28T15:45:12.880Z","certificateId":"` + testCertificateID + `","remainingLife":5.0,"testMode":true}`,
			want: &iot1click.ButtonEvent{
				ClickType:     iot1click.ClickTypeDouble,
				ReportedTime:  time.Date(2018, 3, 28, 15, 45, 12, 880e6, time.UTC),
				RemainingLife: float64Ptr(5.0),
				CertificateId: testCertificateID,
				TestMode:      true,
			},
		},
		{
			name: "long click, minimal, unknown members ignored",
			in:   `{"clickType":"LONG","extra":{"a":[1,2]}}`,
			want: &iot1click.ButtonEvent{ClickType: iot1click.ClickTypeLong},
		},
		{
			name: "offset time",
			in:   `{"clickType":"SINGLE","reportedTime":"2018-05-04T16:26:33-07:00"}`,
			want: &iot1click.ButtonEvent{ClickType: iot1click.ClickTypeSingle, ReportedTime: time.Date(2018, 5, 4, 23, 26, 33, 0, time.UTC)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := iot1click.ParseButtonEvent(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("ParseButtonEvent (-want +got):\n%s", diff)
			}
			// The method on DeviceEvent is the same parse.
			got2, err := iot1click.DeviceEvent{StdEvent: tt.in}.ButtonEvent()
			if err != nil || !cmp.Equal(got, got2) {
				t.Errorf("DeviceEvent.ButtonEvent = %+v, %v", got2, err)
			}
		})
	}
}

func TestParseButtonEventErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		wantIs    error
		wantField string
		wantJSON  bool // the cause is a JSON decoding error
	}{
		{name: "health event", in: `{"deviceHealthMonitor":{"condition":{"remainingLifeLowerThan":10}}}`, wantIs: iot1click.ErrNotButtonEvent},
		{name: "empty object", in: `{}`, wantIs: iot1click.ErrNotButtonEvent},
		{name: "null", in: `null`, wantIs: iot1click.ErrNotButtonEvent},
		{name: "unknown click type", in: `{"clickType":"TRIPLE"}`, wantIs: iot1click.ErrUnknownClickType, wantField: "clickType"},
		{name: "lower-case click type", in: `{"clickType":"single"}`, wantIs: iot1click.ErrUnknownClickType, wantField: "clickType"},
		{name: "empty string", in: ``, wantJSON: true},
		{name: "garbage", in: `click!`, wantJSON: true},
		{name: "truncated", in: `{"clickType":"SINGLE"`, wantJSON: true},
		{name: "array", in: `[1,2]`, wantJSON: true},
		{name: "numeric click type", in: `{"clickType":5}`, wantField: "clickType", wantJSON: true},
		{name: "string remaining life", in: `{"clickType":"SINGLE","remainingLife":"high"}`, wantField: "remainingLife", wantJSON: true},
		{name: "bad reported time", in: `{"clickType":"SINGLE","reportedTime":"yesterday"}`, wantField: "reportedTime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := iot1click.ParseButtonEvent(tt.in)
			if got != nil {
				t.Errorf("event %+v, want nil", got)
			}
			var ee *iot1click.EventError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v (%T), want an *EventError", err, err)
			}
			if ee.Field != tt.wantField {
				t.Errorf("Field = %q, want %q", ee.Field, tt.wantField)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v does not match %v", err, tt.wantIs)
			}
			if tt.wantIs != iot1click.ErrNotButtonEvent && errors.Is(err, iot1click.ErrNotButtonEvent) {
				t.Errorf("error %v matches ErrNotButtonEvent", err)
			}
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			if isJSON := errors.As(err, &se) || errors.As(err, &te); isJSON != tt.wantJSON {
				t.Errorf("error %v: JSON cause %v, want %v", err, isJSON, tt.wantJSON)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "iot1click: stdEvent") || strings.Count(msg, "iot1click: ") != 1 {
				t.Errorf("message %q, want one %q prefix", msg, "iot1click: stdEvent")
			}
		})
	}
}

// TestButtonEventFromEmulator parses the events the emulator records for
// real clicks, as ListDeviceEvents returns them.
func TestButtonEventFromEmulator(t *testing.T) {
	srv, client := newPagingServer(t)
	const id = "G030PM0000000123"
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: id, State: iot1clicktest.StateClaimed, RemainingLife: 42.5}); err != nil {
		t.Fatal(err)
	}
	start := srv.Now().Add(-time.Second)
	clicked, err := srv.Click(id, iot1click.ClickTypeLong)
	if err != nil {
		t.Fatal(err)
	}
	out, err := client.ListDeviceEvents(t.Context(), &iot1click.ListDeviceEventsInput{DeviceId: id, FromTimeStamp: start, ToTimeStamp: srv.Now().Add(time.Second)})
	if err != nil || len(out.Events) != 1 {
		t.Fatalf("ListDeviceEvents: %+v, %v", out, err)
	}
	got, err := out.Events[0].ButtonEvent()
	if err != nil {
		t.Fatal(err)
	}
	want := &iot1click.ButtonEvent{
		ClickType:     iot1click.ClickTypeLong,
		ReportedTime:  clicked.Time.UTC().Truncate(time.Millisecond),
		RemainingLife: float64Ptr(42.5),
		CertificateId: clicked.CertificateId,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ButtonEvent (-want +got):\n%s", diff)
	}
}

// TestErrorVariablesPrefix checks that the package's exported error
// variables name the package in their messages.
func TestErrorVariablesPrefix(t *testing.T) {
	for _, err := range []error{
		iot1click.ErrNotButtonEvent,
		iot1click.ErrUnknownClickType,
		iot1click.ErrDuplicateToken,
		iot1click.ErrNoMorePages,
	} {
		if !strings.HasPrefix(err.Error(), "iot1click: ") {
			t.Errorf("message %q lacks the %q prefix", err, "iot1click: ")
		}
	}
}

// TestParseButtonEventHugeClickType checks that an unknown click
// type of a megabyte is quoted as a short excerpt, not whole.
func TestParseButtonEventHugeClickType(t *testing.T) {
	huge := strings.Repeat("X", 1<<20)
	_, err := iot1click.ParseButtonEvent(`{"clickType":"` + huge + `"}`)
	if !errors.Is(err, iot1click.ErrUnknownClickType) {
		t.Fatalf("err = %v, want ErrUnknownClickType", err)
	}
	if n := len(err.Error()); n > 300 {
		t.Errorf("error is %d bytes long; want a short excerpt", n)
	}
}
