package iot1clicktest_test

// The emulator's Projects service speaks the real protocol: aws-sdk-go v1's
// iot1clickprojects client, with its own marshalers and signer, drives all
// 16 operations, and the rules the service documents hold.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	awsv1 "github.com/aws/aws-sdk-go/aws"
	//lint:ignore SA1019 this test checks the emulator against the official aws-sdk-go v1 client, deprecated but the last to model the service
	projectsv1 "github.com/aws/aws-sdk-go/service/iot1clickprojects"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// newV1ProjectsClient returns an aws-sdk-go v1 Projects client pointed at
// srv, isolated from the ambient AWS environment.
func newV1ProjectsClient(t *testing.T, srv *iot1clicktest.Server) *projectsv1.IoT1ClickProjects {
	t.Helper()
	return projectsv1.New(newV1Session(t, srv, srv.AccessKeyID(), srv.SecretAccessKey()))
}

// receptionArn is the function of the Lobby project's reception template.
const receptionArn = "arn:aws:lambda:us-west-2:123456789012:function:reception"

// clicksOf collects the events a function received.
type clicksOf struct {
	mu  sync.Mutex
	evs []clickevent.Event
}

func (c *clicksOf) fn(_ context.Context, ev clickevent.Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evs = append(c.evs, ev)
	return nil
}

func (c *clicksOf) take() []clickevent.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	evs := c.evs
	c.evs = nil
	return evs
}

func TestV1ProjectsAllOperations(t *testing.T) {
	var reception, fallback clicksOf
	srv := newServer(t,
		iot1clicktest.WithDevices(
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000001", State: iot1clicktest.StateClaimed, RemainingLife: 90},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000002", State: iot1clicktest.StateClaimed, RemainingLife: 80},
			iot1clicktest.DeviceRecord{DeviceId: "G030PM0000000003", State: iot1clicktest.StateClaimInitiated, RemainingLife: 70},
		),
		iot1clicktest.WithLambda(receptionArn, reception.fn),
		iot1clicktest.WithClickHandler(fallback.fn))
	// A clock stopped near the time the requests are signed at.
	t0 := time.Now().UTC().Truncate(time.Millisecond)
	srv.SetClock(t0)
	c := newV1ProjectsClient(t, srv)
	s := awsv1.String
	code := func(err error) string {
		t.Helper()
		if err == nil {
			return "no error"
		}
		return v1Code(t, err)
	}

	// CreateProject, and the refusals of a taken or malformed name.
	lobby := &projectsv1.CreateProjectInput{
		ProjectName: s("Lobby"),
		Description: s("The front desk"),
		PlacementTemplate: &projectsv1.PlacementTemplate{
			DefaultAttributes: map[string]*string{"floor": s("1"), "building": s("A")},
			DeviceTemplates: map[string]*projectsv1.DeviceTemplate{
				"reception": {DeviceType: s("button"), CallbackOverrides: map[string]*string{"onClickCallback": s(receptionArn)}},
				"spare":     {DeviceType: s("button")},
			},
		},
		Tags: map[string]*string{"team": s("ops")},
	}
	if _, err := c.CreateProject(lobby); err != nil {
		t.Fatalf("CreateProject: %v", err)
	}
	if got := code(func() error { _, err := c.CreateProject(lobby); return err }()); got != "ResourceConflictException" {
		t.Errorf("CreateProject of a taken name: %s, want ResourceConflictException", got)
	}
	for _, name := range []string{"bad name", "a/b", string(make([]byte, 129))} {
		if got := code(func() error {
			_, err := c.CreateProject(&projectsv1.CreateProjectInput{ProjectName: s(name)})
			return err
		}()); got != "InvalidRequestException" {
			t.Errorf("CreateProject(%q): %s, want InvalidRequestException", name, got)
		}
	}
	if got := code(func() error {
		_, err := c.CreateProject(&projectsv1.CreateProjectInput{ProjectName: s("Tagged"), Tags: map[string]*string{"aws:x": s("1")}})
		return err
	}()); got != "InvalidRequestException" {
		t.Errorf("CreateProject with an aws: tag: %s, want InvalidRequestException", got)
	}
	for _, name := range []string{"P1", "P2", "P3"} {
		if _, err := c.CreateProject(&projectsv1.CreateProjectInput{ProjectName: s(name)}); err != nil {
			t.Fatalf("CreateProject(%s): %v", name, err)
		}
	}

	// ListProjects pages through the names in order.
	var pages [][]string
	if err := c.ListProjectsPages(&projectsv1.ListProjectsInput{MaxResults: awsv1.Int64(2)}, func(out *projectsv1.ListProjectsOutput, last bool) bool {
		var names []string
		for _, p := range out.Projects {
			names = append(names, *p.ProjectName)
			if *p.Arn != "arn:aws:iot1click:us-west-2:123456789012:projects/"+*p.ProjectName || !p.CreatedDate.Equal(t0) {
				t.Errorf("summary %v", p)
			}
		}
		pages = append(pages, names)
		return true
	}); err != nil {
		t.Fatalf("ListProjectsPages: %v", err)
	}
	if diff := cmp.Diff([][]string{{"Lobby", "P1"}, {"P2", "P3"}}, pages); diff != "" {
		t.Errorf("ListProjects pages (-want +got):\n%s", diff)
	}
	if got := code(func() error {
		_, err := c.ListProjects(&projectsv1.ListProjectsInput{NextToken: s("forged")})
		return err
	}()); got != "InvalidRequestException" {
		t.Errorf("ListProjects with a forged token: %s, want InvalidRequestException (400; the Projects model has no RangeNotSatisfiableException)", got)
	}

	// DescribeProject.
	arn := "arn:aws:iot1click:us-west-2:123456789012:projects/Lobby"
	describe := func() *projectsv1.ProjectDescription {
		t.Helper()
		out, err := c.DescribeProject(&projectsv1.DescribeProjectInput{ProjectName: s("Lobby")})
		if err != nil {
			t.Fatalf("DescribeProject: %v", err)
		}
		return out.Project
	}
	p := describe()
	if *p.Arn != arn || *p.ProjectName != "Lobby" || *p.Description != "The front desk" || !p.CreatedDate.Equal(t0) ||
		!p.UpdatedDate.Equal(t0) || *p.Tags["team"] != "ops" || *p.PlacementTemplate.DefaultAttributes["floor"] != "1" ||
		*p.PlacementTemplate.DeviceTemplates["reception"].CallbackOverrides["onClickCallback"] != receptionArn ||
		*p.PlacementTemplate.DeviceTemplates["spare"].DeviceType != "button" {
		t.Errorf("DescribeProject: %v", p)
	}
	if got := code(func() error {
		_, err := c.DescribeProject(&projectsv1.DescribeProjectInput{ProjectName: s("Nowhere")})
		return err
	}()); got != "ResourceNotFoundException" {
		t.Errorf("DescribeProject of a missing project: %s", got)
	}

	// UpdateProject changes only what it is given; "" clears.
	srv.AdvanceClock(time.Minute)
	if _, err := c.UpdateProject(&projectsv1.UpdateProjectInput{
		ProjectName: s("Lobby"),
		Description: s(""),
		PlacementTemplate: &projectsv1.PlacementTemplate{
			DefaultAttributes: map[string]*string{"floor": s("2"), "building": s("")},
			DeviceTemplates: map[string]*projectsv1.DeviceTemplate{
				"spare": {CallbackOverrides: map[string]*string{"onClickCallback": s("arn:aws:lambda:us-west-2:123456789012:function:spare")}},
			},
		},
	}); err != nil {
		t.Fatalf("UpdateProject: %v", err)
	}
	p = describe()
	if p.Description != nil || !p.UpdatedDate.Equal(t0.Add(time.Minute)) || !p.CreatedDate.Equal(t0) ||
		len(p.PlacementTemplate.DefaultAttributes) != 1 || *p.PlacementTemplate.DefaultAttributes["floor"] != "2" ||
		*p.PlacementTemplate.DeviceTemplates["reception"].CallbackOverrides["onClickCallback"] != receptionArn ||
		*p.PlacementTemplate.DeviceTemplates["spare"].DeviceType != "button" ||
		*p.PlacementTemplate.DeviceTemplates["spare"].CallbackOverrides["onClickCallback"] == "" || *p.Tags["team"] != "ops" {
		t.Errorf("project after UpdateProject: %v", p)
	}
	for name, tmpl := range map[string]*projectsv1.DeviceTemplate{
		"new-template": {DeviceType: s("button")}, // template names are fixed
		"spare":        {DeviceType: s("sensor")}, // so is a template's type
	} {
		if got := code(func() error {
			_, err := c.UpdateProject(&projectsv1.UpdateProjectInput{ProjectName: s("Lobby"),
				PlacementTemplate: &projectsv1.PlacementTemplate{DeviceTemplates: map[string]*projectsv1.DeviceTemplate{name: tmpl}}})
			return err
		}()); got != "InvalidRequestException" {
			t.Errorf("UpdateProject changing template %s: %s, want InvalidRequestException", name, got)
		}
	}
	if got := code(func() error {
		_, err := c.UpdateProject(&projectsv1.UpdateProjectInput{ProjectName: s("Nowhere")})
		return err
	}()); got != "ResourceNotFoundException" {
		t.Errorf("UpdateProject of a missing project: %s", got)
	}

	// CreatePlacement, ListPlacements, DescribePlacement, UpdatePlacement.
	for _, name := range []string{"desk1", "desk2", "desk3"} {
		if _, err := c.CreatePlacement(&projectsv1.CreatePlacementInput{ProjectName: s("Lobby"), PlacementName: s(name),
			Attributes: map[string]*string{"room": s("lobby"), "seat": s("1")}}); err != nil {
			t.Fatalf("CreatePlacement(%s): %v", name, err)
		}
	}
	if got := code(func() error {
		_, err := c.CreatePlacement(&projectsv1.CreatePlacementInput{ProjectName: s("Lobby"), PlacementName: s("desk1")})
		return err
	}()); got != "ResourceConflictException" {
		t.Errorf("CreatePlacement of a taken name: %s", got)
	}
	if got := code(func() error {
		_, err := c.CreatePlacement(&projectsv1.CreatePlacementInput{ProjectName: s("Nowhere"), PlacementName: s("desk1")})
		return err
	}()); got != "ResourceNotFoundException" {
		t.Errorf("CreatePlacement in a missing project: %s", got)
	}
	pages = nil
	if err := c.ListPlacementsPages(&projectsv1.ListPlacementsInput{ProjectName: s("Lobby"), MaxResults: awsv1.Int64(2)}, func(out *projectsv1.ListPlacementsOutput, last bool) bool {
		var names []string
		for _, pl := range out.Placements {
			names = append(names, *pl.PlacementName)
		}
		pages = append(pages, names)
		return true
	}); err != nil {
		t.Fatalf("ListPlacementsPages: %v", err)
	}
	if diff := cmp.Diff([][]string{{"desk1", "desk2"}, {"desk3"}}, pages); diff != "" {
		t.Errorf("ListPlacements pages (-want +got):\n%s", diff)
	}
	first, err := c.ListPlacements(&projectsv1.ListPlacementsInput{ProjectName: s("Lobby"), MaxResults: awsv1.Int64(1)})
	if err != nil {
		t.Fatal(err)
	}
	if got := code(func() error {
		_, err := c.ListPlacements(&projectsv1.ListPlacementsInput{ProjectName: s("P1"), NextToken: first.NextToken})
		return err
	}()); got != "InvalidRequestException" {
		t.Errorf("ListPlacements of P1 with Lobby's token: %s", got)
	}
	srv.AdvanceClock(time.Minute)
	if _, err := c.UpdatePlacement(&projectsv1.UpdatePlacementInput{ProjectName: s("Lobby"), PlacementName: s("desk1"),
		Attributes: map[string]*string{"room": s(""), "seat": s("3")}}); err != nil {
		t.Fatalf("UpdatePlacement: %v", err)
	}
	pl, err := c.DescribePlacement(&projectsv1.DescribePlacementInput{ProjectName: s("Lobby"), PlacementName: s("desk1")})
	if err != nil {
		t.Fatalf("DescribePlacement: %v", err)
	}
	if got := pl.Placement; *got.ProjectName != "Lobby" || *got.PlacementName != "desk1" || len(got.Attributes) != 1 ||
		*got.Attributes["seat"] != "3" || !got.CreatedDate.Equal(t0.Add(time.Minute)) || !got.UpdatedDate.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("DescribePlacement: %v", got)
	}
	if got := code(func() error {
		_, err := c.DescribePlacement(&projectsv1.DescribePlacementInput{ProjectName: s("Lobby"), PlacementName: s("desk9")})
		return err
	}()); got != "ResourceNotFoundException" {
		t.Errorf("DescribePlacement of a missing placement: %s", got)
	}

	// AssociateDeviceWithPlacement places a claimed device, once.
	associate := func(placement, template, id string) error {
		_, err := c.AssociateDeviceWithPlacement(&projectsv1.AssociateDeviceWithPlacementInput{ProjectName: s("Lobby"),
			PlacementName: s(placement), DeviceTemplateName: s(template), DeviceId: s(id)})
		return err
	}
	if err := associate("desk1", "reception", "G030PM0000000001"); err != nil {
		t.Fatalf("AssociateDeviceWithPlacement: %v", err)
	}
	if err := associate("desk1", "reception", "G030PM0000000001"); err != nil {
		t.Errorf("AssociateDeviceWithPlacement again: %v", err)
	}
	for _, tc := range []struct{ placement, template, id, want string }{
		{"desk2", "reception", "G030PM0000000001", "ResourceConflictException"}, // placed elsewhere
		{"desk1", "reception", "G030PM0000000002", "ResourceConflictException"}, // the slot is taken
		{"desk1", "nosuch", "G030PM0000000002", "ResourceNotFoundException"},    // no such template
		{"desk1", "spare", "G030PM0000000003", "ResourceNotFoundException"},     // not claimed yet
		{"desk1", "spare", "G030PM9999999999", "ResourceNotFoundException"},     // no such device
	} {
		if got := code(associate(tc.placement, tc.template, tc.id)); got != tc.want {
			t.Errorf("associate %s with %s/%s: %s, want %s", tc.id, tc.placement, tc.template, got, tc.want)
		}
	}
	devices, err := c.GetDevicesInPlacement(&projectsv1.GetDevicesInPlacementInput{ProjectName: s("Lobby"), PlacementName: s("desk1")})
	if err != nil {
		t.Fatalf("GetDevicesInPlacement: %v", err)
	}
	if diff := cmp.Diff(map[string]*string{"reception": s("G030PM0000000001")}, devices.Devices); diff != "" {
		t.Errorf("GetDevicesInPlacement (-want +got):\n%s", diff)
	}
	// The Devices service shows the placement in the device's attributes.
	desc, err := srv.Client().DescribeDevice(t.Context(), &iot1click.DescribeDeviceInput{DeviceId: "G030PM0000000001"})
	if err != nil {
		t.Fatal(err)
	}
	wantAttrs := map[string]string{"projectRegion": "us-west-2", "projectName": "Lobby", "placementName": "desk1", "deviceTemplateName": "reception"}
	if diff := cmp.Diff(wantAttrs, desc.DeviceDescription.Attributes); diff != "" {
		t.Errorf("attributes of a placed device (-want +got):\n%s", diff)
	}

	// A click goes to the template's function, with the placement.
	if _, err := srv.Click("G030PM0000000001", "SINGLE"); err != nil {
		t.Fatal(err)
	}
	wantPlacement := &clickevent.Placement{ProjectName: "Lobby", PlacementName: "desk1",
		Attributes: map[string]string{"floor": "2", "seat": "3"}, Devices: map[string]string{"reception": "G030PM0000000001"}}
	if evs := fallback.take(); len(evs) != 0 {
		t.Errorf("the click handler received %+v, a placed device's click", evs)
	}
	if evs := reception.take(); len(evs) != 1 || evs[0].Device.DeviceId != "G030PM0000000001" {
		t.Errorf("reception received %+v, want one click", evs)
	} else if diff := cmp.Diff(wantPlacement, evs[0].Placement); diff != "" {
		t.Errorf("placementInfo (-want +got):\n%s", diff)
	}

	// Neither a placement with devices nor a project with placements can go.
	if got := code(func() error {
		_, err := c.DeletePlacement(&projectsv1.DeletePlacementInput{ProjectName: s("Lobby"), PlacementName: s("desk1")})
		return err
	}()); got != "InvalidRequestException" {
		t.Errorf("DeletePlacement with a device: %s, want InvalidRequestException", got)
	}
	if got := code(func() error {
		_, err := c.DeleteProject(&projectsv1.DeleteProjectInput{ProjectName: s("Lobby")})
		return err
	}()); got != "InvalidRequestException" {
		t.Errorf("DeleteProject with placements: %s, want InvalidRequestException", got)
	}

	// DisassociateDeviceFromPlacement: the attributes go, the clicks no
	// longer reach the template's function.
	if _, err := c.DisassociateDeviceFromPlacement(&projectsv1.DisassociateDeviceFromPlacementInput{ProjectName: s("Lobby"),
		PlacementName: s("desk1"), DeviceTemplateName: s("reception")}); err != nil {
		t.Fatalf("DisassociateDeviceFromPlacement: %v", err)
	}
	if got := code(func() error {
		_, err := c.DisassociateDeviceFromPlacement(&projectsv1.DisassociateDeviceFromPlacementInput{ProjectName: s("Lobby"),
			PlacementName: s("desk1"), DeviceTemplateName: s("reception")})
		return err
	}()); got != "ResourceNotFoundException" {
		t.Errorf("DisassociateDeviceFromPlacement of an empty slot: %s", got)
	}
	if d, _ := srv.Device("G030PM0000000001"); len(d.Attributes) != 0 {
		t.Errorf("attributes after disassociation: %v", d.Attributes)
	}
	if _, err := srv.Click("G030PM0000000001", "SINGLE"); err != nil {
		t.Fatal(err)
	}
	if evs := reception.take(); len(evs) != 0 {
		t.Errorf("reception received %+v after the device left the placement", evs)
	}
	if evs := fallback.take(); len(evs) != 1 || evs[0].Placement != nil || len(evs[0].Device.Attributes) != 0 {
		t.Errorf("the click handler received %+v after the device left the placement, want one click with no placement", evs)
	}

	// Tags of a project, routed by the ARN's resource type.
	if _, err := c.TagResource(&projectsv1.TagResourceInput{ResourceArn: s(arn), Tags: map[string]*string{"env": s("test")}}); err != nil {
		t.Fatalf("TagResource: %v", err)
	}
	if _, err := c.UntagResource(&projectsv1.UntagResourceInput{ResourceArn: s(arn), TagKeys: []*string{s("team")}}); err != nil {
		t.Fatalf("UntagResource: %v", err)
	}
	tags, err := c.ListTagsForResource(&projectsv1.ListTagsForResourceInput{ResourceArn: s(arn)})
	if err != nil {
		t.Fatalf("ListTagsForResource: %v", err)
	}
	if diff := cmp.Diff(map[string]*string{"env": s("test")}, tags.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	for _, tc := range []struct{ arn, want string }{
		{"arn:aws:iot1click:us-west-2:123456789012:projects/Nowhere", "ResourceNotFoundException"},
		{"arn:aws:iot1click:eu-west-1:123456789012:projects/Lobby", "ResourceNotFoundException"},
		{"arn:aws:iot1click:us-west-2:123456789012:projects/bad name", "InvalidRequestException"},
	} {
		if got := code(func() error {
			_, err := c.ListTagsForResource(&projectsv1.ListTagsForResourceInput{ResourceArn: s(tc.arn)})
			return err
		}()); got != tc.want {
			t.Errorf("ListTagsForResource(%s): %s, want %s", tc.arn, got, tc.want)
		}
	}
	// A device's ARN still reaches the Devices service's tags.
	deviceTags, err := srv.Client().ListTagsForResource(t.Context(), &iot1click.ListTagsForResourceInput{
		ResourceArn: "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0000000001"})
	if err != nil || len(deviceTags.Tags) != 0 {
		t.Errorf("tags of a device: %v, %v", deviceTags, err)
	}

	// DeletePlacement and DeleteProject once empty.
	for _, name := range []string{"desk1", "desk2", "desk3"} {
		if _, err := c.DeletePlacement(&projectsv1.DeletePlacementInput{ProjectName: s("Lobby"), PlacementName: s(name)}); err != nil {
			t.Fatalf("DeletePlacement(%s): %v", name, err)
		}
	}
	if _, err := c.DeleteProject(&projectsv1.DeleteProjectInput{ProjectName: s("Lobby")}); err != nil {
		t.Fatalf("DeleteProject: %v", err)
	}
	if got := code(func() error {
		_, err := c.DeleteProject(&projectsv1.DeleteProjectInput{ProjectName: s("Lobby")})
		return err
	}()); got != "ResourceNotFoundException" {
		t.Errorf("DeleteProject again: %s", got)
	}

	// Every one of the 16 operations was served, and every error answer
	// named its type.
	served := map[string]bool{}
	for _, r := range srv.Requests() {
		served[r.Operation] = true
		if r.StatusCode >= 400 && r.ErrorCode == "" {
			t.Errorf("%s answered %d with no error type", r.Operation, r.StatusCode)
		}
	}
	var missing []string
	for _, op := range iot1clicktest.Operations() {
		if !served[op] && !slices.Contains([]string{iot1clicktest.OpClaimDevicesByClaimCode, iot1clicktest.OpFinalizeDeviceClaim,
			iot1clicktest.OpGetDeviceMethods, iot1clicktest.OpInitiateDeviceClaim, iot1clicktest.OpInvokeDeviceMethod,
			iot1clicktest.OpListDeviceEvents, iot1clicktest.OpListDevices, iot1clicktest.OpUnclaimDevice,
			iot1clicktest.OpUpdateDeviceState, iot1clicktest.OpDescribeDevice}, op) {
			missing = append(missing, op)
		}
	}
	if len(missing) > 0 {
		t.Errorf("operations never served: %v", missing)
	}
	if n := len(iot1clicktest.Operations()); n != 13+13 {
		t.Errorf("Operations() has %d names, want 26 (13 of Devices, 13 more of Projects)", n)
	}
}

// TestProjectsWire checks answers on the wire: every error carries
// X-Amzn-ErrorType and a {code, message} body, malformed requests
// included; successes are 200 with a JSON object, timestamps epoch seconds.
func TestProjectsWire(t *testing.T) {
	srv := newServer(t)
	now := time.Now().Truncate(time.Second).Add(747 * time.Millisecond)
	srv.SetClock(now)
	for _, tc := range []struct {
		method, path, query, body string
		status                    int
		code                      string
	}{
		{"POST", "/projects", "", `{"projectName":"p","tags":{"k":"v"}}`, 200, ""},
		{"POST", "/projects", "", `{"projectName":"p"}`, 409, "ResourceConflictException"},
		{"GET", "/projects/nosuch", "", "", 404, "ResourceNotFoundException"},
		{"GET", "/projects/bad%20name", "", "", 400, "InvalidRequestException"},
		{"POST", "/projects", "", `{"projectName":`, 400, "InvalidRequestException"},
		{"POST", "/projects", "", `{}`, 400, "InvalidRequestException"},
		{"POST", "/projects", "", `{"projectName":"q","description":"` + strings.Repeat("d", 501) + `"}`, 400, "InvalidRequestException"},
		{"POST", "/projects/p/placements", "", `{"placementName":"x","attributes":{"k":"` + strings.Repeat("v", 801) + `"}}`, 400, "InvalidRequestException"},
		{"GET", "/projects", "maxResults=0", "", 400, "InvalidRequestException"},
		{"GET", "/projects", "maxResults=251", "", 400, "InvalidRequestException"},
		{"GET", "/projects", "nextToken=forged", "", 400, "InvalidRequestException"},
		{"PUT", "/projects/p/placements/x/devices/t", "", `{}`, 400, "InvalidRequestException"},
		{"PUT", "/projects/p/placements/x/devices/t", "", `{"deviceId":"G1"}`, 404, "ResourceNotFoundException"},
		{"DELETE", "/tags/" + escapeLabel("arn:aws:iot1click:us-west-2:123456789012:projects/p"), "", "", 400, "InvalidRequestException"},
		{"DELETE", "/tags/" + escapeLabel("arn:aws:iot1click:us-west-2:123456789012:projects/p"), "tagKeys=k", "", 200, ""},
		{"GET", "/tags/" + escapeLabel("arn:aws:iot1click:us-west-2:123456789012:projects/nosuch"), "", "", 404, "ResourceNotFoundException"},
		{"POST", "/tags/" + escapeLabel("arn:aws:iot1click:us-west-2:123456789012:projects/p"), "", `{"tags":{"aws:k":"v"}}`, 400, "InvalidRequestException"},
	} {
		var body []byte
		if tc.body != "" {
			body = []byte(tc.body)
		}
		r := call(t, srv, tc.method, tc.path, tc.query, body)
		wantStatus(t, r, tc.status, tc.code)
		if tc.code == "" && string(r.body) != "{}" {
			t.Errorf("%s %s answered %s, want {}", tc.method, tc.path, r.body)
		}
	}
	r := call(t, srv, "GET", "/projects/p", "", nil)
	wantStatus(t, r, 200, "")
	want := `{"project":{"arn":"arn:aws:iot1click:us-west-2:123456789012:projects/p","projectName":"p",` +
		`"createdDate":` + strconv.FormatInt(now.Unix(), 10) + `.747,"updatedDate":` + strconv.FormatInt(now.Unix(), 10) + `.747,` +
		`"placementTemplate":{"defaultAttributes":{},"deviceTemplates":{}}}}`
	if string(r.body) != want {
		t.Errorf("DescribeProject answered\n %s\nwant %s", r.body, want)
	}
}
