// Command quickstart tells the story of the AWS IoT 1-Click Devices Service
// with the iot1click client, in one screen: it lists a fleet of a few
// hundred devices page by page, describes one, claims another with
// ClaimDevice in one call, reads its health through a device method, lists
// its events and tags, and, with the Projects client, places it in a
// project whose device template routes its clicks to a function running in
// this process, clicks, and prints the placementInfo the function received.
//
// By default it runs against an emulator started in-process, which presses
// the button for you when the claim waits for a click, so it needs no AWS
// account:
//
//	go run ./examples/quickstart
//
// To run it against another endpoint, such as the standalone emulator
// (go run ./examples/emulator), pass -endpoint or set
// AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE (or AWS_ENDPOINT_URL). An
// emulator gives its region and test credentials itself (GET
// /_iot1click/info), makes a device to claim and presses its button through
// its control API; against anything else, credentials and region come from
// the usual AWS configuration, -device names the device to claim and a
// person presses its button. The Projects step needs the embedded emulator,
// which calls the in-process function (iot1clicktest.WithLambda); against
// an endpoint it is skipped (the standalone emulator delivers a click to a
// URL given as -lambda ARN=URL instead).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/clickevent"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
	"github.com/iot1click-sdk/iot1click-go/iot1click/projects"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cli.Exit("quickstart", run(ctx, os.Args[1:], os.Stdout))
}

const (
	// fleetSize is the in-process emulator's fleet: three pages of 100.
	fleetSize = 250
	// pageSize is the ListDevices page size of the walk.
	pageSize = 100
	// maxPages bounds the walk, for an endpoint with a large fleet.
	maxPages = 20
	// shown is how many devices the listing prints.
	shown = 3
	// functionArn is the Lambda function the project's template routes
	// clicks to: in process, on the embedded emulator.
	functionArn = "arn:aws:lambda:us-west-2:123456789012:function:quickstart"
)

// env holds what the story runs against.
type env struct {
	client  *iot1click.Client
	out     io.Writer
	claimID string                                     // the device to claim
	press   func(ctx context.Context, id string) error // presses its button; nil: a person does

	// The Projects step, on the embedded emulator only (nil otherwise).
	projects *projects.Client
	fn       *function // the function clicks are routed to
}

// function is the Lambda function of functionArn, run in process by the
// embedded emulator. Click returns once the function has run, so the story
// reads what it received without a lock.
type function struct {
	received []clickevent.Event
}

// invoke is the function's handler: it keeps the event.
func (f *function) invoke(_ context.Context, ev clickevent.Event) error {
	f.received = append(f.received, ev)
	return nil
}

// run parses args, sets up the client and tells the story.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(out)
	endpoint := fs.String("endpoint", "", cli.EndpointUsage)
	region := fs.String("region", "", "AWS `region` (default: the emulator's, else the AWS configuration's)")
	device := fs.String("device", "", "`ID` of the device to claim (default: a new unclaimed emulator device)")
	timeout := fs.Duration("timeout", 2*time.Minute, "time limit of the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive")
	}
	*endpoint = cli.Endpoint(*endpoint)

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	start := time.Now()

	var e *env
	if *endpoint == "" {
		fn := &function{}
		opts := []iot1clicktest.Option{iot1clicktest.WithFleet(fleetSize), iot1clicktest.WithUnclaimedDevices(1),
			iot1clicktest.WithLambda(functionArn, fn.invoke)}
		if *region != "" {
			opts = append(opts, iot1clicktest.WithRegion(*region))
		}
		srv := iot1clicktest.NewServer(opts...)
		defer srv.Close()
		fmt.Fprintf(out, "Emulator running in-process at %s (region %s)\n\n", srv.URL, srv.Region())
		e = &env{client: srv.Client(), out: out, claimID: *device, projects: srv.ProjectsClient(), fn: fn}
		if e.claimID == "" {
			e.claimID = firstUnclaimed(srv.Devices())
		}
		e.press = func(_ context.Context, id string) error {
			_, err := srv.Click(id, iot1click.ClickTypeSingle)
			return err
		}
	} else {
		var err error
		if e, err = remoteEnv(ctx, *endpoint, *region, *device, out); err != nil {
			return err
		}
	}
	if err := story(ctx, e); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nDone in %s.\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// remoteEnv sets up the story against an endpoint: an emulator when its
// control API answers, the service otherwise.
func remoteEnv(ctx context.Context, endpoint, region, device string, out io.Writer) (*env, error) {
	r, err := cli.Connect(ctx, endpoint, region)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "Talking to %s\n\n", r.Describe())
	e := &env{client: r.Client, out: out, claimID: device}
	if !r.Emulator {
		if device == "" {
			return nil, cli.Usagef("%s is not an emulator: pass -device with the ID of a device to claim", endpoint)
		}
		return e, nil
	}
	control := endpoint + iot1clicktest.ControlPrefix
	if e.claimID == "" {
		var fleet struct {
			DeviceIDs []string `json:"deviceIds"`
		}
		if err := postJSON(ctx, control+"fleet", map[string]any{"count": 1, "claimed": false}, &fleet); err != nil {
			return nil, fmt.Errorf("asking the emulator for a device to claim: %w", err)
		}
		if len(fleet.DeviceIDs) != 1 {
			return nil, fmt.Errorf("the emulator made %d devices to claim, want 1", len(fleet.DeviceIDs))
		}
		e.claimID = fleet.DeviceIDs[0]
	}
	e.press = func(ctx context.Context, id string) error {
		return postJSON(ctx, control+"click", map[string]string{"deviceId": id, "clickType": iot1click.ClickTypeSingle}, nil)
	}
	return e, nil
}

// story runs the steps, printing each.
func story(ctx context.Context, e *env) error {
	c, out := e.client, e.out

	// 1. The devices of the account, page by page, the listing capped.
	p := iot1click.NewListDevicesPaginator(c, &iot1click.ListDevicesInput{MaxResults: pageSize},
		func(o *iot1click.ListDevicesPaginatorOptions) { o.MaxPages = maxPages })
	var (
		first       []iot1click.DeviceDescription
		total, page int
		limited     bool
	)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if errors.Is(err, iot1click.ErrWalkLimit) {
			limited = true
			break
		}
		if err != nil {
			return fmt.Errorf("ListDevices: %w", err)
		}
		page++
		total += len(out.Devices)
		for _, d := range out.Devices {
			if len(first) < shown {
				first = append(first, d)
			}
		}
	}
	more := ""
	if limited {
		more = fmt.Sprintf(" (stopped after %d pages; there are more)", maxPages)
	}
	fmt.Fprintf(out, "1. ListDevices, pages of %d: %d devices in %d pages%s\n", pageSize, total, page, more)
	for _, d := range first {
		fmt.Fprintf(out, "   %s  %-6s  enabled=%-5t  battery %s\n", d.DeviceId, d.Type, d.Enabled, life(d.RemainingLife))
	}
	if total > len(first) {
		fmt.Fprintf(out, "   … and %d more\n", total-len(first))
	}

	// 2. One device in detail.
	if len(first) > 0 {
		desc, err := c.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: first[0].DeviceId})
		if err != nil {
			return fmt.Errorf("DescribeDevice: %w", err)
		}
		d := desc.DeviceDescription
		fmt.Fprintf(out, "2. DescribeDevice %s:\n   %s\n   request ID %s\n", d.DeviceId, d.Arn, iot1click.RequestID(desc.ResultMetadata))
	} else {
		fmt.Fprintln(out, "2. DescribeDevice: skipped, the account has no device yet")
	}

	// 3. Claim a device in one call: initiate, wait for the click,
	// finalize with tags, enable.
	id := e.claimID
	res, err := c.ClaimDevice(ctx, id, func(o *iot1click.ClaimOptions) {
		o.Tags = map[string]string{"claimedBy": "quickstart"}
		o.Enable = true
		o.OnAwaitingClick = func(ctx context.Context, id string) {
			if e.press == nil {
				fmt.Fprintf(out, "   Press the button of device %s now.\n", id)
				return
			}
			if err := e.press(ctx, id); err != nil {
				fmt.Fprintf(out, "   The emulator could not press the button (%v): press it yourself.\n", err)
			}
		}
	})
	if err != nil {
		return fmt.Errorf("ClaimDevice: %w", err)
	}
	fmt.Fprintf(out, "3. ClaimDevice %s: initiate, wait for the click, finalize, enable, in one call\n", id)
	if e.press != nil {
		fmt.Fprintln(out, "   (the emulator pressed the button for you; with AWS, a person presses it)")
	}
	click := "an event"
	if res.Button != nil {
		click = "a " + res.Button.ClickType + " click"
	}
	fmt.Fprintf(out, "   %s after %d poll(s): %s, enabled=%t\n", click, res.Polls, res.State, res.Enabled)

	// 4. A device method.
	health, err := c.InvokeDeviceMethod(ctx, &iot1click.InvokeDeviceMethodInput{
		DeviceId:     id,
		DeviceMethod: &iot1click.DeviceMethod{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
	})
	if err != nil {
		return fmt.Errorf("InvokeDeviceMethod: %w", err)
	}
	fmt.Fprintf(out, "4. InvokeDeviceMethod getDeviceHealthParameters: %s\n", health.DeviceMethodResponse)

	// 5. The device's events since the claim began, and its tags.
	var events int
	for _, err := range c.AllDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: res.InitiatedAt.Add(-time.Minute),
		ToTimeStamp:   res.InitiatedAt.Add(time.Hour),
	}) {
		if err != nil {
			return fmt.Errorf("ListDeviceEvents: %w", err)
		}
		events++
	}
	desc, err := c.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil {
		return fmt.Errorf("DescribeDevice: %w", err)
	}
	tags, err := c.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: desc.DeviceDescription.Arn})
	if err != nil {
		return fmt.Errorf("ListTagsForResource: %w", err)
	}
	fmt.Fprintf(out, "5. ListDeviceEvents: %d event(s); ListTagsForResource: %s\n", events, formatMap(tags.Tags))

	// 6. Projects: the claimed device placed in a project whose template
	// routes clicks to an in-process function, a click, and what the
	// function received.
	return placeAndClick(ctx, e, id)
}

// placeAndClick is step 6: it creates a project whose device template
// routes clicks to functionArn, a placement, places the device id in it,
// clicks its button and prints the placementInfo the function received.
func placeAndClick(ctx context.Context, e *env, id string) error {
	if e.projects == nil {
		fmt.Fprintln(e.out, "6. Projects: skipped; clicks reach an in-process function only on the embedded emulator")
		return nil
	}
	const project, placement, template = "quickstart", "lobby", "button"
	_, err := e.projects.CreateProject(ctx, &projects.CreateProjectInput{
		ProjectName: project,
		PlacementTemplate: &projects.PlacementTemplate{
			DefaultAttributes: map[string]string{"floor": "1"},
			DeviceTemplates: map[string]projects.DeviceTemplate{
				template: {DeviceType: "button", CallbackOverrides: map[string]string{projects.CallbackOnClick: functionArn}},
			},
		},
	})
	if err != nil {
		return fmt.Errorf("CreateProject: %w", err)
	}
	_, err = e.projects.CreatePlacement(ctx, &projects.CreatePlacementInput{
		ProjectName: project, PlacementName: placement, Attributes: map[string]string{"room": "lobby"},
	})
	if err != nil {
		return fmt.Errorf("CreatePlacement: %w", err)
	}
	_, err = e.projects.AssociateDeviceWithPlacement(ctx, &projects.AssociateDeviceWithPlacementInput{
		ProjectName: project, PlacementName: placement, DeviceTemplateName: template, DeviceId: id,
	})
	if err != nil {
		return fmt.Errorf("AssociateDeviceWithPlacement: %w", err)
	}
	fmt.Fprintf(e.out, "6. Projects: placed %s in project %s, placement %s, whose template\n", id, project, placement)
	fmt.Fprintf(e.out, "   routes clicks to %s (in process)\n", functionArn)
	if err := e.press(ctx, id); err != nil {
		return fmt.Errorf("click: %w", err)
	}
	evs := e.fn.received
	if len(evs) != 1 || evs[0].Placement == nil {
		return fmt.Errorf("the function received %d events, want 1 with its placementInfo", len(evs))
	}
	ev, p := evs[0], evs[0].Placement
	fmt.Fprintf(e.out, "   a click: the function received %s from %s with placementInfo\n", ev.ClickType, ev.Device.DeviceId)
	fmt.Fprintf(e.out, "   {projectName=%s, placementName=%s, attributes=%s}\n", p.ProjectName, p.PlacementName, formatMap(p.Attributes))
	return nil
}

func firstUnclaimed(devices []iot1clicktest.DeviceRecord) string {
	for _, d := range devices {
		if d.State == "" || d.State == iot1clicktest.StateUnclaimed {
			return d.DeviceId
		}
	}
	return ""
}

func life(v *float64) string {
	if v == nil {
		return "unknown"
	}
	return fmt.Sprintf("%.1f%%", *v)
}

func formatMap(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// postJSON posts v to an emulator control URL and decodes the answer into
// into, when not nil.
func postJSON(ctx context.Context, url string, v, into any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("%s: %s", resp.Status, bytes.TrimSpace(msg))
	}
	if into == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(into)
}
