// Command paginate is a backend job over a whole fleet of AWS IoT 1-Click
// devices: it walks every device of the account with a ListDevices
// paginator, which follows the page tokens, and reports the devices by type
// and by project, and the -list lowest of those whose battery is running
// low. It keeps counts and those few devices, never the pages.
//
// Usage:
//
//	go run ./examples/paginate [-endpoint URL] [-region us-west-2] [-threshold 20] [-list 20] [-page-size 100] [-type button] [-fleet 250] [-timeout 5m]
//
// With -endpoint, or with AWS_ENDPOINT_URL_IOT_1CLICK_DEVICES_SERVICE or
// AWS_ENDPOINT_URL set, it reads that endpoint: an emulator's with the
// region and test credentials the emulator gives, another's with those of
// the usual AWS configuration. Without them it starts an emulator
// in-process (iot1clicktest) holding a generated fleet of -fleet devices,
// 0 to 100,000 as in the standalone emulator. -timeout bounds the whole
// job, the building of the fleet included; the progress (pages, devices,
// time elapsed) goes to standard error, the report to standard output.
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
	"strings"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/internal/cli"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cli.Exit("paginate", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, sets up the client and writes the report to out and
// the job's progress to progress.
func run(ctx context.Context, args []string, out, progress io.Writer) error {
	fs := flag.NewFlagSet("paginate", flag.ContinueOnError)
	fs.SetOutput(out)
	endpoint := fs.String("endpoint", "", cli.EndpointUsage)
	region := fs.String("region", "", "AWS `region` (default: the emulator's, else the AWS configuration's)")
	threshold := fs.Float64("threshold", 20, "report devices whose remaining life is below this `percentage`")
	pageSize := fs.Int("page-size", 100, "devices per ListDevices page, 1 to 250")
	deviceType := fs.String("type", "", "list only devices of this `type`, such as button")
	list := fs.Int("list", 20, "how many of the devices below the threshold to list, lowest first")
	fleet := fs.Int("fleet", 250, fmt.Sprintf("in-process emulator only: number of devices to generate, 0 to %d", iot1clicktest.MaxFleet))
	timeout := fs.Duration("timeout", 5*time.Minute, "time limit of the whole job, building the fleet included")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *pageSize < 1 || *pageSize > 250:
		return cli.Usagef("-page-size must be from 1 to 250")
	case *fleet < 0 || *fleet > iot1clicktest.MaxFleet:
		return cli.Usagef("-fleet must be from 0 to %d", iot1clicktest.MaxFleet)
	case *timeout <= 0:
		return cli.Usagef("-timeout must be positive")
	case *list < 0:
		return cli.Usagef("-list must not be negative")
	}
	*endpoint = cli.Endpoint(*endpoint)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	start := time.Now()

	var client *iot1click.Client
	if *endpoint == "" {
		opts := []iot1clicktest.Option{iot1clicktest.WithFleet(*fleet)}
		if *region != "" {
			opts = append(opts, iot1clicktest.WithRegion(*region))
		}
		fmt.Fprintf(progress, "Building a fleet of %d devices in an in-process emulator...\n", *fleet)
		srv, err := newServer(ctx, opts)
		if err != nil {
			return fmt.Errorf("building the fleet: %w (raise -timeout, or lower -fleet)", err)
		}
		defer srv.Close()
		fmt.Fprintf(out, "No -endpoint given: using an in-process emulator at %s with %d generated devices.\n\n", srv.URL, *fleet)
		client = srv.Client()
	} else {
		r, err := cli.Connect(ctx, *endpoint, *region)
		if err != nil {
			return err
		}
		fmt.Fprintf(progress, "Listing the devices of %s\n", r.Describe())
		client = r.Client
	}

	p := &progressLog{w: progress, start: start, every: time.Second}
	r, err := buildReport(ctx, client, &iot1click.ListDevicesInput{DeviceType: *deviceType, MaxResults: int32(*pageSize)}, *threshold, *list, p.page)
	p.done(err)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%w (-timeout %s)", err, *timeout)
		}
		return err
	}
	r.write(out)
	return nil
}

// newServer starts the emulator, giving up when ctx ends first: a large
// fleet takes a while to build.
func newServer(ctx context.Context, opts []iot1clicktest.Option) (*iot1clicktest.Server, error) {
	made := make(chan *iot1clicktest.Server, 1)
	go func() { made <- iot1clicktest.NewServer(opts...) }()
	select {
	case srv := <-made:
		return srv, nil
	case <-ctx.Done():
		go func() { (<-made).Close() }()
		return nil, ctx.Err()
	}
}

// progressLog writes the walk's progress: pages, devices and time
// elapsed, at most once every interval, and once at the end.
type progressLog struct {
	w              io.Writer
	start, last    time.Time
	every          time.Duration
	pages, devices int
}

func (p *progressLog) page(devices int) {
	p.pages++
	p.devices += devices
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.print("")
	}
}

func (p *progressLog) done(err error) {
	if err != nil {
		p.print(", stopped")
		return
	}
	p.print(", done")
}

func (p *progressLog) print(suffix string) {
	fmt.Fprintf(p.w, "  %d pages, %d devices, %s elapsed%s\n", p.pages, p.devices, time.Since(p.start).Round(time.Millisecond), suffix)
}

// report is what the job learns about the fleet. It keeps counts and the
// few devices it lists, never the pages: a report of 100,000 devices is as
// small as one of ten.
type report struct {
	total     int
	byType    map[string]int
	byProject map[string]int
	threshold float64
	lowCount  int       // devices whose remaining life is below threshold
	low       []lowItem // the lowest of them, at most max, lowest first
	max       int
	unknown   int // devices that did not report their remaining life
}

// lowItem is a listed device, its strings copied out of the page.
type lowItem struct {
	id, where string
	life      float64
	enabled   bool
}

// buildReport ranges over every device that in selects, page by page,
// calling onPage with the size of each page, and keeps the list lowest
// devices below threshold. The walk stops at the first failure.
func buildReport(ctx context.Context, client iot1click.ListDevicesAPIClient, in *iot1click.ListDevicesInput, threshold float64, list int, onPage func(devices int)) (*report, error) {
	r := &report{byType: map[string]int{}, byProject: map[string]int{}, threshold: threshold, max: list}
	p := iot1click.NewListDevicesPaginator(client, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing devices after %d: %w", r.total, err)
		}
		onPage(len(page.Devices))
		for _, d := range page.Devices {
			r.add(d)
		}
	}
	return r, nil
}

// add counts a device.
func (r *report) add(d iot1click.DeviceDescription) {
	r.total++
	if _, ok := r.byType[d.Type]; !ok {
		r.byType[strings.Clone(d.Type)] = 0 // the key outlives the page
	}
	r.byType[d.Type]++
	p := d.Attributes["projectName"]
	if p == "" {
		p = "(no project)"
	}
	if _, ok := r.byProject[p]; !ok {
		r.byProject[strings.Clone(p)] = 0
	}
	r.byProject[p]++
	switch {
	case d.RemainingLife == nil:
		r.unknown++
	case *d.RemainingLife < r.threshold:
		r.lowCount++
		r.keepLow(d)
	}
}

// keepLow keeps d among the r.max lowest devices, ordered by remaining
// life, then ID.
func (r *report) keepLow(d iot1click.DeviceDescription) {
	item := lowItem{id: d.DeviceId, life: *d.RemainingLife, enabled: d.Enabled, where: d.Attributes["projectName"]}
	i, _ := slices.BinarySearchFunc(r.low, item, func(a, b lowItem) int {
		return cmp.Or(cmp.Compare(a.life, b.life), cmp.Compare(a.id, b.id))
	})
	if i >= r.max {
		return
	}
	if p := d.Attributes["placementName"]; p != "" {
		item.where += "/" + p
	}
	item.id, item.where = strings.Clone(item.id), strings.Clone(item.where)
	r.low = slices.Insert(r.low, i, item)
	if len(r.low) > r.max {
		r.low = r.low[:r.max]
	}
}

// write prints the report.
func (r *report) write(w io.Writer) {
	fmt.Fprintf(w, "Fleet report: %d devices\n", r.total)
	writeCounts(w, "By type", r.byType)
	writeCounts(w, "By project", r.byProject)
	fmt.Fprintf(w, "\nRemaining life below %g%%: %d devices\n", r.threshold, r.lowCount)
	for _, d := range r.low {
		state := "enabled"
		if !d.enabled {
			state = "disabled"
		}
		fmt.Fprintf(w, "  %-18s %6.2f%%  %-8s %s\n", d.id, d.life, state, d.where)
	}
	if more := r.lowCount - len(r.low); more > 0 {
		fmt.Fprintf(w, "  … and %d more (-list sets how many are listed)\n", more)
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
