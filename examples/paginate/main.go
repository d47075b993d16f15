// Command paginate is a backend job over a whole fleet of AWS IoT 1-Click
// devices: it ranges over every device of the account with
// iot1click.Client.AllDevices, which follows ListDevices' page tokens, and
// reports the devices by type and by project, and those whose battery is
// running low.
//
// Usage:
//
//	go run ./examples/paginate [-endpoint URL] [-region us-west-2] [-threshold 20] [-page-size 100] [-type button] [-fleet 250]
//
// With -endpoint, or with AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE or
// AWS_ENDPOINT_URL set, it reads that endpoint with the credentials and
// region of the usual AWS configuration. Without them it starts an emulator
// in-process (iot1clicktest) holding a generated fleet of -fleet devices.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cli.Exit("paginate", run(ctx, os.Args[1:], os.Stdout))
}

// run parses args, sets up the client and writes the report to out.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("paginate", flag.ContinueOnError)
	fs.SetOutput(out)
	endpoint := fs.String("endpoint", "", cli.EndpointUsage)
	region := fs.String("region", "", "AWS region (default: from the AWS configuration)")
	threshold := fs.Float64("threshold", 20, "report devices whose remaining life is below this percentage")
	pageSize := fs.Int("page-size", 100, "devices per ListDevices page, 1 to 250")
	deviceType := fs.String("type", "", "list only devices of this type, such as button")
	fleet := fs.Int("fleet", 250, "in-process emulator only: number of devices to generate")
	timeout := fs.Duration("timeout", 5*time.Minute, "time limit of the job")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pageSize < 1 || *pageSize > 250 {
		return errors.New("-page-size must be from 1 to 250")
	}
	*endpoint = cli.Endpoint(*endpoint)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	var client *iot1click.Client
	if *endpoint == "" {
		opts := []iot1clicktest.Option{iot1clicktest.WithFleet(*fleet)}
		if *region != "" {
			opts = append(opts, iot1clicktest.WithRegion(*region))
		}
		srv := iot1clicktest.NewServer(opts...)
		defer srv.Close()
		fmt.Fprintf(out, "No -endpoint given: using an in-process emulator at %s with %d generated devices.\n\n", srv.URL, *fleet)
		client = srv.Client()
	} else {
		var err error
		if client, _, err = cli.Client(ctx, *endpoint, *region); err != nil {
			return err
		}
	}

	r, err := buildReport(ctx, client, &iot1click.ListDevicesInput{DeviceType: *deviceType, MaxResults: int32(*pageSize)}, *threshold)
	if err != nil {
		return err
	}
	r.write(out)
	return nil
}

// report is what the job learns about the fleet.
type report struct {
	total     int
	byType    map[string]int
	byProject map[string]int
	threshold float64
	low       []iot1click.DeviceDescription // remaining life below threshold, lowest first
	unknown   int                           // devices that did not report their remaining life
}

// buildReport ranges over every device that in selects. The iterator asks
// for the next page only when the loop reaches it, and stops at the first
// failure, which it yields once.
func buildReport(ctx context.Context, client *iot1click.Client, in *iot1click.ListDevicesInput, threshold float64) (*report, error) {
	r := &report{byType: map[string]int{}, byProject: map[string]int{}, threshold: threshold}
	for d, err := range client.AllDevices(ctx, in) {
		if err != nil {
			return nil, fmt.Errorf("listing devices after %d: %w", r.total, err)
		}
		r.total++
		r.byType[d.Type]++
		if p := d.Attributes["projectName"]; p != "" {
			r.byProject[p]++
		} else {
			r.byProject["(no project)"]++
		}
		switch {
		case d.RemainingLife == nil:
			r.unknown++
		case *d.RemainingLife < threshold:
			r.low = append(r.low, d)
		}
	}
	slices.SortStableFunc(r.low, func(a, b iot1click.DeviceDescription) int {
		return cmp.Or(cmp.Compare(*a.RemainingLife, *b.RemainingLife), cmp.Compare(a.DeviceId, b.DeviceId))
	})
	return r, nil
}

// write prints the report.
func (r *report) write(w io.Writer) {
	fmt.Fprintf(w, "Fleet report: %d devices\n", r.total)
	writeCounts(w, "By type", r.byType)
	writeCounts(w, "By project", r.byProject)
	fmt.Fprintf(w, "\nRemaining life below %g%%: %d devices\n", r.threshold, len(r.low))
	for _, d := range r.low {
		where := d.Attributes["projectName"]
		if p := d.Attributes["placementName"]; p != "" {
			where += "/" + p
		}
		state := "enabled"
		if !d.Enabled {
			state = "disabled"
		}
		fmt.Fprintf(w, "  %-18s %6.2f%%  %-8s %s\n", d.DeviceId, *d.RemainingLife, state, where)
	}
	if r.unknown > 0 {
		fmt.Fprintf(w, "Remaining life not reported: %d devices\n", r.unknown)
	}
}

func writeCounts(w io.Writer, title string, counts map[string]int) {
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(w, "  %-20s %5d\n", k, counts[k])
	}
}
