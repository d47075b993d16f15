// Command claim claims an AWS IoT 1-Click device into your account from the
// command line, with iot1click.Client.ClaimDevice: it initiates the claim,
// asks you to press the button, waits for the click, finalizes the claim
// with your tags and, with -enable, enables the device.
//
// Usage:
//
//	go run ./examples/claim -device G030PM0123456789 [-endpoint URL] [-region us-west-2] [-tag k=v]... [-enable] [-timeout 2m]
//
// With -endpoint, or with AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE or
// AWS_ENDPOINT_URL set, it talks to that endpoint with the credentials and
// region of the usual AWS configuration, and a person presses the button.
// Without them it starts an emulator in-process (iot1clicktest) that holds
// the device unclaimed, and presses the button itself after -simulate-after,
// so that the program can be tried without an AWS account or a button.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cli.Exit("claim", run(ctx, os.Args[1:], os.Stdout))
}

// tagFlag collects repeated -tag key=value flags.
type tagFlag map[string]string

func (t tagFlag) String() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(t)) {
		parts = append(parts, k+"="+t[k])
	}
	return strings.Join(parts, ",")
}

func (t tagFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("tag %q is not key=value", s)
	}
	t[k] = v
	return nil
}

// run parses args, claims the device and reports progress on out.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("claim", flag.ContinueOnError)
	fs.SetOutput(out)
	device := fs.String("device", "", "ID of the device to claim, such as G030PM0123456789 (required)")
	endpoint := fs.String("endpoint", "", cli.EndpointUsage)
	region := fs.String("region", "", "AWS region (default: from the AWS configuration)")
	tags := tagFlag{}
	fs.Var(tags, "tag", "tag key=value to put on the claimed device (repeatable)")
	enable := fs.Bool("enable", false, "enable the device once claimed")
	timeout := fs.Duration("timeout", 2*time.Minute, "how long to wait, in all, for the claim (and the click)")
	poll := fs.Duration("poll", iot1click.DefaultClaimPollInterval, "how often to check for the click")
	simulate := fs.Duration("simulate-after", 1500*time.Millisecond, "in-process emulator only: press the button this long after the claim starts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *device == "" {
		fs.Usage()
		return errors.New("-device is required")
	}
	*endpoint = cli.Endpoint(*endpoint)

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	var (
		client *iot1click.Client
		press  func(ctx context.Context, deviceID string) // nil: a person presses
	)
	if *endpoint == "" {
		var opts []iot1clicktest.Option
		if *region != "" {
			opts = append(opts, iot1clicktest.WithRegion(*region))
		}
		opts = append(opts, iot1clicktest.WithDevices(iot1clicktest.DeviceRecord{DeviceId: *device, RemainingLife: 99.5}))
		srv := iot1clicktest.NewServer(opts...)
		defer srv.Close()
		fmt.Fprintf(out, "No -endpoint given: using an in-process emulator at %s that holds device %s.\n", srv.URL, *device)
		client = srv.Client()
		press = func(ctx context.Context, id string) {
			fmt.Fprintf(out, "(The emulator will press the button in %v.)\n", *simulate)
			go func() {
				select {
				case <-ctx.Done():
				case <-time.After(*simulate):
					_, _ = srv.Click(id, iot1click.ClickTypeSingle)
				}
			}()
		}
	} else {
		var cfg aws.Config
		var err error
		if client, cfg, err = cli.Client(ctx, *endpoint, *region); err != nil {
			return err
		}
		fmt.Fprintf(out, "Using endpoint %s (region %s).\n", *endpoint, cfg.Region)
	}

	fmt.Fprintf(out, "Claiming device %s...\n", *device)
	res, err := client.ClaimDevice(ctx, *device, func(o *iot1click.ClaimOptions) {
		o.Tags = tags
		o.Enable = *enable
		o.PollInterval = *poll
		o.OnAwaitingClick = func(ctx context.Context, id string) {
			deadline, _ := ctx.Deadline()
			fmt.Fprintf(out, "Press the button on device %s now (waiting until %s).\n", id, deadline.Format(time.Kitchen))
			if press != nil {
				press(ctx, id)
			}
		}
	})
	if err != nil {
		return explain(err)
	}

	click := "an event"
	if res.Button != nil {
		click = res.Button.ClickType + " click"
	}
	fmt.Fprintf(out, "Received %s after %d poll(s).\n", click, res.Polls)
	state := "disabled (run with -enable, or call UpdateDeviceState, to enable it)"
	if res.Enabled {
		state = "enabled"
	}
	fmt.Fprintf(out, "Device %s is %s and %s.\n", res.DeviceId, res.State, state)
	if len(tags) > 0 {
		fmt.Fprintf(out, "Tags: %s\n", tags)
	}
	return nil
}

// explain adds advice to the errors a person can act on.
func explain(err error) error {
	var (
		notFound *iot1click.ResourceNotFoundException
		conflict *iot1click.ResourceConflictException
	)
	switch {
	case errors.As(err, &notFound):
		return fmt.Errorf("%w\n(check the device ID printed on the device)", err)
	case errors.As(err, &conflict):
		return fmt.Errorf("%w\n(the device belongs to an account, or is being claimed by one: it must be released first)", err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w\n(no click in time: run again, or raise -timeout)", err)
	}
	return err
}
