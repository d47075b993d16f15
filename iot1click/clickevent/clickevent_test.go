package clickevent_test

import (
	"encoding/json"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
)

// awsSample is the click event of the AWS IoT 1-Click developer guide, as
// aws-lambda-go's testdata holds it.
const awsSample = `{
  "deviceEvent": {"buttonClicked": {"clickType": "SINGLE", "reportedTime": "2018-05-04T23:26:33.747Z"}},
  "deviceInfo": {
    "attributes": {"key3": "value3", "key1": "value1", "key4": "value4"},
    "type": "button", "deviceId": "G030PM0123456789", "remainingLife": 5.00
  },
  "placementInfo": {
    "projectName": "test", "placementName": "myPlacement",
    "attributes": {"location": "Seattle", "equipment": "printer"},
    "devices": {"myButton": "G030PM0123456789"}
  }
}`

// awsSampleEvent is awsSample, typed.
func awsSampleEvent() *clickevent.Event {
	return &clickevent.Event{
		ClickType:    iot1click.ClickTypeSingle,
		ReportedTime: time.Date(2018, 5, 4, 23, 26, 33, 747e6, time.UTC),
		Device: clickevent.Device{
			DeviceId:      "G030PM0123456789",
			Type:          clickevent.DeviceTypeButton,
			RemainingLife: 5,
			Attributes:    map[string]string{"key1": "value1", "key3": "value3", "key4": "value4"},
		},
		Placement: &clickevent.Placement{
			ProjectName:   "test",
			PlacementName: "myPlacement",
			Attributes:    map[string]string{"location": "Seattle", "equipment": "printer"},
			Devices:       map[string]string{"myButton": "G030PM0123456789"},
		},
	}
}

// healthSample is a health-monitor alert of a device that is not placed.
const healthSample = `{"deviceEvent":{"deviceHealthMonitor":{"condition":{"remainingLifeLowerThan":10}}},
	"deviceInfo":{"attributes":{},"type":"button","deviceId":"G030PM0123456789","remainingLife":9.5}}`

// jsonEqual reports whether a and b hold the same JSON value.
func jsonEqual(t *testing.T, a, b []byte) string {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return cmp.Diff(va, vb)
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     *clickevent.Event
	}{
		{name: "AWS sample", in: awsSample, want: awsSampleEvent()},
		{
			name: "health alert, not placed",
			in:   healthSample,
			want: &clickevent.Event{
				Health: &clickevent.HealthCondition{RemainingLifeLowerThan: 10},
				Device: clickevent.Device{DeviceId: "G030PM0123456789", Type: "button", RemainingLife: 9.5},
			},
		},
		{
			name: "long click, minimal, unknown members ignored",
			in:   `{"deviceEvent":{"buttonClicked":{"clickType":"LONG"},"other":1},"deviceInfo":{"deviceId":"G1"},"extra":[1,{}]}`,
			want: &clickevent.Event{ClickType: iot1click.ClickTypeLong, Device: clickevent.Device{DeviceId: "G1"}},
		},
		{
			name: "null and empty placement, offset time",
			in:   `{"deviceEvent":{"buttonClicked":{"clickType":"DOUBLE","reportedTime":"2018-05-04T16:26:33-07:00"}},"deviceInfo":{"deviceId":"G1","attributes":null},"placementInfo":{"projectName":"","placementName":"","attributes":null,"devices":{}}}`,
			want: &clickevent.Event{
				ClickType:    iot1click.ClickTypeDouble,
				ReportedTime: time.Date(2018, 5, 4, 23, 26, 33, 0, time.UTC),
				Device:       clickevent.Device{DeviceId: "G1"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := clickevent.Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
			// UnmarshalJSON is the same parse, also inside a document.
			var doc struct{ Event clickevent.Event }
			if err := json.Unmarshal([]byte(`{"Event":`+tt.in+`}`), &doc); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, &doc.Event); diff != "" {
				t.Errorf("UnmarshalJSON (-want +got):\n%s", diff)
			}
			// And a document marshalled by value writes the event's shape.
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			want, err := tt.want.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if diff := jsonEqual(t, []byte(`{"Event":`+string(want)+`}`), b); diff != "" {
				t.Errorf("json.Marshal of a document (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in    string
		wantIs      error
		wantField   string
		wantJSON    bool   // the cause is a JSON decoding error
		wantExcerpt string // a piece of the excerpt
	}{
		{name: "unknown click type", in: `{"deviceEvent":{"buttonClicked":{"clickType":"TRIPLE"}},"deviceInfo":{"deviceId":"G1"}}`,
			wantIs: model.ErrUnknownClickType, wantField: "deviceEvent.buttonClicked.clickType"},
		{name: "lower-case click type", in: `{"deviceEvent":{"buttonClicked":{"clickType":"single"}},"deviceInfo":{"deviceId":"G1"}}`,
			wantIs: model.ErrUnknownClickType, wantField: "deviceEvent.buttonClicked.clickType"},
		{name: "empty click type", in: `{"deviceEvent":{"buttonClicked":{"clickType":""}},"deviceInfo":{"deviceId":"G1"}}`,
			wantIs: clickevent.ErrMissingMember, wantField: "deviceEvent.buttonClicked.clickType"},
		{name: "no deviceEvent", in: `{"deviceInfo":{"deviceId":"G1"}}`, wantIs: clickevent.ErrMissingMember, wantField: "deviceEvent"},
		{name: "null", in: `null`, wantIs: clickevent.ErrMissingMember, wantField: "deviceEvent"},
		{name: "empty deviceEvent", in: `{"deviceEvent":{},"deviceInfo":{"deviceId":"G1"}}`, wantIs: clickevent.ErrUnknownEvent, wantField: "deviceEvent"},
		{name: "click and health", in: `{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE"},"deviceHealthMonitor":{"condition":{"remainingLifeLowerThan":10}}},"deviceInfo":{"deviceId":"G1"}}`,
			wantIs: clickevent.ErrUnknownEvent, wantField: "deviceEvent"},
		{name: "health without condition", in: `{"deviceEvent":{"deviceHealthMonitor":{}},"deviceInfo":{"deviceId":"G1"}}`,
			wantIs: clickevent.ErrMissingMember, wantField: "deviceEvent.deviceHealthMonitor.condition.remainingLifeLowerThan"},
		{name: "no device ID", in: `{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE"}},"deviceInfo":{"type":"button"}}`,
			wantIs: clickevent.ErrMissingMember, wantField: "deviceInfo.deviceId"},
		{name: "bad reported time", in: `{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE","reportedTime":"yesterday"}},"deviceInfo":{"deviceId":"G1"}}`,
			wantField: "deviceEvent.buttonClicked.reportedTime"},
		{name: "reported time before year 1 in UTC", in: `{"deviceEvent":{"buttonClicked":{"clickType":"SINGLE","reportedTime":"0001-01-01T00:30:00+01:00"}},"deviceInfo":{"deviceId":"G1"}}`,
			wantField: "deviceEvent.buttonClicked.reportedTime"},
		{name: "empty input", in: ``, wantJSON: true},
		{name: "garbage", in: `{"deviceEvent": click!}`, wantJSON: true, wantExcerpt: `{"deviceEvent": click!}`},
		{name: "truncated", in: awsSample[:40], wantJSON: true},
		{name: "array", in: `[1,2]`, wantJSON: true, wantExcerpt: "[1,2]"},
		{name: "numeric click type", in: `{"deviceEvent":{"buttonClicked":{"clickType":5}}}`,
			wantField: "deviceEvent.buttonClicked.clickType", wantJSON: true, wantExcerpt: `"clickType":5`},
		{name: "string remaining life", in: `{"deviceInfo":{"remainingLife":"high"}}`, wantField: "deviceInfo.remainingLife", wantJSON: true},
		{name: "numeric attribute", in: `{"deviceInfo":{"attributes":{"a":1}}}`, wantField: "deviceInfo.attributes", wantJSON: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := clickevent.Parse([]byte(tt.in))
			if got != nil {
				t.Errorf("event %+v, want nil", got)
			}
			var ce *clickevent.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T), want a *clickevent.Error", err, err)
			}
			if ce.Field != tt.wantField {
				t.Errorf("Field = %q, want %q", ce.Field, tt.wantField)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v does not match %v", err, tt.wantIs)
			}
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			if isJSON := errors.As(err, &se) || errors.As(err, &te); isJSON != tt.wantJSON {
				t.Errorf("error %v: JSON cause %v, want %v", err, isJSON, tt.wantJSON)
			}
			if !strings.Contains(ce.Excerpt, tt.wantExcerpt) || (ce.Excerpt != "") != (tt.wantExcerpt != "" || tt.wantJSON && tt.in != "") {
				t.Errorf("Excerpt = %q, want one with %q", ce.Excerpt, tt.wantExcerpt)
			}
			// json.Unmarshal gives the same error for valid JSON.
			if json.Valid([]byte(tt.in)) {
				var ev clickevent.Event
				if uerr := json.Unmarshal([]byte(tt.in), &ev); uerr == nil || uerr.Error() != err.Error() {
					t.Errorf("json.Unmarshal: %v, want %v", uerr, err)
				}
			}
			msg := err.Error()
			if strings.Contains(msg, "wire") {
				t.Errorf("message %q names an unexported type", msg)
			}
			if !strings.HasPrefix(msg, "iot1click: click event: "+tt.wantField) || (ce.Excerpt != "" && !strings.Contains(msg, "near ")) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

// TestErrorExcerptIsShort checks that a fault deep in a large event quotes
// only the JSON around it.
func TestErrorExcerptIsShort(t *testing.T) {
	in := `{"deviceInfo":{"attributes":{"pad":"` + strings.Repeat("x", 1000) + `"}},"deviceEvent":{"buttonClicked":{"clickType":["SINGLE"]}}}`
	_, err := clickevent.Parse([]byte(in))
	var ce *clickevent.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v, want a *clickevent.Error", err)
	}
	if len(ce.Excerpt) > 40 || !strings.Contains(ce.Excerpt, `"clickType":`) {
		t.Errorf("Excerpt = %q, want at most 40 bytes around clickType", ce.Excerpt)
	}
}

// TestMarshalAWSShape checks that writing a parsed event gives the JSON it
// was read from, and that aws-lambda-go's own type writes the same.
func TestMarshalAWSShape(t *testing.T) {
	for _, in := range []string{awsSample, healthSample} {
		ev, err := clickevent.Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if diff := jsonEqual(t, []byte(in), out); diff != "" {
			t.Errorf("MarshalJSON (-read +written):\n%s", diff)
		}
	}

	var lev events.IoTOneClickEvent
	if err := json.Unmarshal([]byte(awsSample), &lev); err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(lev)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(awsSampleEvent())
	if err != nil {
		t.Fatal(err)
	}
	if diff := jsonEqual(t, want, got); diff != "" {
		t.Errorf("MarshalJSON against aws-lambda-go (-aws-lambda-go +clickevent):\n%s", diff)
	}
}

func TestMarshalWritesAWSForm(t *testing.T) {
	ev := &clickevent.Event{
		ClickType:    iot1click.ClickTypeLong,
		ReportedTime: time.Date(2018, 5, 4, 16, 26, 33, 123456789, time.FixedZone("PDT", -7*3600)),
		Device:       clickevent.Device{DeviceId: "G1", Type: "button", RemainingLife: 99.85},
		Placement:    &clickevent.Placement{ProjectName: "p", PlacementName: "q"},
	}
	got, err := ev.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"deviceEvent":{"buttonClicked":{"clickType":"LONG","reportedTime":"2018-05-04T23:26:33.123Z"}},` +
		`"deviceInfo":{"attributes":{},"type":"button","deviceId":"G1","remainingLife":99.85},` +
		`"placementInfo":{"projectName":"p","placementName":"q","attributes":{},"devices":{}}}`
	if string(got) != want {
		t.Errorf("MarshalJSON =\n%s\nwant\n%s", got, want)
	}
}

// roundTripEvents are events that every conversion keeps exactly.
func roundTripEvents() map[string]*clickevent.Event {
	return map[string]*clickevent.Event{
		"AWS sample": awsSampleEvent(),
		"not placed, no time": {
			ClickType: iot1click.ClickTypeDouble,
			Device:    clickevent.Device{DeviceId: "G030PM0000000001", Type: "button", RemainingLife: 0.25, Attributes: map[string]string{"projectName": "x"}},
		},
		"placed without attributes": {
			ClickType:    iot1click.ClickTypeLong,
			ReportedTime: time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC),
			Device:       clickevent.Device{DeviceId: "G1"},
			Placement:    &clickevent.Placement{ProjectName: "p", PlacementName: "q", Devices: map[string]string{"b": "G1"}},
		},
	}
}

func TestRoundTripThroughLambda(t *testing.T) {
	for name, ev := range roundTripEvents() {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			var lev events.IoTOneClickEvent
			if err := json.Unmarshal(b, &lev); err != nil {
				t.Fatal(err)
			}
			got, err := clickevent.FromLambda(lev)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ev, got); diff != "" {
				t.Errorf("JSON -> events.IoTOneClickEvent -> FromLambda (-want +got):\n%s", diff)
			}

			// ToLambda gives what aws-lambda-go decodes from MarshalJSON.
			tl, err := clickevent.ToLambda(ev)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(lev, tl); diff != "" {
				t.Errorf("ToLambda (-decoded +converted):\n%s", diff)
			}

			got, err = clickevent.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ev, got); diff != "" {
				t.Errorf("MarshalJSON -> Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHealthRoundTrip(t *testing.T) {
	ev := &clickevent.Event{
		Health:    &clickevent.HealthCondition{RemainingLifeLowerThan: 12.5},
		Device:    clickevent.Device{DeviceId: "G1", Type: "button", RemainingLife: 12.25},
		Placement: &clickevent.Placement{ProjectName: "p", PlacementName: "q"},
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	got, err := clickevent.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ev, got); diff != "" {
		t.Errorf("MarshalJSON -> Parse (-want +got):\n%s", diff)
	}

	// aws-lambda-go's type drops the condition: FromLambda says so, and
	// ToLambda refuses.
	var lev events.IoTOneClickEvent
	if err := json.Unmarshal(b, &lev); err != nil {
		t.Fatal(err)
	}
	if _, err := clickevent.FromLambda(lev); !errors.Is(err, model.ErrNotButtonEvent) {
		t.Errorf("FromLambda of a health alert: %v, want ErrNotButtonEvent", err)
	}
	if _, err := clickevent.ToLambda(ev); !errors.Is(err, model.ErrNotButtonEvent) {
		t.Errorf("ToLambda of a health alert: %v, want ErrNotButtonEvent", err)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name      string
		ev        clickevent.Event
		wantIs    error
		wantField string
	}{
		{name: "zero", wantIs: clickevent.ErrUnknownEvent, wantField: "deviceEvent"},
		{name: "no device ID", ev: clickevent.Event{ClickType: iot1click.ClickTypeSingle},
			wantIs: clickevent.ErrMissingMember, wantField: "deviceInfo.deviceId"},
		{name: "unknown click type", ev: clickevent.Event{ClickType: "TRIPLE", Device: clickevent.Device{DeviceId: "G1"}},
			wantIs: model.ErrUnknownClickType, wantField: "deviceEvent.buttonClicked.clickType"},
		{name: "click and health", ev: clickevent.Event{ClickType: iot1click.ClickTypeSingle, Health: &clickevent.HealthCondition{}, Device: clickevent.Device{DeviceId: "G1"}},
			wantIs: clickevent.ErrUnknownEvent, wantField: "deviceEvent"},
		{name: "year 10000", ev: clickevent.Event{ClickType: iot1click.ClickTypeSingle, ReportedTime: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Device: clickevent.Device{DeviceId: "G1"}},
			wantField: "deviceEvent.buttonClicked.reportedTime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				var ce *clickevent.Error
				if !errors.As(err, &ce) || ce.Field != tt.wantField || (tt.wantIs != nil && !errors.Is(err, tt.wantIs)) {
					t.Errorf("%s: %v, want a *clickevent.Error for %s matching %v", what, err, tt.wantField, tt.wantIs)
				}
			}
			b, err := json.Marshal(&tt.ev)
			if b != nil {
				t.Errorf("json.Marshal wrote %s", b)
			}
			check("json.Marshal", err)
			_, err = clickevent.ToLambda(&tt.ev)
			check("ToLambda", err)
		})
	}
}

func TestFromLambdaErrors(t *testing.T) {
	if _, err := clickevent.FromLambda(events.IoTOneClickEvent{}); !errors.Is(err, model.ErrNotButtonEvent) {
		t.Errorf("zero event: %v, want ErrNotButtonEvent", err)
	}
	ev := events.IoTOneClickEvent{DeviceEvent: events.IoTOneClickDeviceEvent{ButtonClicked: events.IoTOneClickButtonClicked{ClickType: "TRIPLE"}}}
	ev.DeviceInfo.DeviceID = "G1"
	if _, err := clickevent.FromLambda(ev); !errors.Is(err, model.ErrUnknownClickType) {
		t.Errorf("unknown click type: %v, want ErrUnknownClickType", err)
	}
	ev.DeviceEvent.ButtonClicked = events.IoTOneClickButtonClicked{ClickType: "SINGLE", ReportedTime: "noon"}
	var ce *clickevent.Error
	if _, err := clickevent.FromLambda(ev); !errors.As(err, &ce) || ce.Field != "deviceEvent.buttonClicked.reportedTime" {
		t.Errorf("bad time: %v, want a *clickevent.Error for reportedTime", err)
	}
	ev.DeviceEvent.ButtonClicked.ReportedTime = ""
	ev.DeviceInfo.DeviceID = ""
	if _, err := clickevent.FromLambda(ev); !errors.Is(err, clickevent.ErrMissingMember) {
		t.Errorf("no device ID: %v, want ErrMissingMember", err)
	}
}

// TestIot1clickDoesNotImportLambda checks that a client-only program
// compiles none of aws-lambda-go.
func TestIot1clickDoesNotImportLambda(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool:", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/iot1click-sdk/iot1click-go/iot1click").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if !strings.Contains(string(out), "github.com/iot1click-sdk/iot1click-go/iot1click\n") {
		t.Fatalf("go list -deps does not list iot1click:\n%s", out)
	}
	if strings.Contains(string(out), "aws-lambda-go") {
		t.Errorf("package iot1click depends on aws-lambda-go:\n%s", out)
	}
}

// TestClickeventImportsNoClient checks that a program importing only
// clickevent, as a Lambda function reading clicks does, compiles no client:
// none of package iot1click, aws-sdk-go-v2 or smithy-go.
func TestClickeventImportsNoClient(t *testing.T) {
	deps := testenv.ClientOnlyDeps(t, "github.com/iot1click-sdk/iot1click-go/iot1click/clickevent")
	for _, pkg := range strings.Split(strings.TrimSpace(deps), "\n") {
		if pkg == "github.com/iot1click-sdk/iot1click-go/iot1click" ||
			strings.HasPrefix(pkg, "github.com/aws/aws-sdk-go-v2") || strings.HasPrefix(pkg, "github.com/aws/smithy-go") {
			t.Errorf("a program importing only clickevent compiles %s", pkg)
		}
	}
	if !strings.Contains(deps, "github.com/aws/aws-lambda-go/events\n") {
		t.Errorf("go list -deps lacks aws-lambda-go/events, which clickevent imports:\n%s", deps)
	}
}

// TestHugeClickTypeShortError checks that an unknown click type of a
// megabyte is quoted as a short excerpt, not whole.
func TestHugeClickTypeShortError(t *testing.T) {
	huge := strings.Repeat("X", 1<<20)
	_, err := clickevent.Parse([]byte(`{"deviceEvent":{"buttonClicked":{"clickType":"` + huge + `","reportedTime":"2018-05-04T23:26:33.747Z"}},"deviceInfo":{"deviceId":"G1"}}`))
	if !errors.Is(err, model.ErrUnknownClickType) {
		t.Fatalf("err = %v, want ErrUnknownClickType", err)
	}
	if n := len(err.Error()); n > 300 {
		t.Errorf("error is %d bytes long; want a short excerpt", n)
	}
}
