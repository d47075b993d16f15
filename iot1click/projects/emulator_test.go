package projects_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// received collects the events a function receives.
type received struct {
	mu     sync.Mutex
	events []clickevent.Event
}

func (r *received) fn(_ context.Context, ev clickevent.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	return nil
}

func (r *received) all() []clickevent.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]clickevent.Event(nil), r.events...)
}

// result is a call's output and error, for of(call).get(t).
type result[T any] struct {
	v   T
	err error
}

func of[T any](v T, err error) result[T] { return result[T]{v, err} }

// get returns the output, failing the test at once on an error.
func (r result[T]) get(t *testing.T) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

// wantAPIError checks that err is the modelled exception T.
func wantAPIError[T error](t *testing.T, err error, what string) {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Errorf("%s: error %v, want %T", what, err, target)
	}
}

// TestEmulatorAllOperations runs all 16 operations against the emulator,
// both call paths: a project whose template routes clicks to a function, a
// placement, a claimed device placed and clicked, the service's rules
// (conflicts, deletes refused while not empty, "" clears), tags by project
// ARN, and the teardown.
func TestEmulatorAllOperations(t *testing.T) {
	for _, path := range callPaths {
		t.Run(path.name, func(t *testing.T) { emulatorAllOperations(t, path.opts) })
	}
}

func emulatorAllOperations(t *testing.T, opts []func(*projects.Options)) {
	fn := &received{}
	srv := iot1clicktest.NewServer(iot1clicktest.WithLambda(lambdaArn, fn.fn), iot1clicktest.WithLogf(t.Logf))
	defer srv.Close()
	ctx := context.Background()
	c := srv.ProjectsClient(opts...)
	devices := srv.Client()
	deviceID := srv.AddFleet(1)[0]

	// CreateProject, and a second of the same name.
	of(c.CreateProject(ctx, &projects.CreateProjectInput{
		ProjectName: testProject, Description: "Lobby buttons",
		PlacementTemplate: template(), Tags: map[string]string{"team": "facilities"},
	})).get(t)
	_, err := c.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: testProject})
	wantAPIError[*projects.ResourceConflictException](t, err, "CreateProject twice")

	// DescribeProject.
	proj := of(c.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: testProject})).get(t).Project
	arn := "arn:aws:iot1click:" + srv.Region() + ":" + srv.AccountID() + ":projects/lobby"
	if proj == nil || proj.Arn != arn || proj.Description != "Lobby buttons" || proj.CreatedDate.IsZero() ||
		!proj.UpdatedDate.Equal(proj.CreatedDate) || proj.Tags["team"] != "facilities" ||
		proj.PlacementTemplate == nil || proj.PlacementTemplate.DeviceTemplates["button"].CallbackOverrides[projects.CallbackOnClick] != lambdaArn {
		t.Fatalf("DescribeProject: %+v", proj)
	}

	// UpdateProject: "" clears the description, the rest stays.
	of(c.UpdateProject(ctx, &projects.UpdateProjectInput{ProjectName: testProject, Description: aws.String("")})).get(t)
	proj = of(c.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: testProject})).get(t).Project
	if proj.Description != "" || proj.PlacementTemplate.DefaultAttributes["building"] != "B1" {
		t.Errorf("after clearing the description: %+v", proj)
	}

	// ListProjects, one page and the iterator.
	list := of(c.ListProjects(ctx, nil)).get(t)
	if len(list.Projects) != 1 || list.Projects[0].ProjectName != testProject || list.Projects[0].Arn != arn || list.NextToken != "" {
		t.Errorf("ListProjects: %+v", list)
	}

	// CreatePlacement, UpdatePlacement, DescribePlacement, ListPlacements.
	of(c.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: testProject, PlacementName: "desk-1", Attributes: map[string]string{"room": "101", "desk": "7"}})).get(t)
	_, err = c.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})
	wantAPIError[*projects.ResourceConflictException](t, err, "CreatePlacement twice")
	_, err = c.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: "nowhere", PlacementName: "desk-1"})
	wantAPIError[*projects.ResourceNotFoundException](t, err, "CreatePlacement in no project")
	of(c.UpdatePlacement(ctx, &projects.UpdatePlacementInput{ProjectName: testProject, PlacementName: "desk-1", Attributes: map[string]string{"desk": ""}})).get(t)
	pl := of(c.DescribePlacement(ctx, &projects.DescribePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})).get(t).Placement
	if pl == nil || pl.Attributes["room"] != "101" || pl.Attributes["desk"] != "" || pl.CreatedDate.IsZero() {
		t.Errorf("DescribePlacement after clearing desk: %+v", pl)
	}
	var names []string
	for p, err := range c.AllPlacements(ctx, &projects.ListPlacementsInput{ProjectName: testProject}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, p.PlacementName)
	}
	if len(names) != 1 || names[0] != "desk-1" {
		t.Errorf("placements %q", names)
	}

	// AssociateDeviceWithPlacement, GetDevicesInPlacement, and the device's
	// attributes in the Devices service.
	of(c.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{
		ProjectName: testProject, PlacementName: "desk-1", DeviceTemplateName: "button", DeviceId: deviceID,
	})).get(t)
	in := of(c.GetDevicesInPlacement(ctx, &projects.GetDevicesInPlacementInput{ProjectName: testProject, PlacementName: "desk-1"})).get(t)
	if in.Devices["button"] != deviceID {
		t.Errorf("GetDevicesInPlacement: %v", in.Devices)
	}
	dev := of(devices.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: deviceID})).get(t).DeviceDescription
	if dev.Attributes["projectName"] != testProject || dev.Attributes["placementName"] != "desk-1" || dev.Attributes["deviceTemplateName"] != "button" {
		t.Errorf("placed device's attributes %v", dev.Attributes)
	}

	// A click goes to the template's function, with placementInfo.
	if _, err := srv.Click(deviceID, "SINGLE"); err != nil {
		t.Fatal(err)
	}
	evs := fn.all()
	if len(evs) != 1 || evs[0].Placement == nil || evs[0].Placement.PlacementName != "desk-1" ||
		evs[0].Placement.Attributes["room"] != "101" || evs[0].Placement.Attributes["building"] != "B1" ||
		evs[0].Placement.Devices["button"] != deviceID || evs[0].Device.DeviceId != deviceID {
		t.Fatalf("events received %+v", evs)
	}

	// Not empty: the deletes are refused.
	_, err = c.DeletePlacement(ctx, &projects.DeletePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Errorf("DeletePlacement of a placement with a device: %v", err)
	}
	_, err = c.DeleteProject(ctx, &projects.DeleteProjectInput{ProjectName: testProject})
	if !errors.As(err, &api) {
		t.Errorf("DeleteProject of a project with a placement: %v", err)
	}

	// Tags, by the project's ARN.
	of(c.TagResource(ctx, &projects.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"floor": "3"}})).get(t)
	of(c.UntagResource(ctx, &projects.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"team"}})).get(t)
	tags := of(c.ListTagsForResource(ctx, &projects.ListTagsForResourceInput{ResourceArn: arn})).get(t).Tags
	if len(tags) != 1 || tags["floor"] != "3" {
		t.Errorf("tags %v", tags)
	}

	// DisassociateDeviceFromPlacement: the next click has no placement.
	of(c.DisassociateDeviceFromPlacement(ctx, &projects.DisassociateDeviceFromPlacementInput{ProjectName: testProject, PlacementName: "desk-1", DeviceTemplateName: "button"})).get(t)
	if in := of(c.GetDevicesInPlacement(ctx, &projects.GetDevicesInPlacementInput{ProjectName: testProject, PlacementName: "desk-1"})).get(t); len(in.Devices) != 0 {
		t.Errorf("devices after disassociating: %v", in.Devices)
	}
	if _, err := srv.Click(deviceID, "DOUBLE"); err != nil {
		t.Fatal(err)
	}
	if evs := fn.all(); len(evs) != 1 {
		t.Errorf("the function received %d events, want the placed click only", len(evs))
	}

	// Teardown, then not found.
	of(c.DeletePlacement(ctx, &projects.DeletePlacementInput{ProjectName: testProject, PlacementName: "desk-1"})).get(t)
	of(c.DeleteProject(ctx, &projects.DeleteProjectInput{ProjectName: testProject})).get(t)
	_, err = c.DescribeProject(ctx, &projects.DescribeProjectInput{ProjectName: testProject})
	wantAPIError[*projects.ResourceNotFoundException](t, err, "DescribeProject after DeleteProject")
	if n := len(of(c.ListProjects(ctx, nil)).get(t).Projects); n != 0 {
		t.Errorf("%d projects left", n)
	}
}

// TestEmulatorPaging walks the emulator's listings with small pages.
func TestEmulatorPaging(t *testing.T) {
	srv := iot1clicktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	c := srv.ProjectsClient()
	const n = 7
	for i := range n {
		of(c.CreateProject(ctx, &projects.CreateProjectInput{ProjectName: "p" + string(rune('a'+i))})).get(t)
		of(c.CreatePlacement(ctx, &projects.CreatePlacementInput{ProjectName: "pa", PlacementName: "desk-" + string(rune('a'+i))})).get(t)
	}
	for _, size := range []int32{1, 2, n, n + 10} {
		var projectsSeen, placementsSeen int
		for _, err := range c.AllProjects(ctx, &projects.ListProjectsInput{MaxResults: size}) {
			if err != nil {
				t.Fatal(err)
			}
			projectsSeen++
		}
		p := projects.NewListPlacementsPaginator(c, &projects.ListPlacementsInput{ProjectName: "pa", MaxResults: size}, func(o *projects.ListPlacementsPaginatorOptions) { o.Prefetch = 1 })
		for _, err := range p.Placements(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			placementsSeen++
		}
		if projectsSeen != n || placementsSeen != n {
			t.Errorf("page size %d: %d projects and %d placements, want %d each", size, projectsSeen, placementsSeen, n)
		}
	}
}
