// Command quickstart walks through the AWS IoT 1-Click Devices Service with
// the iot1click client: it lists the devices of the account, describes one,
// claims another (initiate, a click, finalize), enables it, reads its health
// through a device method, lists its events and tags it, printing an account
// of each step.
//
// By default it runs against an emulator started in-process, so it needs no
// AWS account:
//
//	go run ./examples/quickstart
//
// To run it against another endpoint, such as the standalone emulator
// (go run ./examples/emulator), pass -endpoint or set
// AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE (or AWS_ENDPOINT_URL);
// credentials and region then come from the usual AWS configuration. Against
// an emulator the click is pressed through its control API; against anything
// else the program asks a person to press the button of -device.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cli.Exit("quickstart", run(ctx, os.Args[1:], os.Stdout))
}

// env holds what the steps run against.
type env struct {
	client  *iot1click.Client
	out     io.Writer
	claimID string                          // the device to claim
	click   func(ctx context.Context) error // presses its button
}

// run parses args, sets up the client and runs the walkthrough.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(out)
	endpoint := fs.String("endpoint", "", cli.EndpointUsage)
	region := fs.String("region", "", "AWS region (default: from the AWS configuration, us-west-2 for the in-process emulator)")
	device := fs.String("device", "", "device to claim (default: an unclaimed emulator device)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	*endpoint = cli.Endpoint(*endpoint)

	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	var e *env
	if *endpoint == "" {
		opts := []iot1clicktest.Option{iot1clicktest.WithFleet(3), iot1clicktest.WithUnclaimedDevices(1)}
		if *region != "" {
			opts = append(opts, iot1clicktest.WithRegion(*region))
		}
		srv := iot1clicktest.NewServer(opts...)
		defer srv.Close()
		fmt.Fprintf(out, "Emulator running in-process at %s (region %s)\n\n", srv.URL, srv.Region())
		e = &env{client: srv.Client(), out: out, claimID: *device}
		if e.claimID == "" {
			e.claimID = firstUnclaimed(srv.Devices())
		}
		e.click = func(context.Context) error {
			_, err := srv.Click(e.claimID, iot1click.ClickTypeSingle)
			return err
		}
	} else {
		var err error
		if e, err = remoteEnv(ctx, *endpoint, *region, *device, out); err != nil {
			return err
		}
	}
	return walkthrough(ctx, e)
}

// remoteEnv sets up the walkthrough against an endpoint: an emulator when it
// answers the control API, the service otherwise.
func remoteEnv(ctx context.Context, endpoint, region, device string, out io.Writer) (*env, error) {
	client, cfg, err := cli.Client(ctx, endpoint, region)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "Endpoint %s (region %s)\n\n", endpoint, cfg.Region)
	e := &env{client: client, out: out, claimID: device}
	control := endpoint + iot1clicktest.ControlPrefix
	if e.claimID == "" {
		// An emulator makes a fresh unclaimed device on request.
		var fleet struct {
			DeviceIDs []string `json:"deviceIds"`
		}
		if err := postJSON(ctx, control+"fleet", map[string]any{"count": 1, "claimed": false}, &fleet); err != nil || len(fleet.DeviceIDs) == 0 {
			return nil, fmt.Errorf("the endpoint has no emulator control API (%v): pass -device with the ID of a device to claim", err)
		}
		e.claimID = fleet.DeviceIDs[0]
	}
	e.click = func(ctx context.Context) error {
		err := postJSON(ctx, control+"click", map[string]string{"deviceId": e.claimID, "clickType": "SINGLE"}, nil)
		if err == nil {
			return nil
		}
		fmt.Fprintf(out, "   Press the button of device %s now.\n", e.claimID)
		return nil
	}
	return e, nil
}

// walkthrough runs the steps, printing each.
func walkthrough(ctx context.Context, e *env) error {
	c, out := e.client, e.out

	// 1. The devices of the account, every page.
	var devices []iot1click.DeviceDescription
	p := iot1click.NewListDevicesPaginator(c, &iot1click.ListDevicesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("ListDevices: %w", err)
		}
		devices = append(devices, page.Devices...)
	}
	fmt.Fprintf(out, "1. ListDevices: %d device(s) in the account\n", len(devices))
	for _, d := range devices {
		fmt.Fprintf(out, "   %s  %-6s  enabled=%-5t  battery %s\n", d.DeviceId, d.Type, d.Enabled, life(d.RemainingLife))
	}

	// 2. One device in detail.
	if len(devices) > 0 {
		desc, err := c.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: devices[0].DeviceId})
		if err != nil {
			return fmt.Errorf("DescribeDevice: %w", err)
		}
		d := desc.DeviceDescription
		fmt.Fprintf(out, "2. DescribeDevice %s:\n   arn %s\n   attributes %s\n   (request ID %s)\n",
			d.DeviceId, d.Arn, formatMap(d.Attributes), iot1click.RequestID(desc.ResultMetadata))
	} else {
		fmt.Fprintln(out, "2. DescribeDevice: skipped, the account has no device yet")
	}

	// 3. to 5. Claim a device: initiate, click, finalize.
	id := e.claimID
	claimStart := time.Now()
	initiated, err := c.InitiateDeviceClaim(ctx, &iot1click.InitiateDeviceClaimInput{DeviceId: id})
	if err != nil {
		return fmt.Errorf("InitiateDeviceClaim: %w", err)
	}
	if st, ok := awsmiddleware.GetServerTime(initiated.ResultMetadata); ok {
		claimStart = st
	}
	fmt.Fprintf(out, "3. InitiateDeviceClaim %s: %s\n", id, initiated.State)

	if err := e.click(ctx); err != nil {
		return fmt.Errorf("click: %w", err)
	}
	click, err := waitForClick(ctx, c, id, claimStart.Add(-time.Minute))
	if err != nil {
		return fmt.Errorf("waiting for the click: %w", err)
	}
	if ev, err := click.ButtonEvent(); err == nil {
		fmt.Fprintf(out, "4. Button clicked: %s click reported at %s\n", ev.ClickType, ev.ReportedTime.Format(time.RFC3339))
	} else {
		fmt.Fprintf(out, "4. Device event: %s\n", click.StdEvent)
	}

	finalized, err := c.FinalizeDeviceClaim(ctx, &iot1click.FinalizeDeviceClaimInput{
		DeviceId: id,
		Tags:     map[string]string{"claimedBy": "quickstart"},
	})
	if err != nil {
		return fmt.Errorf("FinalizeDeviceClaim: %w", err)
	}
	fmt.Fprintf(out, "5. FinalizeDeviceClaim %s: %s\n", id, finalized.State)

	// 6. A claimed device starts disabled.
	if _, err := c.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: id, Enabled: true}); err != nil {
		return fmt.Errorf("UpdateDeviceState: %w", err)
	}
	desc, err := c.DescribeDevice(ctx, &iot1click.DescribeDeviceInput{DeviceId: id})
	if err != nil {
		return fmt.Errorf("DescribeDevice: %w", err)
	}
	fmt.Fprintf(out, "6. UpdateDeviceState %s: enabled=%t\n", id, desc.DeviceDescription.Enabled)

	// 7. A device method.
	health, err := c.InvokeDeviceMethod(ctx, &iot1click.InvokeDeviceMethodInput{
		DeviceId:     id,
		DeviceMethod: &iot1click.DeviceMethod{DeviceType: "device", MethodName: "getDeviceHealthParameters"},
	})
	if err != nil {
		return fmt.Errorf("InvokeDeviceMethod: %w", err)
	}
	fmt.Fprintf(out, "7. InvokeDeviceMethod getDeviceHealthParameters: %s\n", health.DeviceMethodResponse)

	// 8. The device's events since the claim began.
	var events []iot1click.DeviceEvent
	for ev, err := range c.AllDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
		DeviceId:      id,
		FromTimeStamp: claimStart.Add(-time.Minute),
		ToTimeStamp:   claimStart.Add(time.Hour),
	}) {
		if err != nil {
			return fmt.Errorf("ListDeviceEvents: %w", err)
		}
		events = append(events, ev)
	}
	fmt.Fprintf(out, "8. ListDeviceEvents %s: %d event(s)\n", id, len(events))

	// 9. Tags.
	arn := desc.DeviceDescription.Arn
	if _, err := c.TagResource(ctx, &iot1click.TagResourceInput{
		ResourceArn: arn,
		Tags:        map[string]string{"room": "lobby"},
	}); err != nil {
		return fmt.Errorf("TagResource: %w", err)
	}
	tags, err := c.ListTagsForResource(ctx, &iot1click.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil {
		return fmt.Errorf("ListTagsForResource: %w", err)
	}
	fmt.Fprintf(out, "9. TagResource %s: tags now %s\n", arn, formatMap(tags.Tags))

	fmt.Fprintln(out, "\nDone.")
	return nil
}

// waitForClick polls the device's events until one appears after from.
func waitForClick(ctx context.Context, c *iot1click.Client, id string, from time.Time) (iot1click.DeviceEvent, error) {
	for {
		out, err := c.ListDeviceEvents(ctx, &iot1click.ListDeviceEventsInput{
			DeviceId:      id,
			FromTimeStamp: from,
			ToTimeStamp:   time.Now().Add(time.Hour),
		})
		if err != nil {
			return iot1click.DeviceEvent{}, err
		}
		if n := len(out.Events); n > 0 {
			return out.Events[n-1], nil
		}
		select {
		case <-ctx.Done():
			return iot1click.DeviceEvent{}, ctx.Err()
		case <-time.After(time.Second):
		}
	}
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
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
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
		return errors.New(resp.Status)
	}
	if into == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(into)
}
