// Command projects routes a button's clicks the way AWS IoT 1-Click
// deployments did, with the Projects client (package iot1click/projects):
// it creates a project whose device template sends clicks to a Lambda
// function, adds a placement with attributes, places a claimed button in
// it, clicks the button, and prints the event the function received,
// placementInfo included. It then removes the button from the placement,
// clicks again, and cleans up.
//
// It runs against the emulator (package iot1clicktest), started in
// process, which serves the Devices and Projects services on one address
// and runs the function in process (iot1clicktest.WithLambda), so it needs
// no AWS account:
//
//	go run ./examples/projects [-click SINGLE|DOUBLE|LONG]
//
// Against the standalone emulator, the same function would be a URL given
// with -lambda ARN=URL, such as the Lambda Runtime Interface Emulator's.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

// functionArn is the Lambda function the project's template routes clicks
// to.
const functionArn = "arn:aws:lambda:us-west-2:123456789012:function:reception"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cli.Exit("projects", run(ctx, os.Args[1:], os.Stdout))
}

// inbox keeps the events the function received.
type inbox struct {
	mu     sync.Mutex
	events []clickevent.Event
}

// receive is the Lambda function: it keeps the event it is invoked with.
func (in *inbox) receive(_ context.Context, ev clickevent.Event) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.events = append(in.events, ev)
	return nil
}

// take returns the events received since the last take.
func (in *inbox) take() []clickevent.Event {
	in.mu.Lock()
	defer in.mu.Unlock()
	evs := in.events
	in.events = nil
	return evs
}

// run parses args, starts the emulator and walks through the routing of a
// click. -h prints the usage to out; a bad flag is a *cli.UsageError,
// returned before the emulator starts.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("projects", flag.ContinueOnError)
	fs.SetOutput(out)
	clickType := fs.String("click", iot1click.ClickTypeSingle, "the click the button sends to the function: SINGLE, DOUBLE or LONG")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch *clickType {
	case iot1click.ClickTypeSingle, iot1click.ClickTypeDouble, iot1click.ClickTypeLong:
	default:
		return cli.Usagef("-click %q: want SINGLE, DOUBLE or LONG", *clickType)
	}

	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	fn := &inbox{}
	srv := iot1clicktest.NewServer(iot1clicktest.WithLambda(functionArn, fn.receive))
	defer srv.Close()
	fmt.Fprintf(out, "Emulator running in-process at %s (region %s)\n\n", srv.URL, srv.Region())
	client := srv.ProjectsClient()
	button := srv.AddFleet(1)[0] // a button claimed by the account

	const project, placement, template = "FrontDesk", "lobby-desk", "call-reception"
	step := stepper(out)

	_, err := client.CreateProject(ctx, &projects.CreateProjectInput{
		ProjectName: project,
		Description: "Buttons that call reception",
		PlacementTemplate: &projects.PlacementTemplate{
			DefaultAttributes: map[string]string{"building": "HQ", "floor": "1"},
			DeviceTemplates: map[string]projects.DeviceTemplate{
				template: {DeviceType: "button", CallbackOverrides: map[string]string{projects.CallbackOnClick: functionArn}},
			},
		},
	})
	if err != nil {
		return err
	}
	step("CreateProject %s: template %s routes clicks to %s", project, template, functionArn)

	_, err = client.CreatePlacement(ctx, &projects.CreatePlacementInput{
		ProjectName: project, PlacementName: placement,
		Attributes: map[string]string{"floor": "0", "room": "lobby"},
	})
	if err != nil {
		return err
	}
	step("CreatePlacement %s: room=lobby, floor=0 over the project's floor=1", placement)

	_, err = client.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{
		ProjectName: project, PlacementName: placement, DeviceTemplateName: template, DeviceId: button,
	})
	if err != nil {
		return err
	}
	step("AssociateDeviceWithPlacement: button %s is %s's %s", button, placement, template)

	if _, err := srv.Click(button, *clickType); err != nil {
		return err
	}
	evs := fn.take()
	if len(evs) != 1 {
		return fmt.Errorf("the function received %d events, want 1", len(evs))
	}
	b, err := json.MarshalIndent(evs[0], "   ", "  ")
	if err != nil {
		return err
	}
	step("Click: the function received\n   %s", b)

	_, err = client.DisassociateDeviceFromPlacement(ctx, &projects.DisassociateDeviceFromPlacementInput{
		ProjectName: project, PlacementName: placement, DeviceTemplateName: template,
	})
	if err != nil {
		return err
	}
	if _, err := srv.Click(button, iot1click.ClickTypeDouble); err != nil {
		return err
	}
	step("DisassociateDeviceFromPlacement, click again: the function received %d event(s)", len(fn.take()))

	if _, err := client.DeletePlacement(ctx, &projects.DeletePlacementInput{ProjectName: project, PlacementName: placement}); err != nil {
		return err
	}
	if _, err := client.DeleteProject(ctx, &projects.DeleteProjectInput{ProjectName: project}); err != nil {
		return err
	}
	step("DeletePlacement and DeleteProject: done")
	return nil
}

// stepper returns a function that prints the numbered steps.
func stepper(out io.Writer) func(format string, args ...any) {
	n := 0
	return func(format string, args ...any) {
		n++
		fmt.Fprintf(out, "%d. "+format+"\n", append([]any{n}, args...)...)
	}
}
