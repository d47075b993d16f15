package iot1clicktest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// TestClickRouting walks the routes of a click: the template's function of
// a placed device, a template with no callback, an ARN with no function,
// the function a device's setOnClickCallback named, and the default
// handler; each outcome is in Deliveries.
func TestClickRouting(t *testing.T) {
	const spareArn = "arn:aws:lambda:us-west-2:123456789012:function:spare"
	const ownArn = "arn:aws:lambda:us-west-2:123456789012:function:own"
	var reception, own, fallback clicksOf
	var log logLines
	srv := newServer(t,
		iot1clicktest.WithDevices(
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000001", State: iot1clicktest.StateClaimed},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000002", State: iot1clicktest.StateClaimed},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000003", State: iot1clicktest.StateClaimed},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000004", State: iot1clicktest.StateClaimed,
				OnClickCallback: `{"deviceId":"G030PM0000000004","callback":{"awsLambdaArn":"` + ownArn + `"}}`},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000005", State: iot1clicktest.StateClaimed},
		),
		iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{
			ProjectName: "Lobby",
			DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{
				"reception": {CallbackOverrides: map[string]string{iot1clicktest.CallbackOnClick: receptionArn}},
				"silent":    {},
				"spare":     {CallbackOverrides: map[string]string{iot1clicktest.CallbackOnClick: spareArn}},
			},
			Placements: []iot1clicktest.PlacementRecord{{
				PlacementName: "desk1",
				Devices:       map[string]string{"reception": "G030PM0000000001", "silent": "G030PM0000000002", "spare": "G030PM0000000003"},
			}},
		}),
		iot1clicktest.WithLambda(receptionArn, reception.fn),
		iot1clicktest.WithLambda(ownArn, own.fn),
		iot1clicktest.WithClickHandler(fallback.fn),
		iot1clicktest.WithLogf(log.logf),
	)
	for i := 1; i <= 5; i++ {
		if _, err := srv.Click("G030PM000000000"+string(rune('0'+i)), "SINGLE"); err != nil {
			t.Fatalf("click %d: %v", i, err)
		}
	}
	if evs := reception.take(); len(evs) != 1 || evs[0].Device.DeviceId != "G030PM0000000001" || evs[0].Placement == nil ||
		evs[0].Placement.Devices["silent"] != "G030PM0000000002" {
		t.Errorf("reception received %+v", evs)
	}
	if evs := own.take(); len(evs) != 1 || evs[0].Device.DeviceId != "G030PM0000000004" || evs[0].Placement != nil {
		t.Errorf("the device's own function received %+v", evs)
	}
	if evs := fallback.take(); len(evs) != 1 || evs[0].Device.DeviceId != "G030PM0000000005" {
		t.Errorf("the click handler received %+v", evs)
	}
	want := []iot1clicktest.Delivery{
		{DeviceId: "G030PM0000000001", ClickType: "SINGLE", FunctionArn: receptionArn, Target: "the function", Placed: true},
		{DeviceId: "G030PM0000000002", ClickType: "SINGLE", Placed: true,
			Error: "went nowhere: device template silent of project Lobby has no onClickCallback"},
		{DeviceId: "G030PM0000000003", ClickType: "SINGLE", FunctionArn: spareArn, Placed: true,
			Error: "went nowhere: no function has ARN " + spareArn + ", the onClickCallback of device template spare of project Lobby"},
		{DeviceId: "G030PM0000000004", ClickType: "SINGLE", FunctionArn: ownArn, Target: "the function"},
		{DeviceId: "G030PM0000000005", ClickType: "SINGLE", Target: "the click handler"},
	}
	got := srv.Deliveries()
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(iot1clicktest.Delivery{}, "Time", "Duration")); diff != "" {
		t.Errorf("Deliveries (-want +got):\n%s", diff)
	}
	for _, d := range got {
		if d.Time.IsZero() {
			t.Errorf("delivery %+v has no time", d)
		}
	}
	// The clicks that went nowhere are logged as failures.
	log.mu.Lock()
	nowhere := 0
	for _, l := range log.lines {
		if strings.Contains(l, "went nowhere") {
			nowhere++
		}
	}
	log.mu.Unlock()
	if nowhere != 2 {
		t.Errorf("%d log lines say a click went nowhere, want 2: %q", nowhere, log.lines)
	}
	// The control API lists the deliveries; Reset empties them.
	var listed []iot1clicktest.Delivery
	if err := json.Unmarshal(control(t, srv, "GET", "deliveries", "", 200), &listed); err != nil || len(listed) != 5 {
		t.Errorf("GET deliveries: %d, %v", len(listed), err)
	}
	srv.Reset()
	if d := srv.Deliveries(); len(d) != 0 {
		t.Errorf("Deliveries after Reset: %+v", d)
	}
}

// TestPlacedDeviceLeavesWithItsClaim checks that unclaiming a placed device
// takes it out of its placement, and that replacing it does too.
func TestPlacedDeviceLeavesWithItsClaim(t *testing.T) {
	srv := newServer(t,
		iot1clicktest.WithDevices(
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000001", State: iot1clicktest.StateClaimed},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000002", State: iot1clicktest.StateClaimed},
		),
		iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{
			ProjectName:     "Lobby",
			DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"a": {}, "b": {}},
			Placements: []iot1clicktest.PlacementRecord{{PlacementName: "desk1",
				Devices: map[string]string{"a": "G030PM0000000001", "b": "G030PM0000000002"}}},
		}))
	r := call(t, srv, "PUT", devicePath("G030PM0000000001", "unclaim"), "", nil)
	wantStatus(t, r, 200, "")
	if err := srv.AddDevices(iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000002", State: iot1clicktest.StateClaimed}); err != nil {
		t.Fatal(err)
	}
	p, ok := srv.Project("Lobby")
	if !ok || len(p.Placements) != 1 || len(p.Placements[0].Devices) != 0 {
		t.Errorf("project after its devices left: %+v", p)
	}
	for _, id := range []string{"G030PM0000000001", "G030PM0000000002"} {
		if d, _ := srv.Device(id); len(d.Attributes) != 0 {
			t.Errorf("%s keeps attributes %v", id, d.Attributes)
		}
	}
}

// TestAddProjects checks the records: what they hold after a round trip,
// and the invalid records refused whole.
func TestAddProjects(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithDevices(
		iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000001", State: iot1clicktest.StateClaimed},
		iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000002", AccountId: "210987654321"},
		iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000003"},
	))
	at := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	in := iot1clicktest.ProjectRecord{
		ProjectName:       "Lobby",
		Description:       "front",
		DefaultAttributes: map[string]string{"floor": "1"},
		DeviceTemplates:   map[string]iot1clicktest.DeviceTemplate{"reception": {DeviceType: "button"}},
		Tags:              map[string]string{"team": "ops"},
		CreatedDate:       at,
		UpdatedDate:       at,
		Placements: []iot1clicktest.PlacementRecord{{PlacementName: "desk1", Attributes: map[string]string{"room": "1"},
			Devices: map[string]string{"reception": "G030PM0000000001"}, CreatedDate: at, UpdatedDate: at}},
	}
	if err := srv.AddProjects(in); err != nil {
		t.Fatal(err)
	}
	want := in
	want.AccountId = srv.AccountID()
	want.ARN = "arn:aws:iot1click:us-west-2:123456789012:projects/Lobby"
	got, ok := srv.Project("Lobby")
	if diff := cmp.Diff(want, got); !ok || diff != "" {
		t.Errorf("Project (-want +got):\n%s", diff)
	}
	// The control API carries the same records.
	var listed []iot1clicktest.ProjectRecord
	if err := json.Unmarshal(control(t, srv, "GET", "projects", "", 200), &listed); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]iot1clicktest.ProjectRecord{want}, listed); diff != "" {
		t.Errorf("GET projects (-want +got):\n%s", diff)
	}
	control(t, srv, "GET", "projects/Lobby", "", 200)
	control(t, srv, "GET", "projects/Nowhere", "", 404)
	body, _ := json.Marshal([]iot1clicktest.ProjectRecord{{ProjectName: "Second"}})
	control(t, srv, "POST", "projects", string(body), 200)
	if _, ok := srv.Project("Second"); !ok {
		t.Error("POST projects added no project")
	}

	for name, bad := range map[string]iot1clicktest.ProjectRecord{
		"name":         {ProjectName: "bad name"},
		"tag":          {ProjectName: "T", Tags: map[string]string{"aws:x": "1"}},
		"description":  {ProjectName: "T", Description: strings.Repeat("d", 501)},
		"placement":    {ProjectName: "T", Placements: []iot1clicktest.PlacementRecord{{PlacementName: "a b"}}},
		"two alike":    {ProjectName: "T", Placements: []iot1clicktest.PlacementRecord{{PlacementName: "a"}, {PlacementName: "a"}}},
		"no template":  {ProjectName: "T", Placements: []iot1clicktest.PlacementRecord{{PlacementName: "a", Devices: map[string]string{"x": "G030PM0000000001"}}}},
		"other owner":  placing("G030PM0000000002"),
		"unclaimed":    placing("G030PM0000000003"),
		"placed twice": placing("G030PM0000000001"),
	} {
		if err := srv.AddProjects(bad); !errors.Is(err, iot1clicktest.ErrInvalid) {
			t.Errorf("AddProjects(%s): %v, want ErrInvalid", name, err)
		}
	}
	if err := srv.AddProjects(placing("G030PM9999999999")); !errors.Is(err, iot1clicktest.ErrDeviceNotFound) {
		t.Errorf("AddProjects placing a missing device: %v, want ErrDeviceNotFound", err)
	}
	if _, ok := srv.Project("T"); ok {
		t.Error("an invalid project was added")
	}
	// Reset brings back the projects of the options: none here.
	srv.Reset()
	if ps := srv.Projects(); len(ps) != 0 {
		t.Errorf("projects after Reset: %+v", ps)
	}
}

// placing returns a project placing device id.
func placing(id string) iot1clicktest.ProjectRecord {
	return iot1clicktest.ProjectRecord{ProjectName: "T",
		DeviceTemplates: map[string]iot1clicktest.DeviceTemplate{"x": {}},
		Placements:      []iot1clicktest.PlacementRecord{{PlacementName: "a", Devices: map[string]string{"x": id}}}}
}

// TestWithLambdaInvalid checks the options' panics.
func TestWithLambdaInvalid(t *testing.T) {
	for name, opt := range map[string]func() iot1clicktest.Option{
		"no ARN": func() iot1clicktest.Option {
			return iot1clicktest.WithLambda("", func(context.Context, clickevent.Event) error { return nil })
		},
		"no function": func() iot1clicktest.Option { return iot1clicktest.WithLambda(receptionArn, nil) },
		"no URL ARN":  func() iot1clicktest.Option { return iot1clicktest.WithLambdaURL("", "http://127.0.0.1:1/") },
		"bad URL":     func() iot1clicktest.Option { return iot1clicktest.WithLambdaURL(receptionArn, "ftp://x/") },
		"bad project": func() iot1clicktest.Option {
			return iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{ProjectName: "a b"})
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: NewHandler did not panic", name)
				}
			}()
			iot1clicktest.NewHandler(opt())
		}()
	}
}

// TestProjectsFaultsAndReset checks that faults reach the Projects
// operations by name, and that Reset brings back the projects of the
// options and drops the others.
func TestProjectsFaultsAndReset(t *testing.T) {
	srv := newServer(t, iot1clicktest.WithProjects(iot1clicktest.ProjectRecord{ProjectName: "Kept"}))
	if err := srv.InjectFault(iot1clicktest.OpListProjects, iot1clicktest.Fault{Code: "TooManyRequestsException", Times: 1}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, call(t, srv, "GET", "/projects", "", nil), 429, "TooManyRequestsException")
	r := call(t, srv, "GET", "/projects", "", nil)
	wantStatus(t, r, 200, "")
	if got := r.json(t)["projects"].([]any); len(got) != 1 {
		t.Errorf("ListProjects after the fault: %s", r.body)
	}
	wantStatus(t, call(t, srv, "POST", "/projects", "", []byte(`{"projectName":"Gone"}`)), 200, "")
	srv.Reset()
	ps := srv.Projects()
	if len(ps) != 1 || ps[0].ProjectName != "Kept" {
		t.Errorf("projects after Reset: %+v", ps)
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Errorf("requests after Reset: %d", len(reqs))
	}
}

// TestProjectsEmptyTagMap: the model's TagMap holds 1 to 50 tags, so
// CreateProject and TagResource refuse an empty one (the SDKs check it; the
// server must for the clients that do not), and change nothing.
func TestProjectsEmptyTagMap(t *testing.T) {
	srv := newServer(t)
	arn := escapeLabel("arn:aws:iot1click:us-west-2:123456789012:projects/p")
	for _, tc := range []struct {
		method, path, body string
		status             int
		code               string
	}{
		{"POST", "/projects", `{"projectName":"q","tags":{}}`, 400, "InvalidRequestException"},
		{"POST", "/projects", `{"projectName":"p","tags":{"k":"v"}}`, 200, ""},
		{"POST", "/tags/" + arn, `{"tags":{}}`, 400, "InvalidRequestException"},
		{"GET", "/projects/q", ``, 404, "ResourceNotFoundException"},
	} {
		wantStatus(t, call(t, srv, tc.method, tc.path, "", []byte(tc.body)), tc.status, tc.code)
	}
}

// TestPlacementAttributesStayLoadable: a placement holds at most 50
// attributes, the limit AddProjects (and so a restart from a state file)
// checks: UpdatePlacement refuses a change that would take it past 50, and
// the projects the server holds can always be added again.
func TestPlacementAttributesStayLoadable(t *testing.T) {
	srv := newServer(t)
	wantStatus(t, call(t, srv, "POST", "/projects", "", []byte(`{"projectName":"p"}`)), 200, "")
	attrs := func(from, n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"a%d":"v"`, from+i)
		}
		return "{" + b.String() + "}"
	}
	wantStatus(t, call(t, srv, "POST", "/projects/p/placements", "", []byte(`{"placementName":"x","attributes":`+attrs(0, 50)+`}`)), 200, "")
	wantStatus(t, call(t, srv, "PUT", "/projects/p/placements/x", "", []byte(`{"attributes":`+attrs(50, 1)+`}`)), 400, "InvalidRequestException")
	// Replacing one and clearing one stay within the limit.
	wantStatus(t, call(t, srv, "PUT", "/projects/p/placements/x", "", []byte(`{"attributes":{"a0":"w","a1":"","a50":"v"}}`)), 200, "")
	projects := srv.Projects()
	if n := len(projects[0].Placements[0].Attributes); n != 50 {
		t.Errorf("the placement has %d attributes, want 50", n)
	}
	if err := srv.AddProjects(projects...); err != nil {
		t.Errorf("adding the server's projects again: %v", err)
	}
}
